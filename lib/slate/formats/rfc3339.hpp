#pragma once

#include <slate/domain/instant.hpp>
#include <slate/domain/problem.hpp>

#include <string>
#include <string_view>

namespace slate::formats {

// The instants slated accepts from clients: the Unix epoch to the end of
// 8999, so that what it derives (ten-year ranges, a year's horizon) is
// still written with four-digit years.
inline constexpr domain::Instant k_earliest_instant{};
inline constexpr domain::Instant k_latest_instant =
    domain::Instant{date::sys_days{date::year{9000} / 1 / 1}} - std::chrono::seconds{1};

// Return the instant written in `text` as an RFC 3339 date-time
// ("2026-01-01T00:00:00Z", "2026-01-01T05:30:00+05:30"; fractional seconds
// are accepted and truncated), or a problem for `field` that says what is
// wrong. A reading without a UTC offset, or outside k_earliest_instant to
// k_latest_instant, is refused.
domain::Result<domain::Instant> parse_rfc3339(std::string_view text, std::string_view field);

// Return `instant` as "YYYY-MM-DDTHH:MM:SSZ".
std::string format_rfc3339_utc(domain::Instant instant);

// Return `instant` as the wall clock `offset` (local - UTC) away from UTC
// reads it, with that offset: "2026-01-05T01:00:00-05:00". An offset of
// zero is written "+00:00". RFC 3339 offsets have no seconds, so an offset
// that has some (local mean time before about 1900) gives the UTC form.
std::string format_rfc3339(domain::Instant instant, domain::Seconds offset);

} // namespace slate::formats
