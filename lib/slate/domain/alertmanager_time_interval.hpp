#pragma once

#include <slate/domain/instant.hpp>
#include <slate/domain/problem.hpp>
#include <slate/domain/region.hpp>
#include <slate/domain/weekday_set.hpp>

#include <optional>
#include <string>
#include <vector>

namespace slate::domain {

// An inclusive range of whole numbers, as Alertmanager writes "5:31".
struct NumberRange {
  int first = 0;
  int last = 0;

  friend bool operator==(const NumberRange&, const NumberRange&) = default;
};

// One entry of an Alertmanager time interval: it holds at the instants
// whose wall clock in `location` is on one of `weekdays`, at a minute of
// the day in [start_minute, end_minute) and, where given, in `years`,
// `months` (1-12) and `days_of_month` (1-31). Alertmanager refuses a range
// that crosses midnight, so end_minute is at most 1440 ("24:00").
struct TimeIntervalEntry {
  WeekdaySet weekdays;
  int start_minute = 0;
  int end_minute = 0;
  std::string location; // IANA zone name
  std::optional<NumberRange> years;
  std::optional<NumberRange> months;
  std::optional<NumberRange> days_of_month;

  friend bool operator==(const TimeIntervalEntry&, const TimeIntervalEntry&) = default;
};

// A named Alertmanager time interval: it holds when any entry holds (none:
// never).
struct TimeInterval {
  std::string name;
  std::vector<TimeIntervalEntry> entries;

  friend bool operator==(const TimeInterval&, const TimeInterval&) = default;
};

// Return the name of the time interval of region `region_id`:
// "slated-window-US".
std::string time_interval_name(std::string_view region_id);

// Return one time interval per region of `regions`, in their order, holding
// the region's windows (the contract rules; alternate statements are
// left out). A window that crosses local midnight becomes two entries, the
// second on the next weekdays: Mon 23:30-01:30 is monday 23:30-24:00 and
// tuesday 00:00-01:30. A window's first and last days become years, months
// and days of the month; bounds that have passed at `now` (on the window's
// wall clock) are left out, and a window whose last day has passed gives
// no entry.
//
// Alertmanager compares wall-clock readings, so it and slated agree on
// every day but those on which the clock changes under a window: where a
// window's start or end falls in a spring-forward gap, slated moves it
// forward by the gap while Alertmanager starts or ends the window as the
// clock jumps past it; where its end falls in a fall-back fold, slated ends
// at the first pass and Alertmanager at the second.
//
// Fails with code "window_not_whole_minutes" for a window whose start or end
// has seconds: Alertmanager's times are HH:MM.
Result<std::vector<TimeInterval>> alertmanager_time_intervals(const std::vector<Region>& regions,
                                                              Instant now);

} // namespace slate::domain
