#include <slate/api/parameters.hpp>

#include <slate/formats/rfc3339.hpp>
#include <slate/util/text.hpp>

#include <algorithm>

namespace slate::api {
namespace {

std::string known_regions(const app::Snapshot& snapshot) {
  std::vector<std::string> ids;
  for (const auto& region : snapshot.regions) {
    ids.push_back(region.id);
  }
  const std::string out = util::joined(ids);
  return out.empty() ? "none are loaded" : "known regions: " + out;
}

} // namespace

domain::Result<Parameters> read_parameters(const Fields& query, std::string_view resource,
                                           std::initializer_list<std::string_view> accepted) {
  Parameters parameters;
  domain::Problems problems;
  for (const auto& [name, value] : query) {
    if (std::find(accepted.begin(), accepted.end(), name) == accepted.end()) {
      // A misspelt parameter silently ignored would answer a different
      // question than the one asked.
      problems.push_back(
          {domain::Code::parameter_unknown, name,
           "unknown query parameter " + util::quoted(name) + "; " + std::string(resource) +
               " accepts " +
               (accepted.size() == 0 ? "no query parameters" : util::joined(accepted))});
    } else if (!parameters.emplace(name, value).second) {
      problems.push_back({domain::Code::parameter_repeated, name,
                          "query parameter " + util::quoted(name) + " is given more than once"});
    }
  }
  if (!problems.empty()) {
    return problems;
  }
  return parameters;
}

domain::Result<const domain::Region*> region_parameter(const Parameters& parameters,
                                                       const app::Snapshot& snapshot) {
  const auto it = parameters.find("region");
  if (it == parameters.end() || it->second.empty()) {
    return domain::Problem{domain::Code::region_missing, "region",
                           "the query parameter 'region' is required; " + known_regions(snapshot)};
  }
  if (const domain::Region* region = domain::find_region(snapshot.regions, it->second)) {
    return region;
  }
  return domain::Problem{domain::Code::region_unknown, "region",
                         "unknown region " + util::quoted(it->second) + "; " +
                             known_regions(snapshot)};
}

domain::Result<std::optional<domain::Instant>> instant_parameter(const Parameters& parameters,
                                                                 std::string_view name) {
  const auto it = parameters.find(name);
  if (it == parameters.end()) {
    return std::optional<domain::Instant>{};
  }
  auto parsed = formats::parse_rfc3339(it->second, name);
  if (!parsed) {
    return parsed.problems();
  }
  return std::optional<domain::Instant>{parsed.value()};
}

domain::Result<std::optional<domain::Zone>> zone_parameter(const Parameters& parameters,
                                                           std::string_view name) {
  const auto it = parameters.find(name);
  if (it == parameters.end()) {
    return std::optional<domain::Zone>{};
  }
  auto located = domain::Zone::locate(it->second, name);
  if (!located) {
    return located.problems();
  }
  return std::optional<domain::Zone>{located.value()};
}

} // namespace slate::api
