#pragma once

#include <slate/domain/policy.hpp>
#include <slate/domain/problem.hpp>
#include <slate/domain/region.hpp>

#include <filesystem>
#include <vector>

namespace slate::daemon {

// What the daemon reads from files at start and on SIGHUP.
struct Configuration {
  std::vector<domain::Region> regions;
  domain::Policy policy;
};

// Read the calendars in `calendars` and the policy file `policy` (checked
// against those calendars). Every problem's message starts "FILE:LINE: ".
domain::Result<Configuration> load_configuration(const std::filesystem::path& calendars,
                                                 const std::filesystem::path& policy);

} // namespace slate::daemon
