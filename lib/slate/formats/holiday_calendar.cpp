#include <slate/formats/holiday_calendar.hpp>

#include <slate/formats/ical_lines.hpp>

#include <libical/ical.h>

#include <algorithm>
#include <optional>

namespace slate::formats {
namespace {

using domain::Holiday;
using domain::LocalTime;
using domain::Seconds;
using ical::ComponentLines;
using ical::ProblemList;

// How an event's DTSTART or DTEND is anchored.
enum class Anchor { date, zoned, utc, floating };

struct Stamp {
  icaltimetype time;
  Anchor anchor = Anchor::floating;
  std::string tzid; // for Anchor::zoned
};

const char* anchor_text(Anchor anchor) {
  switch (anchor) {
  case Anchor::date:
    return "a date (VALUE=DATE)";
  case Anchor::zoned:
    return "a date-time with TZID";
  case Anchor::utc:
    return "a UTC date-time (ending in Z)";
  case Anchor::floating:
    return "a floating date-time (no TZID)";
  }
  return "";
}

std::optional<Stamp> read_stamp(icalcomponent* event, icalproperty_kind kind, const char* label,
                                int line, ProblemList& problems) {
  auto* property = icalcomponent_get_first_property(event, kind);
  if (property == nullptr) {
    return std::nullopt;
  }
  if (icalcomponent_get_next_property(event, kind) != nullptr) {
    problems.add(line, std::string("the holiday has more than one ") + label + "; give it once");
    return std::nullopt;
  }
  const icalvalue* value = icalproperty_get_value(property);
  const icaltimetype time =
      value == nullptr ? icaltime_null_time() : icalvalue_get_datetimedate(value);
  if (icaltime_is_null_time(time) || !ical::valid_fields(time)) {
    problems.add(line, std::string(label) +
                           " is not a valid date or date-time; write VALUE=DATE:YYYYMMDD for a "
                           "whole day or YYYYMMDDTHHMMSS with a real date and time of day");
    return std::nullopt;
  }
  Stamp stamp{time, Anchor::floating, {}};
  if (icaltime_is_date(time)) {
    stamp.anchor = Anchor::date;
  } else if (icaltime_is_utc(time)) {
    stamp.anchor = Anchor::utc;
  } else if (auto* tzid = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER);
             tzid != nullptr && icalparameter_get_tzid(tzid) != nullptr) {
    stamp.anchor = Anchor::zoned;
    stamp.tzid = icalparameter_get_tzid(tzid);
  }
  return stamp;
}

// The local starts EXDATE removes, as wall-clock readings (dates at midnight).
std::vector<LocalTime> excluded_starts(icalcomponent* event) {
  std::vector<LocalTime> out;
  for (auto* property = icalcomponent_get_first_property(event, ICAL_EXDATE_PROPERTY);
       property != nullptr;
       property = icalcomponent_get_next_property(event, ICAL_EXDATE_PROPERTY)) {
    const icalvalue* value = icalproperty_get_value(property);
    if (value != nullptr) {
      const icaltimetype time = icalvalue_get_datetimedate(value);
      if (!icaltime_is_null_time(time) && ical::valid_fields(time)) {
        out.push_back(ical::local_time_of(time));
      }
    }
  }
  return out;
}

void read_event(icalcomponent* event, const ComponentLines& lines, const std::string& source,
                std::vector<Holiday>& holidays, ProblemList& problems) {
  bool valid = true;
  const auto refuse = [&](int line, const std::string& message) {
    problems.add(line, message);
    valid = false;
  };
  for (const char* unsupported : {"RDATE", "RECURRENCE-ID", "DURATION", "EXRULE"}) {
    if (lines.properties.count(unsupported) != 0) {
      const std::string why = std::string(unsupported) == "DURATION"
                                  ? "give the end as DTEND (the day after the last day of an "
                                    "all-day holiday)"
                                  : "give each date as its own VEVENT, or one RRULE";
      refuse(lines.line_of(unsupported), std::string(unsupported) + " is not supported: " + why);
    }
  }
  for (auto* error = icalcomponent_get_first_property(event, ICAL_XLICERROR_PROPERTY);
       error != nullptr; error = icalcomponent_get_next_property(event, ICAL_XLICERROR_PROPERTY)) {
    const char* text = icalproperty_get_xlicerror(error);
    refuse(lines.begin,
           "libical could not read it: " + std::string(text == nullptr ? "unreadable" : text));
  }
  // The summary unescaped ("King\, Jr." reads "King, Jr."), as the ledger shows it.
  const char* summary = icalcomponent_get_summary(event);
  const std::optional<std::string> name =
      summary == nullptr ? std::nullopt : std::optional<std::string>(summary);
  if (!name || name->empty()) {
    refuse(lines.begin, "the holiday has no SUMMARY; its name is what the ledger shows, e.g. "
                        "SUMMARY:Good Friday");
  }
  const auto start =
      read_stamp(event, ICAL_DTSTART_PROPERTY, "DTSTART", lines.line_of("DTSTART"), problems);
  if (!start) {
    if (lines.properties.count("DTSTART") == 0) {
      refuse(lines.begin, "the holiday has no DTSTART; give DTSTART;VALUE=DATE:YYYYMMDD for a "
                          "whole day");
    }
    return;
  }
  auto end = read_stamp(event, ICAL_DTEND_PROPERTY, "DTEND", lines.line_of("DTEND"), problems);
  if (!end && lines.properties.count("DTEND") != 0) {
    return;
  }
  std::optional<domain::Zone> zone;
  if (start->anchor == Anchor::zoned) {
    auto located = domain::Zone::locate(start->tzid, "DTSTART;TZID");
    if (!located) {
      refuse(lines.line_of("DTSTART"), located.problems().front().message);
    } else {
      zone = *located;
    }
  } else if (start->anchor == Anchor::utc) {
    zone = domain::Zone::utc();
  }
  const LocalTime local_start = ical::local_time_of(start->time);
  LocalTime local_end;
  if (!end) {
    if (start->anchor != Anchor::date) {
      refuse(lines.line_of("DTSTART"),
             "a part-day holiday needs DTEND; a whole day is DTSTART;VALUE=DATE:YYYYMMDD");
    }
    local_end = local_start + date::days{1};
  } else {
    if (end->anchor != start->anchor || end->tzid != start->tzid) {
      refuse(lines.line_of("DTEND"), std::string("DTEND is ") + anchor_text(end->anchor) +
                                         " but DTSTART is " + anchor_text(start->anchor) +
                                         "; give both the same way (and the same TZID)");
    }
    local_end = ical::local_time_of(end->time);
    if (local_end <= local_start) {
      refuse(lines.line_of("DTEND"),
             "DTEND must be after DTSTART (for a whole day, the day after: DTEND is exclusive)");
    }
  }
  if (!valid) {
    return;
  }
  const Seconds length = local_end - local_start;
  const auto add = [&](LocalTime occurrence) {
    holidays.push_back(Holiday{*name, source, occurrence, occurrence + length, zone});
  };

  auto* rrule = icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY);
  if (rrule == nullptr) {
    add(local_start);
    return;
  }
  if (icalcomponent_get_next_property(event, ICAL_RRULE_PROPERTY) != nullptr) {
    problems.add(lines.line_of("RRULE"), "the holiday has more than one RRULE; use one per VEVENT");
    return;
  }
  const icalrecurrencetype rule = icalproperty_get_rrule(rrule);
  if (rule.freq == ICAL_NO_RECURRENCE) {
    problems.add(lines.line_of("RRULE"), "RRULE has no valid FREQ");
    return;
  }
  const auto excluded = excluded_starts(event);
  // libical expands on the wall clock when the start has no zone of its
  // own, which is what a holiday means; the zone is applied afterwards.
  icaltimetype first = start->time;
  first.zone = nullptr;
  icalrecur_iterator* iterator = icalrecur_iterator_new(rule, first);
  if (iterator == nullptr) {
    problems.add(lines.line_of("RRULE"), "libical cannot expand this RRULE");
    return;
  }
  std::size_t count = 0;
  for (icaltimetype next = icalrecur_iterator_next(iterator); !icaltime_is_null_time(next);
       next = icalrecur_iterator_next(iterator)) {
    if (next.year > k_holiday_last_year) {
      break;
    }
    if (++count > k_max_holidays) {
      problems.add(lines.line_of("RRULE"),
                   "RRULE repeats more than " + std::to_string(k_max_holidays) +
                       " times before the end of " + std::to_string(k_holiday_last_year) +
                       "; bound it with UNTIL or COUNT");
      break;
    }
    const LocalTime occurrence = ical::local_time_of(next);
    const bool skipped = std::any_of(excluded.begin(), excluded.end(), [&](LocalTime exdate) {
      return exdate == occurrence ||
             (start->anchor == Anchor::date &&
              date::floor<date::days>(exdate) == date::floor<date::days>(occurrence));
    });
    if (!skipped) {
      add(occurrence);
    }
  }
  icalrecur_iterator_free(iterator);
}

} // namespace

domain::Result<std::vector<Holiday>>
read_holiday_calendar(std::string_view text, const std::string& name, const std::string& source) {
  ProblemList problems(name);
  const auto lines = ical::scan_lines(text, problems);
  if (!lines) {
    return problems.take();
  }
  icalerror_set_errors_are_fatal(0);
  const std::string terminated(text);
  ical::ComponentPtr root(icalparser_parse_string(terminated.c_str()));
  if (!root || icalcomponent_isa(root.get()) != ICAL_VCALENDAR_COMPONENT) {
    problems.add(1, "libical could not read a VCALENDAR from the file");
    return problems.take();
  }
  std::vector<Holiday> holidays;
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
    read_event(event, lines->events[index], source, holidays, problems);
    if (holidays.size() > k_max_holidays) {
      problems.add(lines->events[index].begin,
                   "the file holds more than " + std::to_string(k_max_holidays) + " holidays");
      break;
    }
  }
  if (!problems.empty()) {
    return problems.take();
  }
  return holidays;
}

} // namespace slate::formats
