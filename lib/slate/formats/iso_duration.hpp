#pragma once

#include <slate/domain/instant.hpp>
#include <slate/domain/problem.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace slate::formats {

// Return the length written as an ISO 8601 duration of days, hours, minutes
// and seconds ("PT1H30M", "P7D", "P1DT12H"), or a problem for `field`.
// Years, months and weeks are refused: their length depends on the
// calendar ("P1M" is 28 to 31 days), and slated needs exact lengths.
domain::Result<domain::Seconds> parse_iso_duration(std::string_view text, std::string_view field);

// An ISO 8601 duration kept in its two parts: the days before the T and the
// exact time after it. A support target needs them apart: in a business
// calendar "P1D" is one business day, "PT24H" twenty-four business hours.
struct DurationParts {
  std::int64_t days = 0;
  domain::Seconds time{0};
};

// Return the parts of `text`, accepted and refused exactly as
// parse_iso_duration does, or a problem for `field`.
domain::Result<DurationParts> parse_iso_duration_parts(std::string_view text,
                                                       std::string_view field);

// Return `length` in the same form, e.g. "PT1H30M", "P7D"; "PT0S" for zero.
std::string format_iso_duration(domain::Seconds length);

} // namespace slate::formats
