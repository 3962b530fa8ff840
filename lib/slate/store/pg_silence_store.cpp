#include <slate/store/pg_silence_store.hpp>

#include <slate/store/pg_values.hpp>
#include <slate/store/store_error.hpp>

namespace slate::store::pg {

std::vector<StoredSilence> PgSilenceStore::load() {
  const auto rows = m_db.run("SELECT tag, maintenance_id, desired, silence_id, alertmanager, "
                             "status, updated_at FROM maintenance_silences ORDER BY tag");
  std::vector<StoredSilence> out;
  out.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) {
    out.push_back({rows.text(row, 0), rows.int64(row, 1), rows.text(row, 2), rows.text(row, 3),
                   rows.text(row, 4), rows.text(row, 5), column_instant(rows, row, 6)});
  }
  return out;
}

void PgSilenceStore::queue(const StoredSilence& silence, domain::Instant at) {
  m_db.run("INSERT INTO maintenance_silences (tag, maintenance_id, desired, silence_id, "
           "alertmanager, status, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
           "ON CONFLICT (tag) DO UPDATE SET desired = excluded.desired, "
           "status = excluded.status, updated_at = excluded.updated_at",
           silence.tag, silence.maintenance_id, silence.desired, silence.silence_id,
           silence.alertmanager, silence.status, instant_param(at));
  m_db.run("UPDATE silence_changes SET state = 'superseded', finished_at = $1 "
           "WHERE tag = $2 AND state = 'pending'",
           instant_param(at), silence.tag);
  m_db.run("INSERT INTO silence_changes (tag, maintenance_id, desired, state, attempts, "
           "last_error, created_at) VALUES ($1, $2, $3, 'pending', 0, '', $4)",
           silence.tag, silence.maintenance_id, silence.desired, instant_param(at));
}

std::optional<SilenceChange> PgSilenceStore::next_pending() {
  const auto rows = m_db.run("SELECT id, tag, maintenance_id, desired, attempts, created_at "
                             "FROM silence_changes WHERE state = 'pending' ORDER BY id LIMIT 1");
  if (rows.rows() == 0) {
    return std::nullopt;
  }
  return SilenceChange{rows.int64(0, 0), rows.text(0, 1),  rows.int64(0, 2),
                       rows.text(0, 3),  rows.int32(0, 4), column_instant(rows, 0, 5)};
}

void PgSilenceStore::record_done(std::int64_t change_id, int attempts, const StoredSilence& silence,
                                 domain::Instant at) {
  if (change_id != 0) {
    const auto done = m_db.run("UPDATE silence_changes SET state = 'done', attempts = $1, "
                               "last_error = '', finished_at = $2 WHERE id = $3",
                               attempts, instant_param(at), change_id);
    if (done.affected() == 0) {
      throw StoreError("there is no silence change " + std::to_string(change_id));
    }
  }
  const auto updated = m_db.run("UPDATE maintenance_silences SET silence_id = $1, "
                                "alertmanager = $2, status = $3, updated_at = $4 WHERE tag = $5",
                                silence.silence_id, silence.alertmanager, silence.status,
                                instant_param(at), silence.tag);
  if (updated.affected() == 0) {
    throw StoreError("there is no silence '" + silence.tag + "'");
  }
}

void PgSilenceStore::record_failure(std::int64_t change_id, int attempts, const std::string& error,
                                    bool give_up, domain::Instant at) {
  const auto updated = m_db.run("UPDATE silence_changes SET state = $1, attempts = $2, "
                                "last_error = $3, finished_at = $4 WHERE id = $5",
                                give_up ? "failed" : "pending", attempts, error,
                                give_up ? instant_param(at) : PgParam(), change_id);
  if (updated.affected() == 0) {
    throw StoreError("there is no silence change " + std::to_string(change_id));
  }
  if (give_up) {
    m_db.run("UPDATE maintenance_silences SET status = 'failed', updated_at = $1 "
             "WHERE tag = (SELECT tag FROM silence_changes WHERE id = $2)",
             instant_param(at), change_id);
  }
}

SilenceChangeCounts PgSilenceStore::counts() {
  SilenceChangeCounts counts;
  const auto rows = m_db.run("SELECT state, COUNT(*) FROM silence_changes GROUP BY state");
  for (int row = 0; row < rows.rows(); ++row) {
    const auto state = rows.text(row, 0);
    const auto count = rows.int64(row, 1);
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

} // namespace slate::store::pg
