#include <slate/store/pg_maintenance_store.hpp>

#include <slate/store/pg_values.hpp>
#include <slate/store/store_error.hpp>

namespace slate::store::pg {
namespace {

constexpr const char* k_insert_region =
    "INSERT INTO maintenance_regions (maintenance_id, region, position) VALUES ($1, $2, $3)";
constexpr const char* k_insert_service =
    "INSERT INTO maintenance_services (maintenance_id, service, position) VALUES ($1, $2, $3)";

// Every column of `m` but its id, in the order of the maintenances table:
// parameters $1..$15.
std::vector<PgParam> maintenance_params(const domain::Maintenance& m) {
  return {std::string(domain::to_string(m.kind)),
          std::string(domain::to_string(m.state)),
          m.title,
          m.message,
          instant_param(m.booked.start),
          instant_param(m.booked.end),
          instant_param(m.end),
          instant_param(m.announced_at),
          optional_instant_param(m.started_at),
          optional_instant_param(m.finished_at),
          instant_param(m.updated_at),
          to_param(static_cast<std::int64_t>(m.sequence)),
          m.created_by,
          flag_param(m.disruptive),
          flag_param(m.imported)};
}

} // namespace

std::vector<domain::Maintenance> PgMaintenanceStore::load() {
  auto regions = load_lists(m_db, "SELECT maintenance_id, region FROM maintenance_regions "
                                  "ORDER BY maintenance_id, position");
  auto services = load_lists(m_db, "SELECT maintenance_id, service FROM maintenance_services "
                                   "ORDER BY maintenance_id, position");
  std::vector<domain::Maintenance> maintenances;
  const auto rows =
      m_db.run("SELECT id, kind, state, title, message, booked_start, booked_end, end_at, "
               "announced_at, started_at, finished_at, updated_at, sequence, created_by, "
               "disruptive, imported FROM maintenances ORDER BY id");
  for (int row = 0; row < rows.rows(); ++row) {
    domain::Maintenance m;
    m.id = rows.int64(row, 0);
    const auto kind_text = rows.text(row, 1);
    const auto state_text = rows.text(row, 2);
    const auto kind = domain::parse_maintenance_kind(kind_text);
    const auto state = domain::parse_maintenance_state(state_text);
    if (!kind || !state) {
      throw StoreError("maintenance " + std::to_string(m.id) + " has unknown kind '" + kind_text +
                       "' or state '" + state_text + "'");
    }
    m.kind = *kind;
    m.state = *state;
    m.title = rows.text(row, 3);
    m.message = rows.text(row, 4);
    m.booked = {column_instant(rows, row, 5), column_instant(rows, row, 6)};
    m.end = column_instant(rows, row, 7);
    m.announced_at = column_instant(rows, row, 8);
    m.started_at = column_optional_instant(rows, row, 9);
    m.finished_at = column_optional_instant(rows, row, 10);
    m.updated_at = column_instant(rows, row, 11);
    m.sequence = rows.int32(row, 12);
    m.created_by = rows.text(row, 13);
    m.disruptive = column_flag(rows, row, 14);
    m.imported = column_flag(rows, row, 15);
    if (auto it = regions.find(m.id); it != regions.end()) {
      m.regions = std::move(it->second);
    }
    if (auto it = services.find(m.id); it != services.end()) {
      m.services = std::move(it->second);
    }
    maintenances.push_back(std::move(m));
  }
  return maintenances;
}

std::int64_t PgMaintenanceStore::insert(const domain::Maintenance& maintenance) {
  const auto id =
      m_db.exec("INSERT INTO maintenances (kind, state, title, message, booked_start, "
                "booked_end, end_at, announced_at, started_at, finished_at, updated_at, sequence, "
                "created_by, disruptive, imported) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                "$10, $11, $12, $13, $14, $15) RETURNING id",
                maintenance_params(maintenance))
          .int64(0, 0);
  insert_list(m_db, k_insert_region, id, maintenance.regions);
  insert_list(m_db, k_insert_service, id, maintenance.services);
  return id;
}

void PgMaintenanceStore::update(const domain::Maintenance& maintenance) {
  auto params = maintenance_params(maintenance);
  params.push_back(to_param(maintenance.id));
  const auto updated = m_db.exec("UPDATE maintenances SET kind = $1, state = $2, title = $3, "
                                 "message = $4, booked_start = $5, booked_end = $6, end_at = $7, "
                                 "announced_at = $8, started_at = $9, finished_at = $10, "
                                 "updated_at = $11, sequence = $12, created_by = $13, "
                                 "disruptive = $14, imported = $15 WHERE id = $16",
                                 params);
  if (updated.affected() == 0) {
    throw StoreError("there is no maintenance " + std::to_string(maintenance.id));
  }
  replace_list(m_db, "DELETE FROM maintenance_regions WHERE maintenance_id = $1", k_insert_region,
               maintenance.id, maintenance.regions);
  replace_list(m_db, "DELETE FROM maintenance_services WHERE maintenance_id = $1", k_insert_service,
               maintenance.id, maintenance.services);
}

} // namespace slate::store::pg
