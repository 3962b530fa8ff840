#include <slate/store/pg_outage_store.hpp>

#include <slate/store/pg_values.hpp>
#include <slate/store/store_error.hpp>

namespace slate::store::pg {
namespace {

constexpr const char* k_insert_region =
    "INSERT INTO outage_regions (outage_id, region, position) VALUES ($1, $2, $3)";

// Every column of `o` but its id, in the order of the outages table:
// parameters $1..$9.
std::vector<PgParam> outage_params(const domain::Outage& o) {
  return {o.service,
          instant_param(o.start),
          optional_instant_param(o.end),
          std::string(domain::to_string(o.impact)),
          std::string(domain::to_string(o.cause)),
          o.description,
          instant_param(o.created_at),
          o.created_by,
          flag_param(o.imported)};
}

} // namespace

std::vector<domain::Outage> PgOutageStore::load() {
  auto regions =
      load_lists(m_db, "SELECT outage_id, region FROM outage_regions ORDER BY outage_id, position");
  std::vector<domain::Outage> outages;
  const auto rows = m_db.run("SELECT id, service, start_at, end_at, impact, cause, description, "
                             "created_at, created_by, imported FROM outages ORDER BY id");
  for (int row = 0; row < rows.rows(); ++row) {
    domain::Outage o;
    o.id = rows.int64(row, 0);
    o.service = rows.text(row, 1);
    o.start = column_instant(rows, row, 2);
    o.end = column_optional_instant(rows, row, 3);
    const auto impact_text = rows.text(row, 4);
    const auto cause_text = rows.text(row, 5);
    const auto impact = domain::parse_outage_impact(impact_text);
    const auto cause = domain::parse_outage_cause(cause_text);
    if (!impact || !cause) {
      throw StoreError("outage " + std::to_string(o.id) + " has unknown impact '" + impact_text +
                       "' or cause '" + cause_text + "'");
    }
    o.impact = *impact;
    o.cause = *cause;
    o.description = rows.text(row, 6);
    o.created_at = column_instant(rows, row, 7);
    o.created_by = rows.text(row, 8);
    o.imported = column_flag(rows, row, 9);
    if (auto it = regions.find(o.id); it != regions.end()) {
      o.regions = std::move(it->second);
    }
    outages.push_back(std::move(o));
  }
  return outages;
}

std::int64_t PgOutageStore::insert(const domain::Outage& outage) {
  const auto id = m_db.exec("INSERT INTO outages (service, start_at, end_at, impact, cause, "
                            "description, created_at, created_by, imported) "
                            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                            outage_params(outage))
                      .int64(0, 0);
  insert_list(m_db, k_insert_region, id, outage.regions);
  return id;
}

void PgOutageStore::update(const domain::Outage& outage) {
  auto params = outage_params(outage);
  params.push_back(to_param(outage.id));
  const auto updated = m_db.exec("UPDATE outages SET service = $1, start_at = $2, end_at = $3, "
                                 "impact = $4, cause = $5, description = $6, created_at = $7, "
                                 "created_by = $8, imported = $9 WHERE id = $10",
                                 params);
  if (updated.affected() == 0) {
    throw StoreError("there is no outage " + std::to_string(outage.id));
  }
  replace_list(m_db, "DELETE FROM outage_regions WHERE outage_id = $1", k_insert_region, outage.id,
               outage.regions);
}

} // namespace slate::store::pg
