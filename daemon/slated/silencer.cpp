#include <slated/silencer.hpp>

#include <slated/log.hpp>

#include <slate/domain/observed_silence.hpp>
#include <slate/formats/json_alertmanager_silence.hpp>
#include <slate/formats/json_maintenance_silence.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>

#include <httplib.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

namespace slate::daemon {
namespace {

namespace asio = boost::asio;

constexpr std::chrono::seconds k_first_retry{1};
constexpr std::chrono::seconds k_longest_retry{5 * 60};
constexpr time_t k_connect_timeout_seconds = 5;
constexpr time_t k_io_timeout_seconds = 10;

std::chrono::seconds backoff(int attempt) {
  auto delay = k_first_retry;
  for (int i = 1; i < attempt && delay < k_longest_retry; ++i) {
    delay *= 2;
  }
  return std::min(delay, k_longest_retry);
}

domain::SilenceStatus status_of(domain::SilenceState state) {
  switch (state) {
  case domain::SilenceState::pending:
    return domain::SilenceStatus::pending;
  case domain::SilenceState::active:
    return domain::SilenceStatus::active;
  case domain::SilenceState::expired:
    return domain::SilenceStatus::expired;
  }
  return domain::SilenceStatus::expired;
}

// An answer that says the request itself is wrong (400, 422): another
// attempt, or another peer, would answer the same.
class Refused : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// One Alertmanager's API, at `url` (which may have a path prefix).
class AlertmanagerApi {
public:
  explicit AlertmanagerApi(const std::string& url)
      : m_client(origin_of(url)), m_prefix(prefix_of(url)) {
    m_client.set_connection_timeout(k_connect_timeout_seconds, 0);
    m_client.set_read_timeout(k_io_timeout_seconds, 0);
    m_client.set_write_timeout(k_io_timeout_seconds, 0);
    m_client.set_follow_location(false);
  }

  // The silence with `id`, or std::nullopt if Alertmanager does not know it.
  std::optional<domain::ObservedSilence> silence(const std::string& id) {
    const auto answer = check(m_client.Get(path("/api/v2/silence/" + id).c_str()), "GET silence");
    if (answer.status == 404 || not_found(answer)) {
      return std::nullopt;
    }
    expect_ok(answer, "GET /api/v2/silence/" + id);
    auto parsed = formats::parse_silence(answer.body);
    if (!parsed) {
      throw std::runtime_error("GET /api/v2/silence/" + id + ": " +
                               domain::messages_of(parsed.problems()));
    }
    return std::move(parsed).value();
  }

  std::vector<domain::ObservedSilence> silences() {
    const auto answer = check(m_client.Get(path("/api/v2/silences").c_str()), "GET silences");
    expect_ok(answer, "GET /api/v2/silences");
    auto parsed = formats::parse_silence_list(answer.body);
    if (!parsed) {
      throw std::runtime_error("GET /api/v2/silences: " + domain::messages_of(parsed.problems()));
    }
    return std::move(parsed).value();
  }

  std::string post(const std::string& body) {
    const auto answer =
        check(m_client.Post(path("/api/v2/silences").c_str(), body, "application/json"), "POST");
    expect_ok(answer, "POST /api/v2/silences");
    auto id = formats::parse_silence_id(answer.body);
    if (!id) {
      throw std::runtime_error("POST /api/v2/silences: " + domain::messages_of(id.problems()));
    }
    return std::move(id).value();
  }

  // Expire silence `id`; one Alertmanager does not know is done too.
  void expire(const std::string& id) {
    const auto answer =
        check(m_client.Delete(path("/api/v2/silence/" + id).c_str()), "DELETE silence");
    if (answer.status == 404 || not_found(answer)) {
      return;
    }
    expect_ok(answer, "DELETE /api/v2/silence/" + id);
  }

private:
  static std::string origin_of(const std::string& url) {
    const auto scheme_end = url.find("://");
    return url.substr(0, url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3));
  }
  static std::string prefix_of(const std::string& url) {
    const auto scheme_end = url.find("://");
    const auto slash = url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
    std::string prefix = slash == std::string::npos ? "" : url.substr(slash);
    while (!prefix.empty() && prefix.back() == '/') {
      prefix.pop_back();
    }
    return prefix;
  }
  std::string path(const std::string& tail) const { return m_prefix + tail; }

  // Alertmanager 0.25 answers 500 "silence not found" for an unknown id.
  static bool not_found(const httplib::Response& answer) {
    return answer.status == 500 && answer.body.find("not found") != std::string::npos;
  }
  static const httplib::Response& check(const httplib::Result& result, const char* what) {
    if (!result) {
      throw std::runtime_error(std::string(what) + ": " + httplib::to_string(result.error()));
    }
    return *result;
  }
  static void expect_ok(const httplib::Response& answer, const std::string& what) {
    if (answer.status == 400 || answer.status == 422) {
      throw Refused(what + " answered " + std::to_string(answer.status) + ": " +
                    answer.body.substr(0, 200));
    }
    if (answer.status != 200) {
      throw std::runtime_error(what + " answered " + std::to_string(answer.status) + ": " +
                               answer.body.substr(0, 200));
    }
  }

  httplib::Client m_client;
  std::string m_prefix;
};

// Make Alertmanager at `url` hold `desired`. Throws std::runtime_error
// when it cannot be reached or answers something unexpected.
Silencer::Delivery deliver_to(const std::string& url, const domain::DesiredSilence& desired,
                              const std::string& known_id, domain::Instant now) {
  AlertmanagerApi api(url);
  std::optional<domain::ObservedSilence> observed;
  if (!known_id.empty()) {
    observed = api.silence(known_id);
  }
  if (!observed || observed->state == domain::SilenceState::expired) {
    // No id, or Alertmanager lost it: the one carrying the tag, if any (a
    // create whose answer was lost). One expired under the id may have been
    // replaced by an update whose answer was lost (Alertmanager gives a
    // silence whose matchers change a new id): a live one with the tag wins.
    const auto listed = api.silences();
    if (const auto* tagged = domain::find_tagged_silence(listed, desired.tag)) {
      observed = *tagged;
    }
  }
  const auto step = domain::next_silence_step(desired, observed ? &*observed : nullptr, now);
  Silencer::Delivery delivery;
  delivery.ok = true;
  delivery.step = std::string(to_string(step));
  delivery.outcome.alertmanager = url;
  if (observed) {
    delivery.outcome.silence_id = observed->id;
    delivery.outcome.status = status_of(observed->state);
  } else {
    delivery.outcome.status = domain::SilenceStatus::expired;
  }
  switch (step) {
  case domain::SilenceStep::none:
    break;
  case domain::SilenceStep::create:
  case domain::SilenceStep::update:
    delivery.outcome.silence_id = api.post(formats::silence_post_body(
        desired, step == domain::SilenceStep::update ? &*observed : nullptr));
    delivery.outcome.status =
        desired.span.start <= now ? domain::SilenceStatus::active : domain::SilenceStatus::pending;
    break;
  case domain::SilenceStep::expire:
    api.expire(observed->id);
    delivery.outcome.status = domain::SilenceStatus::expired;
    break;
  case domain::SilenceStep::expired_by_operator:
    delivery.outcome.status = domain::SilenceStatus::expired_by_operator;
    break;
  }
  return delivery;
}

// Try each of `urls` in order until one answers.
Silencer::Delivery deliver(const std::vector<std::string>& urls,
                           const domain::DesiredSilence& desired, const std::string& known_id,
                           domain::Instant now) {
  std::string errors;
  for (const auto& url : urls) {
    try {
      return deliver_to(url, desired, known_id, now);
    } catch (const Refused& error) {
      Silencer::Delivery refused;
      refused.refused = true;
      refused.error = url + ": " + error.what();
      return refused;
    } catch (const std::exception& error) {
      errors += (errors.empty() ? "" : "; ") + url + ": " + error.what();
    }
  }
  Silencer::Delivery failed;
  failed.error = errors;
  return failed;
}

} // namespace

Silencer::Silencer(asio::io_context& io, app::Writer& writer, Settings settings, const Clock& clock,
                   Metrics& metrics)
    : m_io(io), m_writer(writer), m_settings(std::move(settings)), m_clock(clock),
      m_metrics(metrics), m_retry(io), m_reconcile_timer(io) {}

Silencer::~Silencer() {
  m_workers.join();
}

void Silencer::start() {
  if (m_settings.urls.empty()) {
    return;
  }
  m_reconcile_due = true;
  send_next();
  schedule_reconcile();
}

void Silencer::poke() {
  if (m_settings.urls.empty() || m_stopping) {
    return;
  }
  asio::post(m_io, [this] { send_next(); });
}

void Silencer::stop() {
  m_stopping = true;
  m_retry.cancel();
  m_reconcile_timer.cancel();
}

void Silencer::schedule_reconcile() {
  m_reconcile_timer.expires_after(m_settings.reconcile);
  m_reconcile_timer.async_wait([this](const boost::system::error_code& ec) {
    if (!ec && !m_stopping) {
      m_reconcile_due = true;
      send_next();
      schedule_reconcile();
    }
  });
}

void Silencer::send_next() {
  if (m_stopping || m_busy || m_waiting || m_settings.urls.empty()) {
    return;
  }
  std::optional<store::SilenceChange> change;
  try {
    m_writer.store().read("read the pending silence changes", [&](store::Transaction& transaction) {
      change = transaction.silences().next_pending();
    });
  } catch (const std::exception& error) {
    SLATED_LOG(LogLevel::error, std::string("cannot read the silence outbox: ") + error.what());
    return;
  }
  if (!change) {
    if (m_reconcile_due) {
      reconcile();
    }
    return;
  }
  const auto now = m_clock.now();
  auto desired = formats::parse_desired_silence(change->desired);
  if (!desired) {
    SLATED_LOG(LogLevel::error,
               "silence change " + std::to_string(change->id) + " of " + change->tag +
                   " cannot be read, giving it up: " + domain::messages_of(desired.problems()));
    app::record_silence_failure(m_writer, change->id, change->tag, change->attempts + 1,
                                "unreadable", true, now);
    poke();
    return;
  }
  std::string known_id;
  for (const auto& silence : m_writer.snapshot()->silences) {
    if (silence.tag == change->tag) {
      known_id = silence.silence_id;
    }
  }
  m_busy = true;
  const int attempt = change->attempts + 1;
  asio::post(m_workers, [this, pending = std::move(*change), sent = std::move(desired).value(),
                         known_id, attempt, now, guard = asio::make_work_guard(m_io)] {
    auto delivery = deliver(m_settings.urls, sent, known_id, now);
    asio::post(m_io, [this, pending, sent, attempt, delivery] {
      finished(pending, sent, attempt, delivery);
    });
  });
}

void Silencer::finished(const store::SilenceChange& change, const domain::DesiredSilence& desired,
                        int attempt, const Delivery& delivery) {
  m_busy = false;
  const auto now = m_clock.now();
  if (delivery.ok) {
    m_metrics.count_silence_operation(delivery.step);
    try {
      app::record_silence(m_writer, change.id, attempt, desired, delivery.outcome, now);
    } catch (const std::exception& error) {
      // Still pending: sent again, and adopted by its tag.
      SLATED_LOG(LogLevel::error, std::string("cannot record a silence change: ") + error.what());
    }
    SLATED_LOG(LogLevel::info, "silence " + change.tag + ": " + delivery.step + " at " +
                                   delivery.outcome.alertmanager + ", id " +
                                   delivery.outcome.silence_id + ", " +
                                   std::string(to_string(delivery.outcome.status)) + " (attempt " +
                                   std::to_string(attempt) + ")");
    send_next();
    return;
  }
  m_metrics.count_silence_operation("failed");
  // Never open-ended: once its end has passed Alertmanager has ended it. A
  // refused request would be refused again, and would hold up the others.
  const bool give_up = delivery.refused || now >= desired.span.end;
  try {
    app::record_silence_failure(m_writer, change.id, change.tag, attempt, delivery.error, give_up,
                                now);
  } catch (const std::exception& error) {
    SLATED_LOG(LogLevel::error,
               std::string("cannot record a failed silence change: ") + error.what());
  }
  if (give_up) {
    SLATED_LOG(LogLevel::error,
               "gave up silence " + change.tag + " after " + std::to_string(attempt) +
                   " attempts, " +
                   (delivery.refused ? "Alertmanager refuses it" : "its end has passed") + ": " +
                   delivery.error);
    send_next();
    return;
  }
  const auto delay = backoff(attempt);
  SLATED_LOG(LogLevel::warning, "silence " + change.tag + " not delivered (attempt " +
                                    std::to_string(attempt) + "): " + delivery.error +
                                    "; retrying in " + std::to_string(delay.count()) + " s");
  if (m_stopping) {
    return;
  }
  m_waiting = true;
  m_retry.expires_after(delay);
  m_retry.async_wait([this](const boost::system::error_code& ec) {
    m_waiting = false;
    if (!ec) {
      send_next();
    }
  });
}

void Silencer::reconcile() {
  m_reconcile_due = false;
  const auto now = m_clock.now();
  std::vector<Look> looks;
  for (const auto& silence : m_writer.snapshot()->silences) {
    const bool looked_after = silence.status == domain::SilenceStatus::pending ||
                              silence.status == domain::SilenceStatus::active;
    if (looked_after && silence.desired.goal == domain::SilenceGoal::in_force &&
        now < silence.desired.span.end) {
      looks.push_back({silence.desired, silence.silence_id, {}});
    }
  }
  if (looks.empty()) {
    return;
  }
  m_busy = true;
  asio::post(m_workers,
             [this, batch = std::move(looks), now, guard = asio::make_work_guard(m_io)]() mutable {
               for (auto& look : batch) {
                 look.delivery = deliver(m_settings.urls, look.desired, look.known_id, now);
               }
               asio::post(m_io, [this, done = std::move(batch)] { reconciled(done); });
             });
}

void Silencer::reconciled(const std::vector<Look>& looks) {
  m_busy = false;
  const auto now = m_clock.now();
  for (const auto& look : looks) {
    const auto& delivery = look.delivery;
    if (!delivery.ok) {
      SLATED_LOG(LogLevel::warning,
                 "cannot reconcile silence " + look.desired.tag + ": " + delivery.error);
      continue;
    }
    if (delivery.step != "none") {
      m_metrics.count_silence_operation(delivery.step);
      SLATED_LOG(LogLevel::notice, "reconciler: silence " + look.desired.tag + ": " +
                                       delivery.step + " at " + delivery.outcome.alertmanager +
                                       ", id " + delivery.outcome.silence_id);
    }
    const auto snapshot = m_writer.snapshot();
    const bool same =
        std::any_of(snapshot->silences.begin(), snapshot->silences.end(), [&](const auto& silence) {
          return silence.tag == look.desired.tag &&
                 silence.silence_id == delivery.outcome.silence_id &&
                 silence.alertmanager == delivery.outcome.alertmanager &&
                 silence.status == delivery.outcome.status;
        });
    if (same) {
      continue;
    }
    try {
      app::record_silence(m_writer, 0, 0, look.desired, delivery.outcome, now);
    } catch (const std::exception& error) {
      SLATED_LOG(LogLevel::error,
                 std::string("cannot record a reconciled silence: ") + error.what());
    }
  }
  send_next();
}

} // namespace slate::daemon
