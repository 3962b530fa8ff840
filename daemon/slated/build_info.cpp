#include <slated/build_info.hpp>

#include <common/tz_database_version.hpp>

// SLATED_COMMIT, written at build time (cmake/commit_header.cmake).
#include <slated_commit.hpp>

namespace slate::daemon {

std::string_view slated_version() {
  return SLATED_VERSION;
}

std::string_view slated_commit() {
  return SLATED_COMMIT;
}

std::string version_text() {
  return "slated " + std::string(slated_version()) + "\ncommit " + std::string(slated_commit()) +
         "\ntz database " + tz_database_version() + " (" + k_tz_directory.string() + ")\n";
}

} // namespace slate::daemon
