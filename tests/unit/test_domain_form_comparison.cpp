#include <slate/domain/form_comparison.hpp>

#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

using slate::domain::FormDisagreement;
using slate::domain::Interval;
using slate::domain::IrregularOccurrence;
using slate::domain::LocalDate;
using slate::domain::Seconds;
using slate::domain::WeekdaySet;
using slate::domain::WindowRule;
using slate::domain::Zone;
using slate::test::day;
using slate::test::iso;
using slate::test::utc;
using namespace std::chrono_literals;

namespace {

// Return a window rule; times are "HH:MM" on the wall clock of `zone`.
WindowRule rule(const char* zone, std::initializer_list<date::weekday> days, const char* start,
                const char* end, std::optional<LocalDate> last_day = std::nullopt) {
  auto located = Zone::locate(zone);
  REQUIRE(located.ok());
  WeekdaySet set;
  for (const auto d : days) {
    set.add(d);
  }
  const auto since_midnight = [](const char* hh_mm) {
    return slate::test::local(std::string("1970-01-01T") + hh_mm + ":00").time_since_epoch();
  };
  auto made = WindowRule::make(
      {located.value(), set, since_midnight(start), since_midnight(end), std::nullopt, last_day});
  REQUIRE(made.ok());
  return made.value();
}

// The twelve months `slatectl lint --from 2026-11-23` looks at.
Interval lint_year() {
  return {utc("2026-11-23T00:00:00Z"), utc("2027-11-23T00:00:00Z")};
}

std::string minutes(Seconds s) {
  const auto m = std::chrono::duration_cast<std::chrono::minutes>(s).count();
  return (m > 0 ? "+" : "") + std::to_string(m) + "m";
}

// "2026-11-24..2027-03-30 x19 +60m/+90m", or "... missing".
std::string describe(const FormDisagreement& run) {
  std::string text = date::format("%F", run.first_day) + ".." + date::format("%F", run.last_day) +
                     " x" + std::to_string(run.occurrences);
  if (run.missing) {
    return text + " missing";
  }
  return text + " " + minutes(run.start_difference) + "/" + minutes(run.end_difference);
}

std::vector<std::string> describe(const std::vector<FormDisagreement>& runs) {
  std::vector<std::string> out;
  for (const auto& run : runs) {
    out.push_back(describe(run));
  }
  return out;
}

// "2027-03-14 2027-03-14T06:00:00Z..2027-03-14T08:00:00Z 120m of 180m".
std::string describe(const IrregularOccurrence& found) {
  return date::format("%F", found.day) + " " + iso(found.interval.start) + ".." +
         iso(found.interval.end) + " " +
         std::to_string(std::chrono::duration_cast<std::chrono::minutes>(found.length).count()) +
         "m of " +
         std::to_string(
             std::chrono::duration_cast<std::chrono::minutes>(found.nominal_length).count()) +
         "m";
}

std::vector<std::string> describe(const std::vector<IrregularOccurrence>& found) {
  std::vector<std::string> out;
  for (const auto& one : found) {
    out.push_back(describe(one));
  }
  return out;
}

using Lines = std::vector<std::string>;

} // namespace

TEST_CASE("domain::compare_forms finds the four seed disagreements over a year") {
  SUBCASE("Australia: IST Mon 20:00-22:30 against Sydney Tue 00:30-02:30") {
    const auto runs =
        compare_forms(rule("Australia/Sydney", {date::Tuesday}, "00:30", "02:30"),
                      rule("Asia/Kolkata", {date::Monday}, "20:00", "22:30"), lint_year());
    // Sydney summer time ends on 2027-04-04 and starts again on 2027-10-03.
    CHECK(describe(runs) == Lines{"2026-11-24..2027-03-30 x19 +60m/+90m",
                                  "2027-04-06..2027-09-28 x26 0m/+30m",
                                  "2027-10-05..2027-11-23 x8 +60m/+90m"});
    REQUIRE(runs.size() == 3);
    CHECK(runs[0].start_difference == 1h);
    CHECK(runs[0].end_difference == 1h + 30min);
    CHECK(date::weekday{runs[0].first_day} == date::Tuesday);
    CHECK_FALSE(runs[1].missing);
  }
  SUBCASE("US: IST Mon 10:30-12:30 against New York Mon 01:00-03:00") {
    const auto runs =
        compare_forms(rule("America/New_York", {date::Monday}, "01:00", "03:00"),
                      rule("Asia/Kolkata", {date::Monday}, "10:30", "12:30"), lint_year());
    // The forms agree in US summer time, 2027-03-14 to 2027-11-07.
    CHECK(describe(runs) ==
          Lines{"2026-11-23..2027-03-08 x16 -60m/-60m", "2027-11-08..2027-11-22 x3 -60m/-60m"});
  }
  SUBCASE("EU and UK: IST Wed 08:00-10:30 against London Wed 02:30-04:30") {
    const auto runs =
        compare_forms(rule("Europe/London", {date::Wednesday}, "02:30", "04:30"),
                      rule("Asia/Kolkata", {date::Wednesday}, "08:00", "10:30"), lint_year());
    // British summer time: 2027-03-28 to 2027-10-31.
    CHECK(describe(runs) == Lines{"2026-11-25..2027-03-24 x18 0m/+30m",
                                  "2027-03-31..2027-10-27 x31 +60m/+90m",
                                  "2027-11-03..2027-11-17 x3 0m/+30m"});
  }
  SUBCASE("India: one form only, or the same window written in UTC, agrees everywhere") {
    const auto india = rule("Asia/Kolkata", {date::Monday}, "23:30", "01:30");
    CHECK(compare_forms(india, india, lint_year()).empty());
    CHECK(compare_forms(india, rule("UTC", {date::Monday}, "18:00", "20:00"), lint_year()).empty());
    // A window that only starts later is a disagreement, though.
    CHECK(describe(compare_forms(india, rule("UTC", {date::Monday}, "18:30", "20:00"),
                                 {utc("2027-01-01T00:00:00Z"), utc("2027-01-15T00:00:00Z")})) ==
          Lines{"2027-01-04..2027-01-11 x2 +30m/0m"});
  }
}

TEST_CASE("domain::compare_forms judges only occurrences that start in the range") {
  const auto us = rule("America/New_York", {date::Monday}, "01:00", "03:00");
  const auto ist = rule("Asia/Kolkata", {date::Monday}, "10:30", "12:30");
  // 2026-11-23 01:00 EST is 06:00Z: it is under way at 06:30Z and not judged.
  CHECK(describe(
            compare_forms(us, ist, {utc("2026-11-23T06:30:00Z"), utc("2026-12-21T06:00:00Z")})) ==
        Lines{"2026-11-30..2026-12-14 x3 -60m/-60m"});
  CHECK(describe(
            compare_forms(us, ist, {utc("2026-11-23T06:00:00Z"), utc("2026-12-21T06:00:01Z")})) ==
        Lines{"2026-11-23..2026-12-21 x5 -60m/-60m"});
  CHECK(compare_forms(us, ist, {utc("2027-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z")}).empty());
}

TEST_CASE("domain::compare_forms marks occurrences the other statement lacks") {
  const auto us = rule("America/New_York", {date::Monday}, "01:00", "03:00");
  SUBCASE("the alternate stops on 2027-01-04") {
    const auto ended =
        rule("America/New_York", {date::Monday}, "01:00", "03:00", day("2027-01-04"));
    const auto runs = compare_forms(us, ended, lint_year());
    CHECK(describe(runs) == Lines{"2027-01-11..2027-11-22 x46 missing"});
    REQUIRE(runs.size() == 1);
    CHECK(runs[0].start_difference == Seconds{0});
    CHECK(runs[0].end_difference == Seconds{0});
  }
  SUBCASE("an alternate on another day pairs within half a week, and no further") {
    // Thursday 01:00 New York is 3 days after Monday: within 84 hours.
    const auto thursday = rule("America/New_York", {date::Thursday}, "01:00", "03:00");
    CHECK(describe(compare_forms(us, thursday,
                                 {utc("2027-01-04T00:00:00Z"), utc("2027-01-18T00:00:00Z")})) ==
          Lines{"2027-01-04..2027-01-11 x2 +4320m/+4320m"});
    // Friday is 4 days after and 3 days before Monday: the earlier Friday, 72 hours back.
    const auto friday = rule("America/New_York", {date::Friday}, "01:00", "03:00");
    CHECK(describe(compare_forms(us, friday,
                                 {utc("2027-01-04T00:00:00Z"), utc("2027-01-18T00:00:00Z")})) ==
          Lines{"2027-01-04..2027-01-11 x2 -4320m/-4320m"});
  }
}

TEST_CASE("domain::irregular_occurrences finds the DST days of a window") {
  struct Row {
    const char* what;
    const char* zone;
    date::weekday weekday;
    const char* start;
    const char* end;
    Lines expected;
  };
  const Interval year{utc("2027-01-01T00:00:00Z"), utc("2028-01-01T00:00:00Z")};
  const Row rows[] = {
      {"New York Sun 01:00-04:00: an hour short in spring, long in autumn",
       "America/New_York",
       date::Sunday,
       "01:00",
       "04:00",
       {"2027-03-14 2027-03-14T06:00:00Z..2027-03-14T08:00:00Z 120m of 180m",
        "2027-11-07 2027-11-07T05:00:00Z..2027-11-07T09:00:00Z 240m of 180m"}},
      // 02:30 does not exist on 2027-03-14 and moves to 03:30 EDT, past the
      // 03:15 end; in autumn 02:30-03:15 is after the repeated hour.
      {"New York Sun 02:30-03:15: swallowed by the gap",
       "America/New_York",
       date::Sunday,
       "02:30",
       "03:15",
       {"2027-03-14 2027-03-14T07:30:00Z..2027-03-14T07:30:00Z 0m of 45m"}},
      {"New York Sat 23:00-03:00 crossing midnight into the change",
       "America/New_York",
       date::Saturday,
       "23:00",
       "03:00",
       {"2027-03-13 2027-03-14T04:00:00Z..2027-03-14T07:00:00Z 180m of 240m",
        "2027-11-06 2027-11-07T03:00:00Z..2027-11-07T08:00:00Z 300m of 240m"}},
      {"Sydney Sun 01:30-03:30: long in April, short in October",
       "Australia/Sydney",
       date::Sunday,
       "01:30",
       "03:30",
       {"2027-04-04 2027-04-03T14:30:00Z..2027-04-03T17:30:00Z 180m of 120m",
        "2027-10-03 2027-10-02T15:30:00Z..2027-10-02T16:30:00Z 60m of 120m"}},
      // The end falls in the gap (01:30 is 02:30 BST) and in the fold (the
      // earlier 01:30): the length stays an hour both times.
      {"London Sun 00:30-01:30: ends in the gap and in the fold, still an hour",
       "Europe/London",
       date::Sunday,
       "00:30",
       "01:30",
       {}},
      {"New York Mon 01:00-03:00: changes fall on Sundays", "America/New_York", date::Monday,
       "01:00", "03:00", Lines{}},
      {"Kolkata: no DST at all", "Asia/Kolkata", date::Sunday, "01:00", "04:00", Lines{}},
  };
  for (const auto& row : rows) {
    CAPTURE(std::string(row.what));
    const auto found =
        irregular_occurrences(rule(row.zone, {row.weekday}, row.start, row.end), year);
    CHECK(describe(found) == row.expected);
  }
}

TEST_CASE("domain::irregular_occurrences keeps to the range and the rule's days") {
  const auto sunday = rule("America/New_York", {date::Sunday}, "01:00", "04:00");
  // The spring occurrence starts at 06:00Z, the autumn one at 05:00Z; [start, end).
  CHECK(describe(irregular_occurrences(
            sunday, {utc("2027-03-14T06:00:00Z"), utc("2027-11-07T05:00:00Z")})) ==
        Lines{"2027-03-14 2027-03-14T06:00:00Z..2027-03-14T08:00:00Z 120m of 180m"});
  CHECK(describe(irregular_occurrences(
            sunday, {utc("2027-03-14T06:00:01Z"), utc("2027-11-07T05:00:01Z")})) ==
        Lines{"2027-11-07 2027-11-07T05:00:00Z..2027-11-07T09:00:00Z 240m of 180m"});
  CHECK(irregular_occurrences(sunday, {utc("2027-06-01T00:00:00Z"), utc("2027-06-01T00:00:00Z")})
            .empty());
  const auto until_june =
      rule("America/New_York", {date::Sunday}, "01:00", "04:00", day("2027-06-01"));
  CHECK(describe(irregular_occurrences(
            until_june, {utc("2027-01-01T00:00:00Z"), utc("2028-01-01T00:00:00Z")})) ==
        Lines{"2027-03-14 2027-03-14T06:00:00Z..2027-03-14T08:00:00Z 120m of 180m"});
  // Several years: one short and one long Sunday each.
  CHECK(irregular_occurrences(sunday, {utc("2026-01-01T00:00:00Z"), utc("2030-01-01T00:00:00Z")})
            .size() == 8);
}

TEST_CASE("domain::compare_forms ends a run at an occurrence where both forms agree") {
  // Mondays agree, Wednesdays are restated as Thursdays: three separate runs
  // of one occurrence each, not one run across the agreeing Mondays.
  const auto contract = rule("America/New_York", {date::Monday, date::Wednesday}, "01:00", "03:00");
  const auto other = rule("America/New_York", {date::Monday, date::Thursday}, "01:00", "03:00");
  CHECK(describe(compare_forms(contract, other,
                               {utc("2027-01-01T00:00:00Z"), utc("2027-01-25T00:00:00Z")})) ==
        Lines{"2027-01-06..2027-01-06 x1 +1440m/+1440m", "2027-01-13..2027-01-13 x1 +1440m/+1440m",
              "2027-01-20..2027-01-20 x1 +1440m/+1440m"});
}
