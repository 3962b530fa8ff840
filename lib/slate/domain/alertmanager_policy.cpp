#include <slate/domain/alertmanager_policy.hpp>

namespace slate::domain {

std::vector<std::string> silence_gaps(const AlertmanagerPolicy& policy,
                                      const std::vector<Region>& regions,
                                      const std::vector<std::string>& services) {
  const auto has_matchers = [](const std::map<std::string, std::vector<Matcher>>& table,
                               const std::string& id) {
    const auto found = table.find(id);
    return found != table.end() && !found->second.empty();
  };
  const auto any_matchers = [](const std::map<std::string, std::vector<Matcher>>& table) {
    for (const auto& [id, matchers] : table) {
      if (!matchers.empty()) {
        return true;
      }
    }
    return false;
  };
  std::vector<std::string> gaps;
  if (!any_matchers(policy.regions)) {
    return gaps;
  }
  for (const auto& region : regions) {
    if (!has_matchers(policy.regions, region.id)) {
      gaps.push_back("region " + region.id + " has no [alertmanager.regions." + region.id +
                     "] matchers: its maintenance gets no Alertmanager silence");
    }
  }
  if (any_matchers(policy.services)) {
    for (const auto& service : services) {
      if (!has_matchers(policy.services, service)) {
        gaps.push_back("service " + service + " has no [alertmanager.services." + service +
                       "] matchers: maintenance that names it gets no Alertmanager silence");
      }
    }
  }
  return gaps;
}

} // namespace slate::domain
