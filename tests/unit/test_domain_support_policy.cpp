#include <slate/domain/support_policy.hpp>

#include <support/support_sample.hpp>

#include <doctest/doctest.h>

#include <string>

using slate::domain::ClockKind;
using slate::domain::SupportPolicy;
using slate::test::enghouse_like_policy;
using namespace std::chrono_literals;

namespace {

std::string fields(const slate::domain::Problems& problems) {
  std::string out;
  for (const auto& problem : problems) {
    out += (out.empty() ? "" : " ") + problem.field;
  }
  return out;
}

} // namespace

TEST_CASE("domain::SupportPolicy finds severities, plans and the calendar a plan uses") {
  const auto policy = enghouse_like_policy();
  CHECK(policy.enabled());
  CHECK(policy.find_severity("P2")->name == "High");
  CHECK(policy.find_severity("p2") == nullptr); // ids are exact
  const auto& premium = *policy.find_plan("premium");
  const auto& standard = *policy.find_plan("standard");
  CHECK(policy.calendar_id(premium, "office") == "always");
  CHECK(policy.calendar_id(standard, "office") == "office");
  CHECK(policy.calendar_for(premium, "office")->always_open());
  // "P1D" is one business day: 10 h at the office, 24 h on 24x7.
  const auto& rule = *policy.find_severity("P3")->clocks[ClockKind::response];
  CHECK(target_seconds(rule, *policy.calendar_for(standard, "office")) == 10h);
  CHECK(target_seconds(rule, *policy.calendar_for(premium, "office")) == 24h);
  CHECK_FALSE(SupportPolicy{}.enabled());
  CHECK(SupportPolicy{}.check().empty());
  for (const auto kind : slate::domain::k_clock_kinds) {
    CHECK(slate::domain::parse_clock_kind(to_string(kind)) == kind);
  }
}

TEST_CASE("domain::SupportPolicy::check names every inconsistency by field") {
  auto policy = enghouse_like_policy();
  policy.default_severity = "P9";
  policy.default_plan = "gold";
  policy.pause_stops[ClockKind::response] = true;
  policy.warn_at_percent = 100;
  policy.compliance_target_hundredths[ClockKind::update] = 10001;
  policy.severities[1].clocks[ClockKind::update]->calendar = "night";
  policy.severities.push_back(policy.severities[0]);
  policy.plans[1].calendars["office"] = "weekend";
  CHECK(fields(policy.check()) ==
        "severities[1].update.calendar severities[4].id default_severity "
        "plans.premium.calendars.office default_plan pause_stops warn_at_percent "
        "compliance_target_percent.update");
}

TEST_CASE("domain::SupportPolicy::check: business days need a business day on every plan") {
  auto policy = enghouse_like_policy();
  slate::domain::BusinessCalendar::Spec night;
  night.hours[1].push_back({22h, 30h});
  policy.calendars.emplace("night", slate::domain::BusinessCalendar::make(night).value());
  policy.plans[0].calendars["office"] = "night";
  const auto problems = policy.check();
  // P3 (P1D) and P4 (P2D) on "office", which the standard plan replaces by
  // "night", which has no business day.
  CHECK(fields(problems) == "severities[2].response.target severities[3].response.target");
  CHECK(problems.front().message.find("calendar 'night' (plan standard) has no business_day") !=
        std::string::npos);
}
