#pragma once

#include <slate/store/blackout_store.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

namespace slate::store::sqlite {

// The blackouts and blackout_regions tables.
class SqliteBlackoutStore final : public BlackoutStore {
public:
  explicit SqliteBlackoutStore(SQLite::Database& db) : m_db(db) {}

  std::vector<domain::Blackout> load() override;
  std::int64_t insert(const domain::Blackout& blackout) override;
  void remove(std::int64_t id) override;

private:
  SQLite::Database& m_db;
};

} // namespace slate::store::sqlite
