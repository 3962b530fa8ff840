#include <slate/store/sqlite_outbox.hpp>

#include <slate/store/sqlite_values.hpp>
#include <slate/store/store_error.hpp>

#include <string_view>

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

std::optional<PendingDelivery> SqliteOutbox::next_pending(const std::string& subscriber) {
  SQLite::Statement query(m_db, "SELECT n.id, n.event_id, n.event_type, d.body, d.attempts "
                                "FROM notification_deliveries d JOIN notifications n "
                                "ON n.id = d.notification_id "
                                "WHERE d.subscriber = ? AND d.state = 'pending' "
                                "ORDER BY n.id LIMIT 1");
  query.bind(1, subscriber);
  if (!query.executeStep()) {
    return std::nullopt;
  }
  return PendingDelivery{query.getColumn(0).getInt64(),  query.getColumn(1).getString(),
                         query.getColumn(2).getString(), subscriber,
                         query.getColumn(3).getString(), query.getColumn(4).getInt()};
}

void SqliteOutbox::record_delivered(std::int64_t notification_id, const std::string& subscriber,
                                    int attempts, domain::Instant at) {
  update(notification_id, subscriber, "delivered", attempts, "", at);
}

void SqliteOutbox::record_failure(std::int64_t notification_id, const std::string& subscriber,
                                  int attempts, const std::string& error, bool give_up,
                                  domain::Instant at) {
  update(notification_id, subscriber, give_up ? "failed" : "pending", attempts, error, at);
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

void SqliteOutbox::update(std::int64_t notification_id, const std::string& subscriber,
                          const char* state, int attempts, const std::string& error,
                          domain::Instant at) {
  SQLite::Statement statement(m_db, "UPDATE notification_deliveries SET state = ?, attempts = ?, "
                                    "last_error = ?, finished_at = ? "
                                    "WHERE notification_id = ? AND subscriber = ?");
  statement.bind(1, state);
  statement.bind(2, attempts);
  statement.bind(3, error);
  if (std::string_view(state) == "pending") {
    statement.bind(4);
  } else {
    bind_instant(statement, 4, at);
  }
  statement.bind(5, notification_id);
  statement.bind(6, subscriber);
  if (statement.exec() == 0) {
    throw StoreError("there is no delivery of notification " + std::to_string(notification_id) +
                     " to " + subscriber);
  }
}

} // namespace slate::store::sqlite
