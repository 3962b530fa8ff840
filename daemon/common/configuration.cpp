#include <common/configuration.hpp>

#include <common/calendar_directory.hpp>
#include <common/template_directory.hpp>
#include <slate/formats/policy_file.hpp>

#include <fstream>
#include <sstream>

namespace slate::daemon {

namespace {

domain::Result<domain::Policy> load_policy(const std::filesystem::path& path,
                                           const std::vector<domain::Region>& regions) {
  const std::string name = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return domain::Problem{domain::Code::invalid_policy, name,
                           name + ": cannot read the policy file"};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return formats::read_policy(text.str(), name, regions);
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
  auto policy = load_policy(paths.policy, *regions);
  if (!policy) {
    problems.insert(problems.begin(), policy.problems().begin(), policy.problems().end());
  }
  if (!problems.empty()) {
    return problems;
  }
  return Configuration{std::move(regions).value(), std::move(policy).value(),
                       std::move(templates).value()};
}

} // namespace slate::daemon
