#pragma once

#include <slate/store/blackout_store.hpp>

#include <slate/store/pg_connection.hpp>

namespace slate::store::pg {

// The blackouts and blackout_regions tables.
class PgBlackoutStore final : public BlackoutStore {
public:
  explicit PgBlackoutStore(PgConnection& db) : m_db(db) {}

  std::vector<domain::Blackout> load() override;
  std::int64_t insert(const domain::Blackout& blackout) override;
  void remove(std::int64_t id) override;

private:
  PgConnection& m_db;
};

} // namespace slate::store::pg
