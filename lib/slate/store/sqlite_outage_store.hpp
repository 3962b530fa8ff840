#pragma once

#include <slate/store/outage_store.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

namespace slate::store::sqlite {

// The outages and outage_regions tables.
class SqliteOutageStore final : public OutageStore {
public:
  explicit SqliteOutageStore(SQLite::Database& db) : m_db(db) {}

  std::vector<domain::Outage> load() override;
  std::int64_t insert(const domain::Outage& outage) override;
  void update(const domain::Outage& outage) override;

private:
  SQLite::Database& m_db;
};

} // namespace slate::store::sqlite
