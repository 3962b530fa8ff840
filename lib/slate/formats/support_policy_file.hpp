#pragma once

// The [support] part of a policy file. Internal to formats: policy_file.cpp
// calls it with the parsed TOML; everything else uses read_policy.

#include <slate/domain/problem.hpp>
#include <slate/domain/support_policy.hpp>
#include <slate/formats/policy_file.hpp>

#include <toml++/toml.h>

#include <string>

namespace slate::formats {

// Read `table` (the value of the `support` key of policy file `name`) into
// a SupportPolicy, reading each holiday file through `read_holidays` (if it
// is empty, holiday files are checked for their names only, and the
// calendars have no holidays). Problems are added to `problems` as
// "invalid_policy" with "NAME:LINE: support...: message".
domain::SupportPolicy read_support_policy(const toml::table& table, const std::string& name,
                                          const HolidayReader& read_holidays,
                                          domain::Problems& problems);

} // namespace slate::formats
