#pragma once

// Internal to slate_formats (it includes toml++, which only this layer
// links): policy_file.cpp hands the [alertmanager] section here.

#include <slate/domain/alertmanager_policy.hpp>
#include <slate/domain/problem.hpp>
#include <slate/domain/region.hpp>

#include <toml++/toml.h>

#include <string>
#include <vector>

namespace slate::formats {

// Read the policy's [alertmanager] `section` into `policy`, adding a
// problem (code "invalid_policy", message "NAME:LINE: ...") to `problems`
// for each unknown key, wrong type, invalid matcher, set of region
// matchers that all match the empty string, region that is not one of
// `regions`, and service that is not one of `services` (when that list,
// the policy's [availability] services, is not empty).
void read_alertmanager_policy(const toml::node& section, const std::string& name,
                              const std::vector<domain::Region>& regions,
                              const std::vector<std::string>& services,
                              domain::AlertmanagerPolicy& policy, domain::Problems& problems);

} // namespace slate::formats
