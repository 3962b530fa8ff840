#pragma once

#include <slate/store/outage_store.hpp>

#include <slate/store/pg_connection.hpp>

namespace slate::store::pg {

// The outages and outage_regions tables.
class PgOutageStore final : public OutageStore {
public:
  explicit PgOutageStore(PgConnection& db) : m_db(db) {}

  std::vector<domain::Outage> load() override;
  std::int64_t insert(const domain::Outage& outage) override;
  void update(const domain::Outage& outage) override;

private:
  PgConnection& m_db;
};

} // namespace slate::store::pg
