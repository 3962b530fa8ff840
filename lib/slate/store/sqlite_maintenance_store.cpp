#include <slate/store/sqlite_maintenance_store.hpp>

#include <slate/store/sqlite_values.hpp>
#include <slate/store/store_error.hpp>

namespace slate::store::sqlite {
namespace {

constexpr const char* k_insert_region =
    "INSERT INTO maintenance_regions (maintenance_id, region, position) VALUES (?, ?, ?)";
constexpr const char* k_insert_service =
    "INSERT INTO maintenance_services (maintenance_id, service, position) VALUES (?, ?, ?)";

// Bind every column of `m` but its id, in the order of the maintenances
// table, to parameters 1..15.
void bind_maintenance(SQLite::Statement& statement, const domain::Maintenance& m) {
  statement.bind(1, std::string(domain::to_string(m.kind)));
  statement.bind(2, std::string(domain::to_string(m.state)));
  statement.bind(3, m.title);
  statement.bind(4, m.message);
  bind_instant(statement, 5, m.booked.start);
  bind_instant(statement, 6, m.booked.end);
  bind_instant(statement, 7, m.end);
  bind_instant(statement, 8, m.announced_at);
  bind_optional_instant(statement, 9, m.started_at);
  bind_optional_instant(statement, 10, m.finished_at);
  bind_instant(statement, 11, m.updated_at);
  statement.bind(12, m.sequence);
  statement.bind(13, m.created_by);
  statement.bind(14, m.disruptive ? 1 : 0);
  statement.bind(15, m.imported ? 1 : 0);
}

} // namespace

std::vector<domain::Maintenance> SqliteMaintenanceStore::load() {
  auto regions = load_lists(m_db, "SELECT maintenance_id, region FROM maintenance_regions "
                                  "ORDER BY maintenance_id, position");
  auto services = load_lists(m_db, "SELECT maintenance_id, service FROM maintenance_services "
                                   "ORDER BY maintenance_id, position");
  std::vector<domain::Maintenance> maintenances;
  SQLite::Statement query(
      m_db, "SELECT id, kind, state, title, message, booked_start, booked_end, end_at, "
            "announced_at, started_at, finished_at, updated_at, sequence, created_by, "
            "disruptive, imported FROM maintenances ORDER BY id");
  while (query.executeStep()) {
    domain::Maintenance m;
    m.id = query.getColumn(0).getInt64();
    const auto kind_text = query.getColumn(1).getString();
    const auto state_text = query.getColumn(2).getString();
    const auto kind = domain::parse_maintenance_kind(kind_text);
    const auto state = domain::parse_maintenance_state(state_text);
    if (!kind || !state) {
      throw StoreError("maintenance " + std::to_string(m.id) + " has unknown kind '" + kind_text +
                       "' or state '" + state_text + "'");
    }
    m.kind = *kind;
    m.state = *state;
    m.title = query.getColumn(3).getString();
    m.message = query.getColumn(4).getString();
    m.booked = {column_instant(query.getColumn(5)), column_instant(query.getColumn(6))};
    m.end = column_instant(query.getColumn(7));
    m.announced_at = column_instant(query.getColumn(8));
    m.started_at = column_optional_instant(query.getColumn(9));
    m.finished_at = column_optional_instant(query.getColumn(10));
    m.updated_at = column_instant(query.getColumn(11));
    m.sequence = query.getColumn(12).getInt();
    m.created_by = query.getColumn(13).getString();
    m.disruptive = column_flag(query.getColumn(14));
    m.imported = column_flag(query.getColumn(15));
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

std::int64_t SqliteMaintenanceStore::insert(const domain::Maintenance& maintenance) {
  SQLite::Statement insert(
      m_db, "INSERT INTO maintenances (kind, state, title, message, booked_start, booked_end, "
            "end_at, announced_at, started_at, finished_at, updated_at, sequence, created_by, "
            "disruptive, imported) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bind_maintenance(insert, maintenance);
  insert.exec();
  const auto id = m_db.getLastInsertRowid();
  insert_list(m_db, k_insert_region, id, maintenance.regions);
  insert_list(m_db, k_insert_service, id, maintenance.services);
  return id;
}

void SqliteMaintenanceStore::update(const domain::Maintenance& maintenance) {
  SQLite::Statement update(m_db,
                           "UPDATE maintenances SET kind = ?, state = ?, title = ?, message = ?, "
                           "booked_start = ?, booked_end = ?, end_at = ?, announced_at = ?, "
                           "started_at = ?, finished_at = ?, updated_at = ?, sequence = ?, "
                           "created_by = ?, disruptive = ?, imported = ? WHERE id = ?");
  bind_maintenance(update, maintenance);
  update.bind(16, maintenance.id);
  if (update.exec() == 0) {
    throw StoreError("there is no maintenance " + std::to_string(maintenance.id));
  }
  replace_list(m_db, "DELETE FROM maintenance_regions WHERE maintenance_id = ?", k_insert_region,
               maintenance.id, maintenance.regions);
  replace_list(m_db, "DELETE FROM maintenance_services WHERE maintenance_id = ?", k_insert_service,
               maintenance.id, maintenance.services);
}

} // namespace slate::store::sqlite
