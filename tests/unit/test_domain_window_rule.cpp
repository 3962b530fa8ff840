#include <slate/domain/window_rule.hpp>

#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <set>

using slate::domain::Interval;
using slate::domain::Occurrence;
using slate::domain::Seconds;
using slate::domain::WeekdaySet;
using slate::domain::WindowRule;
using slate::domain::Zone;
using slate::test::day;
using slate::test::iso;
using slate::test::utc;
using namespace std::chrono_literals;

namespace {

WindowRule rule(const char* zone, WeekdaySet days, Seconds start, Seconds end) {
  auto located = Zone::locate(zone);
  REQUIRE(located.ok());
  auto made = WindowRule::make({located.value(), days, start, end, {}, {}});
  REQUIRE(made.ok());
  return made.value();
}

WeekdaySet days(std::initializer_list<date::weekday> list) {
  WeekdaySet set;
  for (auto d : list) {
    set.add(d);
  }
  return set;
}

Interval range(const char* from, const char* to) {
  return {utc(from), utc(to)};
}

} // namespace

TEST_CASE("domain::WindowRule US Mondays 01:00-03:00 New York over 2026") {
  const auto us = rule("America/New_York", days({date::Monday}), 1h, 3h);
  const auto found = us.occurrences(range("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"));
  REQUIRE(found.size() == 52);
  CHECK(iso(found.front().interval.start) == "2026-01-05T06:00:00Z");
  CHECK(iso(found.back().interval.start) == "2026-12-28T06:00:00Z");
  for (const auto& occurrence : found) {
    CAPTURE(iso(occurrence.interval.start));
    CHECK(date::weekday{occurrence.day} == date::Monday);
    CHECK(occurrence.interval.length() == 2h);
    // EDT from 2026-03-08 to 2026-11-01: the window starts at 05:00Z, else 06:00Z.
    const bool summer = occurrence.day > day("2026-03-08") && occurrence.day < day("2026-11-01");
    const auto hour = date::make_time(occurrence.interval.start -
                                      date::floor<date::days>(occurrence.interval.start))
                          .hours();
    CHECK(hour == (summer ? 5h : 6h));
  }
  struct Row {
    const char* monday;
    const char* start;
    const char* end;
  };
  const Row around_changes[] = {
      {"2026-03-02", "2026-03-02T06:00:00Z", "2026-03-02T08:00:00Z"},
      {"2026-03-09", "2026-03-09T05:00:00Z", "2026-03-09T07:00:00Z"},
      {"2026-10-26", "2026-10-26T05:00:00Z", "2026-10-26T07:00:00Z"},
      {"2026-11-02", "2026-11-02T06:00:00Z", "2026-11-02T08:00:00Z"},
  };
  for (const auto& row : around_changes) {
    CAPTURE(row.monday);
    const auto occurrence = us.occurrence_on(day(row.monday));
    REQUIRE(occurrence);
    CHECK(iso(occurrence->interval.start) == row.start);
    CHECK(iso(occurrence->interval.end) == row.end);
  }
}

TEST_CASE("domain::WindowRule a daily 00:30-04:30 window on every DST change 2024-2030") {
  struct Row {
    const char* zone;
    const char* day;
    const char* start;
    const char* end;
    long long seconds;
  };
  // Expected instants written out per change; a spring day loses an hour
  // (3 h instead of 4 h), an autumn day gains one (5 h).
  const Row rows[] = {
      {"America/New_York", "2024-03-10", "2024-03-10T05:30:00Z", "2024-03-10T08:30:00Z", 10800},
      {"America/New_York", "2024-11-03", "2024-11-03T04:30:00Z", "2024-11-03T09:30:00Z", 18000},
      {"America/New_York", "2025-03-09", "2025-03-09T05:30:00Z", "2025-03-09T08:30:00Z", 10800},
      {"America/New_York", "2025-11-02", "2025-11-02T04:30:00Z", "2025-11-02T09:30:00Z", 18000},
      {"America/New_York", "2026-03-08", "2026-03-08T05:30:00Z", "2026-03-08T08:30:00Z", 10800},
      {"America/New_York", "2026-11-01", "2026-11-01T04:30:00Z", "2026-11-01T09:30:00Z", 18000},
      {"America/New_York", "2027-03-14", "2027-03-14T05:30:00Z", "2027-03-14T08:30:00Z", 10800},
      {"America/New_York", "2027-11-07", "2027-11-07T04:30:00Z", "2027-11-07T09:30:00Z", 18000},
      {"America/New_York", "2028-03-12", "2028-03-12T05:30:00Z", "2028-03-12T08:30:00Z", 10800},
      {"America/New_York", "2028-11-05", "2028-11-05T04:30:00Z", "2028-11-05T09:30:00Z", 18000},
      {"America/New_York", "2029-03-11", "2029-03-11T05:30:00Z", "2029-03-11T08:30:00Z", 10800},
      {"America/New_York", "2029-11-04", "2029-11-04T04:30:00Z", "2029-11-04T09:30:00Z", 18000},
      {"America/New_York", "2030-03-10", "2030-03-10T05:30:00Z", "2030-03-10T08:30:00Z", 10800},
      {"America/New_York", "2030-11-03", "2030-11-03T04:30:00Z", "2030-11-03T09:30:00Z", 18000},
      {"Europe/London", "2024-03-31", "2024-03-31T00:30:00Z", "2024-03-31T03:30:00Z", 10800},
      {"Europe/London", "2024-10-27", "2024-10-26T23:30:00Z", "2024-10-27T04:30:00Z", 18000},
      {"Europe/London", "2025-03-30", "2025-03-30T00:30:00Z", "2025-03-30T03:30:00Z", 10800},
      {"Europe/London", "2025-10-26", "2025-10-25T23:30:00Z", "2025-10-26T04:30:00Z", 18000},
      {"Europe/London", "2026-03-29", "2026-03-29T00:30:00Z", "2026-03-29T03:30:00Z", 10800},
      {"Europe/London", "2026-10-25", "2026-10-24T23:30:00Z", "2026-10-25T04:30:00Z", 18000},
      {"Europe/London", "2027-03-28", "2027-03-28T00:30:00Z", "2027-03-28T03:30:00Z", 10800},
      {"Europe/London", "2027-10-31", "2027-10-30T23:30:00Z", "2027-10-31T04:30:00Z", 18000},
      {"Europe/London", "2028-03-26", "2028-03-26T00:30:00Z", "2028-03-26T03:30:00Z", 10800},
      {"Europe/London", "2028-10-29", "2028-10-28T23:30:00Z", "2028-10-29T04:30:00Z", 18000},
      {"Europe/London", "2029-03-25", "2029-03-25T00:30:00Z", "2029-03-25T03:30:00Z", 10800},
      {"Europe/London", "2029-10-28", "2029-10-27T23:30:00Z", "2029-10-28T04:30:00Z", 18000},
      {"Europe/London", "2030-03-31", "2030-03-31T00:30:00Z", "2030-03-31T03:30:00Z", 10800},
      {"Europe/London", "2030-10-27", "2030-10-26T23:30:00Z", "2030-10-27T04:30:00Z", 18000},
      {"Australia/Sydney", "2024-04-07", "2024-04-06T13:30:00Z", "2024-04-06T18:30:00Z", 18000},
      {"Australia/Sydney", "2024-10-06", "2024-10-05T14:30:00Z", "2024-10-05T17:30:00Z", 10800},
      {"Australia/Sydney", "2025-04-06", "2025-04-05T13:30:00Z", "2025-04-05T18:30:00Z", 18000},
      {"Australia/Sydney", "2025-10-05", "2025-10-04T14:30:00Z", "2025-10-04T17:30:00Z", 10800},
      {"Australia/Sydney", "2026-04-05", "2026-04-04T13:30:00Z", "2026-04-04T18:30:00Z", 18000},
      {"Australia/Sydney", "2026-10-04", "2026-10-03T14:30:00Z", "2026-10-03T17:30:00Z", 10800},
      {"Australia/Sydney", "2027-04-04", "2027-04-03T13:30:00Z", "2027-04-03T18:30:00Z", 18000},
      {"Australia/Sydney", "2027-10-03", "2027-10-02T14:30:00Z", "2027-10-02T17:30:00Z", 10800},
      {"Australia/Sydney", "2028-04-02", "2028-04-01T13:30:00Z", "2028-04-01T18:30:00Z", 18000},
      {"Australia/Sydney", "2028-10-01", "2028-09-30T14:30:00Z", "2028-09-30T17:30:00Z", 10800},
      {"Australia/Sydney", "2029-04-01", "2029-03-31T13:30:00Z", "2029-03-31T18:30:00Z", 18000},
      {"Australia/Sydney", "2029-10-07", "2029-10-06T14:30:00Z", "2029-10-06T17:30:00Z", 10800},
      {"Australia/Sydney", "2030-04-07", "2030-04-06T13:30:00Z", "2030-04-06T18:30:00Z", 18000},
      {"Australia/Sydney", "2030-10-06", "2030-10-05T14:30:00Z", "2030-10-05T17:30:00Z", 10800},
  };
  for (const auto& row : rows) {
    CAPTURE(row.zone);
    CAPTURE(row.day);
    const auto daily = rule(row.zone, WeekdaySet::every_day(), 30min, 4h + 30min);
    const auto occurrence = daily.occurrence_on(day(row.day));
    REQUIRE(occurrence);
    CHECK(iso(occurrence->interval.start) == row.start);
    CHECK(iso(occurrence->interval.end) == row.end);
    CHECK(occurrence->interval.length().count() == row.seconds);
    CHECK(daily.nominal_length() == 4h);
  }
  // Kolkata has no DST: every day of the seven years is 4 h long.
  const auto india = rule("Asia/Kolkata", WeekdaySet::every_day(), 30min, 4h + 30min);
  const auto all = india.occurrences(range("2024-01-01T00:00:00Z", "2031-01-01T00:00:00Z"));
  // Day D runs from 19:00Z to 23:00Z on D-1: 2024-01-01 falls before the
  // range and 2031-01-01 inside it, so still 2557 occurrences.
  CHECK(all.size() == 2557);
  for (const auto& occurrence : all) {
    CHECK(occurrence.interval.length() == 4h);
  }
}

TEST_CASE("domain::WindowRule windows that start or end inside a gap or a fold") {
  struct Row {
    const char* name;
    Seconds start;
    Seconds end;
    const char* day;
    const char* expected_start; // "" means no occurrence that day
    const char* expected_end;
  };
  const Row rows[] = {
      // 02:30 does not exist on 2026-03-08: it becomes 03:30 EDT.
      {"starts in the gap", 2h + 30min, 5h, "2026-03-08", "2026-03-08T07:30:00Z",
       "2026-03-08T09:00:00Z"},
      {"ends in the gap", 1h, 2h + 30min, "2026-03-08", "2026-03-08T06:00:00Z",
       "2026-03-08T07:30:00Z"},
      {"wholly in the gap moves past it", 2h + 10min, 2h + 50min, "2026-03-08",
       "2026-03-08T07:10:00Z", "2026-03-08T07:50:00Z"},
      // 02:30 moves to 03:30 EDT, after the 03:15 end: nothing is left.
      {"turned inside out by the gap", 2h + 30min, 3h + 15min, "2026-03-08", "", ""},
      // 01:30 happens twice on 2026-11-01: the earlier (EDT) one is meant.
      {"starts in the fold", 1h + 30min, 3h, "2026-11-01", "2026-11-01T05:30:00Z",
       "2026-11-01T08:00:00Z"},
      {"ends in the fold", 0h, 1h + 30min, "2026-11-01", "2026-11-01T04:00:00Z",
       "2026-11-01T05:30:00Z"},
      {"wholly in the fold", 1h + 10min, 1h + 50min, "2026-11-01", "2026-11-01T05:10:00Z",
       "2026-11-01T05:50:00Z"},
      {"crosses midnight into the fold", 23h, 1h + 30min, "2026-10-31", "2026-11-01T03:00:00Z",
       "2026-11-01T05:30:00Z"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    const auto daily = rule("America/New_York", WeekdaySet::every_day(), row.start, row.end);
    const auto occurrence = daily.occurrence_on(day(row.day));
    if (std::string(row.expected_start).empty()) {
      CHECK_FALSE(occurrence);
      continue;
    }
    REQUIRE(occurrence);
    CHECK(iso(occurrence->interval.start) == row.expected_start);
    CHECK(iso(occurrence->interval.end) == row.expected_end);
  }
}

TEST_CASE("domain::WindowRule crossing midnight, month and year ends, leap days") {
  // Data-centre window Wed 21:00-01:00 in Kolkata: 15:30Z Wed to 19:30Z Wed.
  const auto dc = rule("Asia/Kolkata", days({date::Wednesday}), 21h, 1h);
  CHECK(dc.crosses_midnight());
  CHECK(dc.nominal_length() == 4h);
  const auto january = dc.occurrences(range("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"));
  REQUIRE(january.size() == 4);
  CHECK(iso(january[0].interval.start) == "2026-01-07T15:30:00Z");
  CHECK(iso(january[0].interval.end) == "2026-01-07T19:30:00Z");

  // Thursday 2026-12-31 23:00 UTC to Friday 01:00: found from either year.
  const auto new_year = rule("UTC", days({date::Thursday}), 23h, 1h);
  const auto from_2027 =
      new_year.occurrences(range("2027-01-01T00:00:00Z", "2027-01-02T00:00:00Z"));
  REQUIRE(from_2027.size() == 1);
  CHECK(iso(from_2027[0].interval.start) == "2026-12-31T23:00:00Z");
  CHECK(iso(from_2027[0].interval.end) == "2027-01-01T01:00:00Z");
  CHECK(from_2027[0].day == day("2026-12-31"));

  // A window on the 29th of February exists in a leap year only.
  const auto tuesdays = rule("Europe/London", days({date::Tuesday}), 22h, 2h);
  const auto feb_2028 = tuesdays.occurrences(range("2028-02-29T00:00:00Z", "2028-03-01T03:00:00Z"));
  REQUIRE(feb_2028.size() == 1);
  CHECK(iso(feb_2028[0].interval.start) == "2028-02-29T22:00:00Z");
  CHECK(iso(feb_2028[0].interval.end) == "2028-03-01T02:00:00Z");

  // Month end in a zone east of UTC: Sydney Tue 2026-09-01 00:30 AEST is 31 Aug in UTC.
  const auto au = rule("Australia/Sydney", days({date::Tuesday}), 30min, 2h + 30min);
  const auto august = au.occurrences(range("2026-08-31T00:00:00Z", "2026-09-01T00:00:00Z"));
  REQUIRE(august.size() == 1);
  CHECK(iso(august[0].interval.start) == "2026-08-31T14:30:00Z");
}

TEST_CASE("domain::WindowRule ranges are half-open") {
  const auto us = rule("America/New_York", days({date::Monday}), 1h, 3h);
  // The 2026-01-05 occurrence is [06:00Z, 08:00Z).
  CHECK(us.occurrences(range("2026-01-05T08:00:00Z", "2026-01-06T00:00:00Z")).empty());
  CHECK(us.occurrences(range("2026-01-05T00:00:00Z", "2026-01-05T06:00:00Z")).empty());
  CHECK(us.occurrences(range("2026-01-05T07:59:59Z", "2026-01-05T08:00:00Z")).size() == 1);
  CHECK(us.occurrences(range("2026-01-05T06:00:00Z", "2026-01-05T06:00:01Z")).size() == 1);
  CHECK(us.occurrences(range("2026-01-05T07:00:00Z", "2026-01-05T07:00:00Z")).empty());

  CHECK(iso(us.next_starting(utc("2026-01-05T06:00:00Z"), utc("2027-01-01T00:00:00Z"))
                ->interval.start) == "2026-01-05T06:00:00Z");
  CHECK(iso(us.next_starting(utc("2026-01-05T06:00:01Z"), utc("2027-01-01T00:00:00Z"))
                ->interval.start) == "2026-01-12T06:00:00Z");
  CHECK_FALSE(us.next_starting(utc("2026-01-05T06:00:01Z"), utc("2026-01-12T06:00:00Z")));
  CHECK_FALSE(us.next_starting(utc("2026-01-05T00:00:00Z"), utc("2026-01-05T00:00:00Z")));
}

TEST_CASE("domain::WindowRule bounds and validation") {
  auto ny = Zone::locate("America/New_York").value();
  auto bounded =
      WindowRule::make({ny, days({date::Monday}), 1h, 3h, day("2026-03-01"), day("2026-03-31")});
  REQUIRE(bounded.ok());
  const auto march = bounded->occurrences(range("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"));
  REQUIRE(march.size() == 5);
  CHECK(march.front().day == day("2026-03-02"));
  CHECK(march.back().day == day("2026-03-30"));
  CHECK_FALSE(bounded->next_starting(utc("2026-04-01T00:00:00Z"), utc("2036-04-01T00:00:00Z")));

  auto bad = WindowRule::make({ny, WeekdaySet{}, -1h, 25h, day("2026-03-31"), day("2026-03-01")});
  REQUIRE_FALSE(bad.ok());
  std::set<std::string> codes;
  for (const auto& problem : bad.problems()) {
    codes.insert(problem.code);
  }
  CHECK(codes == std::set<std::string>{"window_no_days", "window_start_out_of_day",
                                       "window_end_out_of_day", "window_bounds_reversed"});
}

TEST_CASE(
    "domain::WindowRule expands any zone, e.g. Sao Paulo's last DST and Lord Howe's half hour") {
  // Sao Paulo's clocks went forward at 00:00 on 2018-11-04 (to 01:00): a
  // Sunday 00:00-02:00 window that day starts at 01:00 -02 = 03:00Z and is 1 h.
  const auto sao_paulo = rule("America/Sao_Paulo", days({date::Sunday}), 0h, 2h);
  const auto gap_day = sao_paulo.occurrence_on(day("2018-11-04"));
  REQUIRE(gap_day);
  CHECK(iso(gap_day->interval.start) == "2018-11-04T03:00:00Z");
  CHECK(iso(gap_day->interval.end) == "2018-11-04T04:00:00Z");
  // Brazil abolished DST in 2019: 2019-11-03 is an ordinary -03 day.
  const auto no_dst = sao_paulo.occurrence_on(day("2019-11-03"));
  REQUIRE(no_dst);
  CHECK(iso(no_dst->interval.start) == "2019-11-03T03:00:00Z");
  CHECK(no_dst->interval.length() == 2h);

  // Lord Howe: 02:00 -> 02:30 on 2026-10-04; a 01:00-03:00 window loses 30 min.
  const auto lord_howe = rule("Australia/Lord_Howe", WeekdaySet::every_day(), 1h, 3h);
  const auto lh = lord_howe.occurrence_on(day("2026-10-04"));
  REQUIRE(lh);
  CHECK(iso(lh->interval.start) == "2026-10-03T14:30:00Z");
  CHECK(iso(lh->interval.end) == "2026-10-03T16:00:00Z");
  CHECK(lh->interval.length() == 90min);
}
