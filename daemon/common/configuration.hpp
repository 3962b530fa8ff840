#pragma once

#include <slate/domain/policy.hpp>
#include <slate/domain/problem.hpp>
#include <slate/domain/region.hpp>
#include <slate/formats/message_text.hpp>

#include <filesystem>
#include <vector>

namespace slate::daemon {

// What the daemon reads from files at start and on SIGHUP.
struct Configuration {
  std::vector<domain::Region> regions;
  domain::Policy policy;
  formats::MessageTemplates templates;
};

// Where the configuration is read from.
struct ConfigurationPaths {
  std::filesystem::path calendars; // a directory of *.ics
  std::filesystem::path policy;    // a TOML file
  std::filesystem::path templates; // a directory of <phase>.mustache
};

// Read the calendars, the policy (checked against those calendars) and the
// message templates. Returns every problem of every file, each message
// starting "FILE:LINE: " (or "FILE: ").
domain::Result<Configuration> load_configuration(const ConfigurationPaths& paths);

// Read the policy at `policy` against the calendars in `calendars` (and the
// holiday files below it), without the templates: what slatectl needs to
// compute deadlines. Problems as load_configuration's.
domain::Result<domain::Policy> load_policy_file(const std::filesystem::path& policy,
                                                const std::filesystem::path& calendars);

} // namespace slate::daemon
