#pragma once

#include <slate/domain/problem.hpp>
#include <slate/domain/region.hpp>

#include <filesystem>
#include <vector>

namespace slate::daemon {

// Read every `*.ics` file in `dir` (sorted by name) as one region each.
// Returns the regions, or every problem found, each message starting with
// "FILE:LINE: ". A directory with no calendar at all is a problem too.
domain::Result<std::vector<domain::Region>>
load_calendar_directory(const std::filesystem::path& dir);

} // namespace slate::daemon
