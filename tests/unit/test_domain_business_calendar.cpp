#include <slate/domain/business_calendar.hpp>

#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using slate::domain::BusinessCalendar;
using slate::domain::CalendarStretch;
using slate::domain::Holiday;
using slate::domain::HoursRange;
using slate::domain::Instant;
using slate::domain::Interval;
using slate::domain::Seconds;
using slate::domain::Zone;
using slate::test::iso;
using slate::test::local;
using slate::test::utc;
using namespace std::chrono_literals;

// Expected instants in this file were computed once with Debian's
// /usr/bin/python3 and zoneinfo: datetime(..., tzinfo=ZoneInfo(zone))
// (fold=0, which moves a time in a gap forward and takes the earlier of a
// fold, as DOMAIN.md does), .astimezone(timezone.utc). The arithmetic that
// leads to each is in the comments.

namespace {

Zone zone(const char* name) {
  auto located = Zone::locate(name);
  REQUIRE(located.ok());
  return located.value();
}

// Index of a day in WeeklyHours (0 = Sunday).
enum Day { sun, mon, tue, wed, thu, fri, sat };

HoursRange range(Seconds start, Seconds end) {
  return {start, end <= start ? end + 24h : end};
}

BusinessCalendar weekly(const char* zone_name, std::vector<Day> days, Seconds start, Seconds end,
                        std::vector<Holiday> holidays = {}) {
  BusinessCalendar::Spec spec;
  spec.zone = zone(zone_name);
  for (const auto day : days) {
    spec.hours[day].push_back(range(start, end));
  }
  spec.holidays = std::move(holidays);
  auto calendar = BusinessCalendar::make(std::move(spec));
  REQUIRE(calendar.ok());
  return calendar.value();
}

BusinessCalendar always(const char* zone_name = "Europe/London",
                        std::vector<Holiday> holidays = {}) {
  BusinessCalendar::Spec spec;
  spec.zone = zone(zone_name);
  spec.always_open = true;
  spec.holidays = std::move(holidays);
  auto calendar = BusinessCalendar::make(std::move(spec));
  REQUIRE(calendar.ok());
  return calendar.value();
}

Holiday all_day(const char* name, const char* day, const char* source = "test.ics") {
  return {name, source, local(std::string(day) + "T00:00:00"),
          local(std::string(day) + "T00:00:00") + 24h, std::nullopt};
}

const std::vector<Day> k_weekdays{mon, tue, wed, thu, fri};

std::string due(const BusinessCalendar& calendar, const char* start, Seconds amount) {
  const auto at = calendar.add(utc(start), amount);
  REQUIRE(at.has_value());
  return iso(*at);
}

} // namespace

TEST_CASE("domain::BusinessCalendar::add counts business hours on the wall clock") {
  const auto office = weekly("Europe/London", k_weekdays, 9h, 17h + 30min);
  // Opened Fri 20 Mar 2026 16:30 GMT: 60 min on Friday (16:30-17:30), the
  // weekend does not count, 180 min on Monday (09:00-12:00 GMT).
  CHECK(due(office, "2026-03-20T16:30:00Z", 4h) == "2026-03-23T12:00:00Z");
  // Exactly at the end of a day's hours: due then, not at the next opening.
  CHECK(due(office, "2026-03-20T16:30:00Z", 1h) == "2026-03-20T17:30:00Z");
  // Opened outside the hours: the clock starts at the next opening.
  CHECK(due(office, "2026-03-21T10:00:00Z", 30min) == "2026-03-23T09:30:00Z");
  // A zero amount is due at once.
  CHECK(due(office, "2026-03-21T10:00:00Z", 0s) == "2026-03-21T10:00:00Z");
  // Across the spring change: Fri 27 Mar 16:30 GMT (1 h) then Mon 30 Mar
  // 09:00-12:00 BST = 08:00-11:00Z.
  CHECK(due(office, "2026-03-27T16:30:00Z", 4h) == "2026-03-30T11:00:00Z");
}

TEST_CASE("domain::BusinessCalendar: 'GMT' as Europe/London or as Etc/GMT") {
  // Enghouse P2 response PT1H, 08:00-18:00, opened Wed 1 Jul 2026 16:30Z.
  // Europe/London: 17:30 BST, 30 min to 18:00 BST; Thu 08:00-08:30 BST is
  // 07:30Z.
  const auto london = weekly("Europe/London", k_weekdays, 8h, 18h);
  CHECK(due(london, "2026-07-01T16:30:00Z", 1h) == "2026-07-02T07:30:00Z");
  // Etc/GMT: 16:30 is 16:30 on the clock, due an hour later the same day.
  const auto gmt = weekly("Etc/GMT", k_weekdays, 8h, 18h);
  CHECK(due(gmt, "2026-07-01T16:30:00Z", 1h) == "2026-07-01T17:30:00Z");
}

TEST_CASE("domain::BusinessCalendar: 24x7 is exact elapsed time, DST nights included") {
  const auto calendar = always();
  // Sun 29 Mar 2026 00:30Z + 4 h = 04:30Z (05:30 BST): the skipped hour is
  // not time that passes.
  CHECK(due(calendar, "2026-03-29T00:30:00Z", 4h) == "2026-03-29T04:30:00Z");
  // Sat 24 Oct 23:30Z + 4 h = Sun 25 Oct 03:30Z (03:30 GMT): the repeated
  // hour passes once.
  CHECK(due(calendar, "2026-10-24T23:30:00Z", 4h) == "2026-10-25T03:30:00Z");
  CHECK(calendar.business_day() == 24h);
}

TEST_CASE("domain::BusinessCalendar: a 24x7 calendar is never closed at midnight") {
  const auto calendar = always();
  const auto stretches =
      calendar.stretches({utc("2026-01-12T23:00:00Z"), utc("2026-01-14T01:00:00Z")});
  REQUIRE(stretches.size() == 1);
  CHECK(stretches[0].counts);
  CHECK(stretches[0].reason == "business hours");
  CHECK(calendar.business_seconds({utc("2026-01-12T23:59:00Z"), utc("2026-01-13T00:01:00Z")}) ==
        2min);
  // Every day 00:00-24:00 on the wall clock: the days touch and are one.
  const auto all_days = weekly("Europe/London", {sun, mon, tue, wed, thu, fri, sat}, 0h, 24h);
  const auto weekly_stretches =
      all_days.stretches({utc("2026-01-12T23:00:00Z"), utc("2026-01-14T01:00:00Z")});
  REQUIRE(weekly_stretches.size() == 1);
  CHECK(weekly_stretches[0].counts);
}

TEST_CASE("domain::BusinessCalendar: a range across midnight belongs to its start day") {
  // "22:00-02:00" under Monday only: Monday 22:00 to Tuesday 02:00.
  const auto nights = weekly("Europe/London", {mon}, 22h, 2h);
  // Opened Mon 12 Jan 2026 23:00 GMT, PT2H: 23:00-01:00.
  CHECK(due(nights, "2026-01-12T23:00:00Z", 2h) == "2026-01-13T01:00:00Z");
  // PT4H: 3 h that night (23:00-02:00), 1 h the next Monday (22:00-23:00).
  CHECK(due(nights, "2026-01-12T23:00:00Z", 4h) == "2026-01-19T23:00:00Z");
  // Tuesday 01:00 is inside Monday's range; Tuesday 03:00 is not.
  CHECK(nights.business_seconds({utc("2026-01-13T01:00:00Z"), utc("2026-01-13T03:00:00Z")}) == 1h);

  // On DST nights the range is the real time between its ends: Sat 28 Mar
  // 22:00 GMT (22:00Z) to Sun 02:00 BST (01:00Z) is 3 h; Sat 24 Oct 22:00
  // BST (21:00Z) to Sun 02:00 GMT (02:00Z) is 5 h.
  const auto saturdays = weekly("Europe/London", {sat}, 22h, 2h);
  CHECK(saturdays.business_seconds({utc("2026-03-28T00:00:00Z"), utc("2026-03-30T00:00:00Z")}) ==
        3h);
  CHECK(saturdays.business_seconds({utc("2026-10-24T00:00:00Z"), utc("2026-10-26T00:00:00Z")}) ==
        5h);
  // A Saturday range runs into Sunday, across the week's end.
  CHECK(due(saturdays, "2026-03-28T23:00:00Z", 2h) == "2026-03-29T01:00:00Z");
}

TEST_CASE("domain::BusinessCalendar: ranges through a DST gap or fold follow the domain rule") {
  struct Row {
    const char* day;  // a Sunday
    Seconds start;    // local
    Seconds end;      // local
    Seconds expected; // business time that Sunday
    const char* why;
  };
  const Row rows[] = {
      // 09:00-17:30 is 8 h 30 min of wall-clock time on both DST days: the
      // change happens at 01:00 UTC, outside the range.
      {"2026-03-29", 9h, 17h + 30min, 8h + 30min, "09:00 BST = 08:00Z to 17:30 BST = 16:30Z"},
      {"2026-10-25", 9h, 17h + 30min, 8h + 30min, "09:00 GMT = 09:00Z to 17:30 GMT = 17:30Z"},
      // 00:00-04:00 through the gap: 00:00 GMT = 00:00Z to 04:00 BST = 03:00Z.
      {"2026-03-29", 0h, 4h, 3h, "the skipped hour is not business time"},
      // Through the fold: 00:00 BST = 23:00Z (Sat) to 04:00 GMT = 04:00Z.
      {"2026-10-25", 0h, 4h, 5h, "the repeated hour counts twice"},
      // A start in the gap moves forward by it: 01:30 -> 02:30 BST = 01:30Z,
      // to 04:00 BST = 03:00Z.
      {"2026-03-29", 1h + 30min, 4h, 1h + 30min, "01:30 does not exist"},
      // An end in the fold is its earlier instant: 00:00 BST = 23:00Z to
      // 01:30 BST = 00:30Z.
      {"2026-10-25", 0h, 1h + 30min, 1h + 30min, "01:30 is read as BST"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.day);
    CAPTURE(row.why);
    const auto calendar = weekly("Europe/London", {sun}, row.start, row.end);
    const Instant day = utc(std::string(row.day) + "T00:00:00Z");
    CHECK(calendar.business_seconds({day - 24h, day + 48h}) == row.expected);
  }
}

TEST_CASE("domain::BusinessCalendar: holidays close business hours, and say so") {
  const std::vector<Holiday> easter{
      all_day("Good Friday", "2026-04-03", "england-and-wales.ics"),
      all_day("Easter Monday", "2026-04-06", "england-and-wales.ics")};
  const auto office = weekly("Europe/London", k_weekdays, 8h, 18h, easter);
  // Opened Thu 2 Apr 2026 17:00 BST (16:00Z), PT4H: 1 h on Thursday, Good
  // Friday, the weekend and Easter Monday do not count, 3 h on Tuesday
  // 08:00-11:00 BST = 07:00-10:00Z.
  CHECK(due(office, "2026-04-02T16:00:00Z", 4h) == "2026-04-07T10:00:00Z");

  const auto stretches =
      office.stretches({utc("2026-04-02T16:00:00Z"), utc("2026-04-04T00:00:00Z")});
  const std::vector<CalendarStretch> expected{
      {{utc("2026-04-02T16:00:00Z"), utc("2026-04-02T17:00:00Z")}, true, "business hours"},
      {{utc("2026-04-02T17:00:00Z"), utc("2026-04-03T07:00:00Z")}, false, "outside business hours"},
      // Friday 08:00-18:00 BST would have been business hours.
      {{utc("2026-04-03T07:00:00Z"), utc("2026-04-03T17:00:00Z")},
       false,
       "holiday: Good Friday (england-and-wales.ics)"},
      {{utc("2026-04-03T17:00:00Z"), utc("2026-04-04T00:00:00Z")}, false, "outside business hours"},
  };
  CHECK(stretches == expected);
}

TEST_CASE("domain::BusinessCalendar: an all-day holiday is the local date, never a day early") {
  // Independence Day observed Fri 3 Jul 2026 in a New York calendar with
  // hours 00:00-24:00 every day: closed 3 Jul 00:00 EDT (04:00Z) to 4 Jul
  // 00:00 EDT (04:00Z), not from 00:00Z.
  const auto calendar =
      weekly("America/New_York", {sun, mon, tue, wed, thu, fri, sat}, 0h, 24h,
             {all_day("Independence Day (observed)", "2026-07-03", "us-federal.ics")});
  const auto stretches =
      calendar.stretches({utc("2026-07-03T00:00:00Z"), utc("2026-07-04T12:00:00Z")});
  const std::vector<CalendarStretch> expected{
      {{utc("2026-07-03T00:00:00Z"), utc("2026-07-03T04:00:00Z")}, true, "business hours"},
      {{utc("2026-07-03T04:00:00Z"), utc("2026-07-04T04:00:00Z")},
       false,
       "holiday: Independence Day (observed) (us-federal.ics)"},
      {{utc("2026-07-04T04:00:00Z"), utc("2026-07-04T12:00:00Z")}, true, "business hours"},
  };
  CHECK(stretches == expected);
}

TEST_CASE("domain::BusinessCalendar: overlapping holidays close the time once") {
  // Christmas Day from two files, and a company shutdown 24 Dec - 1 Jan
  // over both; Boxing Day falls on a Saturday in 2026 and its substitute
  // is Monday 28 Dec.
  const std::vector<Holiday> holidays{
      all_day("Christmas Day", "2026-12-25", "england-and-wales.ics"),
      all_day("Christmas Day", "2026-12-25", "company.ics"),
      all_day("Boxing Day (substitute day)", "2026-12-28", "england-and-wales.ics"),
      {"Shutdown", "company.ics", local("2026-12-24T13:00:00"), local("2026-12-29T00:00:00"),
       std::nullopt},
  };
  const auto office = weekly("Europe/London", k_weekdays, 8h, 18h, holidays);
  // Thu 24 Dec: 08:00-13:00 counts (5 h); then nothing until Tue 29 Dec.
  CHECK(office.business_seconds({utc("2026-12-24T00:00:00Z"), utc("2026-12-29T00:00:00Z")}) == 5h);
  // PT6H opened Thu 24 Dec 08:00: 5 h on Thursday, 1 h on Tuesday 29 Dec.
  CHECK(due(office, "2026-12-24T08:00:00Z", 6h) == "2026-12-29T09:00:00Z");
  const auto stretches =
      office.stretches({utc("2026-12-24T12:00:00Z"), utc("2026-12-29T09:00:00Z")});
  std::vector<std::string> reasons;
  for (const auto& stretch : stretches) {
    reasons.push_back(iso(stretch.interval.start) + " " + stretch.reason);
  }
  CHECK(reasons == std::vector<std::string>{
                       "2026-12-24T12:00:00Z business hours",
                       "2026-12-24T13:00:00Z holiday: Shutdown (company.ics)",
                       "2026-12-24T18:00:00Z outside business hours",
                       // Named in order of their start, each once.
                       "2026-12-25T08:00:00Z holiday: Shutdown (company.ics), Christmas Day "
                       "(england-and-wales.ics), Christmas Day (company.ics)",
                       "2026-12-25T18:00:00Z outside business hours",
                       "2026-12-28T08:00:00Z holiday: Shutdown (company.ics), Boxing Day "
                       "(substitute day) (england-and-wales.ics)",
                       "2026-12-28T18:00:00Z outside business hours",
                       "2026-12-29T08:00:00Z business hours",
                   });
}

TEST_CASE("domain::BusinessCalendar: a holiday in another zone is read on its own clock") {
  // A part-day closure given in New York time (14:00-16:00 EST = 19:00-21:00Z)
  // in a 24x7 London calendar.
  const auto calendar =
      always("Europe/London", {{"Town hall", "t.ics", local("2026-01-14T14:00:00"),
                                local("2026-01-14T16:00:00"), zone("America/New_York")}});
  CHECK(calendar.business_seconds({utc("2026-01-14T00:00:00Z"), utc("2026-01-15T00:00:00Z")}) ==
        22h);
  CHECK(due(calendar, "2026-01-14T18:00:00Z", 2h) == "2026-01-14T22:00:00Z");
}

TEST_CASE("domain::BusinessCalendar::make refuses what it cannot count") {
  struct Row {
    const char* what;
    BusinessCalendar::Spec spec;
    const char* field;
  };
  BusinessCalendar::Spec empty;
  BusinessCalendar::Spec overlap;
  overlap.hours[mon] = {{9h, 12h}, {11h, 13h}};
  BusinessCalendar::Spec across;
  across.hours[mon] = {{22h, 26h}};
  across.hours[tue] = {{1h, 3h}};
  BusinessCalendar::Spec week_end;
  week_end.hours[sat] = {{22h, 26h}};
  week_end.hours[sun] = {{1h, 3h}};
  BusinessCalendar::Spec too_long;
  too_long.hours[mon] = {{9h, 34h}};
  BusinessCalendar::Spec both;
  both.always_open = true;
  both.hours[mon] = {{9h, 17h}};
  BusinessCalendar::Spec day;
  day.hours[mon] = {{9h, 17h}};
  day.business_day = 25h;
  const Row rows[] = {
      {"no hours", empty, "hours"},
      {"overlap in a day", overlap, "hours.mon"},
      {"overlap across midnight", across, "hours.tue"},
      {"overlap across the week's end", week_end, "hours.sun"},
      {"longer than a day", too_long, "hours.mon"},
      {"24x7 with hours", both, "hours"},
      {"business day of 25 h", day, "business_day"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    const auto calendar = BusinessCalendar::make(row.spec);
    REQUIRE_FALSE(calendar.ok());
    CHECK(calendar.problems().front().field == row.field);
    CHECK(calendar.problems().front().code == "calendar_invalid");
  }
}

TEST_CASE("domain::BusinessCalendar::add gives up on a calendar closed for good") {
  BusinessCalendar::Spec spec;
  spec.hours[mon] = {{9h, 17h}};
  spec.holidays.push_back({"Closed", "t.ics", local("2026-01-01T00:00:00"),
                           local("2040-01-01T00:00:00"), std::nullopt});
  const auto calendar = BusinessCalendar::make(spec);
  REQUIRE(calendar.ok());
  CHECK_FALSE(calendar->add(utc("2026-01-05T09:00:00Z"), 1h).has_value());
}
