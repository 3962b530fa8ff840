#include <slate/formats/ical_calendar.hpp>

#include <slate/formats/ical_lines.hpp>

#include <libical/ical.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <optional>
#include <set>

namespace slate::formats {
namespace {

using domain::LocalDate;
using domain::LocalTime;
using domain::Problems;
using domain::Seconds;

using ical::ComponentLines;
using ical::ComponentPtr;
using ical::local_time_of;
using ical::ProblemList;
using ical::scan_lines;
using ical::text_property;
using ical::valid_fields;
using ical::x_property;

constexpr const char* k_alternate_role = "alternate-statement";

// A DTSTART or DTEND: a local date-time with an IANA TZID.
struct LocalStamp {
  LocalTime local;
  std::string tzid;
};

std::optional<LocalStamp> read_stamp(icalcomponent* event, icalproperty_kind kind,
                                     const char* label, int line, ProblemList& problems) {
  auto* property = icalcomponent_get_first_property(event, kind);
  if (property == nullptr) {
    problems.add(line, std::string("the window has no ") + label + "; give it as " + label +
                           ";TZID=<IANA zone>:YYYYMMDDTHHMMSS");
    return std::nullopt;
  }
  const icaltimetype time = icalproperty_get_value(property) == nullptr
                                ? icaltime_null_time()
                                : icalvalue_get_datetime(icalproperty_get_value(property));
  if (icaltime_is_null_time(time) || !icaltime_is_valid_time(time) || !valid_fields(time)) {
    problems.add(line,
                 std::string(label) +
                     " is not a valid date-time; write YYYYMMDDTHHMMSS with a real date and a time "
                     "of day, e.g. 20260105T010000");
    return std::nullopt;
  }
  if (icalcomponent_count_properties(event, kind) > 1) {
    problems.add(line, std::string("the window has more than one ") + label + "; give it once");
    return std::nullopt;
  }
  if (icaltime_is_date(time)) {
    problems.add(line, std::string(label) +
                           " is a date without a time; a window needs a local date and time, "
                           "e.g. " +
                           label + ";TZID=America/New_York:20260105T010000");
    return std::nullopt;
  }
  if (icaltime_is_utc(time)) {
    problems.add(line, std::string(label) +
                           " is in UTC (it ends in Z); a window is a wall-clock time: give "
                           "TZID=<IANA zone> and a local time, e.g. " +
                           label + ";TZID=America/New_York:20260105T010000");
    return std::nullopt;
  }
  auto* tzid = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER);
  if (tzid == nullptr || icalparameter_get_tzid(tzid) == nullptr) {
    problems.add(line, std::string(label) +
                           " has no TZID, so it is floating (no zone); give TZID=<IANA zone>, "
                           "e.g. " +
                           label + ";TZID=Europe/London:20260107T023000");
    return std::nullopt;
  }
  return LocalStamp{local_time_of(time), icalparameter_get_tzid(tzid)};
}

// Return the weekday libical encodes as 1 = Sunday ... 7 = Saturday.
std::optional<date::weekday> weekday_of(icalrecurrencetype_weekday day) {
  const int number = static_cast<int>(day);
  if (number < 1 || number > 7) {
    return std::nullopt;
  }
  return date::weekday{static_cast<unsigned>(number - 1)};
}

bool has_any(const short* values) {
  return values[0] != ICAL_RECURRENCE_ARRAY_MAX;
}

// The parts of an RRULE a window may use.
struct WeeklyRule {
  domain::WeekdaySet days;
  std::optional<icaltimetype> until;
};

std::optional<WeeklyRule> read_rrule(icalcomponent* event, int line, ProblemList& problems) {
  auto* property = icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY);
  if (property == nullptr) {
    problems.add(line, "the window has no RRULE; a window repeats weekly, e.g. "
                       "RRULE:FREQ=WEEKLY;BYDAY=MO,WE");
    return std::nullopt;
  }
  if (icalcomponent_get_next_property(event, ICAL_RRULE_PROPERTY) != nullptr) {
    problems.add(line, "the window has more than one RRULE; use one VEVENT per rule");
    return std::nullopt;
  }
  const icalrecurrencetype rule = icalproperty_get_rrule(property);
  bool valid = true;
  auto refuse = [&](const std::string& message) {
    problems.add(line, message);
    valid = false;
  };
  if (rule.freq != ICAL_WEEKLY_RECURRENCE) {
    refuse("RRULE must have FREQ=WEEKLY: a window repeats on days of the week");
  }
  if (rule.interval != 1) {
    refuse("RRULE INTERVAL=" + std::to_string(rule.interval) +
           " is not supported; a window repeats every week (leave INTERVAL out)");
  }
  if (rule.count != 0) {
    refuse("RRULE COUNT is not supported; end a window with UNTIL=YYYYMMDD instead");
  }
  if (has_any(rule.by_second) || has_any(rule.by_minute) || has_any(rule.by_hour) ||
      has_any(rule.by_month_day) || has_any(rule.by_year_day) || has_any(rule.by_week_no) ||
      has_any(rule.by_month) || has_any(rule.by_set_pos)) {
    refuse(
        "RRULE may only have FREQ, BYDAY, UNTIL and WKST; the times come from DTSTART and DTEND");
  }
  WeeklyRule weekly;
  for (int i = 0; i < ICAL_BY_DAY_SIZE && rule.by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i) {
    const auto day = weekday_of(icalrecurrencetype_day_day_of_week(rule.by_day[i]));
    if (icalrecurrencetype_day_position(rule.by_day[i]) != 0 || !day) {
      refuse(
          "RRULE BYDAY takes plain days (MO, TU, WE, TH, FR, SA, SU), not positions such as 1MO");
      continue;
    }
    weekly.days.add(*day);
  }
  if (!icaltime_is_null_time(rule.until)) {
    weekly.until = rule.until;
  }
  if (!valid) {
    return std::nullopt;
  }
  return weekly;
}

// A VEVENT read far enough to build a window or an alternate statement.
struct EventReading {
  std::string uid;
  std::string summary;
  domain::WindowRule rule;
  std::optional<std::string> related_to;
  int begin_line = 0;
  int related_line = 0;
};

std::optional<EventReading> read_event(icalcomponent* event, const ComponentLines& lines,
                                       ProblemList& problems) {
  bool valid = true;
  auto refuse = [&](int line, const std::string& message) {
    problems.add(line, message);
    valid = false;
  };

  for (const char* unsupported : {"RDATE", "EXDATE", "RECURRENCE-ID", "DURATION", "EXRULE"}) {
    if (lines.properties.count(unsupported) != 0) {
      const std::string why =
          std::string(unsupported) == "DURATION"
              ? "give the end as DTEND;TZID=... (the local end time is the contract)"
              : "a window is a plain weekly rule; to skip a date, create a blackout";
      refuse(lines.line_of(unsupported), std::string(unsupported) + " is not supported: " + why);
    }
  }
  for (auto* error = icalcomponent_get_first_property(event, ICAL_XLICERROR_PROPERTY);
       error != nullptr; error = icalcomponent_get_next_property(event, ICAL_XLICERROR_PROPERTY)) {
    const char* text = icalproperty_get_xlicerror(error);
    std::string message = text == nullptr ? "unreadable property" : text;
    int line = lines.begin;
    for (const auto& [name, property_line] : lines.properties) {
      if (message.find(name) != std::string::npos) {
        line = property_line;
        break;
      }
    }
    refuse(line, "libical could not read it: " + message);
  }

  const char* uid = icalcomponent_get_uid(event);
  if (uid == nullptr || *uid == '\0') {
    refuse(lines.begin, "the VEVENT has no UID; every window needs one (RFC 5545 requires it)");
  }

  const auto start =
      read_stamp(event, ICAL_DTSTART_PROPERTY, "DTSTART", lines.line_of("DTSTART"), problems);
  const auto end =
      read_stamp(event, ICAL_DTEND_PROPERTY, "DTEND", lines.line_of("DTEND"), problems);
  const auto weekly = read_rrule(event, lines.line_of("RRULE"), problems);
  if (!start || !end || !weekly || !valid) {
    return std::nullopt;
  }

  const auto zone = domain::Zone::locate(start->tzid, "DTSTART;TZID");
  if (!zone) {
    problems.add(lines.line_of("DTSTART"), zone.problems().front().message);
    return std::nullopt;
  }
  if (end->tzid != start->tzid) {
    problems.add(lines.line_of("DTEND"),
                 "DTEND has TZID=" + end->tzid + " but DTSTART has TZID=" + start->tzid +
                     "; a window's start and end are read on one wall clock");
    return std::nullopt;
  }
  const Seconds length = end->local - start->local;
  if (length <= Seconds{0} || length > std::chrono::hours{24}) {
    problems.add(lines.line_of("DTEND"),
                 "DTEND must be after DTSTART and at most 24 hours later on the wall clock");
    return std::nullopt;
  }

  const LocalDate first_day = date::floor<date::days>(start->local);
  const Seconds local_start = start->local - first_day;
  const LocalDate end_day = date::floor<date::days>(end->local);
  const Seconds local_end = end->local - end_day;

  domain::WeekdaySet days = weekly->days;
  const date::weekday first_weekday{first_day};
  if (days.empty()) {
    days.add(first_weekday);
  } else if (!days.contains(first_weekday)) {
    problems.add(lines.line_of("DTSTART"),
                 "DTSTART falls on a day that RRULE BYDAY does not list (" + days.to_string() +
                     "); start the window on one of its own days");
    return std::nullopt;
  }

  std::optional<LocalDate> last_day;
  if (weekly->until) {
    const icaltimetype& until = *weekly->until;
    if (!valid_fields(until)) {
      problems.add(lines.line_of("RRULE"),
                   "RRULE UNTIL is not a valid date or date-time; write "
                   "UNTIL=YYYYMMDD or UNTIL=YYYYMMDDTHHMMSSZ with a real date");
      return std::nullopt;
    }
    if (icaltime_is_date(until)) {
      last_day = date::local_days{date::year{until.year} / until.month / until.day};
    } else {
      // UNTIL bounds the start of the last occurrence: the last day is the
      // one whose start is at or before it. A UTC UNTIL (what RFC 5545
      // asks for) is compared as an instant, since on a DST day the wall
      // clock does not map one to one onto instants.
      if (icaltime_is_utc(until)) {
        const domain::Instant until_instant =
            date::sys_days{date::year{until.year} / until.month / until.day} +
            std::chrono::hours{until.hour} + std::chrono::minutes{until.minute} +
            std::chrono::seconds{until.second};
        LocalDate day = date::floor<date::days>(zone->to_local(until_instant).local);
        if (zone->to_utc(LocalTime{day} + local_start) > until_instant) {
          day -= date::days{1};
        }
        last_day = day;
      } else {
        last_day = date::floor<date::days>(local_time_of(until) - local_start);
      }
    }
  }

  auto rule = domain::WindowRule::make({*zone, days, local_start, local_end, first_day, last_day});
  if (!rule) {
    for (const auto& problem : rule.problems()) {
      problems.add(lines.line_of("RRULE"), problem.message);
    }
    return std::nullopt;
  }
  EventReading reading{uid,
                       text_property(event, ICAL_SUMMARY_PROPERTY).value_or(""),
                       std::move(rule).value(),
                       std::nullopt,
                       lines.begin,
                       0};

  const auto role = x_property(event, "X-SLATE-ROLE");
  if (role) {
    if (*role != k_alternate_role) {
      problems.add(lines.line_of("X-SLATE-ROLE"),
                   "X-SLATE-ROLE '" + *role + "' is unknown; the only role is " + k_alternate_role);
      return std::nullopt;
    }
    const auto related = text_property(event, ICAL_RELATEDTO_PROPERTY);
    if (!related || related->empty()) {
      problems.add(lines.line_of("X-SLATE-ROLE"),
                   "an alternate statement needs RELATED-TO:<UID of the window it restates>");
      return std::nullopt;
    }
    reading.related_to = *related;
    reading.related_line = lines.line_of("RELATED-TO");
  }
  return reading;
}

bool valid_region_id(const std::string& id) {
  return !id.empty() && id.size() <= 32 && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
  });
}

} // namespace

domain::Result<domain::Region> read_region_calendar(std::string_view text, const std::string& name,
                                                    const std::string& default_id) {
  ProblemList problems(name);
  const auto lines = scan_lines(text, problems);
  if (!lines) {
    return problems.take();
  }

  icalerror_set_errors_are_fatal(0);
  const std::string terminated(text);
  ComponentPtr root(icalparser_parse_string(terminated.c_str()));
  if (!root || icalcomponent_isa(root.get()) != ICAL_VCALENDAR_COMPONENT) {
    problems.add(1, "libical could not read a VCALENDAR from the file");
    return problems.take();
  }

  domain::Region region;
  region.source = name;
  region.id = x_property(root.get(), "X-SLATE-REGION").value_or(default_id);
  region.name = x_property(root.get(), "X-WR-CALNAME").value_or(region.id);
  if (!valid_region_id(region.id)) {
    problems.add(
        lines->calendar.line_of("X-SLATE-REGION"),
        "region id '" + region.id +
            "' is not valid; use 1 to 32 letters, digits, '-' or '_' (set X-SLATE-REGION, or "
            "rename the file)");
  }

  std::vector<EventReading> readings;
  std::size_t index = 0;
  for (auto* event = icalcomponent_get_first_component(root.get(), ICAL_VEVENT_COMPONENT);
       event != nullptr;
       event = icalcomponent_get_next_component(root.get(), ICAL_VEVENT_COMPONENT), ++index) {
    if (index >= lines->events.size()) {
      break; // cannot happen: both passes see the same VEVENTs
    }
    if (icalcomponent_get_status(event) == ICAL_STATUS_CANCELLED) {
      continue;
    }
    auto reading = read_event(event, lines->events[index], problems);
    if (reading) {
      readings.push_back(std::move(*reading));
    }
  }
  if (!problems.empty()) {
    return problems.take();
  }

  std::map<std::string, std::size_t> window_by_uid;
  std::set<std::string> seen;
  for (auto& reading : readings) {
    if (!seen.insert(reading.uid).second) {
      problems.add(reading.begin_line,
                   "UID " + reading.uid + " is used by another VEVENT in this file");
      continue;
    }
    if (reading.related_to) {
      continue;
    }
    window_by_uid[reading.uid] = region.windows.size();
    region.windows.push_back(domain::Window{reading.uid,
                                            reading.summary,
                                            reading.rule,
                                            {},
                                            name + ":" + std::to_string(reading.begin_line)});
  }
  for (auto& reading : readings) {
    if (!reading.related_to) {
      continue;
    }
    const auto window = window_by_uid.find(*reading.related_to);
    if (window == window_by_uid.end()) {
      problems.add(reading.related_line,
                   "RELATED-TO:" + *reading.related_to +
                       " names no window in this file; an alternate statement "
                       "restates a window of the same calendar");
      continue;
    }
    const std::string label = reading.summary.empty() ? "alternate statement" : reading.summary;
    region.windows[window->second].alternates.push_back(domain::AlternateStatement{
        label, reading.rule, name + ":" + std::to_string(reading.begin_line)});
  }
  if (region.windows.empty() && problems.empty()) {
    problems.add(lines->calendar.begin,
                 "the calendar has no window; add a VEVENT with DTSTART;TZID=, DTEND;TZID= and "
                 "RRULE:FREQ=WEEKLY;BYDAY=...");
  }
  if (!problems.empty()) {
    return problems.take();
  }
  return region;
}

} // namespace slate::formats
