#include <common/tz_database_version.hpp>

#include <date/tz.h>

#include <fstream>
#include <string_view>

namespace slate::daemon {

std::string tz_database_version(const std::filesystem::path& directory) {
  try {
    std::string version = date::get_tzdb().version;
    if (!version.empty() && version != "unknown") {
      return version;
    }
  } catch (const std::exception&) {
    // No database date/tz can read: tzdata.zi may still say which it is.
  }
  std::ifstream zi(directory / "tzdata.zi");
  std::string line;
  constexpr std::string_view k_prefix = "# version ";
  if (std::getline(zi, line) && line.rfind(k_prefix, 0) == 0 && line.size() > k_prefix.size()) {
    return line.substr(k_prefix.size());
  }
  return "unknown";
}

} // namespace slate::daemon
