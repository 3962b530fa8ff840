#pragma once

#include <slate/domain/support_policy.hpp>

#include <stdexcept>
#include <string>
#include <utility>

namespace slate::test {

// A support policy shaped like etc/policies/enghouse.toml, built in code so
// that domain tests do not depend on the policy file reader: calendar
// "office" 08:00-18:00 Europe/London Monday to Friday (business day 10 h,
// Good Friday and Easter Monday 2026 as holidays), "always" 24x7; plans
// "standard" and "premium" (office -> always); severities P1 (response
// PT30M, update PT2H, restoration PT4H), P2 (PT1H, PT4H, PT8H), P3
// (response P1D) and P4 (response P2D), all on "office"; default P3;
// compliance targets response and restoration 95 %.
inline domain::SupportPolicy
enghouse_like_policy(domain::SeverityChange change = domain::SeverityChange::recompute) {
  using namespace std::chrono_literals;
  const auto london = domain::Zone::locate("Europe/London");
  if (!london) {
    throw std::runtime_error("no Europe/London in the tz database");
  }
  domain::BusinessCalendar::Spec office;
  office.zone = *london;
  for (int day = 1; day <= 5; ++day) {
    office.hours[static_cast<std::size_t>(day)].push_back({8h, 18h});
  }
  office.business_day = 10h;
  const auto day = [](int d) {
    return domain::LocalTime{date::local_days{date::year{2026} / 4 / d}};
  };
  office.holidays = {
      {"Good Friday", "england-and-wales.ics", day(3), day(4), std::nullopt},
      {"Easter Monday", "england-and-wales.ics", day(6), day(7), std::nullopt},
  };
  domain::BusinessCalendar::Spec always;
  always.zone = *london;
  always.always_open = true;

  domain::SupportPolicy policy;
  policy.reporting_zone = *london;
  policy.default_severity = "P3";
  policy.default_plan = "standard";
  policy.on_severity_change = change;
  policy.compliance_target_hundredths[domain::ClockKind::response] = 9500;
  policy.compliance_target_hundredths[domain::ClockKind::restoration] = 9500;
  policy.calendars.emplace("office", domain::BusinessCalendar::make(office).value());
  policy.calendars.emplace("always", domain::BusinessCalendar::make(always).value());
  policy.plans = {{"standard", "Standard Support", "", {}},
                  {"premium", "Premium Support", "", {{"office", "always"}}}};
  const auto rule = [](const char* target, std::int64_t days, domain::Seconds time) {
    return domain::ClockRule{domain::SupportTarget{days, time, target}, "office"};
  };
  domain::Severity p1{"P1", "Critical", "", {}};
  p1.clocks[domain::ClockKind::response] = rule("PT30M", 0, 30min);
  p1.clocks[domain::ClockKind::update] = rule("PT2H", 0, 2h);
  p1.clocks[domain::ClockKind::restoration] = rule("PT4H", 0, 4h);
  domain::Severity p2{"P2", "High", "", {}};
  p2.clocks[domain::ClockKind::response] = rule("PT1H", 0, 1h);
  p2.clocks[domain::ClockKind::update] = rule("PT4H", 0, 4h);
  p2.clocks[domain::ClockKind::restoration] = rule("PT8H", 0, 8h);
  domain::Severity p3{"P3", "Medium", "", {}};
  p3.clocks[domain::ClockKind::response] = rule("P1D", 1, 0s);
  domain::Severity p4{"P4", "Low", "", {}};
  p4.clocks[domain::ClockKind::response] = rule("P2D", 2, 0s);
  policy.severities = {p1, p2, p3, p4};
  if (!policy.check().empty()) {
    throw std::runtime_error("the sample policy is inconsistent: " +
                             policy.check().front().message);
  }
  return policy;
}

} // namespace slate::test
