#include <slate/formats/policy_file.hpp>

#include <common/calendar_directory.hpp>

#include <doctest/doctest.h>

#include <fstream>
#include <initializer_list>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using slate::domain::Policy;
using slate::domain::Region;
using slate::formats::read_policy;
using namespace std::chrono_literals;

namespace {

// The shipped calendars: AU, DC, EU, IN, UK, US (files sorted by name).
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

std::string shipped_file(const std::string& name) {
  std::ifstream in(std::string(SLATE_SOURCE_DIR "/etc/policies/") + name);
  if (!in) {
    throw std::runtime_error("cannot read etc/policies/" + name);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

slate::domain::Result<Policy> read(const std::string& text) {
  return read_policy(text, "p.toml", shipped_regions());
}

// The messages of the problems of reading `text`; empty if it reads.
// A list of strings that a failed check prints in full, one item a line.
struct Lines {
  Lines(std::initializer_list<std::string> list) : items(list) {}
  explicit Lines(std::vector<std::string> list) : items(std::move(list)) {}
  std::vector<std::string> items;
  friend bool operator==(const Lines&, const Lines&) = default;
  friend std::ostream& operator<<(std::ostream& out, const Lines& lines) {
    out << "{";
    for (const auto& item : lines.items) {
      out << "\n  \"" << item << "\"";
    }
    return out << "}";
  }
};

Lines messages(const std::string& text) {
  std::vector<std::string> out;
  const auto policy = read(text);
  for (const auto& problem : policy.problems()) {
    out.push_back(problem.message);
  }
  return Lines(out);
}

using Messages = Lines;

constexpr const char* k_top_keys =
    "the keys are alertmanager, availability, availability_target, description, name, notice, "
    "overlap, regions, support";

} // namespace

TEST_CASE("formats::read_policy reads the shipped uniphore.toml") {
  const auto policy =
      read_policy(shipped_file("uniphore.toml"), "uniphore.toml", shipped_regions());
  REQUIRE(policy.ok());
  CHECK(policy->name == "uniphore");
  CHECK(policy->source == "uniphore.toml");
  CHECK(policy->availability_target_percent == doctest::Approx(99.95));
  CHECK(policy->defaults.notice == 7 * 24h);
  CHECK_FALSE(policy->defaults.overlap_allowed);
  CHECK(policy->defaults.windows.empty());
  REQUIRE(policy->regions.size() == 1);
  const auto& dc = policy->regions.at("DC");
  CHECK(dc.notice == 7 * 24h);
  CHECK_FALSE(dc.overlap_allowed);
  CHECK(dc.windows == std::vector<std::string>{"window-dc-wed@slated", "window-dc-sun@slated"});
  CHECK(&policy->for_region("US") == &policy->defaults);
}

TEST_CASE("formats::read_policy reads the shipped enghouse.toml") {
  const auto policy =
      read_policy(shipped_file("enghouse.toml"), "enghouse.toml", shipped_regions());
  REQUIRE(policy.ok());
  CHECK(policy->name == "enghouse");
  CHECK(policy->source == "enghouse.toml");
  CHECK(policy->availability_target_percent == doctest::Approx(99.95));
  CHECK(policy->defaults.notice == 30 * 24h);
  CHECK_FALSE(policy->defaults.overlap_allowed);
  CHECK(policy->regions.empty());
}

TEST_CASE("formats::read_policy: a region section inherits the top-level keys") {
  const auto policy = read("name = \"p\"\n"
                           "notice = \"P30D\"\n"
                           "overlap = true\n"
                           "availability_target = 99.9\n"
                           "[regions.us]\n"
                           "windows = [\"window-us-mon@slated\"]\n"
                           "[regions.EU]\n"
                           "notice = \"PT12H\"\n"
                           "overlap = false\n");
  REQUIRE(policy.ok());
  CHECK(policy->name == "p");
  CHECK(policy->availability_target_percent == doctest::Approx(99.9));
  CHECK(policy->defaults.notice == 30 * 24h);
  CHECK(policy->defaults.overlap_allowed);
  REQUIRE(policy->regions.size() == 2);
  // Stored under the calendars' spelling of the id.
  REQUIRE(policy->regions.count("US") == 1);
  CHECK(policy->regions.at("US").notice == 30 * 24h);
  CHECK(policy->regions.at("US").overlap_allowed);
  CHECK(policy->regions.at("US").windows == std::vector<std::string>{"window-us-mon@slated"});
  CHECK(policy->regions.at("EU").notice == 12h);
  CHECK_FALSE(policy->regions.at("EU").overlap_allowed);
  CHECK(policy->regions.at("EU").windows.empty());
}

TEST_CASE("formats::read_policy refuses unknown keys, with their line") {
  SUBCASE("at the top") {
    const auto policy = read("name = \"p\"\n"
                             "notise = \"P7D\"\n");
    REQUIRE_FALSE(policy.ok());
    REQUIRE(policy.problems().size() == 1);
    CHECK(policy.problems()[0].code == "invalid_policy");
    CHECK(policy.problems()[0].field == "p.toml:2");
    CHECK(policy.problems()[0].message ==
          std::string("p.toml:2: unknown key 'notise'; ") + k_top_keys);
  }
  SUBCASE("in a region section") {
    CHECK(messages("name = \"p\"\n"
                   "\n"
                   "[regions.US]\n"
                   "notice = \"P14D\"\n"
                   "window = [\"window-us-mon@slated\"]\n") ==
          Messages{"p.toml:5: unknown key 'window' in [regions.US]; the keys are notice, "
                   "overlap, windows"});
  }
}

TEST_CASE("formats::read_policy refuses a bad notice") {
  CHECK(messages("name = \"p\"\n"
                 "notice = \"P1M\"\n") ==
        Messages{"p.toml:2: notice 'P1M' is not a duration: years, months and weeks have no "
                 "fixed length; use days (P7D) or hours; write an ISO 8601 duration such as "
                 "PT1H30M, PT45M or P7D"});
  CHECK(messages("name = \"p\"\n"
                 "notice = 7\n") ==
        Messages{"p.toml:2: notice must be a string holding an ISO 8601 duration, e.g. \"P7D\""});
  CHECK(messages("name = \"p\"\n"
                 "[regions.US]\n"
                 "notice = \"7 days\"\n") ==
        Messages{"p.toml:3: regions.US.notice '7 days' is not a duration: it must start with P; "
                 "write an ISO 8601 duration such as PT1H30M, PT45M or P7D"});
}

TEST_CASE("formats::read_policy refuses a target that is not a percentage") {
  const std::string message = "p.toml:2: availability_target must be a percentage above 0 and at "
                              "most 100, e.g. 99.95";
  for (const char* value : {"101.0", "100.5", "0.0", "-1.0", "\"99.95\"", "true"}) {
    CAPTURE(value);
    CHECK(messages(std::string("name = \"p\"\navailability_target = ") + value + "\n") ==
          Messages{message});
  }
  const auto hundred = read("name = \"p\"\navailability_target = 100.0\n");
  REQUIRE(hundred.ok());
  CHECK(hundred->availability_target_percent == doctest::Approx(100.0));
  // An integer is a percentage too.
  const auto whole = read("name = \"p\"\navailability_target = 99\n");
  REQUIRE(whole.ok());
  CHECK(whole->availability_target_percent == doctest::Approx(99.0));
}

TEST_CASE("formats::read_policy refuses sections and windows the calendars do not have") {
  SUBCASE("a region the calendars do not define") {
    CHECK(messages("name = \"p\"\n"
                   "[regions.MARS]\n"
                   "notice = \"P1D\"\n") ==
          Messages{"p.toml:2: [regions.MARS] names no region of the calendars (they are AU, DC, "
                   "EU, IN, UK, US)"});
  }
  SUBCASE("a window UID the region does not have") {
    CHECK(messages("name = \"p\"\n"
                   "[regions.US]\n"
                   "windows = [\"window-us-mon@slated\", \"window-us-tue@slated\"]\n") ==
          Messages{"p.toml:3: regions.US.windows names 'window-us-tue@slated', which is not a "
                   "window of region US (its windows: window-us-mon@slated)"});
    // An alternate statement is not a window maintenance may use.
    CHECK(messages("name = \"p\"\n"
                   "[regions.US]\n"
                   "windows = [\"window-us-mon-ist@slated\"]\n") ==
          Messages{"p.toml:3: regions.US.windows names 'window-us-mon-ist@slated', which is not "
                   "a window of region US (its windows: window-us-mon@slated)"});
    // Another region's window.
    CHECK(messages("name = \"p\"\n"
                   "[regions.UK]\n"
                   "windows = [\"window-eu-wed@slated\"]\n") ==
          Messages{"p.toml:3: regions.UK.windows names 'window-eu-wed@slated', which is not a "
                   "window of region UK (its windows: window-uk-wed@slated)"});
  }
  SUBCASE("an empty windows list") {
    CHECK(messages("name = \"p\"\n"
                   "[regions.US]\n"
                   "windows = []\n") ==
          Messages{"p.toml:3: regions.US.windows is empty: no maintenance could ever be "
                   "scheduled; leave the key out to allow every window of the region"});
  }
  SUBCASE("windows outside a region section, or not a list of strings") {
    CHECK(messages("name = \"p\"\n"
                   "windows = [\"window-us-mon@slated\"]\n") ==
          Messages{std::string("p.toml:2: unknown key 'windows'; ") + k_top_keys,
                   "p.toml:2: windows may only be given in a [regions.ID] section"});
    CHECK(messages("name = \"p\"\n"
                   "[regions.US]\n"
                   "windows = \"window-us-mon@slated\"\n") ==
          Messages{"p.toml:3: regions.US.windows must be a list of window UIDs, e.g. "
                   "[\"window-us-mon@slated\"]"});
    CHECK(messages("name = \"p\"\n"
                   "[regions.US]\n"
                   "windows = [\"window-us-mon@slated\", 7]\n") ==
          Messages{"p.toml:3: regions.US.windows must hold strings (window UIDs)"});
  }
  SUBCASE("regions that are not sections") {
    CHECK(messages("name = \"p\"\n"
                   "regions = 5\n") ==
          Messages{"p.toml:2: regions must be a table of [regions.ID] sections"});
    CHECK(messages("name = \"p\"\n"
                   "regions = { US = 5 }\n") ==
          Messages{"p.toml:2: regions.US must be a section with notice, overlap or windows"});
  }
}

TEST_CASE("formats::read_policy refuses a missing or empty name and a bad overlap") {
  CHECK(messages("notice = \"P7D\"\n") ==
        Messages{"p.toml:1: the policy has no name; add e.g. name = \"uniphore\""});
  CHECK(messages("\n\nname = \"\"\n") == Messages{"p.toml:3: name must be a non-empty string"});
  CHECK(messages("name = \"p\"\n"
                 "overlap = \"no\"\n") == Messages{"p.toml:2: overlap must be true or false"});
}

TEST_CASE("formats::read_policy reports every problem at once") {
  CHECK(messages("name = \"p\"\n"
                 "availability_target = 120.0\n"
                 "notice = \"P1W\"\n"
                 "overlap = 1\n"
                 "colour = \"blue\"\n"
                 "[regions.US]\n"
                 "windows = []\n"
                 "[regions.XX]\n") ==
        Messages{std::string("p.toml:5: unknown key 'colour'; ") + k_top_keys,
                 "p.toml:2: availability_target must be a percentage above 0 and at most 100, "
                 "e.g. 99.95",
                 "p.toml:3: notice 'P1W' is not a duration: years, months and weeks have no fixed "
                 "length; use days (P7D) or hours; write an ISO 8601 duration such as PT1H30M, "
                 "PT45M or P7D",
                 "p.toml:4: overlap must be true or false",
                 "p.toml:7: regions.US.windows is empty: no maintenance could ever be scheduled; "
                 "leave the key out to allow every window of the region",
                 "p.toml:8: [regions.XX] names no region of the calendars (they are AU, DC, EU, "
                 "IN, UK, US)"});
}

TEST_CASE("formats::read_policy reports a TOML syntax error with its line") {
  const auto policy = read("name = \"p\"\n"
                           "# a comment\n"
                           "notice = \n"
                           "overlap = false\n");
  REQUIRE_FALSE(policy.ok());
  REQUIRE(policy.problems().size() == 1);
  CHECK(policy.problems()[0].code == "invalid_policy");
  CHECK(policy.problems()[0].field == "p.toml:3");
  CHECK(policy.problems()[0].message.rfind("p.toml:3: ", 0) == 0);
  CHECK(policy.problems()[0].message.size() > std::string("p.toml:3: ").size());
}
