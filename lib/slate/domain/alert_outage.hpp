#pragma once

#include <slate/domain/alert.hpp>
#include <slate/domain/outage.hpp>
#include <slate/domain/policy.hpp>
#include <slate/domain/region.hpp>

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace slate::domain {

// What an alert does to its outage.
enum class OutageChange { open, resolve };

// The outage an alert opens (firing) or resolves (resolved).
struct AlertOutage {
  OutageChange change = OutageChange::open;
  // "alertmanager/FINGERPRINT/STARTSAT" (startsAt in UTC, whole seconds):
  // the same for every repeat of a notification and for the alert's
  // resolution, so opening twice or resolving twice changes nothing.
  std::string key;
  std::string service;
  std::vector<std::string> regions; // region ids, at least one
  Instant start;
  std::optional<Instant> end; // set when resolving
  OutageImpact impact = OutageImpact::major;
  OutageCause cause = OutageCause::internal;
  std::string description;
  // A sentence for each label value that was not understood and what was
  // assumed instead (an unknown cause counts as internal, an unknown impact
  // as major): for the daemon's log.
  std::vector<std::string> notes;

  friend bool operator==(const AlertOutage&, const AlertOutage&) = default;
};

// An alert that opens or resolves nothing. `reason` is a stable code for
// metrics and logs: not_configured, not_matched, no_service,
// invalid_service, unknown_service, no_region, unknown_region,
// no_fingerprint, no_end. `detail` is a sentence.
struct IgnoredAlert {
  std::string reason;
  std::string detail;

  friend bool operator==(const IgnoredAlert&, const IgnoredAlert&) = default;
};

using AlertDecision = std::variant<AlertOutage, IgnoredAlert>;

// Return what `alert` does under the policy's [alertmanager.alerts]
// mapping, against the calendars' `regions`. An alert counts if it
// satisfies every `match` matcher; its service is its service label, which
// must be a valid service id and, if the policy lists services, one of
// them; its regions come from its region label, through `region_values`
// or as a region id (ignoring case). The cause and impact labels are
// optional. Never fails: an alert that maps to nothing is ignored, with the
// reason, so that Alertmanager is never asked to retry.
AlertDecision map_alert(const Alert& alert, const Policy& policy,
                        const std::vector<Region>& regions);

} // namespace slate::domain
