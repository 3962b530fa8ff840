#pragma once

#include <slate/domain/instant.hpp>

#include <cstdint>
#include <string>

namespace slate::domain {

// A support clock's target: an exact amount of business time, kept as the
// policy writes it. "PT30M" and "PT4H" are exact elapsed business time; in
// "P3D" each day is one business day of the calendar the clock runs on
// (its `business_day`, e.g. 10 h for 08:00-18:00; 24 h in a 24x7 calendar).
// A contract that gives no target for a clock has no SupportTarget at all
// (std::optional), never a zero one.
struct SupportTarget {
  std::int64_t days = 0; // business days, the part before the T
  Seconds time{0};       // exact business time, the part after the T
  std::string text;      // as written in the policy, e.g. "P1DT4H"

  // Return the business time the target allows, in seconds, for a calendar
  // whose business day is `business_day` long.
  Seconds length(Seconds business_day) const { return days * business_day + time; }

  friend bool operator==(const SupportTarget&, const SupportTarget&) = default;
};

} // namespace slate::domain
