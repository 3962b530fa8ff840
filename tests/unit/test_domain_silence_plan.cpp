#include <slate/domain/silence_plan.hpp>

#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using slate::domain::AlertmanagerPolicy;
using slate::domain::comment_carries_tag;
using slate::domain::Maintenance;
using slate::domain::MaintenanceState;
using slate::domain::Matcher;
using slate::domain::parse_matcher;
using slate::domain::plan_silences;
using slate::domain::silence_tag;
using slate::domain::SilenceGoal;
using slate::test::iso;
using slate::test::utc;
using namespace std::chrono_literals;

namespace {

Matcher matcher(const std::string& text) {
  auto parsed = parse_matcher(text, "m");
  REQUIRE_MESSAGE(parsed.ok(), text);
  return parsed.value();
}

AlertmanagerPolicy policy() {
  AlertmanagerPolicy p;
  p.lead = 5min;
  p.grace = 15min;
  p.regions["US"] = {matcher(R"(region="us-east")")};
  p.regions["EU"] = {matcher(R"(region=~"eu-.*")"), matcher(R"(env="prod")")};
  p.services["api"] = {matcher(R"(service="api")")};
  p.services["billing"] = {matcher(R"(service=~"billing|invoices")")};
  return p;
}

// Booked 2026-12-07 06:00-07:00 UTC in US and EU, announced a week before.
Maintenance maintenance() {
  Maintenance m;
  m.id = 12;
  m.title = "DB upgrade";
  m.regions = {"US", "EU"};
  m.booked = {utc("2026-12-07T06:00:00Z"), utc("2026-12-07T07:00:00Z")};
  m.end = m.booked.end;
  m.announced_at = utc("2026-11-30T06:00:00Z");
  return m;
}

const auto k_before = utc("2026-12-01T00:00:00Z");

std::vector<std::string> tags(const slate::domain::SilencePlan& plan) {
  std::vector<std::string> out;
  for (const auto& silence : plan.silences) {
    out.push_back(silence.tag);
  }
  return out;
}

} // namespace

TEST_CASE("domain::plan_silences: one silence per region, from start - lead to end + grace") {
  const auto plan = plan_silences(maintenance(), policy(), "", k_before);
  REQUIRE(plan.silences.size() == 2);
  CHECK(plan.skipped.empty());
  const auto& us = plan.silences[0];
  CHECK(us.tag == "slated maintenance/12 region US");
  CHECK(us.region == "US");
  CHECK(us.service == "");
  CHECK(us.matchers == std::vector<Matcher>{matcher(R"(region="us-east")")});
  // 06:00 - 5 min = 05:55; 07:00 + 15 min = 07:15.
  CHECK(iso(us.span.start) == "2026-12-07T05:55:00Z");
  CHECK(iso(us.span.end) == "2026-12-07T07:15:00Z");
  CHECK(us.comment == "slated maintenance/12 region US: DB upgrade");
  CHECK(us.goal == SilenceGoal::in_force);
  const auto& eu = plan.silences[1];
  CHECK(eu.tag == "slated maintenance/12 region EU");
  CHECK(eu.matchers ==
        std::vector<Matcher>{matcher(R"(region=~"eu-.*")"), matcher(R"(env="prod")")});
  CHECK(eu.span == us.span);
}

TEST_CASE("domain::plan_silences: one silence per region and service, matchers together") {
  auto m = maintenance();
  m.services = {"api", "billing"};
  const auto plan = plan_silences(m, policy(), "https://slated.example.com", k_before);
  CHECK(tags(plan) == std::vector<std::string>{
                          "slated maintenance/12 region US service api",
                          "slated maintenance/12 region US service billing",
                          "slated maintenance/12 region EU service api",
                          "slated maintenance/12 region EU service billing",
                      });
  REQUIRE(plan.silences.size() == 4);
  CHECK(plan.silences[1].region == "US");
  CHECK(plan.silences[1].service == "billing");
  CHECK(plan.silences[1].matchers ==
        std::vector<Matcher>{matcher(R"(region="us-east")"),
                             matcher(R"(service=~"billing|invoices")")});
  CHECK(plan.silences[2].matchers == std::vector<Matcher>{matcher(R"(region=~"eu-.*")"),
                                                          matcher(R"(env="prod")"),
                                                          matcher(R"(service="api")")});
  CHECK(plan.silences[0].comment == "slated maintenance/12 region US service api: DB upgrade "
                                    "(https://slated.example.com/v1/maintenances/12)");
}

TEST_CASE("domain::plan_silences follows the maintenance's end, start and state") {
  struct Row {
    const char* what;
    MaintenanceState state;
    const char* end;        // current end
    const char* started_at; // "" if not started
    const char* now;
    const char* silence_start;
    const char* silence_end;
    SilenceGoal goal;
  };
  const Row rows[] = {
      {"planned", MaintenanceState::planned, "2026-12-07T07:00:00Z", "", "2026-12-01T00:00:00Z",
       "2026-12-07T05:55:00Z", "2026-12-07T07:15:00Z", SilenceGoal::in_force},
      // Extended to 08:30: the silence ends at 08:45.
      {"extended", MaintenanceState::in_progress, "2026-12-07T08:30:00Z", "2026-12-07T06:00:00Z",
       "2026-12-07T06:30:00Z", "2026-12-07T05:55:00Z", "2026-12-07T08:45:00Z",
       SilenceGoal::in_force},
      // Started at 05:40, before the booked start: the silence starts at 05:35.
      {"started early", MaintenanceState::in_progress, "2026-12-07T07:00:00Z",
       "2026-12-07T05:40:00Z", "2026-12-07T05:41:00Z", "2026-12-07T05:35:00Z",
       "2026-12-07T07:15:00Z", SilenceGoal::in_force},
      // Started late: the booked start still counts.
      {"started late", MaintenanceState::in_progress, "2026-12-07T07:00:00Z",
       "2026-12-07T06:20:00Z", "2026-12-07T06:21:00Z", "2026-12-07T05:55:00Z",
       "2026-12-07T07:15:00Z", SilenceGoal::in_force},
      {"completed", MaintenanceState::completed, "2026-12-07T07:00:00Z", "2026-12-07T06:00:00Z",
       "2026-12-07T06:40:00Z", "2026-12-07T05:55:00Z", "2026-12-07T07:15:00Z",
       SilenceGoal::expired},
      {"cancelled", MaintenanceState::cancelled, "2026-12-07T07:00:00Z", "", "2026-12-02T00:00:00Z",
       "2026-12-07T05:55:00Z", "2026-12-07T07:15:00Z", SilenceGoal::expired},
      // Still open, but its silence would already be over (07:15): Alertmanager
      // refuses to create such a silence.
      {"overrun, silence over", MaintenanceState::in_progress, "2026-12-07T07:00:00Z",
       "2026-12-07T06:00:00Z", "2026-12-07T07:15:00Z", "2026-12-07T05:55:00Z",
       "2026-12-07T07:15:00Z", SilenceGoal::expired},
      {"one second before its end", MaintenanceState::in_progress, "2026-12-07T07:00:00Z",
       "2026-12-07T06:00:00Z", "2026-12-07T07:14:59Z", "2026-12-07T05:55:00Z",
       "2026-12-07T07:15:00Z", SilenceGoal::in_force},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    auto m = maintenance();
    m.regions = {"US"};
    m.state = row.state;
    m.end = utc(row.end);
    if (std::string(row.started_at) != "") {
      m.started_at = utc(row.started_at);
    }
    const auto plan = plan_silences(m, policy(), "", utc(row.now));
    REQUIRE(plan.silences.size() == 1);
    CHECK(iso(plan.silences[0].span.start) == row.silence_start);
    CHECK(iso(plan.silences[0].span.end) == row.silence_end);
    CHECK(plan.silences[0].goal == row.goal);
  }
}

TEST_CASE("domain::plan_silences: zero lead and grace give the maintenance's own span") {
  auto p = policy();
  p.lead = 0s;
  p.grace = 0s;
  const auto plan = plan_silences(maintenance(), p, "", k_before);
  REQUIRE_FALSE(plan.silences.empty());
  CHECK(plan.silences[0].span == maintenance().span());
}

TEST_CASE("domain::plan_silences skips regions and services without matchers, saying why") {
  auto m = maintenance();
  m.regions = {"US", "UK"};
  m.services = {"api", "voice"};
  const auto plan = plan_silences(m, policy(), "", k_before);
  CHECK(tags(plan) == std::vector<std::string>{"slated maintenance/12 region US service api"});
  REQUIRE(plan.skipped.size() == 3);
  CHECK(plan.skipped[0].tag == "slated maintenance/12 region US service voice");
  CHECK(plan.skipped[0].reason == "service voice has no matchers in [alertmanager.services.voice]; "
                                  "silencing all of region US would hide other services' alerts");
  CHECK(plan.skipped[1].tag == "slated maintenance/12 region UK service api");
  CHECK(plan.skipped[1].reason == "region UK has no matchers in [alertmanager.regions.UK]");
  CHECK(plan.skipped[2].tag == "slated maintenance/12 region UK service voice");
}

TEST_CASE("domain::plan_silences: region ids match the policy's ignoring case") {
  auto m = maintenance();
  m.regions = {"us"};
  const auto plan = plan_silences(m, policy(), "", k_before);
  REQUIRE(plan.silences.size() == 1);
  CHECK(plan.silences[0].tag == "slated maintenance/12 region us");
  CHECK(plan.silences[0].matchers == std::vector<Matcher>{matcher(R"(region="us-east")")});
}

TEST_CASE(
    "domain::plan_silences gives nothing for maintenance that is not disruptive or imported") {
  auto quiet = maintenance();
  quiet.disruptive = false;
  const auto quiet_plan = plan_silences(quiet, policy(), "", k_before);
  CHECK(quiet_plan.silences.empty());
  REQUIRE(quiet_plan.skipped.size() == 2);
  CHECK(quiet_plan.skipped[0].reason ==
        "the maintenance is not disruptive: alerts during it are real");
  auto past = maintenance();
  past.imported = true;
  past.state = MaintenanceState::completed;
  CHECK(plan_silences(past, policy(), "", k_before).silences.empty());
}

TEST_CASE("domain::plan_silences: the comment stays one line") {
  auto m = maintenance();
  m.title = "DB\nupgrade\r\tnow";
  const auto plan = plan_silences(m, policy(), "", k_before);
  REQUIRE_FALSE(plan.silences.empty());
  CHECK(plan.silences[0].comment == "slated maintenance/12 region US: DB upgrade  now");
}

TEST_CASE("domain::comment_carries_tag does not confuse a region's tag with its services'") {
  const auto region = silence_tag(12, "US", "");
  const auto service = silence_tag(12, "US", "api");
  CHECK(region == "slated maintenance/12 region US");
  CHECK(service == "slated maintenance/12 region US service api");
  CHECK(comment_carries_tag("slated maintenance/12 region US: DB upgrade", region));
  CHECK(comment_carries_tag("slated maintenance/12 region US", region));
  CHECK_FALSE(comment_carries_tag("slated maintenance/12 region US service api: x", region));
  CHECK(comment_carries_tag("slated maintenance/12 region US service api: x", service));
  CHECK_FALSE(comment_carries_tag("slated maintenance/12 region USA: x", region));
  CHECK_FALSE(comment_carries_tag("slated maintenance/1 region US: x", silence_tag(12, "US", "")));
  CHECK_FALSE(comment_carries_tag("slated maintenance/12 region US: x", silence_tag(1, "US", "")));
  CHECK_FALSE(comment_carries_tag("note: slated maintenance/12 region US: x", region));
  CHECK_FALSE(comment_carries_tag("", region));
}
