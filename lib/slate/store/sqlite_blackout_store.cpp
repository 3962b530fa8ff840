#include <slate/store/sqlite_blackout_store.hpp>

#include <slate/store/sqlite_values.hpp>
#include <slate/store/store_error.hpp>

namespace slate::store::sqlite {

std::vector<domain::Blackout> SqliteBlackoutStore::load() {
  auto regions = load_lists(m_db, "SELECT blackout_id, region FROM blackout_regions "
                                  "ORDER BY blackout_id, position");
  std::vector<domain::Blackout> blackouts;
  SQLite::Statement query(m_db, "SELECT id, period_start, period_end, reason, created_at, "
                                "created_by FROM blackouts ORDER BY id");
  while (query.executeStep()) {
    domain::Blackout b;
    b.id = query.getColumn(0).getInt64();
    b.period = {column_instant(query.getColumn(1)), column_instant(query.getColumn(2))};
    b.reason = query.getColumn(3).getString();
    b.created_at = column_instant(query.getColumn(4));
    b.created_by = query.getColumn(5).getString();
    if (auto it = regions.find(b.id); it != regions.end()) {
      b.regions = std::move(it->second);
    }
    blackouts.push_back(std::move(b));
  }
  return blackouts;
}

std::int64_t SqliteBlackoutStore::insert(const domain::Blackout& blackout) {
  SQLite::Statement insert(m_db, "INSERT INTO blackouts (period_start, period_end, reason, "
                                 "created_at, created_by) VALUES (?, ?, ?, ?, ?)");
  bind_instant(insert, 1, blackout.period.start);
  bind_instant(insert, 2, blackout.period.end);
  insert.bind(3, blackout.reason);
  bind_instant(insert, 4, blackout.created_at);
  insert.bind(5, blackout.created_by);
  insert.exec();
  const auto id = m_db.getLastInsertRowid();
  insert_list(m_db, "INSERT INTO blackout_regions (blackout_id, region, position) VALUES (?, ?, ?)",
              id, blackout.regions);
  return id;
}

void SqliteBlackoutStore::remove(std::int64_t id) {
  // Its regions go with it (ON DELETE CASCADE).
  SQLite::Statement erase(m_db, "DELETE FROM blackouts WHERE id = ?");
  erase.bind(1, id);
  if (erase.exec() == 0) {
    throw StoreError("there is no blackout " + std::to_string(id));
  }
}

} // namespace slate::store::sqlite
