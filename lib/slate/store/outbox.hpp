#pragma once

#include <slate/domain/instant.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace slate::store {

// One notification as the outbox keeps it. (maintenance_id, phase, variant)
// names it, as does `event_id`; the outbox holds each at most once.
struct OutboxNotification {
  std::string event_id; // e.g. "maintenance/12/reminder/86400"
  std::int64_t maintenance_id = 0;
  std::string phase; // e.g. "reminder"
  std::int64_t variant = 0;
  std::string event_type; // e.g. "maintenance.reminder"
  domain::Instant due_at;
  domain::Instant created_at;
};

// What one subscriber is sent for a notification: the request body, rendered
// once when the notification is added, so that a retry sends the same bytes.
struct OutboxDelivery {
  std::string subscriber; // the URL, as configured
  std::string body;
};

// A delivery not yet made.
struct PendingDelivery {
  std::int64_t notification_id = 0;
  std::string event_id;
  std::string event_type;
  std::string subscriber;
  std::string body;
  int attempts = 0; // made so far, over every run of the daemon
};

// How many deliveries are in each state.
struct OutboxCounts {
  std::int64_t pending = 0;
  std::int64_t delivered = 0;
  std::int64_t failed = 0; // given up after the last attempt
};

// The durable outbox of notifications: a notification and one delivery per
// subscriber commit in one transaction when it becomes due, and a delivery
// leaves the pending state only after its receiver acknowledged it, so a
// crash at any moment loses none (one acknowledged just before a crash may
// be sent again, with the same event id). Every method throws StoreError
// when the database fails.
class Outbox {
public:
  virtual ~Outbox() = default;

  // Add `notification` with `deliveries` and return true, or return false
  // and change nothing if the outbox already has it.
  virtual bool add(const OutboxNotification& notification,
                   const std::vector<OutboxDelivery>& deliveries) = 0;

  // Return the event ids of the notifications due at or after `since`.
  virtual std::vector<std::string> event_ids_due_since(domain::Instant since) = 0;

  // Return the oldest pending delivery to `subscriber`, or std::nullopt.
  virtual std::optional<PendingDelivery> next_pending(const std::string& subscriber) = 0;

  // Record that `subscriber` acknowledged notification `notification_id`
  // at `at`, after `attempts` attempts in all.
  virtual void record_delivered(std::int64_t notification_id, const std::string& subscriber,
                                int attempts, domain::Instant at) = 0;

  // Record a failed attempt (`attempts` in all) and why; with `give_up` the
  // delivery is failed for good and is not pending any more.
  virtual void record_failure(std::int64_t notification_id, const std::string& subscriber,
                              int attempts, const std::string& error, bool give_up,
                              domain::Instant at) = 0;

  virtual OutboxCounts counts() = 0;

  // Remove the notifications due before `before` that have no pending
  // delivery, with their deliveries, and return how many were removed. A
  // notification with a delivery still pending is kept, however old.
  virtual std::int64_t prune(domain::Instant before) = 0;
};

} // namespace slate::store
