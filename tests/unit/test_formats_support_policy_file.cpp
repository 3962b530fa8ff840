#include <slate/formats/policy_file.hpp>

#include <slate/domain/support_clock.hpp>

#include <common/calendar_directory.hpp>
#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using slate::domain::ClockKind;
using slate::domain::ClockStatus;
using slate::domain::Policy;
using slate::domain::Region;
using slate::domain::Ticket;
using slate::domain::TicketEventType;
using slate::formats::HolidayReader;
using slate::formats::read_policy;
using slate::test::iso;
using slate::test::utc;
using namespace std::chrono_literals;

// Expected instants were computed once with /usr/bin/python3 and zoneinfo
// (datetime(..., tzinfo=ZoneInfo("Europe/London")).astimezone(timezone.utc));
// the arithmetic is beside each.

namespace {

const std::vector<Region>& shipped_regions() {
  static const std::vector<Region> regions = [] {
    auto loaded = slate::daemon::load_calendar_directory(SLATE_SOURCE_DIR "/calendars");
    if (!loaded) {
      throw std::runtime_error("the shipped calendars do not load");
    }
    return loaded.value();
  }();
  return regions;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + path.string());
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Reads holiday files from the shipped calendars directory, as the daemon
// would from its own.
const HolidayReader k_shipped_holidays =
    [](const std::string& path) -> slate::domain::Result<std::string> {
  const auto file = std::filesystem::path(SLATE_SOURCE_DIR) / "calendars" / path;
  if (!std::filesystem::exists(file)) {
    return slate::domain::Problem{slate::domain::Code::invalid_policy, path,
                                  "cannot read: No such file"};
  }
  return read_file(file);
};

slate::domain::Result<Policy> read(const std::string& text,
                                   const HolidayReader& holidays = k_shipped_holidays) {
  return read_policy(text, "p.toml", shipped_regions(), holidays);
}

std::vector<std::string> messages(const std::string& text,
                                  const HolidayReader& holidays = k_shipped_holidays) {
  std::vector<std::string> out;
  const auto policy = read(text, holidays);
  for (const auto& problem : policy.problems()) {
    out.push_back(problem.message);
  }
  return out;
}

Policy shipped_policy(const std::string& file) {
  const std::string name = "etc/policies/" + file;
  auto policy = read_policy(read_file(std::filesystem::path(SLATE_SOURCE_DIR) / name), name,
                            shipped_regions(), k_shipped_holidays);
  if (!policy) {
    throw std::runtime_error(name + " does not load: " + policy.problems().front().message);
  }
  return policy.value();
}

const slate::domain::SupportClock& clock_of(const std::vector<slate::domain::SupportClock>& clocks,
                                            ClockKind kind) {
  for (const auto& clock : clocks) {
    if (clock.kind == kind) {
      return clock;
    }
  }
  throw std::runtime_error("no such clock");
}

std::string due(const Policy& policy, const char* severity, const char* opened_at, ClockKind kind,
                std::optional<std::string> plan = std::nullopt) {
  const auto clocks = deadlines(policy.support, severity, plan, utc(opened_at));
  REQUIRE(clocks.ok());
  const auto& clock = clock_of(*clocks, kind);
  REQUIRE(clock.due_at.has_value());
  return iso(*clock.due_at);
}

// A complete [support] part, one line per key (line numbers in comments).
const std::string k_minimal = "name = \"p\"\n"                                             // 1
                              "[support]\n"                                                // 2
                              "default_severity = \"P1\"\n"                                // 3
                              "[support.calendars.office]\n"                               // 4
                              "zone = \"Europe/London\"\n"                                 // 5
                              "hours = { mon = [\"09:00-17:00\"] }\n"                      // 6
                              "[[support.severities]]\n"                                   // 7
                              "id = \"P1\"\n"                                              // 8
                              "response = { target = \"PT1H\", calendar = \"office\" }\n"; // 9

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("formats::read_policy: every shipped policy loads, with its severities") {
  const std::map<std::string, std::vector<std::string>> expected{
      {"enghouse.toml", {"P1", "P2", "P3", "P4"}},
      {"numonix-ixcloud.toml", {"Sev1", "Sev2", "Sev3", "Sev4"}},
      {"p1-p6-priority-matrix.toml", {"P1", "P2", "P3", "P4", "P5", "P6"}},
      {"secpod.toml", {"Critical", "High", "Normal", "Low"}},
      {"uniphore.toml", {"Sev1", "Sev2", "Sev3", "Sev4"}},
  };
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(
           std::filesystem::path(SLATE_SOURCE_DIR) / "etc/policies")) {
    files.push_back(entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> expected_files;
  for (const auto& [file, severities] : expected) {
    expected_files.push_back(file);
  }
  CHECK(files == expected_files);
  for (const auto& [file, severities] : expected) {
    // A copy: clang 14 cannot capture a structured binding in CAPTURE's lambda.
    const std::string file_name(file);
    CAPTURE(file_name);
    const auto policy = shipped_policy(file);
    std::vector<std::string> ids;
    for (const auto& severity : policy.support.severities) {
      ids.push_back(severity.id);
    }
    CHECK(ids == severities);
    CHECK_FALSE(policy.support.assumptions.empty());
    CHECK(policy.support.find_severity(policy.support.default_severity) != nullptr);
    // The calculator answers for each severity and plan, one clock per
    // target the severity has.
    for (const auto& plan : policy.support.plans) {
      for (const auto& severity : policy.support.severities) {
        CAPTURE(severity.id);
        const auto clocks =
            deadlines(policy.support, severity.id, plan.id, utc("2026-03-20T16:30:00Z"));
        REQUIRE(clocks.ok());
        std::size_t rules = 0;
        for (const auto kind : slate::domain::k_clock_kinds) {
          rules += severity.clocks[kind] ? 1U : 0U;
        }
        CHECK(clocks->size() == rules);
        for (const auto& clock : *clocks) {
          CHECK(clock.due_at.has_value());
          CHECK(clock.target_seconds > 0s);
        }
      }
    }
    // The daemon reads policies without a holiday reader so far: they load
    // that way too.
    CHECK(read_policy(read_file(std::filesystem::path(SLATE_SOURCE_DIR) / "etc/policies" / file),
                      file, shipped_regions())
              .ok());
  }
}

TEST_CASE("formats::read_policy: the Enghouse support part") {
  const auto policy = shipped_policy("enghouse.toml");
  const auto& support = policy.support;
  CHECK(support.default_severity == "P3");
  CHECK(support.default_plan == "standard");
  CHECK(support.reporting_zone.name() == "Europe/London");
  CHECK(support.warn_at_percent == 75);
  CHECK(support.compliance_target_hundredths[ClockKind::response] == 9500);
  CHECK(support.compliance_target_hundredths[ClockKind::restoration] == 9500);
  CHECK_FALSE(support.compliance_target_hundredths[ClockKind::update].has_value());
  CHECK(support.pause_stops[ClockKind::update]);
  CHECK_FALSE(support.pause_stops[ClockKind::response]);
  const auto& office = support.calendars.at("office");
  CHECK(office.business_day() == 10h);
  CHECK(office.holidays().size() == 48); // 8 a year, 2025-2030
  CHECK(support.calendars.at("always").always_open());
  REQUIRE(support.find_plan("premium") != nullptr);
  CHECK(support.find_plan("premium")->calendars.at("office") == "always");
  CHECK(support.find_severity("P3")->clocks[ClockKind::response]->target.days == 1);
  CHECK_FALSE(support.find_severity("P3")->clocks[ClockKind::restoration].has_value());

  // P2 response PT1H opened Wed 1 Jul 2026 16:30Z = 17:30 BST: 30 min to
  // 18:00 BST, 30 min from Thu 08:00 BST = 07:00Z.
  CHECK(due(policy, "P2", "2026-07-01T16:30:00Z", ClockKind::response) == "2026-07-02T07:30:00Z");
  // Premium: 24x7, an hour later.
  CHECK(due(policy, "P2", "2026-07-01T16:30:00Z", ClockKind::response, "premium") ==
        "2026-07-01T17:30:00Z");
  // Restoration PT8H opened Tue 14 Apr 10:00 BST (09:00Z): 18:00 BST.
  CHECK(due(policy, "P2", "2026-04-14T09:00:00Z", ClockKind::restoration) ==
        "2026-04-14T17:00:00Z");
  // P1 restoration PT4H opened Thu 2 Apr 17:00 BST (16:00Z): 1 h Thursday;
  // Good Friday (3 Apr) and Easter Monday (6 Apr) from the shipped file;
  // 3 h Tuesday 7 Apr 08:00-11:00 BST = 07:00-10:00Z.
  CHECK(due(policy, "P1", "2026-04-02T16:00:00Z", ClockKind::restoration) ==
        "2026-04-07T10:00:00Z");
  // P1 restoration opened Thu 24 Dec 2026 17:00 GMT: 1 h Thursday; Christmas
  // (Fri 25), the weekend and Boxing Day's substitute (Mon 28) closed; 3 h
  // Tuesday 29 Dec 08:00-11:00 GMT.
  const auto christmas = deadlines(policy.support, "P1", std::nullopt, utc("2026-12-24T17:00:00Z"));
  REQUIRE(christmas.ok());
  const auto& restoration = clock_of(*christmas, ClockKind::restoration);
  CHECK(iso(*restoration.due_at) == "2026-12-29T11:00:00Z");
  std::vector<std::string> reasons;
  for (const auto& entry : restoration.ledger) {
    reasons.push_back(entry.reason);
  }
  CHECK(reasons == std::vector<std::string>{
                       "business hours", "outside business hours",
                       "holiday: Christmas Day (england-and-wales.ics)", "outside business hours",
                       "holiday: Boxing Day (substitute day) (england-and-wales.ics)",
                       "outside business hours", "business hours"});
  // P3's "1 Day" is one business day of 10 hours: opened Fri 20 Mar 2026
  // 16:30 GMT, 1.5 h Friday, 8.5 h Monday 08:00-16:30 GMT.
  CHECK(due(policy, "P3", "2026-03-20T16:30:00Z", ClockKind::response) == "2026-03-23T16:30:00Z");

  // Paused Tue 14 Apr 11:00 BST until Wed 09:00 BST: due Wed 16:00 BST.
  const Ticket ticket{
      "INC-7",
      "",
      "P2",
      "standard",
      utc("2026-04-14T09:00:00Z"),
      {{TicketEventType::paused, utc("2026-04-14T10:00:00Z"), "", "awaiting customer"},
       {TicketEventType::resumed, utc("2026-04-15T08:00:00Z"), "", ""}}};
  const auto clocks = ticket_clocks(support, ticket, utc("2026-04-15T08:00:00Z"));
  CHECK(iso(*clock_of(clocks, ClockKind::restoration).due_at) == "2026-04-15T15:00:00Z");
}

TEST_CASE("formats::read_policy: Enghouse's 'GMT' read literally as Etc/GMT") {
  const auto text =
      read_file(std::filesystem::path(SLATE_SOURCE_DIR) / "etc/policies/enghouse.toml");
  const auto literal =
      read(replaced(text, "zone = \"Europe/London\"\nhours = {", "zone = \"Etc/GMT\"\nhours = {"));
  REQUIRE(literal.ok());
  CHECK(literal->support.calendars.at("office").zone().name() == "Etc/GMT");
  // 16:30Z is 16:30 on a GMT clock: due an hour later, 17:30Z.
  CHECK(due(*literal, "P2", "2026-07-01T16:30:00Z", ClockKind::response) == "2026-07-01T17:30:00Z");
}

TEST_CASE("formats::read_policy reads the [support] example of the issue") {
  const auto policy = read(R"(name = "example"
[support]
reporting_zone = "Europe/London"       # decides which month a ticket belongs to
default_severity = "P3"
on_severity_change = "recompute"       # or "restart"
pause_stops = ["update", "restoration"]
warn_at_percent = 75
default_plan = "standard"
assumptions = ["'GMT' read as Europe/London, so hours follow BST"]
compliance_target_percent = { response = 95.0, restoration = 95.0 }

[support.calendars.office]
zone = "Europe/London"
hours = { mon = ["08:00-18:00"], tue = ["08:00-18:00"], wed = ["08:00-18:00"], thu = ["08:00-18:00"], fri = ["08:00-18:00"] }
business_day = "PT10H"
holidays = ["holidays/england-and-wales.ics"]   # relative to the calendars directory

[support.calendars.always]
hours = "24x7"

[support.plans.standard]               # default_plan = "standard" under [support]
[support.plans.premium]
calendars = { office = "always" }      # Premium: every clock on the office calendar runs 24x7

[[support.severities]]
id = "P1"
name = "Critical"
response = { target = "PT30M", calendar = "office" }
update = { target = "PT2H", calendar = "office" }
restoration = { target = "PT4H", calendar = "office" }

[[support.severities]]
id = "P3"
response = { target = "P1D", calendar = "office" }
)");
  REQUIRE(policy.ok());
  const auto& support = policy->support;
  CHECK(support.assumptions ==
        std::vector<std::string>{"'GMT' read as Europe/London, so hours follow BST"});
  // A 24x7 calendar without a zone takes the reporting zone, for local times.
  CHECK(support.calendars.at("always").zone().name() == "Europe/London");
  CHECK(support.plans.size() == 2);
  CHECK(support.find_severity("P3")->name == "P3");
}

TEST_CASE("formats::read_policy: [support] problems name FILE:LINE") {
  const auto lines = [](std::vector<std::string> list) { return list; };
  CHECK(messages(k_minimal).empty());
  CHECK(messages(replaced(k_minimal, "default_severity = \"P1\"\n",
                          "default_severity = \"P1\"\nwarn_at = 75\n")) ==
        lines({"p.toml:4: unknown key 'warn_at' in [support]; the keys are assumptions, calendars, "
               "compliance_target_percent, default_plan, default_severity, on_severity_change, "
               "pause_stops, plans, reporting_zone, severities, warn_at_percent"}));
  CHECK(
      messages(replaced(k_minimal, "09:00-17:00", "25:00-26:00")) ==
      lines({"p.toml:6: support.calendars.office.hours.mon: a range is written \"HH:MM-HH:MM\" "
             "on the 24-hour clock, e.g. \"08:00-18:00\" or \"22:00-02:00\" (into the next day)"}));
  CHECK(messages(replaced(k_minimal, "[\"09:00-17:00\"]", "[\"09:00-17:00\", \"16:00-18:00\"]")) ==
        lines({"p.toml:6: support.calendars.office.hours.mon: mon 16:00-18:00 overlaps mon "
               "09:00-17:00 on the wall clock; give each business hour once"}));
  CHECK(messages(replaced(k_minimal, "calendar = \"office\"", "calendar = \"ofice\"")) ==
        lines({"p.toml:9: support.severities[0].response.calendar: calendar 'ofice' is not "
               "defined (the calendars: office)"}));
  CHECK(messages(replaced(k_minimal, "\"PT1H\"", "\"P1D\"")) ==
        lines({"p.toml:9: support.severities[0].response.target: target P1D counts business "
               "days, but calendar 'office' (plan standard) has no business_day; give it one, "
               "e.g. business_day = \"PT10H\""}));
  CHECK(messages(replaced(k_minimal, "default_severity = \"P1\"\n",
                          "default_severity = \"P1\"\npause_stops = [\"response\"]\n")) ==
        lines({"p.toml:4: support.pause_stops: a pause never stops the response clock: the first "
               "response is owed whatever the customer does; list only update and restoration"}));
  CHECK(messages(replaced(k_minimal, "\"P1\"\n[support", "\"P2\"\n[support")) ==
        lines({"p.toml:3: support.default_severity: default_severity 'P2' is not a severity"}));
  CHECK(messages(replaced(k_minimal, "\"Europe/London\"", "\"GMT\""))
            .front()
            .find("p.toml:5: 'GMT' is not an IANA time zone name") == 0);
  CHECK(messages(replaced(k_minimal, "hours = {", "holidays = [\"../etc/x.ics\"]\nhours = {")) ==
        lines({"p.toml:6: support.calendars.office.holidays: each file is a path inside the "
               "calendars directory ending in .ics, without '..', e.g. "
               "\"holidays/england-and-wales.ics\""}));
  CHECK(
      messages(replaced(k_minimal, "hours = {", "holidays = [\"holidays/none.ics\"]\nhours = {")) ==
      lines({"p.toml:6: holiday file holidays/none.ics: cannot read: No such file"}));
  // A broken holiday file: its own FILE:LINE after the policy's.
  const HolidayReader broken = [](const std::string&) -> slate::domain::Result<std::string> {
    return std::string("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260101\r\n"
                       "END:VEVENT\r\nEND:VCALENDAR\r\n");
  };
  CHECK(messages(replaced(k_minimal, "hours = {", "holidays = [\"holidays/x.ics\"]\nhours = {"),
                 broken) ==
        lines({"p.toml:6: holidays/x.ics:2: the holiday has no SUMMARY; its name is what the "
               "ledger shows, e.g. SUMMARY:Good Friday"}));
  // Without a reader the names are checked, nothing is read.
  const auto unread =
      read(replaced(k_minimal, "hours = {", "holidays = [\"holidays/none.ics\"]\nhours = {"), {});
  REQUIRE(unread.ok());
  CHECK(unread->support.calendars.at("office").holidays().empty());
  CHECK(messages("name = \"p\"\n[support]\ndefault_severity = \"P1\"\n") ==
        lines({"p.toml:2: [support] defines no severities; add [[support.severities]] sections "
               "with an id and their clocks"}));
}
