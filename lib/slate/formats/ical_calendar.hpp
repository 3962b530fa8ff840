#pragma once

#include <slate/domain/problem.hpp>
#include <slate/domain/region.hpp>

#include <string>
#include <string_view>

namespace slate::formats {

// Read one region from the text of an iCalendar file (RFC 5545).
//
// The calendar names its region with `X-SLATE-REGION` (else `default_id`)
// and `X-WR-CALNAME`. Each VEVENT is one window: `DTSTART;TZID=` and
// `DTEND;TZID=` in the same IANA zone give the local start and end on the
// wall clock (docs/domain.md, "Time" rule 4), `RRULE:FREQ=WEEKLY;BYDAY=...`
// the days, the DTSTART date the first day and `UNTIL` the last. A VEVENT
// with `X-SLATE-ROLE:alternate-statement` and `RELATED-TO:<uid>` is another
// statement of that window, kept for `lint`.
//
// Anything slated would have to guess at (floating or UTC times, COUNT,
// INTERVAL, EXDATE, zone abbreviations) is refused. Every problem's message
// starts with "NAME:LINE: ", where NAME is `name` and LINE the line of the
// file that holds the problem.
domain::Result<domain::Region> read_region_calendar(std::string_view text, const std::string& name,
                                                    const std::string& default_id);

} // namespace slate::formats
