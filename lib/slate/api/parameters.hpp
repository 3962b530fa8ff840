#pragma once

#include <slate/api/request.hpp>
#include <slate/app/snapshot.hpp>
#include <slate/domain/instant.hpp>
#include <slate/domain/problem.hpp>
#include <slate/domain/zone.hpp>

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace slate::api {

// The query parameters of one request, by name, after checking them against
// what the resource accepts.
using Parameters = std::map<std::string, std::string, std::less<>>;

// Return the parameters of `query`, or a problem for every parameter that
// `resource` does not accept (the message lists the `accepted` ones) and
// for every one given more than once.
domain::Result<Parameters> read_parameters(const Fields& query, std::string_view resource,
                                           std::initializer_list<std::string_view> accepted);

// Return the region named by parameter "region" (matched ignoring case), or a
// problem for field "region" if it is missing or unknown; the message lists
// the regions `snapshot` knows.
domain::Result<const domain::Region*> region_parameter(const Parameters& parameters,
                                                       const app::Snapshot& snapshot);

// Return the instant in parameter `name` (RFC 3339), std::nullopt if it is
// absent, or a problem for field `name` if it does not parse.
domain::Result<std::optional<domain::Instant>> instant_parameter(const Parameters& parameters,
                                                                 std::string_view name);

// Return the zone in parameter `name` (an IANA name; abbreviations such as
// IST are refused), std::nullopt if it is absent, or a problem for `name`.
domain::Result<std::optional<domain::Zone>> zone_parameter(const Parameters& parameters,
                                                           std::string_view name);

// Append the problems of `result` to `problems`; return whether it held a value.
template <class T> bool collect(const domain::Result<T>& result, domain::Problems& problems) {
  problems.insert(problems.end(), result.problems().begin(), result.problems().end());
  return result.ok();
}

} // namespace slate::api
