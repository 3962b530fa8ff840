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

// Who claims a delivery (Outbox::claim_next) and for how long, in the time
// of the daemons' clock.
struct DeliveryClaim {
  std::string claimant; // the replica, e.g. "host-a:4121"
  domain::Instant now;
  domain::Instant until; // the lease ends; a claim older than this is free
};

// An attempt at a claimed delivery, to record (Outbox::record_delivered,
// Outbox::record_failure).
struct DeliveryAttempt {
  std::int64_t notification_id = 0;
  std::string subscriber;
  std::string claimant; // who claimed it: only that claim's holder records
  int attempts = 0;     // made in all, this one included
  domain::Instant at;
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
// be sent again, with the same event id). Replicas sharing a database
// claim a delivery before they send it, with a lease, so that each sends it
// once, and a replica that dies leaves it to another when the lease ends.
// (An SQLite file is one process's: opening it releases every claim, since
// the earlier run that made them is gone.)
// Every method throws StoreError when the database fails.
class Outbox {
public:
  virtual ~Outbox() = default;

  // Add `notification` with `deliveries` and return true, or return false
  // and change nothing if the outbox already has it.
  virtual bool add(const OutboxNotification& notification,
                   const std::vector<OutboxDelivery>& deliveries) = 0;

  // Return the event ids of the notifications due at or after `since`.
  virtual std::vector<std::string> event_ids_due_since(domain::Instant since) = 0;

  // Claim the oldest pending delivery to `subscriber` for `claim.claimant`
  // until `claim.until` and return it; or return std::nullopt if there is
  // none, or if it is held: claimed by another claimant whose lease has not
  // ended at `claim.now`, or being claimed by another transaction at this
  // moment (PostgreSQL: FOR UPDATE SKIP LOCKED; a claim never waits). Only
  // the oldest: a subscriber gets its deliveries in order, so the next one
  // waits while the oldest is held. The holder may claim its own again.
  virtual std::optional<PendingDelivery> claim_next(const std::string& subscriber,
                                                    const DeliveryClaim& claim) = 0;

  // Record that the subscriber acknowledged the delivery, and release the
  // claim. Return false and change nothing unless `attempt.claimant` still
  // holds the claim on the pending delivery: a replica whose lease ended
  // and passed to another (it was stopped, or slow) records nothing.
  virtual bool record_delivered(const DeliveryAttempt& attempt) = 0;

  // Record a failed attempt and why. With `retry_at`, the delivery stays
  // pending and held by the claimant until then (its backoff), after which
  // any claimant may take it; without, it is failed for good. Return false
  // and change nothing as record_delivered does.
  virtual bool record_failure(const DeliveryAttempt& attempt, const std::string& error,
                              std::optional<domain::Instant> retry_at) = 0;

  // Release every claim `claimant` holds on a pending delivery (it is
  // stopping), so that another replica, or its own next run, sends it at
  // once instead of when the lease or the backoff ends. Return how many.
  virtual std::int64_t release_claims(const std::string& claimant) = 0;

  virtual OutboxCounts counts() = 0;

  // Remove the notifications due before `before` that have no pending
  // delivery, with their deliveries, and return how many were removed. A
  // notification with a delivery still pending is kept, however old.
  virtual std::int64_t prune(domain::Instant before) = 0;
};

} // namespace slate::store
