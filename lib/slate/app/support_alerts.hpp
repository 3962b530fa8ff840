#pragma once

#include <slate/app/notification_queue.hpp>
#include <slate/app/snapshot.hpp>
#include <slate/domain/support_clock.hpp>
#include <slate/store/store.hpp>

#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace slate::app {

// Return the warnings and breaches the snapshot's tickets owe at `now`
// (domain::due_alerts of each), those that happened before `since` left
// out (a daemon that was stopped for weeks does not flood its subscribers
// with stale news), sorted by instant.
std::vector<domain::SupportAlert> due_support_alerts(const Snapshot& snapshot, domain::Instant now,
                                                     domain::Instant since);

// Return the earliest instant after `now` at which a ticket's clock warns
// or breaches, or std::nullopt: what the timekeeper waits for.
std::optional<domain::Instant> next_support_alert_time(const Snapshot& snapshot,
                                                       domain::Instant now);

// An alert the queue added to the outbox.
struct QueuedSupportAlert {
  std::string alert_id;
  std::string message;
  std::size_t deliveries = 0;
};

// Queues support warnings and breaches into the durable outbox, each with
// one delivery per subscriber, its body rendered once. Each alert is
// recorded in the ticket store in the same transaction as its outbox row,
// so that it is sent exactly once, across restarts too.
class SupportAlertQueue {
public:
  SupportAlertQueue(store::Store& store, std::vector<Subscriber> subscribers);

  // Learn which alerts were queued before (by an earlier run too).
  void load_known();

  // Commit each of `due` not queued before, rendered from `snapshot` and
  // created at `now`, each in its own transaction; return those added.
  // Throws store::StoreError if the store cannot be written (what was
  // committed before stays).
  std::vector<QueuedSupportAlert> queue(const std::vector<domain::SupportAlert>& due,
                                        const Snapshot& snapshot, domain::Instant now);

private:
  store::Store& m_store;
  std::vector<Subscriber> m_subscribers;
  std::unordered_set<std::string> m_known;
};

} // namespace slate::app
