#include <slate/formats/ical_calendar.hpp>

#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using slate::domain::Region;
using slate::domain::Result;
using slate::domain::Seconds;
using slate::domain::WeekdaySet;
using slate::domain::WindowRule;
using slate::formats::read_region_calendar;
using slate::test::day;
using slate::test::iso;
using slate::test::utc;
using namespace std::chrono_literals;

namespace {

std::string shipped(const std::string& file) {
  std::ifstream in(std::string(SLATE_SOURCE_DIR "/calendars/") + file, std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string join(const std::vector<std::string>& lines, const std::string& eol = "\r\n") {
  std::string text;
  for (const auto& line : lines) {
    text += line + eol;
  }
  return text;
}

// Return a calendar whose one VEVENT holds `properties`: properties[i] is on
// line 5 + i of the file.
std::string calendar_with_event(const std::vector<std::string>& properties) {
  std::vector<std::string> lines{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//slated tests//EN",
                                 "BEGIN:VEVENT"};
  lines.insert(lines.end(), properties.begin(), properties.end());
  lines.push_back("END:VEVENT");
  lines.push_back("END:VCALENDAR");
  return join(lines);
}

// The properties of a valid window, Mondays 01:00-03:00 in Tokyo, on lines 5-8.
std::vector<std::string> tokyo_window() {
  return {"UID:tokyo-mon@test", "DTSTART;TZID=Asia/Tokyo:20260105T010000",
          "DTEND;TZID=Asia/Tokyo:20260105T030000", "RRULE:FREQ=WEEKLY;BYDAY=MO"};
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

WeekdaySet days(std::initializer_list<date::weekday> list) {
  WeekdaySet set;
  for (auto d : list) {
    set.add(d);
  }
  return set;
}

std::string messages(const Result<Region>& result) {
  std::string text;
  for (const auto& problem : result.problems()) {
    text += problem.message + "\n";
  }
  return text;
}

Region read_ok(const std::string& text, const std::string& name, const std::string& id) {
  auto result = read_region_calendar(text, name, id);
  CAPTURE(messages(result));
  REQUIRE(result.ok());
  return std::move(result).value();
}

struct Expected {
  const char* zone;
  WeekdaySet days;
  Seconds start;
  Seconds end;
  const char* first_day;
};

void check_rule(const WindowRule& rule, const Expected& expected) {
  CHECK(rule.zone().name() == expected.zone);
  CHECK(rule.days() == expected.days);
  CHECK(rule.local_start() == expected.start);
  CHECK(rule.local_end() == expected.end);
  REQUIRE(rule.first_day().has_value());
  CHECK(*rule.first_day() == day(expected.first_day));
  CHECK_FALSE(rule.last_day().has_value());
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

// Check that `text` is refused with `count` problems, the first on `line`
// of "test.ics" with a message that mentions `mention`.
void check_refused(const std::string& text, int line, const std::string& mention,
                   std::size_t count = 1) {
  const auto result = read_region_calendar(text, "test.ics", "test");
  CAPTURE(messages(result));
  REQUIRE_FALSE(result.ok());
  REQUIRE(result.problems().size() == count);
  const auto& problem = result.problems().front();
  CHECK(problem.code == "invalid_calendar");
  CHECK(problem.field == "test.ics:" + std::to_string(line));
  CHECK(starts_with(problem.message, "test.ics:" + std::to_string(line) + ": "));
  CHECK(problem.message.find(mention) != std::string::npos);
}

// Check that reading `text` gives a region or problems that each name the
// file, and never throws or crashes.
void check_reads_or_refuses(const std::string& text, const std::string& name) {
  const auto result = read_region_calendar(text, name, "fuzz");
  if (result.ok()) {
    CHECK_FALSE(result->windows.empty());
    return;
  }
  REQUIRE_FALSE(result.problems().empty());
  for (const auto& problem : result.problems()) {
    if (!starts_with(problem.message, name + ":")) {
      FAIL_CHECK("problem without the file name: " << problem.message);
    }
  }
}

const char* const k_shipped_files[] = {"australia.ics", "datacentre.ics", "eu.ics",
                                       "india.ics",     "uk.ics",         "us.ics"};

} // namespace

TEST_CASE("formats::read_region_calendar reads each shipped calendar") {
  SUBCASE("australia.ics: the local form, with the IST form attached") {
    const auto au = read_ok(shipped("australia.ics"), "australia.ics", "australia");
    CHECK(au.id == "AU");
    CHECK(au.name == "Australia");
    CHECK(au.source == "australia.ics");
    REQUIRE(au.windows.size() == 1);
    const auto& window = au.windows[0];
    CHECK(window.uid == "window-au-tue@slated");
    CHECK(window.summary == "Australia maintenance window");
    CHECK(window.source == "australia.ics:33");
    check_rule(window.rule,
               {"Australia/Sydney", days({date::Tuesday}), 30min, 2h + 30min, "2024-01-02"});
    REQUIRE(window.alternates.size() == 1);
    CHECK(window.alternates[0].label == "Australia maintenance window (as written in IST)");
    CHECK(window.alternates[0].source == "australia.ics:41");
    check_rule(window.alternates[0].rule,
               {"Asia/Kolkata", days({date::Monday}), 20h, 22h + 30min, "2024-01-01"});
  }
  SUBCASE("us.ics") {
    const auto us = read_ok(shipped("us.ics"), "us.ics", "us");
    CHECK(us.id == "US");
    CHECK(us.name == "United States");
    REQUIRE(us.windows.size() == 1);
    const auto& window = us.windows[0];
    CHECK(window.uid == "window-us-mon@slated");
    CHECK(window.source == "us.ics:33");
    check_rule(window.rule, {"America/New_York", days({date::Monday}), 1h, 3h, "2024-01-01"});
    REQUIRE(window.alternates.size() == 1);
    CHECK(window.alternates[0].label == "US maintenance window (as written in IST)");
    CHECK(window.alternates[0].source == "us.ics:41");
    check_rule(window.alternates[0].rule,
               {"Asia/Kolkata", days({date::Monday}), 10h + 30min, 12h + 30min, "2024-01-01"});
  }
  SUBCASE("eu.ics and uk.ics") {
    for (const auto& [file, id, name, uid] :
         {std::tuple{"eu.ics", "EU", "Europe", "window-eu-wed@slated"},
          std::tuple{"uk.ics", "UK", "United Kingdom", "window-uk-wed@slated"}}) {
      // A copy: clang 14 cannot capture a structured binding in CAPTURE's lambda.
      const std::string file_name(file);
      CAPTURE(file_name);
      const auto region = read_ok(shipped(file), file, "x");
      CHECK(region.id == id);
      CHECK(region.name == name);
      REQUIRE(region.windows.size() == 1);
      const auto& window = region.windows[0];
      CHECK(window.uid == uid);
      CHECK(window.source == std::string(file) + ":33");
      check_rule(window.rule,
                 {"Europe/London", days({date::Wednesday}), 2h + 30min, 4h + 30min, "2024-01-03"});
      REQUIRE(window.alternates.size() == 1);
      CHECK(window.alternates[0].source == std::string(file) + ":41");
      check_rule(window.alternates[0].rule,
                 {"Asia/Kolkata", days({date::Wednesday}), 8h, 10h + 30min, "2024-01-03"});
    }
  }
  SUBCASE("india.ics: one form only, crossing midnight") {
    const auto india = read_ok(shipped("india.ics"), "india.ics", "india");
    CHECK(india.id == "IN");
    CHECK(india.name == "India");
    REQUIRE(india.windows.size() == 1);
    const auto& window = india.windows[0];
    CHECK(window.uid == "window-in-mon@slated");
    CHECK(window.summary == "India maintenance window");
    CHECK(window.source == "india.ics:16");
    check_rule(window.rule,
               {"Asia/Kolkata", days({date::Monday}), 23h + 30min, 1h + 30min, "2024-01-01"});
    CHECK(window.rule.crosses_midnight());
    CHECK(window.rule.nominal_length() == 2h);
    CHECK(window.alternates.empty());
  }
  SUBCASE("datacentre.ics: two windows in file order") {
    const auto dc = read_ok(shipped("datacentre.ics"), "datacentre.ics", "datacentre");
    CHECK(dc.id == "DC");
    CHECK(dc.name == "Data centre");
    REQUIRE(dc.windows.size() == 2);
    CHECK(dc.windows[0].uid == "window-dc-wed@slated");
    CHECK(dc.windows[0].summary == "Data-centre standard window (Wednesday)");
    CHECK(dc.windows[0].source == "datacentre.ics:16");
    check_rule(dc.windows[0].rule,
               {"Asia/Kolkata", days({date::Wednesday}), 21h, 1h, "2024-01-03"});
    CHECK(dc.windows[0].rule.nominal_length() == 4h);
    CHECK(dc.windows[1].uid == "window-dc-sun@slated");
    CHECK(dc.windows[1].source == "datacentre.ics:24");
    check_rule(dc.windows[1].rule, {"Asia/Kolkata", days({date::Sunday}), 9h, 13h, "2024-01-07"});
    CHECK(dc.windows[0].alternates.empty());
    CHECK(dc.windows[1].alternates.empty());
  }
}

TEST_CASE("formats::read_region_calendar reads an operator's calendar for another zone") {
  SUBCASE("no X-SLATE-REGION or X-WR-CALNAME: the default id names it") {
    const auto tokyo = read_ok(calendar_with_event(tokyo_window()), "tokyo.ics", "tokyo");
    CHECK(tokyo.id == "tokyo");
    CHECK(tokyo.name == "tokyo");
    CHECK(tokyo.source == "tokyo.ics");
    REQUIRE(tokyo.windows.size() == 1);
    CHECK(tokyo.windows[0].uid == "tokyo-mon@test");
    CHECK(tokyo.windows[0].summary.empty());
    CHECK(tokyo.windows[0].source == "tokyo.ics:4");
    check_rule(tokyo.windows[0].rule, {"Asia/Tokyo", days({date::Monday}), 1h, 3h, "2026-01-05"});
    // Mondays 01:00 JST are Sundays 16:00 UTC.
    const auto next = tokyo.windows[0].rule.next_starting(utc("2026-03-02T00:00:00Z"),
                                                          utc("2026-04-01T00:00:00Z"));
    REQUIRE(next.has_value());
    CHECK(iso(next->interval.start) == "2026-03-08T16:00:00Z");
    CHECK(iso(next->interval.end) == "2026-03-08T18:00:00Z");
  }
  SUBCASE("Sao Paulo, several days, a named calendar") {
    const auto text =
        join({"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ops//EN", "X-WR-CALNAME:Brazil",
              "BEGIN:VEVENT", "UID:br@ops", "SUMMARY:Brazil window",
              "DTSTART;TZID=America/Sao_Paulo:20260106T220000",
              "DTEND;TZID=America/Sao_Paulo:20260107T000000",
              "RRULE:FREQ=WEEKLY;BYDAY=TU,TH;WKST=MO", "END:VEVENT", "END:VCALENDAR"});
    const auto brazil = read_ok(text, "brazil.ics", "brazil");
    CHECK(brazil.id == "brazil");
    CHECK(brazil.name == "Brazil");
    REQUIRE(brazil.windows.size() == 1);
    CHECK(brazil.windows[0].summary == "Brazil window");
    // Ending at midnight on the wall clock: the end is 00:00 (crossing).
    check_rule(brazil.windows[0].rule,
               {"America/Sao_Paulo", days({date::Tuesday, date::Thursday}), 22h, 0h, "2026-01-06"});
    CHECK(brazil.windows[0].rule.nominal_length() == 2h);
  }
  SUBCASE("an RRULE without BYDAY repeats on the day of DTSTART") {
    auto properties = tokyo_window();
    properties[3] = "RRULE:FREQ=WEEKLY";
    const auto tokyo = read_ok(calendar_with_event(properties), "t.ics", "t");
    REQUIRE(tokyo.windows.size() == 1);
    CHECK(tokyo.windows[0].rule.days() == days({date::Monday}));
  }
  SUBCASE("a cancelled VEVENT is left out") {
    auto text = calendar_with_event(tokyo_window());
    text = replace_all(text, "END:VCALENDAR",
                       "BEGIN:VEVENT\r\nUID:gone@test\r\nSTATUS:CANCELLED\r\n"
                       "DTSTART;TZID=Asia/Tokyo:20260106T010000\r\n"
                       "DTEND;TZID=Asia/Tokyo:20260106T030000\r\n"
                       "RRULE:FREQ=WEEKLY;BYDAY=TU\r\nEND:VEVENT\r\nEND:VCALENDAR");
    const auto tokyo = read_ok(text, "t.ics", "t");
    REQUIRE(tokyo.windows.size() == 1);
    CHECK(tokyo.windows[0].uid == "tokyo-mon@test");
  }
}

TEST_CASE("formats::read_region_calendar takes UNTIL as the last day") {
  struct Row {
    const char* zone;
    const char* start;
    const char* end;
    const char* byday;
    const char* until;
    const char* last_day;
    const char* last_start; // UTC start of the last occurrence
  };
  const Row rows[] = {
      // A date is the last local day itself.
      {"America/New_York", "20260105T010000", "20260105T030000", "MO", "20270301", "2027-03-01",
       "2027-03-01T06:00:00Z"},
      // A UTC date-time bounds the start of the last occurrence: 01:00 EST on
      // 2027-03-01 is 06:00Z, so a second earlier leaves the week before.
      {"America/New_York", "20260105T010000", "20260105T030000", "MO", "20270301T060000Z",
       "2027-03-01", "2027-03-01T06:00:00Z"},
      {"America/New_York", "20260105T010000", "20260105T030000", "MO", "20270301T055959Z",
       "2027-02-28", "2027-02-22T06:00:00Z"},
      // In summer time the same wall clock is 05:00Z.
      {"America/New_York", "20260105T010000", "20260105T030000", "MO", "20270705T050000Z",
       "2027-07-05", "2027-07-05T05:00:00Z"},
      // The UTC date is the day before the local one in Tokyo.
      {"Asia/Tokyo", "20260105T010000", "20260105T030000", "MO", "20270131T160000Z", "2027-02-01",
       "2027-01-31T16:00:00Z"},
      // A window crossing midnight: its day is the day it starts.
      {"Asia/Kolkata", "20260105T233000", "20260106T013000", "MO", "20270301T180000Z", "2027-03-01",
       "2027-03-01T18:00:00Z"},
      {"Asia/Kolkata", "20260105T233000", "20260106T013000", "MO", "20270301", "2027-03-01",
       "2027-03-01T18:00:00Z"},
      // Sun 01:30 New York on the fall-back day is 05:30Z (the earlier
      // instant): an UNTIL in the repeated hour keeps that occurrence.
      {"America/New_York", "20260104T013000", "20260104T023000", "SU", "20271107T060000Z",
       "2027-11-07", "2027-11-07T05:30:00Z"},
      {"America/New_York", "20260104T013000", "20260104T023000", "SU", "20271107T062959Z",
       "2027-11-07", "2027-11-07T05:30:00Z"},
      // Sun 02:30 New York on the spring-forward day is 07:30Z (moved by the
      // gap): an UNTIL of 07:00Z ends the week before.
      {"America/New_York", "20260104T023000", "20260104T040000", "SU", "20270314T070000Z",
       "2027-03-13", "2027-03-07T07:30:00Z"},
  };
  for (const auto& row : rows) {
    CAPTURE(std::string(row.zone));
    CAPTURE(std::string(row.until));
    const std::string zone = row.zone;
    const auto text = calendar_with_event(
        {"UID:u@test", "DTSTART;TZID=" + zone + ":" + row.start,
         "DTEND;TZID=" + zone + ":" + row.end,
         std::string("RRULE:FREQ=WEEKLY;BYDAY=") + row.byday + ";UNTIL=" + row.until});
    const auto region = read_ok(text, "u.ics", "u");
    REQUIRE(region.windows.size() == 1);
    const auto& rule = region.windows[0].rule;
    REQUIRE(rule.last_day().has_value());
    CHECK(*rule.last_day() == day(row.last_day));
    const auto found = rule.occurrences({utc("2027-01-01T00:00:00Z"), utc("2028-01-01T00:00:00Z")});
    REQUIRE_FALSE(found.empty());
    CHECK(iso(found.back().interval.start) == row.last_start);
  }
}

TEST_CASE("formats::read_region_calendar reads CRLF, LF, folded lines and a BOM alike") {
  const std::string crlf = shipped("us.ics");
  REQUIRE(crlf.find("\r\n") != std::string::npos);
  const std::string lf = replace_all(crlf, "\r\n", "\n");
  REQUIRE(lf.find('\r') == std::string::npos);

  // Fold every line after 10 octets, as RFC 5545 allows anywhere, once with a
  // space and once with a tab; the line numbers are then those of the folded file.
  auto fold = [](const std::string& text, const std::string& indent,
                 const std::string& eol = "\r\n") {
    std::string folded;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') {
        line.pop_back();
      }
      folded += line.substr(0, 10);
      for (std::size_t at = 10; at < line.size(); at += 10) {
        folded += eol + indent + line.substr(at, 10);
      }
      folded += eol;
    }
    return folded;
  };

  struct Variant {
    const char* what;
    std::string text;
  };
  const Variant variants[] = {
      {"CRLF", crlf},
      {"LF", lf},
      {"BOM and CRLF", "\xEF\xBB\xBF" + crlf},
      {"BOM and LF", "\xEF\xBB\xBF" + lf},
      {"folded with spaces", fold(crlf, " ")},
      {"folded with tabs and LF", fold(lf, "\t", "\n")},
      {"blank lines between", replace_all(crlf, "\r\nBEGIN:VEVENT", "\r\n\r\nBEGIN:VEVENT")},
  };
  SUBCASE("the same region whatever the line endings") {
    for (const auto& variant : variants) {
      CAPTURE(std::string(variant.what));
      const auto us = read_ok(variant.text, "us.ics", "us");
      CHECK(us.id == "US");
      CHECK(us.name == "United States");
      REQUIRE(us.windows.size() == 1);
      CHECK(us.windows[0].uid == "window-us-mon@slated");
      check_rule(us.windows[0].rule,
                 {"America/New_York", days({date::Monday}), 1h, 3h, "2024-01-01"});
      REQUIRE(us.windows[0].alternates.size() == 1);
      check_rule(us.windows[0].alternates[0].rule,
                 {"Asia/Kolkata", days({date::Monday}), 10h + 30min, 12h + 30min, "2024-01-01"});
    }
  }
  SUBCASE("a folded property keeps the line it starts on") {
    const auto folded = fold(crlf, " ");
    // Count the physical line of the first VEVENT in the folded text.
    const auto at = folded.find("BEGIN:VEVE");
    REQUIRE(at != std::string::npos);
    const auto line =
        1 + std::count(folded.begin(), folded.begin() + static_cast<std::ptrdiff_t>(at), '\n');
    const auto us = read_ok(folded, "us.ics", "us");
    CHECK(us.windows[0].source == "us.ics:" + std::to_string(line));
  }
  SUBCASE("a BOM does not shift the line numbers") {
    const auto us = read_ok("\xEF\xBB\xBF" + lf, "us.ics", "us");
    CHECK(us.windows[0].source == "us.ics:33");
    CHECK(us.windows[0].alternates[0].source == "us.ics:41");
  }
}

TEST_CASE("formats::read_region_calendar refuses what it would have to guess, on its line") {
  struct Row {
    const char* what;
    std::vector<std::string> properties; // from line 5
    int line;
    const char* mention;
    std::size_t count = 1;
  };
  const std::string start = "DTSTART;TZID=Asia/Tokyo:20260105T010000";
  const std::string end = "DTEND;TZID=Asia/Tokyo:20260105T030000";
  const std::string weekly = "RRULE:FREQ=WEEKLY;BYDAY=MO";
  const Row rows[] = {
      {"no RRULE", {"UID:a@test", start, end, "SUMMARY:once"}, 4, "no RRULE"},
      // libical reads impossible dates without complaint; slated must not.
      {"30 February",
       {"UID:a@test", "DTSTART;TZID=Asia/Tokyo:20260230T010000",
        "DTEND;TZID=Asia/Tokyo:20260230T030000", weekly},
       6,
       "DTSTART is not a valid date-time",
       2},
      {"month 13",
       {"UID:a@test", "DTSTART;TZID=Asia/Tokyo:20261305T010000", end, weekly},
       6,
       "DTSTART"},
      {"hour 25",
       {"UID:a@test", start, "DTEND;TZID=Asia/Tokyo:20260105T250000", weekly},
       7,
       "DTEND"},
      {"minute 61",
       {"UID:a@test", "DTSTART;TZID=Asia/Tokyo:20260105T016100", end, weekly},
       6,
       "DTSTART"},
      {"UNTIL month 13", {"UID:a@test", start, end, weekly + ";UNTIL=20261399"}, 8, "UNTIL"},
      {"two DTSTART",
       {"UID:a@test", start, "DTSTART;TZID=Asia/Tokyo:20260112T010000", end, weekly},
       6,
       "more than one DTSTART"},
      {"FREQ=DAILY", {"UID:a@test", start, end, "RRULE:FREQ=DAILY"}, 8, "FREQ=WEEKLY"},
      {"COUNT", {"UID:a@test", start, end, "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=10"}, 8, "COUNT"},
      {"INTERVAL=2",
       {"UID:a@test", start, end, "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"},
       8,
       "INTERVAL=2"},
      {"BYDAY=1MO", {"UID:a@test", start, end, "RRULE:FREQ=WEEKLY;BYDAY=1MO"}, 8, "BYDAY"},
      {"BYHOUR", {"UID:a@test", start, end, "RRULE:FREQ=WEEKLY;BYDAY=MO;BYHOUR=3"}, 8, "RRULE"},
      {"EXDATE",
       {"UID:a@test", start, end, weekly, "EXDATE;TZID=Asia/Tokyo:20260112T010000"},
       9,
       "EXDATE"},
      {"RDATE",
       {"UID:a@test", start, end, weekly, "RDATE;TZID=Asia/Tokyo:20260113T010000"},
       9,
       "RDATE"},
      // The missing DTEND is a second problem, on the VEVENT's line.
      {"DURATION instead of DTEND",
       {"UID:a@test", start, "DURATION:PT2H", weekly},
       7,
       "DURATION is not supported",
       2},
      {"DTSTART in UTC",
       {"UID:a@test", "DTSTART:20260104T160000Z", end, weekly},
       6,
       "DTSTART is in UTC"},
      {"floating DTSTART", {"UID:a@test", "DTSTART:20260105T010000", end, weekly}, 6, "TZID"},
      {"DTSTART as a date",
       {"UID:a@test", "DTSTART;VALUE=DATE:20260105", end, weekly},
       6,
       "DTSTART is a date"},
      {"TZID=IST",
       {"UID:a@test", "DTSTART;TZID=IST:20260105T010000", "DTEND;TZID=IST:20260105T030000", weekly},
       6,
       "'IST'"},
      {"TZID=Eastern Standard Time",
       {"UID:a@test", "DTSTART;TZID=Eastern Standard Time:20260105T010000",
        "DTEND;TZID=Eastern Standard Time:20260105T030000", weekly},
       6,
       "'Eastern Standard Time'"},
      {"TZID not in the tz database",
       {"UID:a@test", "DTSTART;TZID=Mars/Olympus_Mons:20260105T010000",
        "DTEND;TZID=Mars/Olympus_Mons:20260105T030000", weekly},
       6,
       "'Mars/Olympus_Mons'"},
      {"DTEND in another zone",
       {"UID:a@test", start, "DTEND;TZID=Asia/Seoul:20260105T030000", weekly},
       7,
       "DTEND has TZID=Asia/Seoul"},
      {"DTEND in UTC", {"UID:a@test", start, "DTEND:20260104T180000Z", weekly}, 7, "DTEND"},
      {"no DTEND", {"UID:a@test", start, weekly}, 4, "DTEND"},
      {"DTEND before DTSTART",
       {"UID:a@test", start, "DTEND;TZID=Asia/Tokyo:20260105T003000", weekly},
       7,
       "DTEND must be after DTSTART"},
      {"DTEND equal to DTSTART",
       {"UID:a@test", start, "DTEND;TZID=Asia/Tokyo:20260105T010000", weekly},
       7,
       "DTEND must be after DTSTART"},
      {"DTEND more than 24 hours later",
       {"UID:a@test", start, "DTEND;TZID=Asia/Tokyo:20260106T010001", weekly},
       7,
       "at most 24 hours"},
      {"DTSTART on a day BYDAY does not list",
       {"UID:a@test", start, end, "RRULE:FREQ=WEEKLY;BYDAY=TU,WE"},
       6,
       "BYDAY does not list (Tue,Wed)"},
      {"UNTIL before DTSTART",
       {"UID:a@test", start, end, "RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20251229"},
       8,
       "last day"},
      {"no UID", {"SUMMARY:who am I", start, end, weekly}, 4, "UID"},
      {"a folded DTSTART in UTC: the line it starts on",
       {"UID:a@test", "DTSTART:2026\r\n 0104T160000Z", end, weekly},
       6,
       "DTSTART is in UTC"},
      {"EXDATE after a folded SUMMARY",
       {"UID:a@test", "SUMMARY:a summary long enough\r\n  to be folded", start, end, weekly,
        "EXDATE;TZID=Asia/Tokyo:20260112T010000"},
       11,
       "EXDATE"},
      {"unknown X-SLATE-ROLE",
       {"UID:a@test", start, end, weekly, "X-SLATE-ROLE:contract"},
       9,
       "X-SLATE-ROLE 'contract'"},
      {"an alternate without RELATED-TO",
       {"UID:a@test", start, end, weekly, "X-SLATE-ROLE:alternate-statement"},
       9,
       "RELATED-TO"},
  };
  for (const auto& row : rows) {
    CAPTURE(std::string(row.what));
    check_refused(calendar_with_event(row.properties), row.line, row.mention, row.count);
  }
}

TEST_CASE("formats::read_region_calendar checks UIDs and RELATED-TO across events") {
  const std::vector<std::string> header{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//EN"};
  auto event = [](const std::string& uid, const std::string& date) {
    return std::vector<std::string>{"BEGIN:VEVENT",
                                    "UID:" + uid,
                                    "DTSTART;TZID=Asia/Tokyo:" + date + "T010000",
                                    "DTEND;TZID=Asia/Tokyo:" + date + "T030000",
                                    "RRULE:FREQ=WEEKLY",
                                    "END:VEVENT"};
  };
  auto file = [&](std::vector<std::vector<std::string>> events,
                  std::vector<std::string> extra_in_last = {}) {
    std::vector<std::string> lines = header;
    for (std::size_t i = 0; i < events.size(); ++i) {
      auto& e = events[i];
      if (i + 1 == events.size()) {
        e.insert(e.end() - 1, extra_in_last.begin(), extra_in_last.end());
      }
      lines.insert(lines.end(), e.begin(), e.end());
    }
    lines.push_back("END:VCALENDAR");
    return join(lines);
  };

  SUBCASE("two windows with one UID: the second VEVENT's line") {
    // Lines 4-9 and 10-15.
    check_refused(file({event("same@test", "20260105"), event("same@test", "20260106")}), 10,
                  "UID same@test is used by another VEVENT");
  }
  SUBCASE("RELATED-TO a UID that is not in the file: the RELATED-TO line") {
    // The second event is lines 10-17: X-SLATE-ROLE on 15, RELATED-TO on 16.
    check_refused(file({event("a@test", "20260105"), event("b@test", "20260106")},
                       {"X-SLATE-ROLE:alternate-statement", "RELATED-TO:nobody@test"}),
                  16, "RELATED-TO:nobody@test");
  }
  SUBCASE("an alternate may come before the window it restates") {
    const std::string text =
        join({"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//EN", "BEGIN:VEVENT", "UID:alt@test",
              "SUMMARY:in UTC terms", "DTSTART;TZID=Etc/GMT-9:20260105T010000",
              "DTEND;TZID=Etc/GMT-9:20260105T030000", "RRULE:FREQ=WEEKLY;BYDAY=MO",
              "X-SLATE-ROLE:alternate-statement", "RELATED-TO:main@test", "END:VEVENT",
              "BEGIN:VEVENT", "UID:main@test", "DTSTART;TZID=Asia/Tokyo:20260105T010000",
              "DTEND;TZID=Asia/Tokyo:20260105T030000", "RRULE:FREQ=WEEKLY;BYDAY=MO", "END:VEVENT",
              "END:VCALENDAR"});
    const auto region = read_ok(text, "t.ics", "t");
    REQUIRE(region.windows.size() == 1);
    CHECK(region.windows[0].uid == "main@test");
    CHECK(region.windows[0].source == "t.ics:13");
    REQUIRE(region.windows[0].alternates.size() == 1);
    CHECK(region.windows[0].alternates[0].label == "in UTC terms");
    CHECK(region.windows[0].alternates[0].source == "t.ics:4");
    CHECK(region.windows[0].alternates[0].rule.zone().name() == "Etc/GMT-9");
  }
  SUBCASE("several problems in one file are all reported") {
    const std::string text =
        file({event("a@test", "20260105"), event("b@test", "20260105")}, {"EXDATE:20260112"});
    auto broken = replace_all(text, "DTSTART;TZID=Asia/Tokyo:20260105T010000\r\nDTEND",
                              "DTSTART:20260105T010000\r\nDTEND");
    const auto result = read_region_calendar(broken, "t.ics", "t");
    CAPTURE(messages(result));
    REQUIRE(result.problems().size() == 3);
    // Both floating DTSTARTs (lines 6 and 12) and the EXDATE (line 15).
    std::string all = messages(result);
    CHECK(all.find("t.ics:6: DTSTART has no TZID") != std::string::npos);
    CHECK(all.find("t.ics:12: DTSTART has no TZID") != std::string::npos);
    CHECK(all.find("t.ics:15: EXDATE is not supported") != std::string::npos);
  }
}

TEST_CASE("formats::read_region_calendar refuses a file that is not one calendar") {
  const std::string body = "BEGIN:VEVENT\r\nUID:a@test\r\n"
                           "DTSTART;TZID=Asia/Tokyo:20260105T010000\r\n"
                           "DTEND;TZID=Asia/Tokyo:20260105T030000\r\n"
                           "RRULE:FREQ=WEEKLY;BYDAY=MO\r\nEND:VEVENT\r\n";
  struct Row {
    const char* what;
    std::string text;
    int line;
    const char* mention;
  };
  const Row rows[] = {
      {"a line without ':'",
       "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nthis is not a property\r\n" + body + "END:VCALENDAR\r\n",
       3, "'this is not a property'"},
      {"a line without a name", "BEGIN:VCALENDAR\r\n:2.0\r\n" + body + "END:VCALENDAR\r\n", 2,
       "NAME:VALUE"},
      {"END that closes another BEGIN", "BEGIN:VCALENDAR\r\n" + body + "END:VEVENT\r\n", 8,
       "END:VEVENT closes BEGIN:VCALENDAR"},
      {"a VEVENT closed by END:VCALENDAR",
       "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a@test\r\nEND:VCALENDAR\r\n", 4,
       "END:VCALENDAR closes BEGIN:VEVENT"},
      {"an unterminated VCALENDAR", "BEGIN:VCALENDAR\r\n" + body, 7, "ends inside BEGIN:VCALENDAR"},
      {"an unterminated VEVENT", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n", 4,
       "ends inside BEGIN:VEVENT"},
      {"an empty file", "", 1, "empty"},
      {"only blank lines", "\r\n\r\n\n", 1, "empty"},
      {"only a BOM", "\xEF\xBB\xBF", 1, "empty"},
      {"content after END:VCALENDAR",
       "BEGIN:VCALENDAR\r\n" + body + "END:VCALENDAR\r\nBEGIN:VCALENDAR\r\n", 9,
       "after END:VCALENDAR"},
      {"not a calendar at all", "BEGIN:VCARD\r\nFN:Someone\r\nEND:VCARD\r\n", 1,
       "expected BEGIN:VCALENDAR"},
      {"a property before BEGIN:VCALENDAR", "VERSION:2.0\r\nBEGIN:VCALENDAR\r\n" + body, 1,
       "expected BEGIN:VCALENDAR"},
      {"a calendar inside a calendar",
       "BEGIN:VCALENDAR\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nEND:VCALENDAR\r\n", 2,
       "BEGIN:VCALENDAR inside"},
      {"a continuation line first", " BEGIN:VCALENDAR\r\n", 1, "continuation"},
      {"a calendar without any VEVENT",
       "\r\nBEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nEND:VCALENDAR\r\n", 2,
       "no window"},
      {"a calendar whose only window is cancelled",
       "BEGIN:VCALENDAR\r\n" + replace_all(body, "UID:a@test", "UID:a@test\r\nSTATUS:CANCELLED") +
           "END:VCALENDAR\r\n",
       1, "no window"},
      {"a region id that cannot be one",
       "BEGIN:VCALENDAR\r\nX-SLATE-REGION:two words\r\n" + body + "END:VCALENDAR\r\n", 2,
       "region id 'two words'"},
  };
  for (const auto& row : rows) {
    CAPTURE(std::string(row.what));
    check_refused(row.text, row.line, row.mention);
  }

  SUBCASE("a file name that is not a region id needs X-SLATE-REGION") {
    const auto text = "BEGIN:VCALENDAR\r\n" + body + "END:VCALENDAR\r\n";
    const auto result = read_region_calendar(text, "my calendar.ics", "my calendar");
    CAPTURE(messages(result));
    REQUIRE(result.problems().size() == 1);
    CHECK(starts_with(result.problems()[0].message, "my calendar.ics:1: region id 'my calendar'"));
  }
}

TEST_CASE("formats::read_region_calendar never crashes on truncated or mangled input") {
  SUBCASE("every prefix of a shipped file") {
    for (const char* file : k_shipped_files) {
      // A copy: clang 14 cannot capture a structured binding in CAPTURE's lambda.
      const std::string file_name(file);
      CAPTURE(file_name);
      const std::string text = shipped(file);
      std::size_t reads = 0;
      // Every prefix reads or is refused; only the whole calendar (with or
      // without its final CRLF) reads.
      for (std::size_t length = 0; length <= text.size(); ++length) {
        const auto result = read_region_calendar(text.substr(0, length), file, "fuzz");
        const bool whole = length + 2 >= text.size();
        reads += result.ok() ? 1U : 0U;
        if (result.ok() != whole) {
          FAIL_CHECK("prefix of " << length << " of " << text.size() << " octets "
                                  << (result.ok() ? "read" : "refused") << ": "
                                  << messages(result));
        }
        for (const auto& problem : result.problems()) {
          if (!starts_with(problem.message, std::string(file) + ":")) {
            FAIL_CHECK("problem without the file name: " << problem.message);
          }
        }
      }
      CHECK(reads == 3);
    }
  }

  SUBCASE("random edits to shipped files") {
    std::mt19937 random(20261123);
    const std::string alphabet =
        std::string(":;=\",\\ \t\r\nZT0123456789-/ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                    "\xEF\xBB\xBF\xFF\x80") +
        std::string(1, '\0');
    for (int round = 0; round < 3000; ++round) {
      std::string text = shipped(k_shipped_files[round % 6]);
      const int edits = 1 + static_cast<int>(random() % 4);
      for (int i = 0; i < edits; ++i) {
        const std::size_t at = random() % text.size();
        switch (random() % 4) {
        case 0: // replace one octet
          text[at] = alphabet[random() % alphabet.size()];
          break;
        case 1: // delete a run
          text.erase(at, random() % 40);
          break;
        case 2: // insert an octet
          text.insert(at, 1, alphabet[random() % alphabet.size()]);
          break;
        default: // duplicate a run
          text.insert(at, text.substr(random() % text.size(), random() % 80));
          break;
        }
      }
      CAPTURE(round);
      check_reads_or_refuses(text, "fuzz.ics");
    }
  }
  SUBCASE("random octets") {
    std::mt19937 random(5545);
    for (int round = 0; round < 500; ++round) {
      std::string text = "BEGIN:VCALENDAR\r\n";
      const std::size_t length = random() % 300;
      for (std::size_t i = 0; i < length; ++i) {
        text += static_cast<char>(random() % 256);
      }
      CAPTURE(round);
      check_reads_or_refuses(text, "noise.ics");
    }
  }
}
