#include <slate/formats/holiday_calendar.hpp>

#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using slate::domain::Holiday;
using slate::formats::read_holiday_calendar;
using slate::test::local;
using namespace std::chrono_literals;

namespace {

std::string shipped(const std::string& name) {
  std::ifstream in(std::string(SLATE_SOURCE_DIR "/calendars/holidays/") + name);
  if (!in) {
    throw std::runtime_error("cannot read calendars/holidays/" + name);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Each whole-day holiday as "YYYY-MM-DD Name", sorted by date.
std::vector<std::string> days(std::vector<Holiday> holidays) {
  std::stable_sort(holidays.begin(), holidays.end(),
                   [](const Holiday& a, const Holiday& b) { return a.start < b.start; });
  std::vector<std::string> out;
  for (const auto& holiday : holidays) {
    CHECK(holiday.end - holiday.start == 24h);
    CHECK_FALSE(holiday.zone.has_value());
    out.push_back(date::format("%Y-%m-%d", holiday.start) + " " + holiday.name);
  }
  return out;
}

std::string calendar(const std::string& events) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + events + "END:VCALENDAR\r\n";
}

std::vector<std::string> messages(const std::string& text) {
  std::vector<std::string> out;
  const auto holidays = read_holiday_calendar(text, "h.ics", "h.ics");
  for (const auto& problem : holidays.problems()) {
    out.push_back(problem.message);
  }
  return out;
}

} // namespace

TEST_CASE("formats::read_holiday_calendar: the shipped England and Wales bank holidays") {
  // The dates GOV.UK lists (www.gov.uk/bank-holidays), checked once against
  // the rules with /usr/bin/python3: Good Friday and Easter Monday from
  // dateutil.easter.easter(year) - 2 and + 1 days; early May the first
  // Monday, spring the last Monday of May, summer the last of August; a
  // Christmas or Boxing Day on a weekend replaced by the next weekday not
  // already a holiday, and New Year's Day on a weekend by the Monday.
  const auto holidays = read_holiday_calendar(shipped("england-and-wales.ics"),
                                              "england-and-wales.ics", "england-and-wales.ics");
  REQUIRE(holidays.ok());
  CHECK(holidays->front().source == "england-and-wales.ics");
  CHECK(days(*holidays) == std::vector<std::string>{
                               "2025-01-01 New Year's Day",
                               "2025-04-18 Good Friday",
                               "2025-04-21 Easter Monday",
                               "2025-05-05 Early May bank holiday",
                               "2025-05-26 Spring bank holiday",
                               "2025-08-25 Summer bank holiday",
                               "2025-12-25 Christmas Day",
                               "2025-12-26 Boxing Day",
                               "2026-01-01 New Year's Day",
                               "2026-04-03 Good Friday",
                               "2026-04-06 Easter Monday",
                               "2026-05-04 Early May bank holiday",
                               "2026-05-25 Spring bank holiday",
                               "2026-08-31 Summer bank holiday",
                               "2026-12-25 Christmas Day",
                               "2026-12-28 Boxing Day (substitute day)",
                               "2027-01-01 New Year's Day",
                               "2027-03-26 Good Friday",
                               "2027-03-29 Easter Monday",
                               "2027-05-03 Early May bank holiday",
                               "2027-05-31 Spring bank holiday",
                               "2027-08-30 Summer bank holiday",
                               "2027-12-27 Christmas Day (substitute day)",
                               "2027-12-28 Boxing Day (substitute day)",
                               "2028-01-03 New Year's Day (substitute day)",
                               "2028-04-14 Good Friday",
                               "2028-04-17 Easter Monday",
                               "2028-05-01 Early May bank holiday",
                               "2028-05-29 Spring bank holiday",
                               "2028-08-28 Summer bank holiday",
                               "2028-12-25 Christmas Day",
                               "2028-12-26 Boxing Day",
                               "2029-01-01 New Year's Day",
                               "2029-03-30 Good Friday",
                               "2029-04-02 Easter Monday",
                               "2029-05-07 Early May bank holiday",
                               "2029-05-28 Spring bank holiday",
                               "2029-08-27 Summer bank holiday",
                               "2029-12-25 Christmas Day",
                               "2029-12-26 Boxing Day",
                               "2030-01-01 New Year's Day",
                               "2030-04-19 Good Friday",
                               "2030-04-22 Easter Monday",
                               "2030-05-06 Early May bank holiday",
                               "2030-05-27 Spring bank holiday",
                               "2030-08-26 Summer bank holiday",
                               "2030-12-25 Christmas Day",
                               "2030-12-26 Boxing Day",
                           });
}

TEST_CASE("formats::read_holiday_calendar: the shipped US federal holidays, RRULEs expanded") {
  // Observed dates (5 U.S.C. 6103): a Saturday holiday is observed on the
  // Friday before, a Sunday one on the Monday after; the weekday rules (3rd
  // Monday of January and February, last Monday of May, 1st Monday of
  // September, 2nd Monday of October, 4th Thursday of November) repeat by
  // RRULE until 2030. Computed once with /usr/bin/python3 (datetime).
  const auto holidays =
      read_holiday_calendar(shipped("us-federal.ics"), "us-federal.ics", "us-federal.ics");
  REQUIRE(holidays.ok());
  CHECK(days(*holidays) == std::vector<std::string>{
                               "2025-01-01 New Year's Day",
                               "2025-01-20 Birthday of Martin Luther King, Jr.",
                               "2025-02-17 Washington's Birthday",
                               "2025-05-26 Memorial Day",
                               "2025-06-19 Juneteenth National Independence Day",
                               "2025-07-04 Independence Day",
                               "2025-09-01 Labor Day",
                               "2025-10-13 Columbus Day",
                               "2025-11-11 Veterans Day",
                               "2025-11-27 Thanksgiving Day",
                               "2025-12-25 Christmas Day",
                               "2026-01-01 New Year's Day",
                               "2026-01-19 Birthday of Martin Luther King, Jr.",
                               "2026-02-16 Washington's Birthday",
                               "2026-05-25 Memorial Day",
                               "2026-06-19 Juneteenth National Independence Day",
                               "2026-07-03 Independence Day (observed)",
                               "2026-09-07 Labor Day",
                               "2026-10-12 Columbus Day",
                               "2026-11-11 Veterans Day",
                               "2026-11-26 Thanksgiving Day",
                               "2026-12-25 Christmas Day",
                               "2027-01-01 New Year's Day",
                               "2027-01-18 Birthday of Martin Luther King, Jr.",
                               "2027-02-15 Washington's Birthday",
                               "2027-05-31 Memorial Day",
                               "2027-06-18 Juneteenth National Independence Day (observed)",
                               "2027-07-05 Independence Day (observed)",
                               "2027-09-06 Labor Day",
                               "2027-10-11 Columbus Day",
                               "2027-11-11 Veterans Day",
                               "2027-11-25 Thanksgiving Day",
                               "2027-12-24 Christmas Day (observed)",
                               "2027-12-31 New Year's Day (observed)",
                               "2028-01-17 Birthday of Martin Luther King, Jr.",
                               "2028-02-21 Washington's Birthday",
                               "2028-05-29 Memorial Day",
                               "2028-06-19 Juneteenth National Independence Day",
                               "2028-07-04 Independence Day",
                               "2028-09-04 Labor Day",
                               "2028-10-09 Columbus Day",
                               "2028-11-10 Veterans Day (observed)",
                               "2028-11-23 Thanksgiving Day",
                               "2028-12-25 Christmas Day",
                               "2029-01-01 New Year's Day",
                               "2029-01-15 Birthday of Martin Luther King, Jr.",
                               "2029-02-19 Washington's Birthday",
                               "2029-05-28 Memorial Day",
                               "2029-06-19 Juneteenth National Independence Day",
                               "2029-07-04 Independence Day",
                               "2029-09-03 Labor Day",
                               "2029-10-08 Columbus Day",
                               "2029-11-12 Veterans Day (observed)",
                               "2029-11-22 Thanksgiving Day",
                               "2029-12-25 Christmas Day",
                               "2030-01-01 New Year's Day",
                               "2030-01-21 Birthday of Martin Luther King, Jr.",
                               "2030-02-18 Washington's Birthday",
                               "2030-05-27 Memorial Day",
                               "2030-06-19 Juneteenth National Independence Day",
                               "2030-07-04 Independence Day",
                               "2030-09-02 Labor Day",
                               "2030-10-14 Columbus Day",
                               "2030-11-11 Veterans Day",
                               "2030-11-28 Thanksgiving Day",
                               "2030-12-25 Christmas Day",
                           });
}

TEST_CASE("formats::read_holiday_calendar reads all-day, part-day and recurring holidays") {
  const auto holidays = read_holiday_calendar(
      calendar("BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20261224\r\nSUMMARY:Christmas "
               "Eve\r\nEND:VEVENT\r\n"
               "BEGIN:VEVENT\r\nUID:b\r\nDTSTART;VALUE=DATE:20261224\r\nDTEND;VALUE=DATE:"
               "20270102\r\nSUMMARY:Shutdown\r\nEND:VEVENT\r\n"
               "BEGIN:VEVENT\r\nUID:c\r\nDTSTART;TZID=America/New_York:20261231T120000\r\n"
               "DTEND;TZID=America/New_York:20261231T170000\r\nSUMMARY:Half day\r\nEND:VEVENT\r\n"
               "BEGIN:VEVENT\r\nUID:d\r\nDTSTART:20260101T090000\r\nDTEND:20260101T120000\r\n"
               "RRULE:FREQ=YEARLY;COUNT=3\r\nEXDATE:20270101T090000\r\n"
               "SUMMARY:Stocktake\r\nEND:VEVENT\r\n"
               "BEGIN:VEVENT\r\nUID:e\r\nDTSTART:20260501T000000Z\r\nDTEND:20260501T060000Z\r\n"
               "SUMMARY:Upgrade\r\nEND:VEVENT\r\n"
               "BEGIN:VEVENT\r\nUID:f\r\nSTATUS:CANCELLED\r\nDTSTART;VALUE=DATE:20260601\r\n"
               "SUMMARY:Called off\r\nEND:VEVENT\r\n"),
      "h.ics", "h.ics");
  REQUIRE(holidays.ok());
  REQUIRE(holidays->size() == 6);
  const auto& all = *holidays;
  // No DTEND: one day.
  CHECK(all[0].name == "Christmas Eve");
  CHECK(all[0].start == local("2026-12-24T00:00:00"));
  CHECK(all[0].end == local("2026-12-25T00:00:00"));
  // DTEND is exclusive: 24 Dec to 1 Jan inclusive.
  CHECK(all[1].end == local("2027-01-02T00:00:00"));
  // A TZID keeps its own zone.
  REQUIRE(all[2].zone.has_value());
  CHECK(all[2].zone->name() == "America/New_York");
  CHECK(all[2].end - all[2].start == 5h);
  // Floating, yearly, three times, 2027 removed by EXDATE.
  CHECK(all[3].name == "Stocktake");
  CHECK_FALSE(all[3].zone.has_value());
  CHECK(all[3].start == local("2026-01-01T09:00:00"));
  CHECK(all[4].start == local("2028-01-01T09:00:00"));
  CHECK(all[4].end == local("2028-01-01T12:00:00"));
  // UTC.
  REQUIRE(all[5].zone.has_value());
  CHECK(all[5].zone->name() == "UTC");
}

TEST_CASE("formats::read_holiday_calendar refuses what it would have to guess, with its line") {
  CHECK(messages(
            calendar("BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20261224\r\nEND:VEVENT\r\n")) ==
        std::vector<std::string>{"h.ics:4: the holiday has no SUMMARY; its name is what the "
                                 "ledger shows, e.g. SUMMARY:Good Friday"});
  CHECK(messages(calendar("BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20261224\r\nDURATION:P1D\r\n"
                          "SUMMARY:x\r\nEND:VEVENT\r\n")) ==
        std::vector<std::string>{"h.ics:7: DURATION is not supported: give the end as DTEND (the "
                                 "day after the last day of an all-day holiday)"});
  CHECK(messages(calendar("BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20261224\r\n"
                          "DTEND;VALUE=DATE:20261224\r\nSUMMARY:x\r\nEND:VEVENT\r\n")) ==
        std::vector<std::string>{"h.ics:7: DTEND must be after DTSTART (for a whole day, the day "
                                 "after: DTEND is exclusive)"});
  CHECK(
      messages(calendar("BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20261224\r\n"
                        "DTEND:20261224T170000\r\nSUMMARY:x\r\nEND:VEVENT\r\n")) ==
      std::vector<std::string>{"h.ics:7: DTEND is a floating date-time (no TZID) but DTSTART is "
                               "a date (VALUE=DATE); give both the same way (and the same TZID)"});
  const auto zone =
      messages(calendar("BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=GMT:20261224T090000\r\n"
                        "DTEND;TZID=GMT:20261224T120000\r\nSUMMARY:x\r\nEND:VEVENT\r\n"));
  REQUIRE(zone.size() == 1);
  CHECK(zone[0].find("h.ics:6: 'GMT' is not an IANA time zone name") == 0);
  const auto daily = messages(calendar("BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20260101\r\n"
                                       "RRULE:FREQ=DAILY\r\nSUMMARY:x\r\nEND:VEVENT\r\n"));
  REQUIRE_FALSE(daily.empty());
  CHECK(daily[0].find("bound it with UNTIL or COUNT") != std::string::npos);
  CHECK(messages("BEGIN:VCALENDAR\r\nnot a line\r\n").front().find("h.ics:2:") == 0);
}
