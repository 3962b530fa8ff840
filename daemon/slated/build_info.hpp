#pragma once

#include <string>
#include <string_view>

namespace slate::daemon {

// The version of slated (the project's version in CMakeLists.txt).
std::string_view slated_version();

// The commit slated was built from (git describe at build time, or
// SLATE_COMMIT given to CMake), "unknown" outside a git checkout.
std::string_view slated_commit();

// Return what `slated --version` prints: the version, the commit and the tz
// database version, one per line.
std::string version_text();

} // namespace slate::daemon
