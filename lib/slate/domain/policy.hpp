#pragma once

#include <slate/domain/instant.hpp>
#include <slate/domain/region.hpp>

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

// The rules scheduling follows, from a policy file (see etc/policies/).
struct Policy {
  std::string name = "uniphore";
  std::string source; // file it came from; empty for the built-in default
  double availability_target_percent = 99.95;
  RegionPolicy defaults;
  std::map<std::string, RegionPolicy> regions; // by region id as in the calendars

  // Return the policy for region `id`: its own section, else the defaults.
  const RegionPolicy& for_region(std::string_view id) const;
};

} // namespace slate::domain
