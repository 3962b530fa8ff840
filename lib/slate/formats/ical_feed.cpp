#include <slate/formats/ical_feed.hpp>

#include <libical/ical.h>

#include <date/tz.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <tuple>

namespace slate::formats {
namespace {

using domain::Instant;
using domain::LocalTime;
using domain::Seconds;

struct ComponentFree {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentFree>;

// Return the fields of `local` as a floating libical date-time.
icaltimetype floating_time(LocalTime local) {
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss time{local - day};
  icaltimetype out = icaltime_null_time();
  out.year = static_cast<int>(ymd.year());
  out.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  out.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  out.hour = static_cast<int>(time.hours().count());
  out.minute = static_cast<int>(time.minutes().count());
  out.second = static_cast<int>(time.seconds().count());
  out.is_date = 0;
  out.zone = nullptr;
  return out;
}

// Return `instant` as a libical UTC date-time (written with a trailing Z).
icaltimetype utc_time(Instant instant) {
  icaltimetype out = floating_time(LocalTime{instant.time_since_epoch()});
  out.zone = icaltimezone_get_utc_timezone();
  return out;
}

int whole_seconds(Seconds seconds) {
  return static_cast<int>(seconds.count());
}

// Add an X-property. libical writes its value as it is, unescaped, which
// is also how ical.js shows it: so no control character may be in it (a
// line break would end the property).
void add_x(icalcomponent* component, const char* name, std::string value) {
  std::replace_if(
      value.begin(), value.end(),
      [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == '\x7f'; }, ' ');
  icalproperty* property = icalproperty_new_x(value.c_str());
  icalproperty_set_x_name(property, name);
  icalcomponent_add_property(component, property);
}

// A local date-time on the wall clock of `zone`, written with its TZID.
icalproperty* with_tzid(icalproperty* property, const domain::Zone& zone) {
  icalproperty_add_parameter(property, icalparameter_new_tzid(zone.name().c_str()));
  return property;
}

// --- VTIMEZONE ------------------------------------------------------------

// One change of a zone's offset or abbreviation.
struct Change {
  Instant at;
  Seconds from; // offset before, local - UTC
  Seconds to;   // offset after
  std::string name;
  bool daylight = false;

  LocalTime local() const { return LocalTime{(at + from).time_since_epoch()}; }
};

// Every change of `zone` in [from, to).
std::vector<Change> changes_between(const date::time_zone& zone, Instant from, Instant to) {
  std::vector<Change> out;
  date::sys_info info = zone.get_info(from);
  while (info.end < to) {
    const date::sys_info next = zone.get_info(info.end);
    out.push_back(
        {info.end, info.offset, next.offset, next.abbrev, next.save != std::chrono::minutes{0}});
    info = next;
  }
  return out;
}

// A yearly rule "the `position`th (-1: last) `weekday` of `month`, at
// `time_of_day` on the clock before the change".
struct YearlyRule {
  unsigned month = 1;
  date::weekday weekday;
  int position = 0;
  Seconds time_of_day{0};

  LocalTime in_year(date::year year) const {
    const date::year_month ym = year / date::month{month};
    const date::local_days day =
        position < 0 ? date::local_days{ym / date::weekday_last{weekday}}
                     : date::local_days{
                           ym / date::weekday_indexed{weekday, static_cast<unsigned>(position)}};
    return LocalTime{day} + time_of_day;
  }
};

// Return the yearly rule that produces exactly `group`'s changes among the
// changes in [from, to), or std::nullopt.
std::optional<YearlyRule> fit_rule(const std::vector<Change>& group, Instant from, Instant to) {
  if (group.size() < 2) {
    return std::nullopt;
  }
  std::optional<YearlyRule> rule;
  bool all_last = true;
  std::set<int> positions;
  for (const auto& change : group) {
    const LocalTime local = change.local();
    const auto day = date::floor<date::days>(local);
    const date::year_month_day ymd{day};
    const unsigned month = static_cast<unsigned>(ymd.month());
    const date::weekday weekday{day};
    const Seconds time_of_day = local - day;
    const unsigned day_of_month = static_cast<unsigned>(ymd.day());
    positions.insert(static_cast<int>((day_of_month - 1) / 7 + 1));
    const auto last = date::year_month_day_last{ymd.year(), date::month_day_last{ymd.month()}};
    all_last = all_last && day_of_month + 7 > static_cast<unsigned>(last.day());
    if (!rule) {
      rule = YearlyRule{month, weekday, 0, time_of_day};
    } else if (rule->month != month || rule->weekday != weekday ||
               rule->time_of_day != time_of_day) {
      return std::nullopt;
    }
  }
  if (all_last) {
    rule->position = -1;
  } else if (positions.size() == 1 && *positions.begin() <= 4) {
    rule->position = *positions.begin();
  } else {
    return std::nullopt;
  }
  // The rule must give every change of the group and nothing else, from
  // the group's first change up to `to`.
  std::set<Instant> wanted;
  for (const auto& change : group) {
    wanted.insert(change.at);
  }
  const Seconds offset = group.front().from;
  const date::year first =
      date::year_month_day{date::floor<date::days>(group.front().local())}.year();
  const date::year last = date::year_month_day{date::floor<date::days>(to)}.year();
  std::set<Instant> produced;
  for (date::year year = first; year <= last; ++year) {
    const Instant at = Instant{(rule->in_year(year) - offset).time_since_epoch()};
    if (at >= from && at < to) {
      produced.insert(at);
    }
  }
  if (produced != wanted) {
    return std::nullopt;
  }
  return rule;
}

icalcomponent* new_observance(bool daylight, LocalTime start, Seconds from, Seconds to,
                              const std::string& name) {
  icalcomponent* observance =
      daylight ? icalcomponent_new_xdaylight() : icalcomponent_new_xstandard();
  icalcomponent_add_property(observance, icalproperty_new_dtstart(floating_time(start)));
  icalcomponent_add_property(observance, icalproperty_new_tzoffsetfrom(whole_seconds(from)));
  icalcomponent_add_property(observance, icalproperty_new_tzoffsetto(whole_seconds(to)));
  if (!name.empty()) {
    icalcomponent_add_property(observance, icalproperty_new_tzname(name.c_str()));
  }
  return observance;
}

icalrecurrencetype yearly_recurrence(const YearlyRule& rule) {
  icalrecurrencetype recurrence;
  icalrecurrencetype_clear(&recurrence);
  recurrence.freq = ICAL_YEARLY_RECURRENCE;
  recurrence.by_month[0] = static_cast<short>(rule.month);
  recurrence.by_month[1] = ICAL_RECURRENCE_ARRAY_MAX;
  // libical encodes a BYDAY entry as sign * (day + 8 * |position|), with
  // 1 = Sunday.
  const int day = static_cast<int>(rule.weekday.c_encoding()) + 1;
  const int position = rule.position < 0 ? -rule.position : rule.position;
  const int encoded = day + 8 * position;
  recurrence.by_day[0] = static_cast<short>(rule.position < 0 ? -encoded : encoded);
  recurrence.by_day[1] = ICAL_RECURRENCE_ARRAY_MAX;
  return recurrence;
}

// Return the VTIMEZONE of `zone`, right for every instant in `span`.
ComponentPtr make_vtimezone(const domain::Zone& zone, const domain::Interval& span) {
  const date::time_zone* tz = date::locate_zone(zone.name());
  // A year before the span as well, so that each observance of a zone
  // with yearly changes starts before the first instant of the span.
  const Instant scan_from = span.start - date::days{400};
  const std::vector<Change> changes = changes_between(*tz, scan_from, span.end);

  ComponentPtr component(icalcomponent_new_vtimezone());
  icalcomponent_add_property(component.get(), icalproperty_new_tzid(zone.name().c_str()));

  const date::sys_info initial = tz->get_info(scan_from);
  if (changes.empty()) {
    icalcomponent_add_component(
        component.get(),
        new_observance(false, LocalTime{date::local_days{date::year{1970} / 1 / 1}}, initial.offset,
                       initial.offset, initial.abbrev));
    return component;
  }

  // Group the changes by what they change to.
  using Key = std::tuple<bool, Seconds, Seconds, std::string>;
  std::vector<Key> order;
  std::map<Key, std::vector<Change>> groups;
  for (const auto& change : changes) {
    const Key key{change.daylight, change.from, change.to, change.name};
    auto& group = groups[key];
    if (group.empty()) {
      order.push_back(key);
    }
    group.push_back(change);
  }

  // What Outlook keeps: one STANDARD and at most one DAYLIGHT, each a
  // yearly rule.
  if (order.size() == 2 && std::get<0>(order[0]) != std::get<0>(order[1])) {
    std::vector<YearlyRule> rules;
    for (const auto& key : order) {
      if (auto rule = fit_rule(groups[key], scan_from, span.end)) {
        rules.push_back(*rule);
      }
    }
    if (rules.size() == 2) {
      for (std::size_t i = 0; i < order.size(); ++i) {
        const auto& first = groups[order[i]].front();
        icalcomponent* observance =
            new_observance(first.daylight, first.local(), first.from, first.to, first.name);
        icalcomponent_add_property(observance, icalproperty_new_rrule(yearly_recurrence(rules[i])));
        icalcomponent_add_component(component.get(), observance);
      }
      return component;
    }
  }

  // Anything else (a zone that changes its rules or its offset in the
  // span): the offset at the start, then each change, by RDATE.
  icalcomponent_add_component(
      component.get(), new_observance(initial.save != std::chrono::minutes{0},
                                      LocalTime{(scan_from + initial.offset).time_since_epoch()},
                                      initial.offset, initial.offset, initial.abbrev));
  for (const auto& key : order) {
    const auto& group = groups[key];
    icalcomponent* observance =
        new_observance(group.front().daylight, group.front().local(), group.front().from,
                       group.front().to, group.front().name);
    for (std::size_t i = 1; i < group.size(); ++i) {
      icaldatetimeperiodtype rdate;
      rdate.time = floating_time(group[i].local());
      rdate.period = icalperiodtype_null_period();
      icalcomponent_add_property(observance, icalproperty_new_rdate(rdate));
    }
    icalcomponent_add_component(component.get(), observance);
  }
  return component;
}

// --- VEVENTs --------------------------------------------------------------

std::string compact_date(date::local_days day) {
  return date::format("%Y%m%d", day);
}

// Whether the occurrence's nominal local start and end each name exactly
// one instant, the one the daemon computed: then clients that resolve a
// TZID by the IANA name or by the VTIMEZONE all agree with it.
bool plain_local(const FeedWindow& window) {
  const auto& zone = window.zone;
  const auto& occurrence = window.occurrence;
  if (zone == domain::Zone::utc()) {
    return false;
  }
  return zone.classify(occurrence.nominal_local_start) == domain::LocalKind::unique &&
         zone.classify(occurrence.nominal_local_end) == domain::LocalKind::unique &&
         zone.to_utc(occurrence.nominal_local_start) == occurrence.interval.start &&
         zone.to_utc(occurrence.nominal_local_end) == occurrence.interval.end;
}

icalcomponent* window_event(const FeedWindow& window, Instant stamp, bool local) {
  icalcomponent* event = icalcomponent_new_vevent();
  const std::string uid =
      window.region + "-" + compact_date(window.occurrence.day) + "-" + window.window_uid;
  icalcomponent_add_property(event, icalproperty_new_uid(uid.c_str()));
  icalcomponent_add_property(event, icalproperty_new_dtstamp(utc_time(stamp)));
  const auto& occurrence = window.occurrence;
  if (local) {
    icalcomponent_add_property(
        event, with_tzid(icalproperty_new_dtstart(floating_time(occurrence.nominal_local_start)),
                         window.zone));
    icalcomponent_add_property(
        event, with_tzid(icalproperty_new_dtend(floating_time(occurrence.nominal_local_end)),
                         window.zone));
  } else {
    icalcomponent_add_property(event,
                               icalproperty_new_dtstart(utc_time(occurrence.interval.start)));
    icalcomponent_add_property(event, icalproperty_new_dtend(utc_time(occurrence.interval.end)));
  }
  const std::string summary =
      window.summary.empty() ? window.region_name + " maintenance window" : window.summary;
  icalcomponent_add_property(event, icalproperty_new_summary(summary.c_str()));
  // Only an occurrence written in UTC says more than its summary: why.
  // (The rule itself is in the calendar's description; saying it in every
  // occurrence would make the feed a third larger for nothing.)
  if (!local && !(window.zone == domain::Zone::utc())) {
    const std::string description = window.rule_text + " " + window.zone.name() +
                                    " time. The clock changes on this day, so the times are "
                                    "given in UTC.";
    icalcomponent_add_property(event, icalproperty_new_description(description.c_str()));
  }
  icalcomponent_add_property(event, icalproperty_new_categories("Maintenance window"));
  icalcomponent_add_property(event, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
  return event;
}

icalcomponent* maintenance_event(const domain::Maintenance& maintenance) {
  icalcomponent* event = icalcomponent_new_vevent();
  const std::string uid = "maintenance-" + std::to_string(maintenance.id) + "@slated";
  icalcomponent_add_property(event, icalproperty_new_uid(uid.c_str()));
  icalcomponent_add_property(event, icalproperty_new_dtstamp(utc_time(maintenance.updated_at)));
  icalcomponent_add_property(event, icalproperty_new_created(utc_time(maintenance.announced_at)));
  icalcomponent_add_property(event,
                             icalproperty_new_lastmodified(utc_time(maintenance.updated_at)));
  icalcomponent_add_property(event, icalproperty_new_sequence(maintenance.sequence));
  const auto span = maintenance.span();
  icalcomponent_add_property(event, icalproperty_new_dtstart(utc_time(span.start)));
  icalcomponent_add_property(event, icalproperty_new_dtend(utc_time(span.end)));
  const bool cancelled = maintenance.state == domain::MaintenanceState::cancelled;
  const std::string summary = (cancelled ? "Cancelled: " : "") + maintenance.title;
  icalcomponent_add_property(event, icalproperty_new_summary(summary.c_str()));
  if (!maintenance.message.empty()) {
    icalcomponent_add_property(event, icalproperty_new_description(maintenance.message.c_str()));
  }
  icalcomponent_add_property(
      event, icalproperty_new_status(cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
  icalcomponent_add_property(
      event, icalproperty_new_categories(maintenance.kind == domain::MaintenanceKind::emergency
                                             ? "Emergency maintenance"
                                             : "Scheduled maintenance"));
  icalcomponent_add_property(event, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
  std::string regions;
  for (const auto& region : maintenance.regions) {
    regions += (regions.empty() ? "" : ",") + region;
  }
  add_x(event, "X-SLATE-REGION", regions);
  add_x(event, "X-SLATE-STATE", std::string(domain::to_string(maintenance.state)));
  return event;
}

} // namespace

std::string render_calendar_feed(const CalendarFeed& feed) {
  ComponentPtr calendar(icalcomponent_new_vcalendar());
  icalcomponent* root = calendar.get();
  icalcomponent_add_property(root, icalproperty_new_prodid("-//slated//maintenance feed//EN"));
  icalcomponent_add_property(root, icalproperty_new_version("2.0"));
  icalcomponent_add_property(root, icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(root, icalproperty_new_method(ICAL_METHOD_PUBLISH));
  icalcomponent_add_property(root, icalproperty_new_name(feed.name.c_str()));
  add_x(root, "X-WR-CALNAME", feed.name);
  if (!feed.description.empty()) {
    add_x(root, "X-WR-CALDESC", feed.description);
  }
  const icaldurationtype refresh = icaldurationtype_from_int(whole_seconds(feed.refresh_interval));
  // libical adds VALUE=DURATION, which RFC 7986 requires here.
  icalcomponent_add_property(root, icalproperty_new_refreshinterval(refresh));
  char* ttl = icaldurationtype_as_ical_string_r(refresh);
  add_x(root, "X-PUBLISHED-TTL", ttl);
  icalmemory_free_buffer(ttl);

  std::vector<bool> local(feed.windows.size());
  std::vector<const domain::Zone*> zones;
  for (std::size_t i = 0; i < feed.windows.size(); ++i) {
    local[i] = plain_local(feed.windows[i]);
    const auto& zone = feed.windows[i].zone;
    if (local[i] && std::none_of(zones.begin(), zones.end(),
                                 [&](const domain::Zone* seen) { return *seen == zone; })) {
      zones.push_back(&zone);
    }
  }
  for (const auto* zone : zones) {
    icalcomponent_add_component(root, make_vtimezone(*zone, feed.span).release());
  }
  for (std::size_t i = 0; i < feed.windows.size(); ++i) {
    icalcomponent_add_component(root, window_event(feed.windows[i], feed.stamp, local[i]));
  }
  for (const auto& maintenance : feed.maintenances) {
    icalcomponent_add_component(root, maintenance_event(maintenance));
  }

  char* text = icalcomponent_as_ical_string_r(root);
  if (text == nullptr) {
    throw std::runtime_error("libical could not write the calendar feed");
  }
  std::string out(text);
  icalmemory_free_buffer(text);
  return out;
}

} // namespace slate::formats
