#pragma once

#include <slate/store/maintenance_store.hpp>

#include <slate/store/pg_connection.hpp>

namespace slate::store::pg {

// The maintenances, maintenance_regions and maintenance_services tables.
class PgMaintenanceStore final : public MaintenanceStore {
public:
  explicit PgMaintenanceStore(PgConnection& db) : m_db(db) {}

  std::vector<domain::Maintenance> load() override;
  std::int64_t insert(const domain::Maintenance& maintenance) override;
  void update(const domain::Maintenance& maintenance) override;

private:
  PgConnection& m_db;
};

} // namespace slate::store::pg
