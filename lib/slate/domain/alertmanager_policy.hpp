#pragma once

#include <slate/domain/instant.hpp>
#include <slate/domain/matcher.hpp>
#include <slate/domain/region.hpp>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace slate::domain {

// Which alerts open outages, and how their labels name the service, the
// regions, the cause and the impact ([alertmanager.alerts] in a policy).
struct AlertMapping {
  // An alert counts only if it satisfies every one of these, e.g.
  // slo="availability". Never empty when read from a policy.
  std::vector<Matcher> match;
  // The label whose value is the outage's service id.
  std::string service_label = "service";
  // The label whose value names the outage's region: a key of
  // `region_values`, else a region id (ignoring case).
  std::string region_label = "region";
  // Label values mapped to region ids, e.g. "us-east-1" -> {"US"}; one
  // value may stand for several regions, e.g. "global" -> {"EU", "UK"}.
  std::map<std::string, std::vector<std::string>> region_values;
  // The label whose value is an outage cause ("third_party", ...); empty:
  // none, every outage from an alert is "internal".
  std::string cause_label;
  // The label whose value is "major" or "partial"; empty: none, every
  // outage from an alert is "major".
  std::string impact_label;
};

// The policy's [alertmanager] section: the silences slated keeps for
// maintenance, and the alerts it turns into outages. It is inert until the
// daemon is given Alertmanager URLs.
struct AlertmanagerPolicy {
  // A silence starts this long before its maintenance...
  Seconds lead = std::chrono::minutes{5};
  // ...and ends this long after the maintenance's current end.
  Seconds grace = std::chrono::minutes{15};
  // Matchers per region id (as in the calendars). A region without any
  // gets no silence; see silence_gaps.
  std::map<std::string, std::vector<Matcher>> regions;
  // Matchers per service id, added to the region's in the silence of a
  // maintenance that names the service.
  std::map<std::string, std::vector<Matcher>> services;
  // None: no alert opens an outage.
  std::optional<AlertMapping> alerts;
};

// Return a sentence for each place where a maintenance would get no
// silence although silences are configured (some region has matchers):
// each region of `regions` without matchers, and each service of
// `services` (the policy's list; may be empty) without matchers when some
// service has them. For `--check-config` to print as warnings; empty when
// the section configures no silences at all.
std::vector<std::string> silence_gaps(const AlertmanagerPolicy& policy,
                                      const std::vector<Region>& regions,
                                      const std::vector<std::string>& services);

} // namespace slate::domain
