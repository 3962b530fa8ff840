#include <slate/store/sqlite_outage_store.hpp>

#include <slate/store/sqlite_values.hpp>
#include <slate/store/store_error.hpp>

namespace slate::store::sqlite {
namespace {

constexpr const char* k_insert_region =
    "INSERT INTO outage_regions (outage_id, region, position) VALUES (?, ?, ?)";

// Bind every column of `o` but its id to parameters 1..9, in the order of
// the outages table.
void bind_outage(SQLite::Statement& statement, const domain::Outage& o) {
  statement.bind(1, o.service);
  bind_instant(statement, 2, o.start);
  bind_optional_instant(statement, 3, o.end);
  statement.bind(4, std::string(domain::to_string(o.impact)));
  statement.bind(5, std::string(domain::to_string(o.cause)));
  statement.bind(6, o.description);
  bind_instant(statement, 7, o.created_at);
  statement.bind(8, o.created_by);
  statement.bind(9, o.imported ? 1 : 0);
}

} // namespace

std::vector<domain::Outage> SqliteOutageStore::load() {
  auto regions =
      load_lists(m_db, "SELECT outage_id, region FROM outage_regions ORDER BY outage_id, position");
  std::vector<domain::Outage> outages;
  SQLite::Statement query(m_db, "SELECT id, service, start_at, end_at, impact, cause, "
                                "description, created_at, created_by, imported "
                                "FROM outages ORDER BY id");
  while (query.executeStep()) {
    domain::Outage o;
    o.id = query.getColumn(0).getInt64();
    o.service = query.getColumn(1).getString();
    o.start = column_instant(query.getColumn(2));
    o.end = column_optional_instant(query.getColumn(3));
    const auto impact_text = query.getColumn(4).getString();
    const auto cause_text = query.getColumn(5).getString();
    const auto impact = domain::parse_outage_impact(impact_text);
    const auto cause = domain::parse_outage_cause(cause_text);
    if (!impact || !cause) {
      throw StoreError("outage " + std::to_string(o.id) + " has unknown impact '" + impact_text +
                       "' or cause '" + cause_text + "'");
    }
    o.impact = *impact;
    o.cause = *cause;
    o.description = query.getColumn(6).getString();
    o.created_at = column_instant(query.getColumn(7));
    o.created_by = query.getColumn(8).getString();
    o.imported = column_flag(query.getColumn(9));
    if (auto it = regions.find(o.id); it != regions.end()) {
      o.regions = std::move(it->second);
    }
    outages.push_back(std::move(o));
  }
  return outages;
}

std::int64_t SqliteOutageStore::insert(const domain::Outage& outage) {
  SQLite::Statement insert(m_db, "INSERT INTO outages (service, start_at, end_at, impact, cause, "
                                 "description, created_at, created_by, imported) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bind_outage(insert, outage);
  insert.exec();
  const auto id = m_db.getLastInsertRowid();
  insert_list(m_db, k_insert_region, id, outage.regions);
  return id;
}

void SqliteOutageStore::update(const domain::Outage& outage) {
  SQLite::Statement update(m_db, "UPDATE outages SET service = ?, start_at = ?, end_at = ?, "
                                 "impact = ?, cause = ?, description = ?, created_at = ?, "
                                 "created_by = ?, imported = ? WHERE id = ?");
  bind_outage(update, outage);
  update.bind(10, outage.id);
  if (update.exec() == 0) {
    throw StoreError("there is no outage " + std::to_string(outage.id));
  }
  replace_list(m_db, "DELETE FROM outage_regions WHERE outage_id = ?", k_insert_region, outage.id,
               outage.regions);
}

} // namespace slate::store::sqlite
