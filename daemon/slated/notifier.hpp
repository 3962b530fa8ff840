#pragma once

#include <slated/clock.hpp>
#include <slated/metrics.hpp>

#include <slate/app/notification.hpp>
#include <slate/app/notification_queue.hpp>
#include <slate/store/store.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace httplib {
class Client;
} // namespace httplib

namespace slate::daemon {

// This process's name among the replicas of a database: host name and
// process id, e.g. "status-1:4121"; a restarted replica has a new one.
std::string replica_name();

// Delivers the notifications app::NotificationQueue committed to the durable
// outbox (one delivery per subscriber) to webhook subscribers: each
// subscriber gets its deliveries one at a time, in the order they were
// queued, with cpp-httplib's client on a worker thread
// (never on the writer's loop), the result posted back to it. A failed
// attempt is retried with exponential backoff (1 s doubling to 15 min)
// until the last attempt; a delivery pending when the daemon stops or
// crashes is sent at the next start.
//
// Each request is a POST with the JSON body (or a Slack-compatible one for a
// subscriber configured as "slack+URL") and the headers X-Slated-Event-Id
// (the same on every retry: receivers drop repeats by it), X-Slated-Event,
// X-Slated-Delivery-Attempt and, with a secret, X-Slated-Signature:
// sha256=HEX, the HMAC-SHA256 of the body under the secret.
//
// Replicas sharing a database each run a notifier. Each claims a delivery
// in the outbox (store::Outbox::claim_next) before sending it, for the
// lease (30 s at most, longer than a request's timeouts); a failed attempt
// keeps the claim through its backoff. So each attempt is made by one
// replica; if that replica dies or stalls, another takes the delivery over
// when the lease ends (each looks for such work every third of a lease),
// and the stalled one's late result is not recorded. A delivery stays at
// least once: the stalled replica's request may still arrive, with the
// same event id.
//
// Notifications finished (every delivery made or given up) are kept in the
// outbox for 30 days after they were due, for operators to look into, and
// then removed, so that the database of a daemon that runs for years does
// not grow with every body it ever sent.
// Lives on the writer thread's io_context: every method but counts() is
// called from there.
class Notifier {
public:
  struct Settings {
    std::vector<app::Subscriber> subscribers;
    std::string secret; // empty: requests are not signed
    int attempts = 24;
    app::NotificationSettings notifications;
    // This replica's name in the outbox's claims (replica_name()), and how
    // long a claim holds a delivery from the other replicas.
    std::string replica;
    std::chrono::seconds lease{30};
  };

  Notifier(boost::asio::io_context& io, store::Store& store, Settings settings, const Clock& clock,
           Metrics& metrics);
  ~Notifier();
  Notifier(const Notifier&) = delete;
  Notifier& operator=(const Notifier&) = delete;

  // Start sending what is pending (at once, whatever backoff an earlier run
  // was in), and remove old finished notifications, now and every day.
  void start();

  // Start sending what was queued since, to every subscriber not busy;
  // nothing, not even a claim, while the outbox holds nothing pending.
  void send_pending();

  // Start nothing new and cancel the retry timers. A request in flight
  // finishes (within its timeout) and its result is recorded; the loop runs
  // until then.
  void stop();

  // Release this replica's claims on deliveries, once the loop has ended:
  // what was in flight or waiting for a retry is sent at once by another
  // replica, or at the next start. Logs a failure; never throws.
  void release_claims();

  // Close the connection of every webhook request in flight; any thread
  // may call it, and the destructor then waits only for the workers to
  // notice. For the stop deadline: a receiver that answers slowly, or
  // trickles its answer, must not hold the daemon past it. What was in
  // flight stays pending in the outbox and is sent again, with the same
  // event id, at the next start.
  void abandon_in_flight();

  // Sign the requests sent from now on with `secret` (empty: unsigned); a
  // retry is signed again, so it carries the new signature.
  void set_secret(std::string secret) { m_settings.secret = std::move(secret); }

  // Return the outbox's counts as of its last change. Any thread may call
  // it: /metrics reads it from the HTTP loop.
  store::OutboxCounts counts() const;
  std::size_t subscriber_count() const { return m_subscribers.size(); }

private:
  struct Subscriber {
    app::Subscriber configured;
    bool busy = false;    // a request is in flight
    bool waiting = false; // a retry timer is set
    std::unique_ptr<boost::asio::steady_timer> retry;
  };
  struct Outcome {
    bool delivered = false;
    std::string error; // why not, for the log and the outbox
  };

  using HeaderList = std::vector<std::pair<std::string, std::string>>;

  void send_next(Subscriber& subscriber);
  std::pair<bool, std::string> post_webhook(const std::string& url, const std::string& body,
                                            const HeaderList& headers);
  // Read the outbox's counts into m_counts, after a change.
  void refresh_counts();
  // Remove old finished notifications from the outbox, now and every day.
  void prune();
  // Tell the metrics how many deliveries this replica holds.
  void count_leases();
  // Look for deliveries whose claim has ended (their replica died or
  // stalled), every third of a lease.
  void sweep();
  void finished(Subscriber& subscriber, const store::PendingDelivery& delivery, int attempt,
                const Outcome& outcome);

  boost::asio::io_context& m_io;
  store::Store& m_store;
  Settings m_settings;
  const Clock& m_clock;
  Metrics& m_metrics;
  std::vector<std::unique_ptr<Subscriber>> m_subscribers;
  boost::asio::steady_timer m_prune_timer;
  boost::asio::steady_timer m_sweep_timer;
  bool m_stopping = false;
  bool m_claims_failing = false; // the last claim failed: log the next at debug
  // The clients of the requests in flight on the workers, so that
  // abandon_in_flight can close them from another thread.
  std::mutex m_in_flight_mutex;
  std::condition_variable m_in_flight_done;
  std::set<httplib::Client*> m_in_flight; // guarded by m_in_flight_mutex
  bool m_abandoned = false;               // guarded by m_in_flight_mutex
  mutable std::mutex m_counts_mutex;
  store::OutboxCounts m_counts; // guarded by m_counts_mutex
  boost::asio::thread_pool m_workers;
};

} // namespace slate::daemon
