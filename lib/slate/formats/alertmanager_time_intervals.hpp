#pragma once

#include <slate/domain/alertmanager_time_interval.hpp>

#include <string>
#include <vector>

namespace slate::formats {

// Return `intervals` as a YAML document whose only top-level key is
// `time_intervals:`, so that it can be appended as it is to an
// Alertmanager configuration that has none (and passes `amtool
// check-config`). Names and locations are double-quoted with YAML escapes;
// an interval without entries is written `time_intervals: []` (it never
// holds). Weekdays are lowercase English names, times "HH:MM" (end up to
// "24:00"), years, months and days of the month numbers or "first:last".
std::string time_intervals_yaml(const std::vector<domain::TimeInterval>& intervals);

} // namespace slate::formats
