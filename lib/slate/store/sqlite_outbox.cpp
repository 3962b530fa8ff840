#include <slate/store/sqlite_outbox.hpp>

#include <slate/store/sqlite_values.hpp>

namespace slate::store::sqlite {

bool SqliteOutbox::add(const OutboxNotification& notification,
                       const std::vector<OutboxDelivery>& deliveries) {
  // ON CONFLICT DO NOTHING (SQLite 3.24, PostgreSQL 9.5): a notification
  // derived again is the same notification; both UNIQUE keys count.
  SQLite::Statement insert(
      m_db, "INSERT INTO notifications (event_id, maintenance_id, phase, variant, event_type, "
            "due_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
  insert.bind(1, notification.event_id);
  insert.bind(2, notification.maintenance_id);
  insert.bind(3, notification.phase);
  insert.bind(4, notification.variant);
  insert.bind(5, notification.event_type);
  bind_instant(insert, 6, notification.due_at);
  bind_instant(insert, 7, notification.created_at);
  if (insert.exec() == 0) {
    return false;
  }
  const auto id = m_db.getLastInsertRowid();
  SQLite::Statement delivery(
      m_db, "INSERT INTO notification_deliveries (notification_id, subscriber, body, state, "
            "attempts, last_error) VALUES (?, ?, ?, 'pending', 0, '')");
  for (const auto& d : deliveries) {
    delivery.bind(1, id);
    delivery.bind(2, d.subscriber);
    delivery.bind(3, d.body);
    delivery.exec();
    delivery.reset();
  }
  return true;
}

std::vector<std::string> SqliteOutbox::event_ids_due_since(domain::Instant since) {
  SQLite::Statement query(m_db, "SELECT event_id FROM notifications WHERE due_at >= ?");
  bind_instant(query, 1, since);
  std::vector<std::string> ids;
  while (query.executeStep()) {
    ids.push_back(query.getColumn(0).getString());
  }
  return ids;
}

std::optional<PendingDelivery> SqliteOutbox::claim_next(const std::string& subscriber,
                                                        const DeliveryClaim& claim) {
  // One process writes a SQLite file (store.hpp), within one transaction:
  // no other claim can come between this SELECT and the UPDATE.
  SQLite::Statement query(m_db, "SELECT n.id, n.event_id, n.event_type, d.body, d.attempts, "
                                "d.claimed_by, d.claimed_until "
                                "FROM notification_deliveries d JOIN notifications n "
                                "ON n.id = d.notification_id "
                                "WHERE d.subscriber = ? AND d.state = 'pending' "
                                "ORDER BY n.id LIMIT 1");
  query.bind(1, subscriber);
  if (!query.executeStep()) {
    return std::nullopt;
  }
  const auto holder = query.getColumn(5);
  const bool held = !holder.isNull() && holder.getString() != claim.claimant &&
                    column_instant(query.getColumn(6)) > claim.now;
  if (held) {
    return std::nullopt;
  }
  PendingDelivery delivery{query.getColumn(0).getInt64(),  query.getColumn(1).getString(),
                           query.getColumn(2).getString(), subscriber,
                           query.getColumn(3).getString(), query.getColumn(4).getInt()};
  SQLite::Statement take(m_db, "UPDATE notification_deliveries SET claimed_by = ?, "
                               "claimed_until = ? WHERE notification_id = ? AND subscriber = ?");
  take.bind(1, claim.claimant);
  bind_instant(take, 2, claim.until);
  take.bind(3, delivery.notification_id);
  take.bind(4, subscriber);
  take.exec();
  return delivery;
}

bool SqliteOutbox::record_delivered(const DeliveryAttempt& attempt) {
  return update(attempt, "delivered", "", std::nullopt);
}

bool SqliteOutbox::record_failure(const DeliveryAttempt& attempt, const std::string& error,
                                  std::optional<domain::Instant> retry_at) {
  return update(attempt, retry_at ? "pending" : "failed", error, retry_at);
}

std::int64_t SqliteOutbox::release_claims(const std::string& claimant) {
  SQLite::Statement release(m_db,
                            "UPDATE notification_deliveries SET claimed_by = NULL, "
                            "claimed_until = NULL WHERE claimed_by = ? AND state = 'pending'");
  release.bind(1, claimant);
  return release.exec();
}

OutboxCounts SqliteOutbox::counts() {
  OutboxCounts counts;
  SQLite::Statement query(m_db,
                          "SELECT state, COUNT(*) FROM notification_deliveries GROUP BY state");
  while (query.executeStep()) {
    const auto state = query.getColumn(0).getString();
    const auto count = query.getColumn(1).getInt64();
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

std::int64_t SqliteOutbox::prune(domain::Instant before) {
  // Deliveries go with their notification (ON DELETE CASCADE).
  SQLite::Statement remove(m_db, "DELETE FROM notifications WHERE due_at < ? AND NOT EXISTS "
                                 "(SELECT 1 FROM notification_deliveries d WHERE "
                                 "d.notification_id = notifications.id AND d.state = 'pending')");
  bind_instant(remove, 1, before);
  return remove.exec();
}

bool SqliteOutbox::update(const DeliveryAttempt& attempt, const char* state,
                          const std::string& error, std::optional<domain::Instant> held_until) {
  SQLite::Statement statement(m_db, "UPDATE notification_deliveries SET state = ?, attempts = ?, "
                                    "last_error = ?, finished_at = ?, claimed_by = ?, "
                                    "claimed_until = ? WHERE notification_id = ? AND "
                                    "subscriber = ? AND state = 'pending' AND claimed_by = ?");
  statement.bind(1, state);
  statement.bind(2, attempt.attempts);
  statement.bind(3, error);
  if (held_until) {
    statement.bind(4);
    statement.bind(5, attempt.claimant);
    bind_instant(statement, 6, *held_until);
  } else {
    bind_instant(statement, 4, attempt.at);
    statement.bind(5);
    statement.bind(6);
  }
  statement.bind(7, attempt.notification_id);
  statement.bind(8, attempt.subscriber);
  statement.bind(9, attempt.claimant);
  return statement.exec() == 1;
}

} // namespace slate::store::sqlite
