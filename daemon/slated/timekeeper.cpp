#include <slated/timekeeper.hpp>

#include <slated/log.hpp>

#include <slate/app/maintenances.hpp>
#include <slate/formats/rfc3339.hpp>
#include <slate/util/text.hpp>

#include <boost/asio/post.hpp>

#include <algorithm>

namespace slate::daemon {
namespace {

namespace asio = boost::asio;

// After a failed write (the database is locked, the disk is full), look
// again this soon rather than at the next due instant.
constexpr std::chrono::seconds k_retry_after_failure{5};

// The actor the audit log records for what the clock does.
constexpr const char* k_actor = "slated";

const char* past_tense(app::LifecycleAction action) {
  return action == app::LifecycleAction::start ? "started" : "completed";
}

} // namespace

Timekeeper::Timekeeper(asio::io_context& io, app::Writer& writer, app::NotificationQueue& queue,
                       app::SupportAlertQueue& support_alerts, Notifier& notifier,
                       const Clock& clock, Metrics& metrics, app::LifecycleSettings settings)
    : m_io(io), m_writer(writer), m_queue(queue), m_support_alerts(support_alerts),
      m_notifier(notifier), m_clock(clock), m_metrics(metrics), m_settings(std::move(settings)),
      m_timer(io) {}

void Timekeeper::start() {
  m_stopped = false;
  tick();
}

void Timekeeper::poke() {
  if (m_stopped || m_poked) {
    return;
  }
  m_poked = true;
  asio::post(m_io, [this] {
    m_poked = false;
    tick();
  });
}

void Timekeeper::stop() {
  m_stopped = true;
  m_timer.cancel();
}

void Timekeeper::tick() {
  if (m_stopped) {
    return;
  }
  const auto now = m_clock.now();
  bool failed = false;
  // Two rounds: a maintenance whose whole span passed while the daemon was
  // stopped is started in the first and completed in the second.
  for (int round = 0; round < 2 && !failed; ++round) {
    const auto due = app::due_transitions(*m_writer.snapshot(), now, m_settings);
    if (due.empty()) {
      break;
    }
    for (const auto& transition : due) {
      const app::WriteContext write{k_actor, now, std::nullopt, ""};
      const auto action = app::to_string(transition.action);
      try {
        const auto result =
            transition.action == app::LifecycleAction::start
                ? app::start_maintenance(m_writer, transition.maintenance_id, write)
                : app::complete_maintenance(m_writer, transition.maintenance_id, write);
        if (!result && !still_due(transition, now)) {
          // Another replica of a shared database made it first; the write
          // saw its commit (under the state lock) and changed nothing.
          SLATED_LOG(LogLevel::info, "maintenance " + std::to_string(transition.maintenance_id) +
                                         " was already " + past_tense(transition.action) +
                                         " by another replica");
          continue;
        }
        if (!result) {
          SLATED_LOG(LogLevel::warning, "the clock could not " + std::string(action) +
                                            " maintenance " +
                                            std::to_string(transition.maintenance_id) + ": " +
                                            domain::messages_of(result.problems()));
          continue;
        }
        m_metrics.count_transition(action);
        SLATED_LOG(LogLevel::notice, "maintenance " + std::to_string(transition.maintenance_id) +
                                         " " + past_tense(transition.action) + " by the clock at " +
                                         formats::format_rfc3339_utc(now) + " (due " +
                                         formats::format_rfc3339_utc(transition.due) + ")");
      } catch (const std::exception& error) {
        SLATED_LOG(LogLevel::error, "the clock could not " + std::string(action) + " maintenance " +
                                        std::to_string(transition.maintenance_id) + ": " +
                                        error.what() + "; trying again shortly");
        failed = true;
        break;
      }
    }
  }

  const auto snapshot = m_writer.snapshot();
  try {
    const auto queued = m_queue.queue(
        app::due_notifications(*snapshot, now, m_settings.notifications), *snapshot, now);
    // Hand them to the notifier (which counts the outbox again) before the
    // log says they are queued: whoever reads that line, a test or an
    // operator, then finds them in slated_outbox_depth too.
    if (!queued.empty()) {
      m_notifier.send_pending();
    }
    for (const auto& notification : queued) {
      const std::string phase(app::to_string(notification.phase));
      m_metrics.count_notification(phase);
      if (notification.phase == app::NotificationPhase::overrun) {
        m_metrics.count_overrun();
      }
      SLATED_LOG(LogLevel::info, "notification " + notification.event_id + " queued for " +
                                     std::to_string(notification.deliveries) +
                                     " subscribers: " + notification.message);
    }
  } catch (const std::exception& error) {
    SLATED_LOG(LogLevel::error, std::string("cannot queue notifications: ") + error.what() +
                                    "; trying again shortly");
    failed = true;
  }
  if (!queue_support_alerts(now)) {
    failed = true;
  }
  auto next = app::next_lifecycle_time(*snapshot, now, m_settings);
  if (const auto alert = app::next_support_alert_time(*snapshot, now);
      alert && (!next || *alert < *next)) {
    next = alert;
  }
  if (failed) {
    next = now + k_retry_after_failure;
  }
  if (now != m_logged_now || next != m_logged_next) {
    m_logged_now = now;
    m_logged_next = next;
    SLATED_LOG(LogLevel::debug, "clock at " + formats::format_rfc3339_utc(now) +
                                    "; next lifecycle event at " +
                                    (next ? formats::format_rfc3339_utc(*next) : "none"));
  }
  sleep_until(next, now);
}

bool Timekeeper::still_due(const app::DueTransition& transition, domain::Instant now) const {
  const auto due = app::due_transitions(*m_writer.snapshot(), now, m_settings);
  return std::any_of(due.begin(), due.end(), [&](const app::DueTransition& other) {
    return other.maintenance_id == transition.maintenance_id && other.action == transition.action;
  });
}

bool Timekeeper::queue_support_alerts(domain::Instant now) {
  const auto snapshot = m_writer.snapshot();
  try {
    const auto queued = m_support_alerts.queue(
        app::due_support_alerts(*snapshot, now, now - m_settings.notifications.catch_up), *snapshot,
        now);
    if (!queued.empty()) {
      m_notifier.send_pending(); // before the log line, as above
    }
    for (const auto& alert : queued) {
      SLATED_LOG(LogLevel::info, "support alert " + alert.alert_id + " queued for " +
                                     std::to_string(alert.deliveries) +
                                     " subscribers: " + alert.message);
    }
    return true;
  } catch (const std::exception& error) {
    SLATED_LOG(LogLevel::error, std::string("cannot queue support alerts: ") + error.what() +
                                    "; trying again shortly");
    return false;
  }
}

void Timekeeper::sleep_until(std::optional<domain::Instant> next, domain::Instant now) {
  std::chrono::steady_clock::duration wait = m_clock.recheck_interval();
  if (next && *next - now < wait) {
    wait = *next - now;
  }
  m_timer.expires_after(wait);
  m_timer.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) {
      tick();
    }
  });
}

} // namespace slate::daemon
