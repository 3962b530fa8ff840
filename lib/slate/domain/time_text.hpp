#pragma once

#include <slate/domain/interval.hpp>
#include <slate/domain/zone.hpp>

#include <string>

namespace slate::domain {

// Times in messages for people: UTC first, then the zone's wall clock with
// its abbreviation, so an operator in any region reads them without
// arithmetic. "2026-11-30 06:00 UTC (Mon 30 Nov 01:00 EST)".
std::string utc_and_local(Instant instant, const Zone& zone);

// "2026-11-30 06:00-08:00 UTC (Mon 30 Nov 01:00 EST-03:00 EST)": each end
// has its abbreviation, so a DST change between them shows; an interval
// over several days shows both dates.
std::string utc_and_local(const Interval& interval, const Zone& zone);

// "7d", "1h30m", "45m", "30s": a length for people.
std::string length_text(Seconds length);

} // namespace slate::domain
