#include <slate/store/pg_outbox.hpp>

#include <slate/store/pg_values.hpp>

namespace slate::store::pg {

bool PgOutbox::add(const OutboxNotification& notification,
                   const std::vector<OutboxDelivery>& deliveries) {
  // A notification derived again is the same notification; both UNIQUE
  // keys count. Another replica adding it at the same moment waits for
  // ours to commit, then finds it there.
  const auto inserted = m_db.run(
      "INSERT INTO notifications (event_id, maintenance_id, phase, variant, event_type, due_at, "
      "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id",
      notification.event_id, notification.maintenance_id, notification.phase, notification.variant,
      notification.event_type, instant_param(notification.due_at),
      instant_param(notification.created_at));
  if (inserted.rows() == 0) {
    return false;
  }
  const auto id = inserted.int64(0, 0);
  for (const auto& d : deliveries) {
    m_db.run("INSERT INTO notification_deliveries (notification_id, subscriber, body, state, "
             "attempts, last_error) VALUES ($1, $2, $3, 'pending', 0, '')",
             id, d.subscriber, d.body);
  }
  return true;
}

std::vector<std::string> PgOutbox::event_ids_due_since(domain::Instant since) {
  const auto rows =
      m_db.run("SELECT event_id FROM notifications WHERE due_at >= $1", instant_param(since));
  std::vector<std::string> ids;
  ids.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) {
    ids.push_back(rows.text(row, 0));
  }
  return ids;
}

std::optional<PendingDelivery> PgOutbox::claim_next(const std::string& subscriber,
                                                    const DeliveryClaim& claim) {
  // `oldest` reads without a lock, so that the order holds: if another
  // replica is claiming the oldest right now (its row locked), SKIP LOCKED
  // leaves `free` empty instead of handing out the next one, and the claim
  // never waits. READ COMMITTED checks `free`'s conditions again against
  // the row as last committed, so a claim committed meanwhile counts.
  const auto rows =
      m_db.run("WITH oldest AS ("
               "  SELECT notification_id FROM notification_deliveries "
               "  WHERE subscriber = $1 AND state = 'pending' "
               "  ORDER BY notification_id LIMIT 1), "
               "free AS ("
               "  SELECT d.notification_id FROM notification_deliveries d "
               "  JOIN oldest o ON o.notification_id = d.notification_id "
               "  WHERE d.subscriber = $1 AND d.state = 'pending' AND (d.claimed_by IS NULL "
               "    OR d.claimed_by = $2 OR d.claimed_until <= $3) "
               "  FOR UPDATE OF d SKIP LOCKED) "
               "UPDATE notification_deliveries d SET claimed_by = $2, claimed_until = $4 "
               "FROM free f, notifications n "
               "WHERE d.subscriber = $1 AND d.notification_id = f.notification_id "
               "AND n.id = d.notification_id "
               "RETURNING n.id, n.event_id, n.event_type, d.body, d.attempts",
               subscriber, claim.claimant, instant_param(claim.now), instant_param(claim.until));
  if (rows.rows() == 0) {
    return std::nullopt;
  }
  return PendingDelivery{rows.int64(0, 0), rows.text(0, 1), rows.text(0, 2),
                         subscriber,       rows.text(0, 3), rows.int32(0, 4)};
}

bool PgOutbox::record_delivered(const DeliveryAttempt& attempt) {
  return update(attempt, "delivered", "", std::nullopt);
}

bool PgOutbox::record_failure(const DeliveryAttempt& attempt, const std::string& error,
                              std::optional<domain::Instant> retry_at) {
  return update(attempt, retry_at ? "pending" : "failed", error, retry_at);
}

std::int64_t PgOutbox::release_claims(const std::string& claimant) {
  return m_db
      .run("UPDATE notification_deliveries SET claimed_by = NULL, claimed_until = NULL "
           "WHERE claimed_by = $1 AND state = 'pending'",
           claimant)
      .affected();
}

OutboxCounts PgOutbox::counts() {
  OutboxCounts counts;
  const auto rows = m_db.run("SELECT state, COUNT(*) FROM notification_deliveries GROUP BY state");
  for (int row = 0; row < rows.rows(); ++row) {
    const auto state = rows.text(row, 0);
    const auto count = rows.int64(row, 1);
    if (state == "pending") {
      counts.pending = count;
    } else if (state == "delivered") {
      counts.delivered = count;
    } else if (state == "failed") {
      counts.failed = count;
    }
  }
  return counts;
}

std::int64_t PgOutbox::prune(domain::Instant before) {
  // Deliveries go with their notification (ON DELETE CASCADE).
  return m_db
      .run("DELETE FROM notifications WHERE due_at < $1 AND NOT EXISTS "
           "(SELECT 1 FROM notification_deliveries d WHERE "
           "d.notification_id = notifications.id AND d.state = 'pending')",
           instant_param(before))
      .affected();
}

bool PgOutbox::update(const DeliveryAttempt& attempt, const char* state, const std::string& error,
                      std::optional<domain::Instant> held_until) {
  // Matches no row once the claim has passed to another replica: a row
  // locked by that replica's claim is waited for, then checked again as it
  // committed.
  const auto updated = m_db.run(
      "UPDATE notification_deliveries SET state = $1, attempts = $2, last_error = $3, "
      "finished_at = $4, claimed_by = $5, claimed_until = $6 "
      "WHERE notification_id = $7 AND subscriber = $8 AND state = 'pending' AND claimed_by = $9",
      state, attempt.attempts, error, held_until ? PgParam() : instant_param(attempt.at),
      held_until ? to_param(attempt.claimant) : PgParam(), optional_instant_param(held_until),
      attempt.notification_id, attempt.subscriber, attempt.claimant);
  return updated.affected() == 1;
}

} // namespace slate::store::pg
