#include <slate/store/sqlite_silence_store.hpp>

#include <slate/store/sqlite_values.hpp>
#include <slate/store/store_error.hpp>

namespace slate::store::sqlite {

std::vector<StoredSilence> SqliteSilenceStore::load() {
  SQLite::Statement query(m_db, "SELECT tag, maintenance_id, desired, silence_id, alertmanager, "
                                "status, updated_at FROM maintenance_silences ORDER BY tag");
  std::vector<StoredSilence> out;
  while (query.executeStep()) {
    out.push_back({query.getColumn(0).getString(), query.getColumn(1).getInt64(),
                   query.getColumn(2).getString(), query.getColumn(3).getString(),
                   query.getColumn(4).getString(), query.getColumn(5).getString(),
                   column_instant(query.getColumn(6))});
  }
  return out;
}

void SqliteSilenceStore::queue(const StoredSilence& silence, domain::Instant at) {
  SQLite::Statement upsert(
      m_db, "INSERT INTO maintenance_silences (tag, maintenance_id, desired, silence_id, "
            "alertmanager, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (tag) DO UPDATE SET desired = excluded.desired, "
            "status = excluded.status, updated_at = excluded.updated_at");
  upsert.bind(1, silence.tag);
  upsert.bind(2, silence.maintenance_id);
  upsert.bind(3, silence.desired);
  upsert.bind(4, silence.silence_id);
  upsert.bind(5, silence.alertmanager);
  upsert.bind(6, silence.status);
  bind_instant(upsert, 7, at);
  upsert.exec();
  SQLite::Statement supersede(m_db, "UPDATE silence_changes SET state = 'superseded', "
                                    "finished_at = ? WHERE tag = ? AND state = 'pending'");
  bind_instant(supersede, 1, at);
  supersede.bind(2, silence.tag);
  supersede.exec();
  SQLite::Statement insert(
      m_db, "INSERT INTO silence_changes (tag, maintenance_id, desired, state, attempts, "
            "last_error, created_at) VALUES (?, ?, ?, 'pending', 0, '', ?)");
  insert.bind(1, silence.tag);
  insert.bind(2, silence.maintenance_id);
  insert.bind(3, silence.desired);
  bind_instant(insert, 4, at);
  insert.exec();
}

std::optional<SilenceChange> SqliteSilenceStore::next_pending() {
  SQLite::Statement query(m_db, "SELECT id, tag, maintenance_id, desired, attempts, created_at "
                                "FROM silence_changes WHERE state = 'pending' ORDER BY id LIMIT 1");
  if (!query.executeStep()) {
    return std::nullopt;
  }
  return SilenceChange{query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                       query.getColumn(2).getInt64(), query.getColumn(3).getString(),
                       query.getColumn(4).getInt(),   column_instant(query.getColumn(5))};
}

void SqliteSilenceStore::record_done(std::int64_t change_id, int attempts,
                                     const StoredSilence& silence, domain::Instant at) {
  if (change_id != 0) {
    SQLite::Statement done(m_db, "UPDATE silence_changes SET state = 'done', attempts = ?, "
                                 "last_error = '', finished_at = ? WHERE id = ?");
    done.bind(1, attempts);
    bind_instant(done, 2, at);
    done.bind(3, change_id);
    if (done.exec() == 0) {
      throw StoreError("there is no silence change " + std::to_string(change_id));
    }
  }
  SQLite::Statement update(m_db, "UPDATE maintenance_silences SET silence_id = ?, "
                                 "alertmanager = ?, status = ?, updated_at = ? WHERE tag = ?");
  update.bind(1, silence.silence_id);
  update.bind(2, silence.alertmanager);
  update.bind(3, silence.status);
  bind_instant(update, 4, at);
  update.bind(5, silence.tag);
  if (update.exec() == 0) {
    throw StoreError("there is no silence '" + silence.tag + "'");
  }
}

void SqliteSilenceStore::record_failure(std::int64_t change_id, int attempts,
                                        const std::string& error, bool give_up,
                                        domain::Instant at) {
  SQLite::Statement update(m_db, "UPDATE silence_changes SET state = ?, attempts = ?, "
                                 "last_error = ?, finished_at = ? WHERE id = ?");
  update.bind(1, give_up ? "failed" : "pending");
  update.bind(2, attempts);
  update.bind(3, error);
  if (give_up) {
    bind_instant(update, 4, at);
  } else {
    update.bind(4);
  }
  update.bind(5, change_id);
  if (update.exec() == 0) {
    throw StoreError("there is no silence change " + std::to_string(change_id));
  }
  if (give_up) {
    SQLite::Statement failed(m_db,
                             "UPDATE maintenance_silences SET status = 'failed', updated_at = ? "
                             "WHERE tag = (SELECT tag FROM silence_changes WHERE id = ?)");
    bind_instant(failed, 1, at);
    failed.bind(2, change_id);
    failed.exec();
  }
}

SilenceChangeCounts SqliteSilenceStore::counts() {
  SilenceChangeCounts counts;
  SQLite::Statement query(m_db, "SELECT state, COUNT(*) FROM silence_changes GROUP BY state");
  while (query.executeStep()) {
    const auto state = query.getColumn(0).getString();
    const auto count = query.getColumn(1).getInt64();
    if (state == "pending") {
      counts.pending = count;
    } else if (state == "failed") {
      counts.failed = count;
    } else {
      counts.done += count;
    }
  }
  return counts;
}

} // namespace slate::store::sqlite
