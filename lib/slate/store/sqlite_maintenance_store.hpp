#pragma once

#include <slate/store/maintenance_store.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

namespace slate::store::sqlite {

// The maintenances, maintenance_regions and maintenance_services tables.
class SqliteMaintenanceStore final : public MaintenanceStore {
public:
  explicit SqliteMaintenanceStore(SQLite::Database& db) : m_db(db) {}

  std::vector<domain::Maintenance> load() override;
  std::int64_t insert(const domain::Maintenance& maintenance) override;
  void update(const domain::Maintenance& maintenance) override;

private:
  SQLite::Database& m_db;
};

} // namespace slate::store::sqlite
