#pragma once

#include <filesystem>
#include <string>

namespace slate::daemon {

// Where date/tz reads the IANA time zone database (USE_OS_TZDB: the system
// tzdata package).
inline const std::filesystem::path k_tz_directory = "/usr/share/zoneinfo";

// Return the version of the tz database date/tz reads ("2025b"): the one
// date/tz reports, or when it says "unknown" (as it does with the system
// database), the "# version" line that heads tzdata.zi in `directory`; or
// "unknown" when neither tells. DST rules change between versions (Chile's
// in 2025b), so operators need to know which rules are in force.
std::string tz_database_version(const std::filesystem::path& directory = k_tz_directory);

} // namespace slate::daemon
