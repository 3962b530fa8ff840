#pragma once

#include <slate/domain/business_calendar.hpp>
#include <slate/domain/problem.hpp>
#include <slate/domain/support_target.hpp>
#include <slate/domain/zone.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slate::domain {

// The clocks of a support ticket: the first response, each progress update
// (one clock per interval, restarted at each update) and restoration (a fix,
// workaround or restoration plan).
enum class ClockKind { response, update, restoration };

inline constexpr std::array<ClockKind, 3> k_clock_kinds{ClockKind::response, ClockKind::update,
                                                        ClockKind::restoration};

// Return `kind` as the policy and the API name it: "response", "update",
// "restoration".
std::string_view to_string(ClockKind kind);

// Return the kind called `name`, or std::nullopt.
std::optional<ClockKind> parse_clock_kind(std::string_view name);

// A per-kind value, indexed by ClockKind.
template <class T> struct PerClockKind {
  std::array<T, 3> values{};

  T& operator[](ClockKind kind) { return values[static_cast<std::size_t>(kind)]; }
  const T& operator[](ClockKind kind) const { return values[static_cast<std::size_t>(kind)]; }
};

// What a severity promises for one clock kind: the target and the calendar
// (by id) the clock runs on.
struct ClockRule {
  SupportTarget target;
  std::string calendar;
};

// One severity (priority) of a policy: "P1", "Sev 1", "Critical".
struct Severity {
  std::string id;
  std::string name;
  std::string description;
  // The clock of each kind; none where the contract gives no target.
  PerClockKind<std::optional<ClockRule>> clocks;
};

// A level of support a contract sells, replacing some of the policy's
// calendars by others (Enghouse Premium: "office" runs as "always").
struct SupportPlan {
  std::string id;
  std::string name;
  std::string description;
  std::map<std::string, std::string> calendars; // replaced id -> replacing id
};

// What a severity change does to the clocks of a ticket.
enum class SeverityChange {
  recompute, // every clock as if the ticket had the new severity from its opening
  restart,   // the clocks still running end at the change; new ones start there
};

std::string_view to_string(SeverityChange change);

// The support part of a policy ([support] in a policy file). A policy
// without one has no severities, and tickets cannot be opened under it.
struct SupportPolicy {
  Zone reporting_zone = Zone::utc(); // the ticket's opening here decides its month
  std::string default_severity;      // when a ticket names none
  std::string default_plan = "standard";
  SeverityChange on_severity_change = SeverityChange::recompute;
  // Which clocks a pause stops; never the response clock.
  PerClockKind<bool> pause_stops{{false, true, true}};
  // Share of its target at which a running clock warns; 0: no warnings.
  int warn_at_percent = 75;
  // Monthly share of clocks that must be met, in hundredths of a percent
  // (95 % = 9500); none where the contract states no target.
  PerClockKind<std::optional<std::int64_t>> compliance_target_hundredths;
  // What the policy assumed where its SLA document leaves something open.
  std::vector<std::string> assumptions;
  std::map<std::string, BusinessCalendar> calendars;
  std::vector<SupportPlan> plans;   // at least the default plan, once checked
  std::vector<Severity> severities; // in the policy's order

  bool enabled() const { return !severities.empty(); }

  // Return the severity whose id is `id` (exact), or nullptr.
  const Severity* find_severity(std::string_view id) const;
  // Return the plan whose id is `id` (exact), or nullptr.
  const SupportPlan* find_plan(std::string_view id) const;

  // Return the id of the calendar a clock on `calendar` runs on under
  // `plan` (the plan's replacement, else `calendar` itself).
  const std::string& calendar_id(const SupportPlan& plan, const std::string& calendar) const;

  // Return the calendar a clock on `calendar` runs on under `plan`, or
  // nullptr if there is none (a policy that passed check() has one).
  const BusinessCalendar* calendar_for(const SupportPlan& plan, const std::string& calendar) const;

  // Return every inconsistency: no default severity or one that is not
  // defined, a default plan that is not defined, duplicate severity or plan
  // ids, a clock or plan naming an unknown calendar, a target in days on a
  // calendar (under some plan) without a business day, a zero target,
  // pauses stopping the response clock, warn_at_percent outside 0-99, a
  // compliance target outside (0, 100]. Each problem names its field
  // ("severities[1].response.calendar", "plans.premium.calendars.office").
  Problems check() const;
};

// Return the number of seconds of business time `rule` allows on
// `calendar` (days times its business day, plus the time part); zero days
// on a calendar without a business day count nothing.
Seconds target_seconds(const ClockRule& rule, const BusinessCalendar& calendar);

} // namespace slate::domain
