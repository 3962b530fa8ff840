#pragma once

#include <slate/domain/interval.hpp>
#include <slate/domain/support_clock.hpp>
#include <slate/domain/support_policy.hpp>
#include <slate/domain/ticket.hpp>
#include <slate/domain/zone.hpp>

#include <date/date.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace slate::domain {

// How one plan, severity and clock kind did in a month.
struct ComplianceRow {
  std::string plan;
  std::string severity;
  ClockKind kind = ClockKind::response;
  std::int64_t clocks = 0;   // every clock (each update interval is one)
  std::int64_t met = 0;      // stopped at or before its due instant
  std::int64_t breached = 0; // past its due instant, stopped or not
  std::int64_t running = 0;  // still running or paused, not yet breached
  // met / (met + breached) in hundredths of a percent, truncated (17 of 19
  // is 8947, shown "89.47"); none while no clock is decided.
  std::optional<std::int64_t> percent_hundredths;
  // The policy's target for the kind, in hundredths of a percent; none if
  // it states none.
  std::optional<std::int64_t> target_hundredths;
  // Whether met / (met + breached) reaches the target, compared exactly in
  // integers (never on a rounded figure); none without a target or without
  // a decided clock.
  std::optional<bool> target_met;
};

// The support compliance of one month.
struct ComplianceReport {
  date::year_month month;
  Zone zone = Zone::utc(); // the policy's reporting zone
  Interval period;         // the month in that zone, as UTC instants
  // Plans by id, severities in the policy's order, kinds response, update,
  // restoration; only combinations with at least one clock.
  std::vector<ComplianceRow> rows;
};

// Return the month (in the policy's reporting zone) `ticket` belongs to:
// that of its opening instant.
date::year_month ticket_month(const SupportPolicy& policy, const Ticket& ticket);

// Return the compliance of `month` over `tickets` (those of other months are
// skipped) as it stands at `now`: each ticket's clocks (ticket_clocks), by
// the ticket's plan and each clock's severity.
ComplianceReport support_compliance(const SupportPolicy& policy, const std::vector<Ticket>& tickets,
                                    date::year_month month, Instant now);

// Return `hundredths` of a percent as "89.47" (two decimals, as given:
// the value is already truncated).
std::string hundredths_text(std::int64_t hundredths);

} // namespace slate::domain
