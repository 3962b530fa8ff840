#pragma once

#include <slate/domain/policy.hpp>
#include <slate/domain/problem.hpp>
#include <slate/domain/region.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace slate::formats {

// Read a policy file (TOML; see etc/policies/uniphore.toml for every key)
// against the `regions` of the calendars it will be used with: region
// sections and window UIDs must name ones that exist. Problems' messages
// start with "NAME:LINE: ". Unknown keys are refused, so a typo such as
// `notise` cannot silently leave the default in place.
domain::Result<domain::Policy> read_policy(std::string_view text, const std::string& name,
                                           const std::vector<domain::Region>& regions);

} // namespace slate::formats
