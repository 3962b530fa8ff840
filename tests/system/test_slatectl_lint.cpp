// slatectl lint: the checker docs/domain.md asks for, run as operators run it.

#include <support/slated_process.hpp>
#include <support/temp_dir.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

using slate::test::ProgramRun;
using slate::test::run_program;
using slate::test::TempDir;

namespace {

const std::filesystem::path k_calendars = SLATE_SOURCE_DIR "/calendars";

ProgramRun lint(const std::vector<std::string>& arguments) {
  std::vector<std::string> all{"lint"};
  all.insert(all.end(), arguments.begin(), arguments.end());
  return run_program(SLATECTL_BINARY, all);
}

std::filesystem::path write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t found = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++found;
  }
  return found;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A calendar with one window on `days` from `start` to `end` (HHMMSS) in
// New York; the VEVENT begins on line 4.
std::string new_york_calendar(const std::string& byday, const std::string& first_day,
                              const std::string& start, const std::string& end) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//slated tests//EN\r\n"
         "BEGIN:VEVENT\r\nUID:nyc@test\r\nSUMMARY:NYC window\r\n"
         "DTSTART;TZID=America/New_York:" +
         first_day + "T" + start +
         "\r\n"
         "DTEND;TZID=America/New_York:" +
         first_day + "T" + end + "\r\nRRULE:FREQ=WEEKLY;BYDAY=" + byday +
         "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}

} // namespace

TEST_CASE("slatectl lint finds exactly the seed disagreements in the shipped calendars") {
  const auto run = lint({k_calendars.string(), "--from", "2026-11-23"});
  CAPTURE(run.out);
  CAPTURE(run.err);
  CHECK(run.exit_status == 1);
  CHECK(run.err.empty());
  // One finding per disagreeing window, each naming the alternate's line.
  CHECK(count(run.out, ": AU: ") == 1);
  CHECK(count(run.out, ": US: ") == 1);
  CHECK(count(run.out, ": EU: ") == 1);
  CHECK(count(run.out, ": UK: ") == 1);
  CHECK(count(run.out, ": IN: ") == 0);
  CHECK(count(run.out, ": DC: ") == 0);
  CHECK(contains(run.out, "australia.ics:41: AU: 'Australia maintenance window (as written in "
                          "IST)' (Mon 20:00-22:30 Asia/Kolkata) disagrees with the window it "
                          "restates (Tue 00:30-02:30 Australia/Sydney, "));
  CHECK(contains(run.out, "us.ics:41: US: "));
  CHECK(contains(run.out, "eu.ics:41: EU: "));
  CHECK(contains(run.out, "uk.ics:41: UK: "));
  // The runs of dates, as docs/domain.md's table has them.
  CHECK(contains(run.out, "on 3 runs of dates:\n  Tue 2026-11-24 to Tue 2027-03-30 (19 "
                          "occurrences): starts 1h later, ends 1h30m later (it means 01:30 AEDT "
                          "- 04:00 AEDT where the window is 00:30 AEDT - 02:30 AEDT)\n"));
  CHECK(contains(run.out, "  Tue 2027-04-06 to Tue 2027-09-28 (26 occurrences): starts at the "
                          "same time, ends 30m later (it means 00:30 AEST - 03:00 AEST where the "
                          "window is 00:30 AEST - 02:30 AEST)\n"));
  CHECK(contains(run.out, "  Tue 2027-10-05 to Tue 2027-11-23 (8 occurrences): starts 1h later"));
  CHECK(contains(run.out, "on 2 runs of dates:\n  Mon 2026-11-23 to Mon 2027-03-08 (16 "
                          "occurrences): starts 1h earlier, ends 1h earlier (it means 00:00 EST - "
                          "02:00 EST where the window is 01:00 EST - 03:00 EST)\n"
                          "  Mon 2027-11-08 to Mon 2027-11-22 (3 occurrences): starts 1h "
                          "earlier, ends 1h earlier"));
  CHECK(count(run.out, "  Wed 2026-11-25 to Wed 2027-03-24 (18 occurrences): starts at the same "
                       "time, ends 30m later (it means 02:30 GMT - 05:00 GMT where the window is "
                       "02:30 GMT - 04:30 GMT)\n") == 2);
  CHECK(count(run.out, "  Wed 2027-03-31 to Wed 2027-10-27 (31 occurrences): starts 1h later, "
                       "ends 1h30m later (it means 03:30 BST - 06:00 BST") == 2);
  CHECK(count(run.out, "  Wed 2027-11-03 to Wed 2027-11-17 (3 occurrences)") == 2);
  // No window of the shipped calendars meets a DST change.
  CHECK_FALSE(contains(run.out, "DST"));
  CHECK(contains(run.out, k_calendars.string() +
                              ": 6 calendars, 4 findings from 2026-11-23 for 12 months\n"));
}

TEST_CASE("slatectl lint exits 0 on a calendar with nothing to report") {
  TempDir dir;
  std::filesystem::copy_file(k_calendars / "india.ics", dir.path() / "india.ics");
  const auto run = lint({dir.path().string(), "--from", "2026-11-23"});
  CAPTURE(run.err);
  CHECK(run.exit_status == 0);
  CHECK(run.err.empty());
  CHECK(run.out ==
        dir.path().string() + ": 1 calendar, 0 findings from 2026-11-23 for 12 months\n");
}

TEST_CASE("slatectl lint exits 2 on a calendar it cannot read and names FILE:LINE") {
  TempDir dir;
  std::filesystem::copy_file(k_calendars / "india.ics", dir.path() / "india.ics");
  SUBCASE("a line that is not a property") {
    const auto broken =
        write_file(dir.path() / "broken.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nnot a property\r\n"
                                              "END:VCALENDAR\r\n");
    const auto run = lint({dir.path().string(), "--from", "2026-11-23"});
    CAPTURE(run.out);
    CAPTURE(run.err);
    CHECK(run.exit_status == 2);
    CHECK(contains(run.err, broken.string() + ":3: expected a content line"));
    CHECK_FALSE(contains(run.out, "findings"));
  }
  SUBCASE("a window in UTC") {
    const auto broken =
        write_file(dir.path() / "utc.ics",
                   "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//EN\nBEGIN:VEVENT\nUID:u@test\n"
                   "DTSTART:20260105T060000Z\nDTEND:20260105T080000Z\n"
                   "RRULE:FREQ=WEEKLY;BYDAY=MO\nEND:VEVENT\nEND:VCALENDAR\n");
    const auto run = lint({dir.path().string(), "--from", "2026-11-23"});
    CAPTURE(run.err);
    CHECK(run.exit_status == 2);
    CHECK(contains(run.err, broken.string() + ":6: DTSTART is in UTC"));
  }
  SUBCASE("two calendars claiming one region") {
    std::filesystem::copy_file(k_calendars / "india.ics", dir.path() / "india-again.ics");
    const auto run = lint({dir.path().string(), "--from", "2026-11-23"});
    CAPTURE(run.err);
    CHECK(run.exit_status == 2);
    CHECK(contains(run.err, "region id 'IN' is already defined by "));
  }
}

TEST_CASE("slatectl lint reports windows a DST change shortens, lengthens or swallows") {
  TempDir dir;
  SUBCASE("Sun 01:00-04:00 New York") {
    write_file(dir.path() / "nyc.ics", new_york_calendar("SU", "20260104", "010000", "040000"));
    const auto run = lint({dir.path().string(), "--from", "2026-11-23"});
    CAPTURE(run.out);
    CAPTURE(run.err);
    CHECK(run.exit_status == 1);
    const std::string prefix = (dir.path() / "nyc.ics").string() +
                               ":4: nyc: 'NYC window' (Sun 01:00-04:00 America/New_York) on ";
    CHECK(contains(run.out, prefix +
                                "Sun 2027-03-14 lasts 2h instead of 3h (1h shorter: a DST gap), "
                                "01:00 EST - 04:00 EDT\n"));
    CHECK(contains(run.out, prefix +
                                "Sun 2027-11-07 lasts 4h instead of 3h (1h longer: a DST fold), "
                                "01:00 EDT - 04:00 EST\n"));
    CHECK(count(run.out, "DST") == 2);
    CHECK(contains(run.out, ": 1 calendar, 2 findings from 2026-11-23 for 12 months\n"));
  }
  SUBCASE("Sun 02:30-03:15 New York: swallowed on the spring-forward Sunday") {
    write_file(dir.path() / "nyc.ics", new_york_calendar("SU", "20260104", "023000", "031500"));
    const auto run = lint({dir.path().string(), "--from", "2026-11-23"});
    CAPTURE(run.out);
    CHECK(run.exit_status == 1);
    CHECK(contains(run.out, "on Sun 2027-03-14 has no occurrence: a DST gap swallows it whole\n"));
    CHECK(contains(run.out, ": 1 calendar, 1 finding from 2026-11-23 for 12 months\n"));
  }
  SUBCASE("the twelve months start at --from") {
    write_file(dir.path() / "nyc.ics", new_york_calendar("SU", "20260104", "010000", "040000"));
    const auto run = lint({dir.path().string(), "--from", "2027-03-15"});
    CHECK(run.exit_status == 1);
    CHECK_FALSE(contains(run.out, "2027-03-14"));
    CHECK(contains(run.out, "Sun 2027-11-07 lasts 4h"));
    CHECK(contains(run.out, "Sun 2028-03-12 lasts 2h"));
    CHECK(contains(run.out, ": 1 calendar, 2 findings from 2027-03-15 for 12 months\n"));
  }
}

TEST_CASE("slatectl lint refuses bad arguments with exit 2") {
  struct Row {
    std::vector<std::string> arguments;
    const char* message;
  };
  const Row rows[] = {
      {{k_calendars.string(), "--from", "2026-13-01"}, "--from needs a date YYYY-MM-DD"},
      {{k_calendars.string(), "--from", "2026-11-23x"}, "--from needs a date YYYY-MM-DD"},
      {{k_calendars.string(), "--from"}, "--from needs a date YYYY-MM-DD"},
      {{k_calendars.string(), "--frm", "2026-11-23"}, "unknown option '--frm'"},
      {{k_calendars.string(), k_calendars.string()}, "one directory only"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.arguments.back());
    const auto run = lint(row.arguments);
    CAPTURE(run.err);
    CHECK(run.exit_status == 2);
    CHECK(run.out.empty());
    CHECK(contains(run.err, row.message));
  }

  SUBCASE("a directory that does not exist, or holds no calendar") {
    TempDir dir;
    const auto missing = lint({(dir.path() / "nowhere").string(), "--from", "2026-11-23"});
    CHECK(missing.exit_status == 2);
    CHECK(contains(missing.err, "cannot read the calendar directory"));
    const auto empty = lint({dir.path().string(), "--from", "2026-11-23"});
    CHECK(empty.exit_status == 2);
    CHECK(contains(empty.err, "no calendar (*.ics)"));
  }
  SUBCASE("an unknown command") {
    const auto run = run_program(SLATECTL_BINARY, {"lnit"});
    CHECK(run.exit_status == 2);
    CHECK(contains(run.err, "unknown command 'lnit'"));
  }
}
