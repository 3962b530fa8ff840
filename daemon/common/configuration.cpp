#include <common/configuration.hpp>

#include <common/calendar_directory.hpp>
#include <common/template_directory.hpp>
#include <slate/formats/policy_file.hpp>

#include <fstream>
#include <sstream>

namespace slate::daemon {

namespace {

// The largest holiday file read; a calendar of many years of holidays is a
// few kilobytes.
constexpr std::uintmax_t k_max_holiday_bytes = 1024 * 1024;

// Read the holiday file at `relative` below the calendars directory
// `calendars`, as the policy names it ("holidays/england-and-wales.ics").
domain::Result<std::string> read_holidays(const std::filesystem::path& calendars,
                                          const std::string& relative) {
  const auto path = calendars / relative;
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error) {
    return domain::Problem{domain::Code::invalid_policy, relative,
                           "cannot read " + path.string() + ": " + error.message()};
  }
  if (size > k_max_holiday_bytes) {
    return domain::Problem{domain::Code::invalid_policy, relative,
                           "cannot read " + path.string() + ": it is " + std::to_string(size) +
                               " bytes; a holiday file may be at most 1 MiB"};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return domain::Problem{domain::Code::invalid_policy, relative, "cannot read " + path.string()};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

domain::Result<domain::Policy> load_policy(const std::filesystem::path& path,
                                           const std::filesystem::path& calendars,
                                           const std::vector<domain::Region>& regions) {
  const std::string name = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return domain::Problem{domain::Code::invalid_policy, name,
                           name + ": cannot read the policy file"};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return formats::read_policy(text.str(), name, regions, [&calendars](const std::string& relative) {
    return read_holidays(calendars, relative);
  });
}

} // namespace

domain::Result<Configuration> load_configuration(const ConfigurationPaths& paths) {
  // The templates do not depend on the calendars: their problems are
  // reported with the calendars' ones, so that one check names them all.
  auto templates = load_templates(paths.templates);
  domain::Problems problems = templates ? domain::Problems{} : templates.problems();
  auto regions = load_calendar_directory(paths.calendars);
  if (!regions) {
    problems.insert(problems.begin(), regions.problems().begin(), regions.problems().end());
    return problems;
  }
  auto policy = load_policy(paths.policy, paths.calendars, *regions);
  if (!policy) {
    problems.insert(problems.begin(), policy.problems().begin(), policy.problems().end());
  }
  if (!problems.empty()) {
    return problems;
  }
  return Configuration{std::move(regions).value(), std::move(policy).value(),
                       std::move(templates).value()};
}

domain::Result<domain::Policy> load_policy_file(const std::filesystem::path& policy,
                                                const std::filesystem::path& calendars) {
  auto regions = load_calendar_directory(calendars);
  if (!regions) {
    return regions.problems();
  }
  return load_policy(policy, calendars, *regions);
}

} // namespace slate::daemon
