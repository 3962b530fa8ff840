#pragma once

#include <slated/clock.hpp>
#include <slated/metrics.hpp>
#include <slated/notifier.hpp>

#include <slate/app/lifecycle.hpp>
#include <slate/app/notification_queue.hpp>
#include <slate/app/support_alerts.hpp>
#include <slate/app/writer.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <optional>

namespace slate::daemon {

// Moves maintenance through its phases on time and queues the notifications
// that become due, on the writer thread (see Service). Each look ("tick")
// derives from the current snapshot what is due now: the transitions it
// makes through the app's lifecycle use cases (actor "slated"), then the
// notifications it queues into the outbox for the notifier to deliver; then
// it sleeps until the next instant anything becomes due (or the clock's
// recheck interval, whichever is sooner). Because what is due is
// derived from state, a tick after a stop or a crash catches up on what was
// missed, and each transition and notification happens once. The same
// tick queues the warnings and breaches of the support tickets' clocks.
class Timekeeper {
public:
  Timekeeper(boost::asio::io_context& io, app::Writer& writer, app::NotificationQueue& queue,
             app::SupportAlertQueue& support_alerts, Notifier& notifier, const Clock& clock,
             Metrics& metrics, app::LifecycleSettings settings);

  // Look now, and from then on whenever something is due.
  void start();
  // Look again soon: the snapshot changed (a write, a reload). Coalesces.
  void poke();
  // Cancel the timer; no look after this.
  void stop();

private:
  void tick();
  void sleep_until(std::optional<domain::Instant> next, domain::Instant now);
  // Whether `transition` is still due in the writer's current snapshot
  // (after a refused write, which caught up with the other replicas).
  bool still_due(const app::DueTransition& transition, domain::Instant now) const;
  // Queue the support clocks' warnings and breaches due at `now`; return
  // false if the store failed.
  bool queue_support_alerts(domain::Instant now);

  boost::asio::io_context& m_io;
  app::Writer& m_writer;
  app::NotificationQueue& m_queue;
  app::SupportAlertQueue& m_support_alerts;
  Notifier& m_notifier;
  const Clock& m_clock;
  Metrics& m_metrics;
  app::LifecycleSettings m_settings;
  boost::asio::steady_timer m_timer;
  bool m_poked = false;
  bool m_stopped = true;
  // What the last debug line said, so that a test clock polled every few
  // milliseconds does not write a line each time.
  domain::Instant m_logged_now{};
  std::optional<domain::Instant> m_logged_next;
};

} // namespace slate::daemon
