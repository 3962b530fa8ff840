#include <slate/store/pg_outbox.hpp>

#include <slate/store/pg_values.hpp>
#include <slate/store/store_error.hpp>

#include <string_view>

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

std::optional<PendingDelivery> PgOutbox::next_pending(const std::string& subscriber) {
  const auto rows = m_db.run("SELECT n.id, n.event_id, n.event_type, d.body, d.attempts "
                             "FROM notification_deliveries d JOIN notifications n "
                             "ON n.id = d.notification_id "
                             "WHERE d.subscriber = $1 AND d.state = 'pending' "
                             "ORDER BY n.id LIMIT 1",
                             subscriber);
  if (rows.rows() == 0) {
    return std::nullopt;
  }
  return PendingDelivery{rows.int64(0, 0), rows.text(0, 1), rows.text(0, 2),
                         subscriber,       rows.text(0, 3), rows.int32(0, 4)};
}

void PgOutbox::record_delivered(std::int64_t notification_id, const std::string& subscriber,
                                int attempts, domain::Instant at) {
  update(notification_id, subscriber, "delivered", attempts, "", at);
}

void PgOutbox::record_failure(std::int64_t notification_id, const std::string& subscriber,
                              int attempts, const std::string& error, bool give_up,
                              domain::Instant at) {
  update(notification_id, subscriber, give_up ? "failed" : "pending", attempts, error, at);
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

void PgOutbox::update(std::int64_t notification_id, const std::string& subscriber,
                      const char* state, int attempts, const std::string& error,
                      domain::Instant at) {
  const bool pending = std::string_view(state) == "pending";
  const auto updated = m_db.run("UPDATE notification_deliveries SET state = $1, attempts = $2, "
                                "last_error = $3, finished_at = $4 "
                                "WHERE notification_id = $5 AND subscriber = $6",
                                state, attempts, error, pending ? PgParam() : instant_param(at),
                                notification_id, subscriber);
  if (updated.affected() == 0) {
    throw StoreError("there is no delivery of notification " + std::to_string(notification_id) +
                     " to " + subscriber);
  }
}

} // namespace slate::store::pg
