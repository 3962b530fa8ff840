#pragma once

#include <slate/domain/maintenance.hpp>
#include <slate/domain/outage.hpp>
#include <slate/domain/policy.hpp>
#include <slate/domain/region.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace slate::domain {

// What a report is about: one service (optionally in one region) over one
// calendar month of the policy's reporting zone.
struct AvailabilityQuery {
  std::string service;
  std::optional<std::string> region; // a region id as in the calendars
  date::year_month month;
};

// Everything the computation reads; nothing is read from a clock or a file.
struct AvailabilityInputs {
  const Policy& policy;
  const std::vector<Region>& regions;
  const std::vector<Outage>& outages;
  const std::vector<Maintenance>& maintenances;
  Instant now; // open outages and running maintenance end here
};

// One stretch of the month with one verdict: why it counts or not.
struct LedgerEntry {
  Interval interval;
  std::string kind; // "outage", "maintenance", "emergency_maintenance", "maintenance_overrun", ...
  bool counted = false;
  std::string reason;               // a sentence for people
  std::string category;             // exclusion category when excluded
  std::vector<std::string> sources; // "outage/7", "maintenance/3"
};

struct AvailabilityReport {
  AvailabilityQuery query;
  Interval period;     // the month, in UTC instants
  Seconds total{0};    // the month's true length
  Seconds down{0};     // union of outages and maintenance downtime
  Seconds excluded{0}; // part of `down` that is an SLA exclusion
  Seconds counted{0};  // down - excluded, partial outages weighted
  std::map<std::string, Seconds> excluded_by_category;
  // availability = numerator / denominator, exact; see percent_text.
  std::int64_t numerator = 0;
  std::int64_t denominator = 0;
  std::int64_t target_ppm = 0;
  bool met = true;
  Seconds error_budget{0};
  Seconds error_budget_remaining{0}; // negative once breached
  // For the month under way: time elapsed, and how fast the budget burns
  // relative to an even spend (1.0 = on course to use all of it), in ppm.
  std::optional<Seconds> elapsed;
  std::optional<std::int64_t> burn_rate_ppm;
  std::optional<CreditTier> credit; // the tier owed, if any
  std::vector<LedgerEntry> ledger;  // in order of start
};

// Return the report for `query`. Intervals are split at the month's ends;
// overlapping downtime counts once; an excluded stretch wins over a counted
// one that overlaps it (an outage during excluded maintenance is shown in
// the ledger but not counted twice).
AvailabilityReport compute_availability(const AvailabilityQuery& query,
                                        const AvailabilityInputs& inputs);

// Return the UTC instants of `month` in `zone`: from local midnight of its
// first day to local midnight of the next month's first day.
Interval month_interval(date::year_month month, const Zone& zone);

// Return the month that `instant` falls in on the wall clock of `zone`.
date::year_month month_of(Instant instant, const Zone& zone);

// Return numerator/denominator as a percentage with `decimals` digits,
// truncated (never rounded up): 19999/20000 -> "99.9950".
std::string percent_text(std::int64_t numerator, std::int64_t denominator, int decimals = 4);

} // namespace slate::domain
