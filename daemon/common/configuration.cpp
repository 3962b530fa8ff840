#include <common/configuration.hpp>

#include <common/calendar_directory.hpp>
#include <slate/formats/policy_file.hpp>

#include <fstream>
#include <sstream>

namespace slate::daemon {

domain::Result<Configuration> load_configuration(const std::filesystem::path& calendars,
                                                 const std::filesystem::path& policy) {
  auto regions = load_calendar_directory(calendars);
  if (!regions) {
    return regions.problems();
  }
  const std::string name = policy.string();
  std::ifstream in(policy, std::ios::binary);
  if (!in) {
    return domain::Problem{"invalid_policy", name, name + ": cannot read the policy file"};
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto read = formats::read_policy(text.str(), name, *regions);
  if (!read) {
    return read.problems();
  }
  return Configuration{std::move(regions).value(), std::move(read).value()};
}

} // namespace slate::daemon
