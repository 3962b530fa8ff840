#pragma once

#include <slate/app/notification.hpp>
#include <slate/app/snapshot.hpp>
#include <slate/store/store.hpp>

#include <cstddef>
#include <string>
#include <unordered_set>
#include <vector>

namespace slate::app {

// One webhook subscriber as configured: "URL", or "slack+URL" for a Slack
// (or Mattermost) incoming webhook, which gets a Slack body.
struct Subscriber {
  std::string configured; // as in the settings: the outbox's key
  std::string url;        // without "slack+"
  bool slack = false;
};

// Return the subscriber `configured` names.
Subscriber subscriber_of(const std::string& configured);

// A notification the queue added to the outbox.
struct QueuedNotification {
  std::string event_id;
  NotificationPhase phase = NotificationPhase::announced;
  std::string message; // the text customers read
  std::size_t deliveries = 0;
};

// Queues the notifications that became due into the durable outbox, each
// with one delivery per subscriber and its body rendered once (a retry
// sends the same bytes); the daemon's notifier then delivers them. It
// remembers what the outbox holds, so that a notification derived again
// is not queued again.
class NotificationQueue {
public:
  NotificationQueue(store::Store& store, std::vector<Subscriber> subscribers);

  // Learn which notifications due at or after `since` the outbox holds.
  void load_known(domain::Instant since);

  // Commit to the outbox each of `due` that it does not hold yet, rendered
  // from `snapshot` (with its templates) and created at `now`, each in its
  // own transaction, and return those added. Throws store::StoreError if
  // the outbox cannot be written (what was committed before stays).
  std::vector<QueuedNotification> queue(const std::vector<DueNotification>& due,
                                        const Snapshot& snapshot, domain::Instant now);

  const std::vector<Subscriber>& subscribers() const { return m_subscribers; }

private:
  store::Store& m_store;
  std::vector<Subscriber> m_subscribers;
  std::unordered_set<std::string> m_known; // event ids in the outbox
};

} // namespace slate::app
