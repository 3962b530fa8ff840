#include <slate/store/database.hpp>
#include <slate/store/migrations.hpp>
#include <slate/store/outbox.hpp>
#include <slate/store/sqlite_connection.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <type_traits>
#include <utility>

namespace slate::store {
namespace {

using domain::Instant;

std::int64_t to_seconds(Instant t) {
  return static_cast<std::int64_t>(t.time_since_epoch().count());
}

class SqliteOutbox final : public Outbox, private SqliteConnection {
public:
  explicit SqliteOutbox(const std::filesystem::path& path) : SqliteConnection(path) {}

  bool add(const OutboxNotification& notification,
           const std::vector<OutboxDelivery>& deliveries) override {
    bool added = false;
    in_write_transaction("add notification " + notification.event_id, [&] {
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
      insert.bind(6, to_seconds(notification.due_at));
      insert.bind(7, to_seconds(notification.created_at));
      if (insert.exec() == 0) {
        return;
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
      added = true;
    });
    return added;
  }

  std::vector<std::string> event_ids_due_since(Instant since) override {
    return in_read_transaction("read notification ids", [&] {
      SQLite::Statement query(m_db, "SELECT event_id FROM notifications WHERE due_at >= ?");
      query.bind(1, to_seconds(since));
      std::vector<std::string> ids;
      while (query.executeStep()) {
        ids.push_back(query.getColumn(0).getString());
      }
      return ids;
    });
  }

  std::optional<PendingDelivery> next_pending(const std::string& subscriber) override {
    return in_read_transaction(
        "read the pending deliveries", [&]() -> std::optional<PendingDelivery> {
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
        });
  }

  void record_delivered(std::int64_t notification_id, const std::string& subscriber, int attempts,
                        Instant at) override {
    update(notification_id, subscriber, "delivered", attempts, "", at);
  }

  void record_failure(std::int64_t notification_id, const std::string& subscriber, int attempts,
                      const std::string& error, bool give_up, Instant at) override {
    update(notification_id, subscriber, give_up ? "failed" : "pending", attempts, error, at);
  }

  OutboxCounts counts() override {
    return in_read_transaction("count the deliveries", [&] {
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
    });
  }

  std::int64_t prune(Instant before) override {
    std::int64_t removed = 0;
    in_write_transaction("remove old notifications", [&] {
      // Deliveries go with their notification (ON DELETE CASCADE).
      SQLite::Statement remove(m_db,
                               "DELETE FROM notifications WHERE due_at < ? AND NOT EXISTS "
                               "(SELECT 1 FROM notification_deliveries d WHERE "
                               "d.notification_id = notifications.id AND d.state = 'pending')");
      remove.bind(1, to_seconds(before));
      removed = remove.exec();
    });
    return removed;
  }

private:
  void update(std::int64_t notification_id, const std::string& subscriber, const char* state,
              int attempts, const std::string& error, Instant at) {
    in_write_transaction(
        "record a delivery of notification " + std::to_string(notification_id), [&] {
          SQLite::Statement statement(m_db,
                                      "UPDATE notification_deliveries SET state = ?, attempts = ?, "
                                      "last_error = ?, finished_at = ? "
                                      "WHERE notification_id = ? AND subscriber = ?");
          statement.bind(1, state);
          statement.bind(2, attempts);
          statement.bind(3, error);
          if (std::string_view(state) == "pending") {
            statement.bind(4);
          } else {
            statement.bind(4, to_seconds(at));
          }
          statement.bind(5, notification_id);
          statement.bind(6, subscriber);
          if (statement.exec() == 0) {
            throw StoreError("there is no delivery of notification " +
                             std::to_string(notification_id) + " to " + subscriber);
          }
        });
  }
};

} // namespace

std::unique_ptr<Outbox> open_sqlite_outbox(const std::filesystem::path& path) {
  try {
    return std::make_unique<SqliteOutbox>(path);
  } catch (const StoreError&) {
    throw;
  } catch (const std::exception& e) {
    throw StoreError("cannot open the outbox in database " + path.string() + ": " + e.what());
  }
}

} // namespace slate::store
