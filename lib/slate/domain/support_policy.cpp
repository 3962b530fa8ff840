#include <slate/domain/support_policy.hpp>

#include <algorithm>
#include <set>

namespace slate::domain {

std::string_view to_string(ClockKind kind) {
  switch (kind) {
  case ClockKind::response:
    return "response";
  case ClockKind::update:
    return "update";
  case ClockKind::restoration:
    return "restoration";
  }
  return "response";
}

std::optional<ClockKind> parse_clock_kind(std::string_view name) {
  for (const auto kind : k_clock_kinds) {
    if (to_string(kind) == name) {
      return kind;
    }
  }
  return std::nullopt;
}

std::string_view to_string(SeverityChange change) {
  return change == SeverityChange::restart ? "restart" : "recompute";
}

const Severity* SupportPolicy::find_severity(std::string_view id) const {
  const auto found = std::find_if(severities.begin(), severities.end(),
                                  [&](const Severity& severity) { return severity.id == id; });
  return found == severities.end() ? nullptr : &*found;
}

const SupportPlan* SupportPolicy::find_plan(std::string_view id) const {
  const auto found = std::find_if(plans.begin(), plans.end(),
                                  [&](const SupportPlan& plan) { return plan.id == id; });
  return found == plans.end() ? nullptr : &*found;
}

const std::string& SupportPolicy::calendar_id(const SupportPlan& plan,
                                              const std::string& calendar) const {
  const auto replaced = plan.calendars.find(calendar);
  return replaced == plan.calendars.end() ? calendar : replaced->second;
}

const BusinessCalendar* SupportPolicy::calendar_for(const SupportPlan& plan,
                                                    const std::string& calendar) const {
  const auto found = calendars.find(calendar_id(plan, calendar));
  return found == calendars.end() ? nullptr : &found->second;
}

Seconds target_seconds(const ClockRule& rule, const BusinessCalendar& calendar) {
  return rule.target.length(calendar.business_day().value_or(Seconds{0}));
}

Problems SupportPolicy::check() const {
  Problems problems;
  if (!enabled()) {
    return problems;
  }
  std::string calendar_ids;
  for (const auto& [id, calendar] : calendars) {
    calendar_ids += (calendar_ids.empty() ? "" : ", ") + id;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < severities.size(); ++i) {
    const auto& severity = severities[i];
    const std::string prefix = "severities[" + std::to_string(i) + "]";
    if (severity.id.empty()) {
      problems.push_back({Code::support_invalid, prefix + ".id", "every severity needs an id"});
    } else if (!seen.insert(severity.id).second) {
      problems.push_back({Code::support_invalid, prefix + ".id",
                          "severity '" + severity.id + "' is defined twice"});
    }
    for (const auto kind : k_clock_kinds) {
      const auto& rule = severity.clocks[kind];
      if (!rule) {
        continue;
      }
      const std::string field = prefix + "." + std::string(to_string(kind));
      if (rule->target.days == 0 && rule->target.time <= Seconds{0}) {
        problems.push_back({Code::support_invalid, field + ".target",
                            "the " + std::string(to_string(kind)) + " target of " + severity.id +
                                " is zero; leave the clock out if the contract gives no target"});
      }
      if (calendars.count(rule->calendar) == 0) {
        problems.push_back({Code::support_invalid, field + ".calendar",
                            "calendar '" + rule->calendar +
                                "' is not defined (the calendars: " + calendar_ids + ")"});
        continue;
      }
      if (rule->target.days == 0) {
        continue;
      }
      for (const auto& plan : plans) {
        const auto* calendar = calendar_for(plan, rule->calendar);
        if (calendar != nullptr && !calendar->business_day()) {
          problems.push_back(
              {Code::support_invalid, field + ".target",
               "target " + rule->target.text + " counts business days, but calendar '" +
                   calendar_id(plan, rule->calendar) + "' (plan " + plan.id +
                   ") has no business_day; give it one, e.g. business_day = \"PT10H\""});
        }
      }
    }
  }
  if (default_severity.empty()) {
    problems.push_back({Code::support_invalid, "default_severity",
                        "default_severity is required: the severity of a ticket that names none"});
  } else if (find_severity(default_severity) == nullptr) {
    problems.push_back({Code::support_invalid, "default_severity",
                        "default_severity '" + default_severity + "' is not a severity"});
  }
  std::set<std::string> plan_ids;
  for (const auto& plan : plans) {
    if (!plan_ids.insert(plan.id).second) {
      problems.push_back(
          {Code::support_invalid, "plans." + plan.id, "plan '" + plan.id + "' is defined twice"});
    }
    for (const auto& [from, to] : plan.calendars) {
      const std::string field = "plans." + plan.id + ".calendars." + from;
      if (calendars.count(from) == 0) {
        problems.push_back({Code::support_invalid, field,
                            "plan " + plan.id + " replaces calendar '" + from +
                                "', which is not defined (the calendars: " + calendar_ids + ")"});
      }
      if (calendars.count(to) == 0) {
        problems.push_back({Code::support_invalid, field,
                            "plan " + plan.id + " replaces '" + from + "' by calendar '" + to +
                                "', which is not defined (the calendars: " + calendar_ids + ")"});
      }
    }
  }
  if (find_plan(default_plan) == nullptr) {
    problems.push_back({Code::support_invalid, "default_plan",
                        "default_plan '" + default_plan + "' is not a plan"});
  }
  if (pause_stops[ClockKind::response]) {
    problems.push_back({Code::support_invalid, "pause_stops",
                        "a pause never stops the response clock: the first response is owed "
                        "whatever the customer does; list only update and restoration"});
  }
  if (warn_at_percent < 0 || warn_at_percent > 99) {
    problems.push_back({Code::support_invalid, "warn_at_percent",
                        "warn_at_percent must be from 1 to 99 (0: no warnings)"});
  }
  for (const auto kind : k_clock_kinds) {
    const auto& target = compliance_target_hundredths[kind];
    if (target && (*target <= 0 || *target > 10000)) {
      problems.push_back({Code::support_invalid,
                          "compliance_target_percent." + std::string(to_string(kind)),
                          "a compliance target must be above 0 and at most 100 percent"});
    }
  }
  return problems;
}

} // namespace slate::domain
