#pragma once

#include <chrono>
#include <string>

namespace slate::util {

// Return `instant` as people read it in messages: "2026-03-16 05:00:00 UTC".
// (Documents use RFC 3339 instead: formats/rfc3339.hpp.)
std::string utc_text(std::chrono::sys_seconds instant);

} // namespace slate::util
