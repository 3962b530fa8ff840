#include <slated/notifier.hpp>

#include <slated/log.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>

#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <unistd.h>

#include <algorithm>
#include <array>

namespace slate::daemon {
namespace {

namespace asio = boost::asio;

constexpr std::chrono::seconds k_first_retry{1};
constexpr std::chrono::seconds k_longest_retry{15 * 60};
constexpr time_t k_connect_timeout_seconds = 5;
constexpr time_t k_io_timeout_seconds = 10;
constexpr std::chrono::days k_outbox_retention{30};
constexpr std::chrono::hours k_prune_every{24};

std::string hex(const unsigned char* data, std::size_t size) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out += k_digits[data[i] >> 4];
    out += k_digits[data[i] & 0x0f];
  }
  return out;
}

std::string hmac_sha256_hex(const std::string& key, const std::string& body) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(body.data()), body.size(), digest,
           &length) == nullptr) {
    throw std::runtime_error("HMAC-SHA256 failed");
  }
  return hex(digest, length);
}

// The wait after failed attempt number `attempt` (1 for the first).
std::chrono::seconds backoff(int attempt) {
  auto delay = k_first_retry;
  for (int i = 1; i < attempt && delay < k_longest_retry; ++i) {
    delay *= 2;
  }
  return std::min(delay, k_longest_retry);
}

} // namespace

std::string replica_name() {
  std::array<char, 256> host{};
  if (gethostname(host.data(), host.size() - 1) != 0) {
    host = {};
  }
  return std::string(host.data()) + ":" + std::to_string(getpid());
}

// POST `body` to `url` and say whether a 2xx came back. Runs on a worker
// thread: it blocks for up to the timeouts, or until abandon_in_flight.
std::pair<bool, std::string> Notifier::post_webhook(const std::string& url, const std::string& body,
                                                    const HeaderList& header_list) {
  const httplib::Headers headers(header_list.begin(), header_list.end());
  const auto scheme_end = url.find("://");
  const auto path_start = url.find('/', scheme_end + 3);
  const std::string origin = url.substr(0, path_start);
  const std::string path = path_start == std::string::npos ? "/" : url.substr(path_start);
  httplib::Client client(origin);
  client.set_connection_timeout(k_connect_timeout_seconds, 0);
  client.set_read_timeout(k_io_timeout_seconds, 0);
  client.set_write_timeout(k_io_timeout_seconds, 0);
  client.set_follow_location(false);
  {
    const std::lock_guard lock(m_in_flight_mutex);
    if (m_abandoned) {
      return {false, "the daemon is stopping"};
    }
    m_in_flight.insert(&client);
  }
  auto result = client.Post(path.c_str(), headers, body, "application/json");
  {
    const std::lock_guard lock(m_in_flight_mutex);
    m_in_flight.erase(&client);
  }
  m_in_flight_done.notify_all();
  if (!result) {
    return {false, httplib::to_string(result.error())};
  }
  if (result->status < 200 || result->status > 299) {
    return {false, "answered " + std::to_string(result->status)};
  }
  return {true, ""};
}

Notifier::Notifier(asio::io_context& io, store::Store& store, Settings settings, const Clock& clock,
                   Metrics& metrics)
    : m_io(io), m_store(store), m_settings(std::move(settings)), m_clock(clock), m_metrics(metrics),
      m_prune_timer(io), m_sweep_timer(io),
      m_workers(std::clamp<std::size_t>(m_settings.subscribers.size(), 1, 4)) {
  for (const auto& configured : m_settings.subscribers) {
    auto subscriber = std::make_unique<Subscriber>();
    subscriber->configured = configured;
    subscriber->retry = std::make_unique<asio::steady_timer>(io);
    m_subscribers.push_back(std::move(subscriber));
  }
}

Notifier::~Notifier() {
  {
    // A client may have been between its registration and its connect when
    // it was abandoned, and so missed the shutdown: close it again until
    // every worker has let go.
    std::unique_lock lock(m_in_flight_mutex);
    while (m_abandoned && !m_in_flight.empty()) {
      for (auto* client : m_in_flight) {
        client->stop();
      }
      m_in_flight_done.wait_for(lock, std::chrono::milliseconds{100});
    }
  }
  m_workers.join();
}

void Notifier::abandon_in_flight() {
  const std::lock_guard lock(m_in_flight_mutex);
  m_abandoned = true;
  for (auto* client : m_in_flight) {
    client->stop();
  }
}

void Notifier::start() {
  refresh_counts();
  const auto counts = this->counts();
  if (counts.pending > 0) {
    SLATED_LOG(LogLevel::notice, std::to_string(counts.pending) +
                                     " webhook deliveries pending from before; sending them now");
  }
  for (auto& subscriber : m_subscribers) {
    send_next(*subscriber);
  }
  prune();
  if (!m_subscribers.empty()) {
    sweep();
  }
}

void Notifier::count_leases() {
  m_metrics.set_leases_held(static_cast<std::size_t>(
      std::count_if(m_subscribers.begin(), m_subscribers.end(), [](const auto& subscriber) {
        return subscriber->busy || subscriber->waiting;
      })));
}

void Notifier::sweep() {
  const auto every = std::clamp<std::chrono::seconds>(m_settings.lease / 3, std::chrono::seconds{1},
                                                      std::chrono::seconds{10});
  m_sweep_timer.expires_after(every);
  m_sweep_timer.async_wait([this](const boost::system::error_code& ec) {
    if (!ec && !m_stopping) {
      send_pending();
      sweep();
    }
  });
}

void Notifier::prune() {
  // Never what derivation may still produce: ids within the catch-up time
  // keep a notification from being sent twice.
  const auto keep = std::max<domain::Seconds>(
      k_outbox_retention, m_settings.notifications.catch_up + std::chrono::days{1});
  try {
    std::int64_t removed = 0;
    m_store.write("remove old notifications", [&](store::Transaction& transaction) {
      removed = transaction.outbox().prune(m_clock.now() - keep);
    });
    refresh_counts();
    if (removed > 0) {
      SLATED_LOG(LogLevel::info,
                 "removed " + std::to_string(removed) + " finished notifications due more than " +
                     std::to_string(std::chrono::floor<std::chrono::days>(keep).count()) +
                     " days ago from the outbox");
    }
  } catch (const store::StoreError& error) {
    SLATED_LOG(LogLevel::warning,
               std::string("could not remove old notifications from the outbox: ") + error.what());
  }
  m_prune_timer.expires_after(k_prune_every);
  m_prune_timer.async_wait([this](const boost::system::error_code& ec) {
    if (!ec && !m_stopping) {
      prune();
    }
  });
}

void Notifier::send_pending() {
  refresh_counts();
  // The count covers every replica's deliveries: with none pending there is
  // nothing to claim, and no write transaction per subscriber at every
  // sweep. A delivery queued after the count is sent as it is queued, or
  // at the next sweep.
  if (counts().pending == 0) {
    return;
  }
  for (auto& subscriber : m_subscribers) {
    send_next(*subscriber);
  }
}

void Notifier::stop() {
  m_stopping = true;
  m_prune_timer.cancel();
  m_sweep_timer.cancel();
  for (auto& subscriber : m_subscribers) {
    subscriber->retry->cancel();
  }
}

void Notifier::release_claims() {
  try {
    std::int64_t released = 0;
    m_store.write("release the claims on deliveries", [&](store::Transaction& transaction) {
      released = transaction.outbox().release_claims(m_settings.replica);
    });
    if (released > 0) {
      SLATED_LOG(LogLevel::info, "released the claims on " + std::to_string(released) +
                                     " webhook deliveries for the other replicas");
    }
  } catch (const std::exception& error) {
    // They pass on when their leases end instead.
    SLATED_LOG(LogLevel::warning,
               std::string("could not release the claims on deliveries: ") + error.what());
  }
}

store::OutboxCounts Notifier::counts() const {
  const std::lock_guard lock(m_counts_mutex);
  return m_counts;
}

void Notifier::refresh_counts() {
  try {
    store::OutboxCounts counts;
    m_store.read("count the deliveries",
                 [&](store::Transaction& transaction) { counts = transaction.outbox().counts(); });
    const std::lock_guard lock(m_counts_mutex);
    m_counts = counts;
  } catch (const std::exception& error) {
    SLATED_LOG(LogLevel::warning, std::string("cannot count the outbox: ") + error.what());
  }
}

void Notifier::send_next(Subscriber& subscriber) {
  if (m_stopping || subscriber.busy || subscriber.waiting) {
    return;
  }
  std::optional<store::PendingDelivery> next;
  const auto now = m_clock.now();
  try {
    m_store.write("claim a delivery", [&](store::Transaction& transaction) {
      next = transaction.outbox().claim_next(subscriber.configured.configured,
                                             {m_settings.replica, now, now + m_settings.lease});
    });
  } catch (const std::exception& error) {
    // Once per outage, not at every sweep while the database is away.
    SLATED_LOG(m_claims_failing ? LogLevel::debug : LogLevel::error,
               std::string("cannot claim a delivery in the outbox: ") + error.what() +
                   "; trying again at the next sweep");
    m_claims_failing = true;
    return;
  }
  m_claims_failing = false;
  if (!next) {
    return;
  }
  m_metrics.count_delivery("claimed");
  subscriber.busy = true;
  count_leases();
  const int attempt = next->attempts + 1;
  HeaderList headers{
      {"User-Agent", "slated/" SLATED_VERSION},
      {"X-Slated-Event-Id", next->event_id},
      {"X-Slated-Event", next->event_type},
      {"X-Slated-Delivery-Attempt", std::to_string(attempt)},
  };
  if (!m_settings.secret.empty()) {
    headers.emplace_back("X-Slated-Signature",
                         "sha256=" + hmac_sha256_hex(m_settings.secret, next->body));
  }
  SLATED_LOG(LogLevel::debug, "sending " + next->event_id + " to " + subscriber.configured.url +
                                  " (attempt " + std::to_string(attempt) + ")");
  // The work guard keeps the loop running until the result is back, so that
  // a clean stop records it instead of sending it again at the next start.
  asio::post(m_workers, [this, &subscriber, delivery = std::move(*next), attempt,
                         headers = std::move(headers), guard = asio::make_work_guard(m_io)] {
    Outcome outcome;
    try {
      auto [delivered, error] = post_webhook(subscriber.configured.url, delivery.body, headers);
      outcome = {delivered, std::move(error)};
    } catch (const std::exception& error) {
      outcome = {false, error.what()};
    }
    asio::post(m_io, [this, &subscriber, delivery, attempt, outcome] {
      finished(subscriber, delivery, attempt, outcome);
    });
  });
}

void Notifier::finished(Subscriber& subscriber, const store::PendingDelivery& delivery, int attempt,
                        const Outcome& outcome) {
  subscriber.busy = false;
  count_leases();
  const auto now = m_clock.now();
  const bool give_up = !outcome.delivered && attempt >= m_settings.attempts;
  const auto delay = backoff(attempt);
  const store::DeliveryAttempt made{delivery.notification_id, subscriber.configured.configured,
                                    m_settings.replica, attempt, now};
  bool recorded = false;
  try {
    m_store.write("record a delivery of " + delivery.event_id,
                  [&](store::Transaction& transaction) {
                    if (outcome.delivered) {
                      recorded = transaction.outbox().record_delivered(made);
                    } else {
                      // Held through the backoff, so that another replica
                      // does not retry at once.
                      recorded = transaction.outbox().record_failure(
                          made, outcome.error,
                          give_up ? std::nullopt : std::optional<domain::Instant>(now + delay));
                    }
                  });
  } catch (const std::exception& error) {
    // Still pending in the outbox: it is sent again (same event id) later.
    SLATED_LOG(LogLevel::error, std::string("cannot record a webhook delivery: ") + error.what());
    recorded = true; // the claim is still ours: retry as below
  }
  if (!recorded) {
    // The lease ended while the request was out (this replica was stopped
    // or slow) and another replica took the delivery over: its record
    // stands, and this attempt leaves no trace but the request itself.
    m_metrics.count_delivery("lease_lost");
    SLATED_LOG(LogLevel::warning, "attempt " + std::to_string(attempt) + " of " +
                                      delivery.event_id + " to " + subscriber.configured.url +
                                      " ended after its claim passed to another replica; not "
                                      "recorded (" +
                                      (outcome.delivered ? "delivered" : outcome.error) + ")");
    refresh_counts();
    send_next(subscriber);
    return;
  }
  refresh_counts();
  if (outcome.delivered) {
    m_metrics.count_delivery("delivered");
    SLATED_LOG(LogLevel::info, "delivered " + delivery.event_id + " to " +
                                   subscriber.configured.url + " (attempt " +
                                   std::to_string(attempt) + ")");
    send_next(subscriber);
    return;
  }
  m_metrics.count_delivery("failed");
  if (give_up) {
    m_metrics.count_delivery("gave_up");
    SLATED_LOG(LogLevel::error, "gave up delivering " + delivery.event_id + " to " +
                                    subscriber.configured.url + " after " +
                                    std::to_string(attempt) + " attempts: " + outcome.error);
    send_next(subscriber);
    return;
  }
  SLATED_LOG(LogLevel::warning, "delivery of " + delivery.event_id + " to " +
                                    subscriber.configured.url + " failed (attempt " +
                                    std::to_string(attempt) + " of " +
                                    std::to_string(m_settings.attempts) + "): " + outcome.error +
                                    "; retrying in " + std::to_string(delay.count()) + " s");
  if (m_stopping) {
    return;
  }
  subscriber.waiting = true;
  count_leases();
  subscriber.retry->expires_after(delay);
  subscriber.retry->async_wait([this, &subscriber](const boost::system::error_code& ec) {
    subscriber.waiting = false;
    count_leases();
    if (!ec) {
      send_next(subscriber);
    }
  });
}

} // namespace slate::daemon
