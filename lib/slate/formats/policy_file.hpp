#pragma once

#include <slate/domain/policy.hpp>
#include <slate/domain/problem.hpp>
#include <slate/domain/region.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace slate::formats {

// Return the text of a holiday file a policy names, by its path relative to
// the calendars directory ("holidays/england-and-wales.ics"), or a problem
// whose message says why it cannot be read (e.g. "cannot read: No such
// file or directory").
using HolidayReader = std::function<domain::Result<std::string>(const std::string& path)>;

// Read a policy file (TOML; see etc/policies/uniphore.toml for every key)
// against the `regions` of the calendars it will be used with: region
// sections and window UIDs must name ones that exist. Problems' messages
// start with "NAME:LINE: ". Unknown keys are refused, so a typo such as
// `notise` cannot silently leave the default in place.
//
// The `[support]` part (severities, support calendars, plans) names
// holiday files relative to the calendars directory; `read_holidays` reads
// them. Without it (an empty function) the names are checked but no file
// is read, and the support calendars have no holidays: pass a reader
// wherever deadlines are computed.
domain::Result<domain::Policy> read_policy(std::string_view text, const std::string& name,
                                           const std::vector<domain::Region>& regions,
                                           const HolidayReader& read_holidays = {});

} // namespace slate::formats
