#pragma once

#include <slate/domain/alertmanager_policy.hpp>
#include <slate/domain/instant.hpp>
#include <slate/domain/outage.hpp>
#include <slate/domain/region.hpp>
#include <slate/domain/support_policy.hpp>

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace slate::domain {

// What a policy says about maintenance in one region.
struct RegionPolicy {
  // Least time between slated accepting a scheduled maintenance and its start.
  Seconds notice = std::chrono::days{7};
  // Whether two maintenances of the region may overlap.
  bool overlap_allowed = false;
  // UIDs of the region's windows maintenance may use; empty: every window.
  std::vector<std::string> windows;

  bool allows(const Window& window) const;
};

// Which of docs/domain.md's two availability conventions a policy uses.
enum class AvailabilityFormula {
  // (total - excluded - counted) / (total - excluded): exclusions leave the
  // measured time. The default.
  exclusions_leave_total,
  // (total - counted) / total: exclusions count as available time.
  exclusions_count_as_up,
};

// A service credit owed when a month's availability falls below `below`.
struct CreditTier {
  std::int64_t below_ppm = 0; // availability threshold, in millionths (99.95 % = 999500)
  std::string credit;         // as the policy states it, e.g. "10 %"
};

// How availability is measured under a policy.
struct AvailabilityRules {
  Zone reporting_zone = Zone::utc(); // months start at local midnight here
  AvailabilityFormula formula = AvailabilityFormula::exclusions_leave_total;
  std::int64_t target_ppm = 999500; // 99.95 %, in millionths
  // Weight of a partial outage, in thousandths (1000 = counts in full).
  std::int64_t partial_weight_permille = 1000;
  // Services outages may name; empty: any service id.
  std::vector<std::string> services;
  // Outage causes that are SLA exclusions, with their category as the SLA
  // names it; a cause not listed counts as downtime.
  std::map<OutageCause, std::string> excluded_causes;
  // Highest threshold first.
  std::vector<CreditTier> credit_tiers;
};

// Uniphore's exclusions (ii)-(iv), the default mapping of outage causes.
std::map<OutageCause, std::string> uniphore_excluded_causes();

// The rules scheduling follows, from a policy file (see etc/policies/).
struct Policy {
  std::string name = "uniphore";
  std::string source; // file it came from; empty for the built-in default
  double availability_target_percent = 99.95;
  RegionPolicy defaults;
  std::map<std::string, RegionPolicy> regions; // by region id as in the calendars
  AvailabilityRules availability{Zone::utc(), AvailabilityFormula::exclusions_leave_total,
                                 999500,      1000,
                                 {},          uniphore_excluded_causes(),
                                 {}};
  // Severities, support clocks and their calendars ([support]); empty
  // (no severities) when the policy file has no [support] part.
  SupportPolicy support;
  // The [alertmanager] section: silences for maintenance, outages from alerts.
  AlertmanagerPolicy alertmanager;

  // Return the policy for region `id`: its own section, else the defaults.
  const RegionPolicy& for_region(std::string_view id) const;
};

} // namespace slate::domain
