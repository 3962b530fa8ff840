// The [alertmanager] section of a policy file (formats/policy_alertmanager.cpp),
// read through formats::read_policy as the daemon reads it.

#include <slate/formats/policy_file.hpp>

#include <common/calendar_directory.hpp>

#include <doctest/doctest.h>

#include <fstream>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using slate::domain::Matcher;
using slate::domain::MatchType;
using slate::domain::Policy;
using slate::domain::Region;
using slate::formats::read_policy;
using namespace std::chrono_literals;

namespace {

const std::vector<Region>& shipped_regions() {
  static const std::vector<Region> regions = [] {
    auto loaded = slate::daemon::load_calendar_directory(SLATE_SOURCE_DIR "/calendars");
    if (!loaded) {
      throw std::runtime_error("the shipped calendars do not load: " +
                               loaded.problems().front().message);
    }
    return loaded.value();
  }();
  return regions;
}

slate::domain::Result<Policy> read(const std::string& text) {
  return read_policy(text, "p.toml", shipped_regions());
}

// A list of strings that a failed check prints in full, one item a line.
struct Messages {
  Messages(std::initializer_list<std::string> list) : items(list) {}
  explicit Messages(std::vector<std::string> list) : items(std::move(list)) {}
  std::vector<std::string> items;
  friend bool operator==(const Messages&, const Messages&) = default;
  friend std::ostream& operator<<(std::ostream& out, const Messages& messages) {
    out << "{";
    for (const auto& item : messages.items) {
      out << "\n  \"" << item << "\"";
    }
    return out << "}";
  }
};

// The messages of the problems of reading `text`; empty if it reads.
Messages messages(const std::string& text) {
  std::vector<std::string> out;
  const auto policy = read(text);
  for (const auto& problem : policy.problems()) {
    CHECK(problem.code == "invalid_policy");
    out.push_back(problem.message);
  }
  return Messages(out);
}

std::string shipped_file(const std::string& name) {
  std::ifstream in(std::string(SLATE_SOURCE_DIR "/etc/policies/") + name);
  if (!in) {
    throw std::runtime_error("cannot read etc/policies/" + name);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

TEST_CASE("formats::read_policy reads the [alertmanager] section") {
  const auto policy = read("name = \"p\"\n"
                           "[availability]\n"
                           "services = [\"api\", \"billing\", \"web\"]\n"
                           "[alertmanager]\n"
                           "lead = \"PT10M\"\n"
                           "grace = \"PT30M\"\n"
                           "[alertmanager.regions.us]\n"
                           "matchers = ['region=\"us-east\"', 'env!=\"dev\"']\n"
                           "[alertmanager.regions.EU]\n"
                           "matchers = ['region=~\"eu-.*\"']\n"
                           "[alertmanager.services.api]\n"
                           "matchers = ['service=\"api\"']\n"
                           "[alertmanager.alerts]\n"
                           "match = ['slo=\"availability\"', 'severity=~\"critical|page\"']\n"
                           "service_label = \"app\"\n"
                           "region_label = \"dc\"\n"
                           "cause_label = \"cause\"\n"
                           "impact_label = \"impact\"\n"
                           "[alertmanager.alerts.region_values]\n"
                           "us-east-1 = \"US\"\n"
                           "europe = [\"eu\", \"UK\"]\n");
  REQUIRE_MESSAGE(policy.ok(), (policy.ok() ? "" : policy.problems().front().message));
  const auto& am = policy->alertmanager;
  CHECK(am.lead == 10min);
  CHECK(am.grace == 30min);
  REQUIRE(am.regions.size() == 2);
  // Stored under the calendars' spelling of the id.
  CHECK(am.regions.at("US") == std::vector<Matcher>{{"region", MatchType::equal, "us-east"},
                                                    {"env", MatchType::not_equal, "dev"}});
  CHECK(am.regions.at("EU") == std::vector<Matcher>{{"region", MatchType::regex, "eu-.*"}});
  REQUIRE(am.services.size() == 1);
  CHECK(am.services.at("api") == std::vector<Matcher>{{"service", MatchType::equal, "api"}});
  REQUIRE(am.alerts.has_value());
  CHECK(am.alerts->match == std::vector<Matcher>{{"slo", MatchType::equal, "availability"},
                                                 {"severity", MatchType::regex, "critical|page"}});
  CHECK(am.alerts->service_label == "app");
  CHECK(am.alerts->region_label == "dc");
  CHECK(am.alerts->cause_label == "cause");
  CHECK(am.alerts->impact_label == "impact");
  CHECK(am.alerts->region_values == std::map<std::string, std::vector<std::string>>{
                                        {"us-east-1", {"US"}}, {"europe", {"EU", "UK"}}});
}

TEST_CASE("formats::read_policy: without [alertmanager], the defaults") {
  const auto policy = read("name = \"p\"\n");
  REQUIRE(policy.ok());
  const auto& am = policy->alertmanager;
  CHECK(am.lead == 5min);
  CHECK(am.grace == 15min);
  CHECK(am.regions.empty());
  CHECK(am.services.empty());
  CHECK_FALSE(am.alerts.has_value());
  // [alertmanager.alerts] with only `match` keeps the label defaults.
  const auto minimal = read("name = \"p\"\n"
                            "[alertmanager.alerts]\n"
                            "match = ['slo=\"availability\"']\n");
  REQUIRE(minimal.ok());
  REQUIRE(minimal->alertmanager.alerts.has_value());
  CHECK(minimal->alertmanager.alerts->service_label == "service");
  CHECK(minimal->alertmanager.alerts->region_label == "region");
  CHECK(minimal->alertmanager.alerts->cause_label == "");
  CHECK(minimal->alertmanager.alerts->impact_label == "");
  CHECK(minimal->alertmanager.alerts->region_values.empty());
}

TEST_CASE("formats::read_policy: the commented [alertmanager] example of uniphore.toml reads") {
  // The shipped policy shows the section commented out (it is inert until
  // slated is given an Alertmanager URL): uncommented, it must be valid.
  const std::string text = shipped_file("uniphore.toml");
  std::istringstream in(text);
  std::string line;
  std::string example;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line == "# [alertmanager]") {
      inside = true;
    }
    if (inside && line.rfind("#", 0) != 0) {
      break;
    }
    if (inside && line.rfind("# ", 0) == 0 && line.rfind("# #", 0) != 0) {
      example += line.substr(2) + "\n";
    }
  }
  REQUIRE_MESSAGE(!example.empty(), "uniphore.toml has no '# [alertmanager]' example");
  const auto policy = read_policy(text + "\n" + example, "uniphore.toml", shipped_regions());
  REQUIRE_MESSAGE(policy.ok(), (policy.ok() ? "" : policy.problems().front().message));
  CHECK(policy->alertmanager.regions.size() == 6);
  CHECK(policy->alertmanager.alerts.has_value());
}

TEST_CASE("formats::read_policy refuses unknown keys in [alertmanager], with their line") {
  CHECK(messages("name = \"p\"\n"
                 "[alertmanager]\n"
                 "leed = \"PT5M\"\n"
                 "[alertmanager.regions.US]\n"
                 "matchers = ['region=\"US\"']\n"
                 "matcher = ['region=\"US\"']\n"
                 "[alertmanager.services.api]\n"
                 "matchers = ['service=\"api\"']\n"
                 "silence = true\n"
                 "[alertmanager.alerts]\n"
                 "match = ['slo=\"availability\"']\n"
                 "severity_label = \"severity\"\n") ==
        Messages{"p.toml:3: unknown key 'leed' in [alertmanager]; the keys are alerts, grace, "
                 "lead, regions, services",
                 "p.toml:6: unknown key 'matcher' in [alertmanager.regions.US]; the keys are "
                 "matchers",
                 "p.toml:9: unknown key 'silence' in [alertmanager.services.api]; the keys are "
                 "matchers",
                 "p.toml:12: unknown key 'severity_label' in [alertmanager.alerts]; the keys are "
                 "cause_label, impact_label, match, region_label, region_values, service_label"});
}

TEST_CASE("formats::read_policy refuses bad lead and grace") {
  CHECK(messages("name = \"p\"\n"
                 "[alertmanager]\n"
                 "lead = \"5m\"\n"
                 "grace = 15\n") ==
        Messages{"p.toml:3: alertmanager.lead '5m' is not a duration: it must start with P; "
                 "write an ISO 8601 duration such as PT1H30M, PT45M or P7D",
                 "p.toml:4: alertmanager.grace must be a string holding an ISO 8601 duration, "
                 "e.g. \"PT5M\""});
}

TEST_CASE("formats::read_policy refuses invalid matchers, with their line") {
  CHECK(messages("name = \"p\"\n"
                 "[alertmanager.regions.US]\n"
                 "matchers = [\n"
                 "  'region=\"US\"',\n"
                 "  'region=\"US',\n"
                 "  'env=~\"(\"',\n"
                 "  7,\n"
                 "]\n") ==
        Messages{"p.toml:5: alertmanager.regions.US.matchers: 'region=\"US' is not an "
                 "Alertmanager matcher: the value's opening double quote is never closed; write "
                 "e.g. region=\"US\" or service=~\"api|billing\"",
                 "p.toml:6: alertmanager.regions.US.matchers: the regex '(' of label env is not "
                 "valid in Alertmanager's regex syntax (RE2): missing ): (",
                 "p.toml:7: alertmanager.regions.US.matchers must hold strings such as "
                 "'region=\"US\"'"});
  CHECK(messages("name = \"p\"\n"
                 "[alertmanager.alerts]\n"
                 "match = ['slo:x=\"availability\"']\n") ==
        Messages{"p.toml:3: alertmanager.alerts.match: the label name 'slo:x' is not one "
                 "Alertmanager accepts in a silence: letters, digits and '_', not starting with a "
                 "digit (no ':')"});
}

TEST_CASE("formats::read_policy refuses region matchers that all match the empty string") {
  CHECK(messages("name = \"p\"\n"
                 "[alertmanager.regions.US]\n"
                 "matchers = ['region=~\".*\"', 'env=\"\"']\n") ==
        Messages{"p.toml:3: alertmanager.regions.US.matchers: every matcher of region=~\".*\", "
                 "env=\"\" matches the empty string, so the silence would hide nearly every "
                 "alert and Alertmanager refuses it; add one that needs a label value, such as "
                 "region=\"US\""});
  // A service's matchers only ever join a region's: they may.
  CHECK(read("name = \"p\"\n"
             "[alertmanager.services.api]\n"
             "matchers = ['service=~\"api|\"']\n")
            .ok());
}

TEST_CASE("formats::read_policy refuses missing or empty matcher lists") {
  CHECK(messages("name = \"p\"\n"
                 "[alertmanager.regions.US]\n"
                 "[alertmanager.services.api]\n"
                 "matchers = []\n"
                 "[alertmanager.alerts]\n"
                 "match = 'slo=\"availability\"'\n") ==
        Messages{"p.toml:2: alertmanager.regions.US needs matchers = [...], e.g. "
                 "['region=\"US\"']",
                 "p.toml:4: alertmanager.services.api.matchers must be a non-empty list of "
                 "Alertmanager matchers, e.g. ['region=\"US\"']",
                 "p.toml:6: alertmanager.alerts.match must be a non-empty list of Alertmanager "
                 "matchers, e.g. ['region=\"US\"']"});
  CHECK(messages("name = \"p\"\n"
                 "[alertmanager.alerts]\n"
                 "service_label = \"service\"\n") ==
        Messages{"p.toml:2: alertmanager.alerts needs match = [...], e.g. ['region=\"US\"']"});
}

TEST_CASE("formats::read_policy refuses regions and services it does not know") {
  CHECK(messages("name = \"p\"\n"
                 "[availability]\n"
                 "services = [\"api\"]\n"
                 "[alertmanager.regions.MARS]\n"
                 "matchers = ['region=\"mars\"']\n"
                 "[alertmanager.services.web]\n"
                 "matchers = ['service=\"web\"']\n"
                 "[alertmanager.alerts]\n"
                 "match = ['slo=\"availability\"']\n"
                 "[alertmanager.alerts.region_values]\n"
                 "mars-1 = \"MARS\"\n"
                 "europe = [\"EU\", 3]\n") ==
        Messages{"p.toml:4: [alertmanager.regions.MARS] names no region of the calendars (they "
                 "are AU, DC, EU, IN, UK, US)",
                 "p.toml:6: [alertmanager.services.web] names no service of [availability] "
                 "services (they are api)",
                 // In the order of the keys, as toml++ keeps them.
                 "p.toml:12: alertmanager.alerts.region_values: 'europe' must map to a region id "
                 "or a list of them (the regions are AU, DC, EU, IN, UK, US)",
                 "p.toml:11: alertmanager.alerts.region_values: 'mars-1' must map to a region id "
                 "or a list of them (the regions are AU, DC, EU, IN, UK, US)"});
  // Without a list of services, any service id may have matchers.
  CHECK(read("name = \"p\"\n"
             "[alertmanager.services.web]\n"
             "matchers = ['service=\"web\"']\n")
            .ok());
}

TEST_CASE("formats::read_policy refuses label names Alertmanager would not have") {
  CHECK(messages("name = \"p\"\n"
                 "[alertmanager.alerts]\n"
                 "match = ['slo=\"availability\"']\n"
                 "service_label = \"\"\n"
                 "region_label = \"1region\"\n"
                 "cause_label = 7\n") ==
        Messages{"p.toml:4: alertmanager.alerts.service_label must be a label name (letters, "
                 "digits and '_', not starting with a digit), e.g. \"service\"",
                 "p.toml:5: alertmanager.alerts.region_label must be a label name (letters, "
                 "digits and '_', not starting with a digit), e.g. \"service\"",
                 "p.toml:6: alertmanager.alerts.cause_label must be a label name (letters, "
                 "digits and '_', not starting with a digit), e.g. \"service\""});
}

TEST_CASE("formats::read_policy refuses [alertmanager] parts of the wrong shape") {
  CHECK(messages("name = \"p\"\n"
                 "alertmanager = \"http://am:9093\"\n") ==
        Messages{"p.toml:2: alertmanager must be a section: [alertmanager]"});
  CHECK(messages("name = \"p\"\n"
                 "[alertmanager]\n"
                 "regions = 1\n"
                 "services = [1]\n"
                 "alerts = \"all\"\n") ==
        Messages{"p.toml:3: alertmanager.regions must be a table of [alertmanager.regions.ID] "
                 "sections",
                 "p.toml:4: alertmanager.services must be a table of [alertmanager.services.ID] "
                 "sections",
                 "p.toml:5: alertmanager.alerts must be a section: [alertmanager.alerts]"});
}
