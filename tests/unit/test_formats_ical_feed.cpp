#include <slate/formats/ical_feed.hpp>

#include <support/api_fixture.hpp>
#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <libical/ical.h>

#include <date/tz.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

using slate::domain::Instant;
using slate::domain::Interval;
using slate::domain::Maintenance;
using slate::domain::MaintenanceKind;
using slate::domain::MaintenanceState;
using slate::formats::CalendarFeed;
using slate::formats::FeedWindow;
using slate::formats::render_calendar_feed;
using slate::test::day;
using slate::test::utc;
using namespace std::chrono_literals;

namespace {

// Return the physical lines of `text`, which must all end in CRLF.
std::vector<std::string> physical_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find("\r\n", start);
    REQUIRE(end != std::string::npos);
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

// Return the content lines of `text`, unfolded.
std::vector<std::string> content_lines(const std::string& text) {
  std::vector<std::string> lines;
  for (const auto& line : physical_lines(text)) {
    if (!line.empty() && line.front() == ' ') {
      REQUIRE(!lines.empty());
      lines.back() += line.substr(1);
    } else {
      lines.push_back(line);
    }
  }
  return lines;
}

bool has_line(const std::string& text, const std::string& line) {
  const auto lines = content_lines(text);
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

std::size_t count_lines(const std::string& text, const std::string& line) {
  const auto lines = content_lines(text);
  return static_cast<std::size_t>(std::count(lines.begin(), lines.end(), line));
}

// Return the content lines of the VEVENT with `uid`.
std::vector<std::string> event_lines(const std::string& text, const std::string& uid) {
  std::vector<std::string> event;
  std::vector<std::string> current;
  bool inside = false;
  for (const auto& line : content_lines(text)) {
    if (line == "BEGIN:VEVENT") {
      inside = true;
      current.clear();
    } else if (line == "END:VEVENT") {
      inside = false;
      if (std::find(current.begin(), current.end(), "UID:" + uid) != current.end()) {
        event = current;
      }
    } else if (inside) {
      current.push_back(line);
    }
  }
  return event;
}

// Whether `bytes` is well-formed UTF-8 on its own (a fold must not split a
// character).
bool valid_utf8(const std::string& bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    const std::size_t length = c < 0x80           ? 1
                               : (c >> 5) == 0x6  ? 2
                               : (c >> 4) == 0xe  ? 3
                               : (c >> 3) == 0x1e ? 4
                                                  : 0;
    if (length == 0 || i + length > bytes.size()) {
      return false;
    }
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(bytes[i + k]) >> 6) != 0x2) {
        return false;
      }
    }
    i += length;
  }
  return true;
}

struct ComponentFree {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentFree>;

struct ZoneFree {
  void operator()(icaltimezone* zone) const { icaltimezone_free(zone, 1); }
};
using ZonePtr = std::unique_ptr<icaltimezone, ZoneFree>;

ComponentPtr parse(const std::string& text) {
  ComponentPtr root(icalparser_parse_string(text.c_str()));
  REQUIRE(root);
  REQUIRE(icalcomponent_isa(root.get()) == ICAL_VCALENDAR_COMPONENT);
  return root;
}

// Return libical's zone built from the feed's own VTIMEZONE `tzid` (not
// from any zone database): a third reader of what the feed says.
ZonePtr feed_zone(icalcomponent* root, const std::string& tzid) {
  for (auto* component = icalcomponent_get_first_component(root, ICAL_VTIMEZONE_COMPONENT);
       component != nullptr;
       component = icalcomponent_get_next_component(root, ICAL_VTIMEZONE_COMPONENT)) {
    auto* property = icalcomponent_get_first_property(component, ICAL_TZID_PROPERTY);
    if (property != nullptr && tzid == icalproperty_get_tzid(property)) {
      ZonePtr zone(icaltimezone_new());
      REQUIRE(icaltimezone_set_component(zone.get(), icalcomponent_new_clone(component)) != 0);
      return zone;
    }
  }
  FAIL("no VTIMEZONE " << tzid);
  return nullptr;
}

// Return the instant libical reads from `kind` (DTSTART or DTEND) of the
// event with `uid`, resolving a TZID with the feed's VTIMEZONE.
Instant libical_instant(const std::string& text, const std::string& uid, icalproperty_kind kind) {
  const auto root = parse(text);
  for (auto* event = icalcomponent_get_first_component(root.get(), ICAL_VEVENT_COMPONENT);
       event != nullptr;
       event = icalcomponent_get_next_component(root.get(), ICAL_VEVENT_COMPONENT)) {
    if (uid != icalcomponent_get_uid(event)) {
      continue;
    }
    auto* property = icalcomponent_get_first_property(event, kind);
    REQUIRE(property != nullptr);
    icaltimetype time = icalvalue_get_datetime(icalproperty_get_value(property));
    auto* tzid = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER);
    if (tzid == nullptr) {
      REQUIRE(icaltime_is_utc(time));
      return Instant{
          std::chrono::seconds{icaltime_as_timet_with_zone(time, icaltimezone_get_utc_timezone())}};
    }
    const auto zone = feed_zone(root.get(), icalparameter_get_tzid(tzid));
    time.zone = zone.get();
    return Instant{std::chrono::seconds{icaltime_as_timet_with_zone(time, zone.get())}};
  }
  FAIL("no event " << uid);
  return {};
}

FeedWindow window_on(const std::string& zone_name, date::weekday weekday, const std::string& start,
                     const std::string& end, const std::string& local_day) {
  const auto rule = slate::test::rule(zone_name, {weekday}, start, end);
  const auto occurrence = rule.occurrence_on(day(local_day));
  REQUIRE(occurrence);
  return FeedWindow{"T", "Test", "window@test", "Test window", rule.zone(), "rule", *occurrence};
}

CalendarFeed feed_of(std::vector<FeedWindow> windows, std::vector<Maintenance> maintenances = {}) {
  CalendarFeed feed;
  feed.name = "Test maintenance";
  feed.description = "Windows, and maintenance.";
  feed.stamp = utc("2026-01-01T00:00:00Z");
  feed.span = Interval{utc("2026-01-01T00:00:00Z"), utc("2028-01-01T00:00:00Z")};
  feed.windows = std::move(windows);
  feed.maintenances = std::move(maintenances);
  return feed;
}

std::string uid_of(const FeedWindow& window) {
  return window.region + "-" + date::format("%Y%m%d", window.occurrence.day) + "-" +
         window.window_uid;
}

Maintenance sample_maintenance() {
  Maintenance m;
  m.id = 42;
  m.kind = MaintenanceKind::scheduled;
  m.state = MaintenanceState::planned;
  m.title = "Database upgrade";
  m.message = "We upgrade the database; the API answers 503, briefly.\nSorry; thanks.";
  m.regions = {"US", "EU"};
  m.services = {"api"};
  m.booked = Interval{utc("2026-03-02T06:00:00Z"), utc("2026-03-02T07:00:00Z")};
  m.end = utc("2026-03-02T07:30:00Z");
  m.announced_at = utc("2026-02-01T10:00:00Z");
  m.updated_at = utc("2026-02-20T11:12:13Z");
  m.sequence = 3;
  return m;
}

} // namespace

TEST_CASE("formats::render_calendar_feed writes the calendar's properties, CRLF and folds") {
  auto maintenance = sample_maintenance();
  // Long text of two-byte characters: a fold must fall between characters.
  maintenance.message = std::string("Wartungsarbeiten: ") + [] {
    std::string text;
    for (int i = 0; i < 60; ++i) {
      text += "\xc3\xa4"; // ä
    }
    return text;
  }();
  const std::string text = render_calendar_feed(
      feed_of({window_on("America/New_York", date::Monday, "01:00", "03:00", "2026-01-05")},
              {maintenance}));

  CHECK(text.rfind("BEGIN:VCALENDAR\r\n", 0) == 0);
  CHECK(text.size() >= 15);
  CHECK(text.substr(text.size() - 15) == "END:VCALENDAR\r\n");
  bool folded = false;
  for (const auto& line : physical_lines(text)) {
    CAPTURE(line);
    CHECK(line.find('\n') == std::string::npos);
    CHECK(line.find('\r') == std::string::npos);
    CHECK(line.size() <= 75);
    CHECK(valid_utf8(line));
    folded = folded || (!line.empty() && line.front() == ' ');
  }
  CHECK(folded);
  CHECK(has_line(text, "VERSION:2.0"));
  CHECK(has_line(text, "METHOD:PUBLISH"));
  CHECK(has_line(text, "CALSCALE:GREGORIAN"));
  CHECK(has_line(text, "X-WR-CALNAME:Test maintenance"));
  CHECK(has_line(text, "NAME:Test maintenance"));
  CHECK(has_line(text, "X-WR-CALDESC:Windows, and maintenance."));
  CHECK(has_line(text, "REFRESH-INTERVAL;VALUE=DURATION:PT1H"));
  CHECK(has_line(text, "X-PUBLISHED-TTL:PT1H"));
  // One VTIMEZONE, for the one TZID used.
  CHECK(count_lines(text, "BEGIN:VTIMEZONE") == 1);
  CHECK(has_line(text, "TZID:America/New_York"));
}

TEST_CASE("formats::render_calendar_feed keeps a name with a line break on one line") {
  auto feed = feed_of({});
  feed.name = "Europe\nWest; \"EU\"";
  const std::string text = render_calendar_feed(feed);
  CHECK(has_line(text, "X-WR-CALNAME:Europe West; \"EU\""));
  CHECK(has_line(text, "NAME:Europe\\nWest\\; \"EU\""));
  CHECK(count_lines(text, "BEGIN:VEVENT") == 0);
  CHECK(count_lines(text, "BEGIN:VTIMEZONE") == 0);
}

TEST_CASE("formats::render_calendar_feed writes the same bytes for the same feed") {
  const auto feed =
      feed_of({window_on("Europe/London", date::Wednesday, "02:30", "04:30", "2026-01-07")},
              {sample_maintenance()});
  CHECK(render_calendar_feed(feed) == render_calendar_feed(feed));
}

TEST_CASE("formats::render_calendar_feed writes a window in local time unless DST touches it") {
  struct Row {
    const char* what;
    const char* zone;
    date::weekday weekday;
    const char* start;
    const char* end;
    const char* day;
    const char* dtstart;
    const char* dtend;
  };
  const Row rows[] = {
      {"an ordinary Monday", "America/New_York", date::Monday, "01:00", "03:00", "2026-01-05",
       "DTSTART;TZID=America/New_York:20260105T010000",
       "DTEND;TZID=America/New_York:20260105T030000"},
      {"a start in the spring gap moves on by the gap", "America/New_York", date::Sunday, "02:30",
       "04:00", "2026-03-08", "DTSTART:20260308T073000Z", "DTEND:20260308T080000Z"},
      {"a start in the autumn fold is the earlier instant", "America/New_York", date::Sunday,
       "01:30", "03:00", "2026-11-01", "DTSTART:20261101T053000Z", "DTEND:20261101T080000Z"},
      {"across the fold, both ends plain: local, three hours long", "America/New_York",
       date::Sunday, "00:30", "02:30", "2026-11-01",
       "DTSTART;TZID=America/New_York:20261101T003000",
       "DTEND;TZID=America/New_York:20261101T023000"},
      {"an end in the London gap", "Europe/London", date::Sunday, "00:30", "01:30", "2026-03-29",
       "DTSTART:20260329T003000Z", "DTEND:20260329T013000Z"},
      {"a start in the London fold", "Europe/London", date::Sunday, "01:00", "02:00", "2026-10-25",
       "DTSTART:20261025T000000Z", "DTEND:20261025T020000Z"},
      {"a start in the Sydney fold", "Australia/Sydney", date::Sunday, "02:30", "03:30",
       "2026-04-05", "DTSTART:20260404T153000Z", "DTEND:20260404T173000Z"},
      {"both ends in the Sydney gap", "Australia/Sydney", date::Sunday, "02:15", "02:45",
       "2026-10-04", "DTSTART:20261003T161500Z", "DTEND:20261003T164500Z"},
      {"across the Sydney gap, both ends plain", "Australia/Sydney", date::Sunday, "01:00", "04:00",
       "2026-10-04", "DTSTART;TZID=Australia/Sydney:20261004T010000",
       "DTEND;TZID=Australia/Sydney:20261004T040000"},
      {"across midnight in India", "Asia/Kolkata", date::Monday, "23:30", "01:30", "2026-01-05",
       "DTSTART;TZID=Asia/Kolkata:20260105T233000", "DTEND;TZID=Asia/Kolkata:20260106T013000"},
      {"a UTC window", "UTC", date::Monday, "01:00", "03:00", "2026-01-05",
       "DTSTART:20260105T010000Z", "DTEND:20260105T030000Z"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    const auto window = window_on(row.zone, row.weekday, row.start, row.end, row.day);
    const std::string text = render_calendar_feed(feed_of({window}));
    const auto lines = event_lines(text, uid_of(window));
    REQUIRE(!lines.empty());
    CHECK(std::find(lines.begin(), lines.end(), row.dtstart) != lines.end());
    CHECK(std::find(lines.begin(), lines.end(), row.dtend) != lines.end());
    CHECK(std::find(lines.begin(), lines.end(), "TRANSP:TRANSPARENT") != lines.end());
    // libical, reading the feed's own VTIMEZONE, gets the daemon's instants.
    CHECK(libical_instant(text, uid_of(window), ICAL_DTSTART_PROPERTY) ==
          window.occurrence.interval.start);
    CHECK(libical_instant(text, uid_of(window), ICAL_DTEND_PROPERTY) ==
          window.occurrence.interval.end);
    // A VTIMEZONE only for a TZID that is used; a note on why in UTC.
    const bool local = std::string(row.dtstart).find("TZID=") != std::string::npos;
    const bool described = std::any_of(lines.begin(), lines.end(), [](const std::string& line) {
      return line.rfind("DESCRIPTION:", 0) == 0 &&
             line.find("The clock changes on this day") != std::string::npos;
    });
    CHECK(described == (!local && std::string(row.zone) != "UTC"));
    CHECK(count_lines(text, "BEGIN:VTIMEZONE") == (local ? 1u : 0u));
  }
}

TEST_CASE("formats::render_calendar_feed writes one STANDARD and one DAYLIGHT rule per zone") {
  struct Row {
    const char* zone;
    const char* daylight_rule;
    const char* standard_rule;
    const char* daylight_offsets; // TZOFFSETFROM/TZOFFSETTO
  };
  const Row rows[] = {
      {"America/New_York", "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3",
       "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11", "-0500/-0400"},
      {"Europe/London", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
       "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "+0000/+0100"},
      {"Australia/Sydney", "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=10",
       "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=4", "+1000/+1100"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.zone);
    const std::string text = render_calendar_feed(
        feed_of({window_on(row.zone, date::Wednesday, "10:00", "11:00", "2026-01-07")}));
    CHECK(count_lines(text, "BEGIN:VTIMEZONE") == 1);
    CHECK(count_lines(text, "BEGIN:STANDARD") == 1);
    CHECK(count_lines(text, "BEGIN:DAYLIGHT") == 1);
    CHECK(has_line(text, row.daylight_rule));
    CHECK(has_line(text, row.standard_rule));
    const std::string offsets = row.daylight_offsets;
    CHECK(has_line(text, "TZOFFSETFROM:" + offsets.substr(0, 5)));
    CHECK(has_line(text, "TZOFFSETTO:" + offsets.substr(6)));
    CHECK(count_lines(text, "RDATE") == 0);
  }
  const std::string india = render_calendar_feed(
      feed_of({window_on("Asia/Kolkata", date::Monday, "23:30", "01:30", "2026-01-05")}));
  CHECK(count_lines(india, "BEGIN:STANDARD") == 1);
  CHECK(count_lines(india, "BEGIN:DAYLIGHT") == 0);
  CHECK(has_line(india, "TZOFFSETFROM:+0530"));
  CHECK(has_line(india, "TZOFFSETTO:+0530"));
  CHECK(has_line(india, "TZNAME:IST"));
}

TEST_CASE("formats::render_calendar_feed VTIMEZONEs give the tz database's offsets") {
  // Every hour of the span and each side of every change, read with
  // libical from the feed's VTIMEZONE, against the tz database. The zones
  // include rules no yearly RRULE can state (a rule change, DST abolished,
  // Ramadan), which get RDATEs.
  struct Row {
    const char* zone;
    const char* from;
    const char* to;
    bool yearly; // one STANDARD and one DAYLIGHT with RRULEs
  };
  const Row rows[] = {
      {"America/New_York", "2026-01-01T00:00:00Z", "2028-03-01T00:00:00Z", true},
      {"Europe/London", "2026-01-01T00:00:00Z", "2028-03-01T00:00:00Z", true},
      {"Europe/Berlin", "2026-01-01T00:00:00Z", "2028-03-01T00:00:00Z", true},
      {"Australia/Sydney", "2026-01-01T00:00:00Z", "2028-03-01T00:00:00Z", true},
      {"Australia/Lord_Howe", "2026-01-01T00:00:00Z", "2028-03-01T00:00:00Z", true},
      {"Asia/Kolkata", "2026-01-01T00:00:00Z", "2028-03-01T00:00:00Z", false},
      {"Europe/Dublin", "2026-01-01T00:00:00Z", "2028-03-01T00:00:00Z", true},
      {"America/New_York", "2006-01-01T00:00:00Z", "2009-01-01T00:00:00Z", false},
      {"America/Sao_Paulo", "2018-01-01T00:00:00Z", "2021-01-01T00:00:00Z", false},
      {"Africa/Casablanca", "2026-01-01T00:00:00Z", "2028-03-01T00:00:00Z", false},
  };
  for (const auto& row : rows) {
    CAPTURE(row.zone);
    CAPTURE(row.from);
    auto feed = feed_of({window_on(row.zone, date::Wednesday, "12:00", "13:00", "2026-01-07")});
    feed.span = Interval{utc(row.from), utc(row.to)};
    const std::string text = render_calendar_feed(feed);
    CHECK((count_lines(text, "BEGIN:STANDARD") + count_lines(text, "BEGIN:DAYLIGHT") == 2 &&
           count_lines(text, "RDATE") == 0) == row.yearly);

    const auto root = parse(text);
    const auto zone = feed_zone(root.get(), row.zone);
    const date::time_zone* tz = date::locate_zone(row.zone);
    std::vector<Instant> instants;
    for (Instant t = feed.span.start; t < feed.span.end; t += 1h) {
      instants.push_back(t);
    }
    for (auto info = tz->get_info(feed.span.start); info.end < feed.span.end;
         info = tz->get_info(info.end)) {
      instants.push_back(info.end - 1s);
      instants.push_back(info.end);
    }
    int wrong = 0;
    for (const auto t : instants) {
      const icaltimetype local = icaltime_from_timet_with_zone(
          static_cast<time_t>(t.time_since_epoch().count()), 0, zone.get());
      const auto expected = date::make_zoned(tz, t).get_local_time();
      const auto expected_day = date::floor<date::days>(expected);
      const date::year_month_day ymd{expected_day};
      const date::hh_mm_ss time{expected - expected_day};
      const bool same = local.year == static_cast<int>(ymd.year()) &&
                        local.month == static_cast<int>(static_cast<unsigned>(ymd.month())) &&
                        local.day == static_cast<int>(static_cast<unsigned>(ymd.day())) &&
                        local.hour == time.hours().count() &&
                        local.minute == time.minutes().count() &&
                        local.second == time.seconds().count();
      if (!same && ++wrong <= 3) {
        CAPTURE(date::format("%FT%TZ", t));
        CAPTURE(icaltime_as_ical_string(local));
        CHECK(same);
      }
    }
    CHECK(wrong == 0);
  }
}

TEST_CASE("formats::render_calendar_feed writes maintenance with stable UID and SEQUENCE") {
  auto maintenance = sample_maintenance();
  auto cancelled = sample_maintenance();
  cancelled.id = 43;
  cancelled.kind = MaintenanceKind::emergency;
  cancelled.state = MaintenanceState::cancelled;
  cancelled.message.clear();
  cancelled.sequence = 5;
  const std::string text = render_calendar_feed(feed_of({}, {maintenance, cancelled}));

  const auto planned = event_lines(text, "maintenance-42@slated");
  REQUIRE(!planned.empty());
  const auto has = [](const std::vector<std::string>& lines, const std::string& line) {
    return std::find(lines.begin(), lines.end(), line) != lines.end();
  };
  CHECK(has(planned, "DTSTART:20260302T060000Z"));
  CHECK(has(planned, "DTEND:20260302T073000Z")); // the current end, after an extension
  CHECK(has(planned, "SEQUENCE:3"));
  CHECK(has(planned, "DTSTAMP:20260220T111213Z"));
  CHECK(has(planned, "LAST-MODIFIED:20260220T111213Z"));
  CHECK(has(planned, "CREATED:20260201T100000Z"));
  CHECK(has(planned, "STATUS:CONFIRMED"));
  CHECK(has(planned, "SUMMARY:Database upgrade"));
  CHECK(has(planned, "DESCRIPTION:We upgrade the database\\; the API answers 503\\, "
                     "briefly.\\nSorry\\; thanks."));
  CHECK(has(planned, "CATEGORIES:Scheduled maintenance"));
  CHECK(has(planned, "TRANSP:TRANSPARENT"));

  const auto gone = event_lines(text, "maintenance-43@slated");
  REQUIRE(!gone.empty());
  CHECK(has(gone, "STATUS:CANCELLED"));
  CHECK(has(gone, "SEQUENCE:5"));
  CHECK(has(gone, "SUMMARY:Cancelled: Database upgrade"));
  CHECK(has(gone, "CATEGORIES:Emergency maintenance"));
  CHECK(std::none_of(gone.begin(), gone.end(),
                     [](const std::string& line) { return line.rfind("DESCRIPTION", 0) == 0; }));

  // libical reads the description back as it was.
  const auto root = parse(text);
  bool found = false;
  for (auto* event = icalcomponent_get_first_component(root.get(), ICAL_VEVENT_COMPONENT);
       event != nullptr;
       event = icalcomponent_get_next_component(root.get(), ICAL_VEVENT_COMPONENT)) {
    if (std::string(icalcomponent_get_uid(event)) == "maintenance-42@slated") {
      found = true;
      CHECK(std::string(icalcomponent_get_description(event)) == maintenance.message);
    }
  }
  CHECK(found);
}
