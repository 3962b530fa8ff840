#pragma once

#include <slate/domain/business_calendar.hpp>
#include <slate/domain/problem.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace slate::formats {

// The last year a recurring holiday is expanded to when its RRULE has no
// UNTIL or COUNT.
inline constexpr int k_holiday_last_year = 2100;

// The most holidays one file may expand to.
inline constexpr std::size_t k_max_holidays = 20000;

// Read the holidays in the text of an iCalendar file (RFC 5545): each
// VEVENT is a holiday named by its SUMMARY.
//
// - All-day events (`DTSTART;VALUE=DATE:20260403`, `DTEND;VALUE=DATE` the
//   day after the last, or no DTEND for one day) close the calendar from
//   local midnight to local midnight in the business calendar's own zone.
// - Part-day events give DTSTART and DTEND as date-times: with
//   `TZID=<IANA zone>` in that zone, ending in Z in UTC, floating (neither)
//   on the business calendar's wall clock.
// - `RRULE` (any rule libical expands, e.g. FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO)
//   repeats the event up to UNTIL, COUNT or the end of k_holiday_last_year;
//   `EXDATE` removes occurrences. RDATE, RECURRENCE-ID and DURATION are
//   refused; a VEVENT with STATUS:CANCELLED is skipped.
//
// Each holiday's source is `source` (the file's name as the ledger shows
// it, e.g. "england-and-wales.ics"). Every problem's message starts with
// "NAME:LINE: ", NAME being `name`.
domain::Result<std::vector<domain::Holiday>>
read_holiday_calendar(std::string_view text, const std::string& name, const std::string& source);

} // namespace slate::formats
