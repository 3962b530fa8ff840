#pragma once

#include <slate/domain/interval.hpp>
#include <slate/domain/problem.hpp>
#include <slate/domain/support_policy.hpp>
#include <slate/domain/ticket.hpp>
#include <slate/domain/zone.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slate::domain {

// Where a clock stands: still counting, stopped by a pause, or stopped for
// good in time (met) or after its due instant (breached). A clock that has
// passed its due instant is breached whether or not it has stopped.
enum class ClockStatus { running, paused, met, breached };

std::string_view to_string(ClockStatus status);

// One stretch of a clock's ledger: whether it counts towards the target
// and why ("business hours", "outside business hours", "holiday: Good
// Friday (england-and-wales.ics)", "paused: awaiting customer", "resolved:
// until reopened").
struct ClockLedgerEntry {
  Interval interval;
  bool counts = false;
  std::string reason;

  friend bool operator==(const ClockLedgerEntry&, const ClockLedgerEntry&) = default;
};

// One support clock of a ticket: a response clock, one update interval, or
// the restoration clock.
//
// The due instant is the earliest instant at which the counted business
// time reaches the target; a clock stopped at or before it is met, one
// stopped later breached. While a pause that began before the target was
// reached has not ended, the clock has no due instant. The ledger covers
// the clock from its start to its stop, or, while it runs, to the later of
// its due instant and `now`; stretches with the same reason are one.
struct SupportClock {
  ClockKind kind = ClockKind::response;
  std::string severity;
  std::string plan;
  SupportTarget target;
  Seconds target_seconds{0};
  std::string calendar;    // the calendar it runs on, after the plan's replacement
  Zone zone = Zone::utc(); // that calendar's zone, for local times
  Instant started_at;
  std::optional<Instant> due_at;
  std::optional<Instant> warn_at; // when warn_at_percent of the target is used
  std::optional<Instant> stopped_at;
  ClockStatus status = ClockStatus::running;
  Seconds elapsed{0};   // business time counted from the start to the stop or `now`
  Seconds remaining{0}; // target - elapsed; negative once it has run over
  std::vector<ClockLedgerEntry> ledger;
};

// How much of each clock to compute.
enum class ClockDetail {
  full,        // everything, with the ledger
  status_only, // status, due, warn and stop; no ledger, elapsed and remaining left 0
};

// Return the clocks of `ticket` under `policy` as they stand at `now`,
// computed from its whole history (events sorted by instant; see Ticket),
// in the order response, update intervals, restoration, each kind by start.
//
// The rules, where the SLA documents are silent:
// - The response clock runs from the opening until the first `responded`
//   or `resolved`; nothing resumes it.
// - The update clock is one clock per interval: the first starts at the
//   opening, each `updated` stops the running one and starts the next.
//   `restored` and `resolved` stop it; `reopened` starts a new interval.
// - The restoration clock runs from the opening until `restored` or
//   `resolved`; `reopened` resumes it, the time in between not counted
//   ("resolved: until reopened").
// - A pause (`paused` to `resumed`, or still open) stops the kinds in
//   `pause_stops`, never the response clock; its note is the reason.
// - A severity change under `recompute` computes every clock as if the
//   ticket had had the new severity from the opening; under `restart` each
//   clock still running at the change ends there -- dropped, unless it had
//   already breached -- and a clock of the new severity starts at the change.
// - `reopened` on an open ticket, `resumed` without a pause, a second
//   `paused`, `updated` when no update clock runs: no effect.
// A severity or plan the policy no longer has gives no clocks.
std::vector<SupportClock> ticket_clocks(const SupportPolicy& policy, const Ticket& ticket,
                                        Instant now, ClockDetail detail = ClockDetail::full);

// Return the clocks a ticket opened at `opened_at` with `severity` under
// `plan` (default: the policy's default plan) would have, with their
// ledgers from the opening to the due instant, or a problem:
// "support_not_configured", "severity_unknown" (field "severity"),
// "plan_unknown" (field "plan").
Result<std::vector<SupportClock>> deadlines(const SupportPolicy& policy, std::string_view severity,
                                            const std::optional<std::string>& plan,
                                            Instant opened_at);

// A notification a clock owes: the warning when warn_at_percent of its
// target is used, the breach one second after its due instant.
enum class AlertKind { warning, breach };

std::string_view to_string(AlertKind kind);

struct SupportAlert {
  // Stable across recomputations for the same clock, so a notifier can
  // send each exactly once: "ticket/INC-7/response/P1/1774920600/warning"
  // (the number is the clock's start in seconds since the epoch).
  std::string id;
  std::string ticket;
  AlertKind alert = AlertKind::warning;
  Instant at;
  SupportClock clock; // without its ledger
};

// Return the alerts of `ticket`'s clocks that have happened by `now`: the
// instant passed while the clock was still running (a clock stopped at or
// before the instant owes nothing). Sorted by instant.
std::vector<SupportAlert> due_alerts(const SupportPolicy& policy, const Ticket& ticket,
                                     Instant now);

// Return the alerts still to come after `now` of the clocks that run (a
// paused clock's are unknown until it resumes): what a timer waits for.
// Sorted by instant.
std::vector<SupportAlert> upcoming_alerts(const SupportPolicy& policy, const Ticket& ticket,
                                          Instant now);

} // namespace slate::domain
