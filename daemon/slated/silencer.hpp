#pragma once

#include <slated/clock.hpp>
#include <slated/metrics.hpp>

#include <slate/app/silences.hpp>
#include <slate/app/writer.hpp>
#include <slate/store/silence_store.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace slate::daemon {

// Keeps the silences app::queue_silences queued in Alertmanager (API v2),
// with cpp-httplib's client on a worker thread (never on the writer's
// loop), the result posted back and recorded through the app's writer.
//
// Changes go one at a time, oldest first. For each, the silence
// Alertmanager holds is read (by the id slated recorded; without one, or
// if Alertmanager no longer knows it, the one whose comment carries the
// silence's tag: so a create whose answer was lost is adopted, not made
// twice), and domain::next_silence_step says what to do: POST it (with its
// id when updating; the id Alertmanager returns is kept), DELETE it (200,
// 404 and 0.25's 500 "silence not found" are all done), or nothing. The
// URLs are tried in order (peers gossip, so one is enough); when none
// answers the change is retried with backoff (1 s doubling to 5 min), and
// given up once the silence's end has passed: it is never open-ended, so
// Alertmanager ends it by itself. A change Alertmanager refuses as such
// (400, 422) is given up at once: it would be refused again, and would
// hold up the changes queued after it.
//
// Every `reconcile` interval, each silence that should be in force is
// looked at the same way: one that vanished (Alertmanager restarted
// without its storage) is created again; one an operator expired by hand
// is recorded as such, not undone.
// Lives on the writer thread's io_context: every method is called from there.
class Silencer {
public:
  struct Settings {
    std::vector<std::string> urls; // none: the silencer does nothing
    std::chrono::seconds reconcile{60};
  };

  Silencer(boost::asio::io_context& io, app::Writer& writer, Settings settings, const Clock& clock,
           Metrics& metrics);
  ~Silencer();
  Silencer(const Silencer&) = delete;
  Silencer& operator=(const Silencer&) = delete;

  // Send what is pending (at once, whatever backoff an earlier run was
  // in), and reconcile now and every interval.
  void start();
  // Send what was queued since, unless busy.
  void poke();
  // Start nothing new and cancel the timers; a request in flight finishes.
  void stop();

  // What one look at Alertmanager did for one silence.
  struct Delivery {
    bool ok = false;
    app::SilenceOutcome outcome;
    std::string step;     // domain::SilenceStep as text
    std::string error;    // why not, when !ok: each URL and what it answered
    bool refused = false; // Alertmanager refused the request itself (400, 422)
  };

private:
  struct Look {
    domain::DesiredSilence desired;
    std::string known_id;
    Delivery delivery;
  };

  void send_next();
  void finished(const store::SilenceChange& change, const domain::DesiredSilence& desired,
                int attempt, const Delivery& delivery);
  void reconcile();
  void reconciled(const std::vector<Look>& looks);
  void schedule_reconcile();

  boost::asio::io_context& m_io;
  app::Writer& m_writer;
  Settings m_settings;
  const Clock& m_clock;
  Metrics& m_metrics;
  boost::asio::steady_timer m_retry;
  boost::asio::steady_timer m_reconcile_timer;
  bool m_busy = false;    // a request (or a reconciliation) is in flight
  bool m_waiting = false; // the retry timer is set
  bool m_reconcile_due = false;
  bool m_stopping = false;
  boost::asio::thread_pool m_workers{1};
};

} // namespace slate::daemon
