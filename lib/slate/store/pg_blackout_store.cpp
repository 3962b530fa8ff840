#include <slate/store/pg_blackout_store.hpp>

#include <slate/store/pg_values.hpp>
#include <slate/store/store_error.hpp>

namespace slate::store::pg {

std::vector<domain::Blackout> PgBlackoutStore::load() {
  auto regions = load_lists(m_db, "SELECT blackout_id, region FROM blackout_regions "
                                  "ORDER BY blackout_id, position");
  std::vector<domain::Blackout> blackouts;
  const auto rows = m_db.run("SELECT id, period_start, period_end, reason, created_at, "
                             "created_by FROM blackouts ORDER BY id");
  for (int row = 0; row < rows.rows(); ++row) {
    domain::Blackout b;
    b.id = rows.int64(row, 0);
    b.period = {column_instant(rows, row, 1), column_instant(rows, row, 2)};
    b.reason = rows.text(row, 3);
    b.created_at = column_instant(rows, row, 4);
    b.created_by = rows.text(row, 5);
    if (auto it = regions.find(b.id); it != regions.end()) {
      b.regions = std::move(it->second);
    }
    blackouts.push_back(std::move(b));
  }
  return blackouts;
}

std::int64_t PgBlackoutStore::insert(const domain::Blackout& blackout) {
  const auto id = m_db.run("INSERT INTO blackouts (period_start, period_end, reason, created_at, "
                           "created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                           instant_param(blackout.period.start), instant_param(blackout.period.end),
                           blackout.reason, instant_param(blackout.created_at), blackout.created_by)
                      .int64(0, 0);
  insert_list(m_db,
              "INSERT INTO blackout_regions (blackout_id, region, position) VALUES ($1, $2, $3)",
              id, blackout.regions);
  return id;
}

void PgBlackoutStore::remove(std::int64_t id) {
  // Its regions go with it (ON DELETE CASCADE).
  if (m_db.run("DELETE FROM blackouts WHERE id = $1", id).affected() == 0) {
    throw StoreError("there is no blackout " + std::to_string(id));
  }
}

} // namespace slate::store::pg
