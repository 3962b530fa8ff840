#pragma once

#include <slate/domain/region.hpp>
#include <slate/domain/zone.hpp>

#include <string>
#include <vector>

namespace slate::formats {

// Return the document listing `regions` and their window rules:
// {"home_zone": ..., "regions": [{"id", "name", "windows": [rule...]}]}.
// A rule is {"uid", "summary", "zone", "days": ["Mon", ...], "local_start"
// and "local_end" ("HH:MM", or "HH:MM:SS" when the seconds are not zero),
// "crosses_midnight", "nominal_duration_seconds", "first_day" and "last_day"
// ("YYYY-MM-DD" or null), "alternates": [{"label", and the same rule fields}]}.
std::string render_regions(const std::vector<domain::Region>& regions,
                           const domain::Zone& home_zone);

} // namespace slate::formats
