#include <slate/domain/alertmanager_policy.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using slate::domain::AlertmanagerPolicy;
using slate::domain::MatchType;
using slate::domain::Region;
using slate::domain::silence_gaps;

namespace {

std::vector<Region> regions() {
  std::vector<Region> out;
  for (const char* id : {"EU", "IN", "US"}) {
    Region region;
    region.id = id;
    out.push_back(region);
  }
  return out;
}

} // namespace

TEST_CASE("domain::silence_gaps names regions and services a maintenance gets no silence for") {
  AlertmanagerPolicy policy;
  // No silences configured at all: nothing to warn about.
  CHECK(silence_gaps(policy, regions(), {"api", "web"}).empty());
  policy.regions["US"] = {{"region", MatchType::equal, "US"}};
  CHECK(silence_gaps(policy, regions(), {"api", "web"}) ==
        std::vector<std::string>{
            "region EU has no [alertmanager.regions.EU] matchers: its maintenance gets no "
            "Alertmanager silence",
            "region IN has no [alertmanager.regions.IN] matchers: its maintenance gets no "
            "Alertmanager silence"});
  // Services are only named once some service has matchers.
  policy.regions["EU"] = {{"region", MatchType::equal, "EU"}};
  policy.regions["IN"] = {{"region", MatchType::equal, "IN"}};
  CHECK(silence_gaps(policy, regions(), {"api", "web"}).empty());
  policy.services["api"] = {{"service", MatchType::equal, "api"}};
  CHECK(silence_gaps(policy, regions(), {"api", "web"}) ==
        std::vector<std::string>{"service web has no [alertmanager.services.web] matchers: "
                                 "maintenance that names it gets no Alertmanager silence"});
  // Without a list of services, there is none to name.
  CHECK(silence_gaps(policy, regions(), {}).empty());
}
