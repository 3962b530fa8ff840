#include <slate/domain/dual_time_text.hpp>

#include <support/api_fixture.hpp>
#include <support/time_literals.hpp>

#include <doctest/doctest.h>

using slate::domain::Interval;
using slate::domain::length_words;
using slate::domain::local_and_home;
using slate::domain::local_range_text;
using slate::domain::Seconds;
using slate::test::utc;
using slate::test::zone;
using namespace std::chrono_literals;

TEST_CASE("domain::local_and_home shows an interval on the region's clock and the home zone's") {
  struct Row {
    const char* zone;
    const char* start;
    const char* end;
    const char* expected;
  };
  // Home is Asia/Kolkata (IST, no DST) in every row.
  const Row rows[] = {
      // The example: an EU window in winter.
      {"Europe/London", "2026-01-14T02:30:00Z", "2026-01-14T04:30:00Z",
       "Wed 14 Jan 02:30–04:30 GMT (08:00–10:00 IST)"},
      // Both sides of the spring change: GMT the week before, BST after, and
      // the home clock moves by the hour the region's did not.
      {"Europe/London", "2026-03-25T02:30:00Z", "2026-03-25T04:30:00Z",
       "Wed 25 Mar 02:30–04:30 GMT (08:00–10:00 IST)"},
      {"Europe/London", "2026-04-01T01:30:00Z", "2026-04-01T03:30:00Z",
       "Wed 01 Apr 02:30–04:30 BST (07:00–09:00 IST)"},
      // Across the change itself: each end has its abbreviation.
      {"Europe/London", "2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z",
       "Sun 29 Mar 00:30 GMT–02:30 BST (06:00–07:00 IST)"},
      // Autumn: 01:30 twice, told apart by the abbreviation.
      {"Europe/London", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z",
       "Sun 25 Oct 01:30 BST–01:30 GMT (06:00–07:00 IST)"},
      {"America/New_York", "2026-01-05T06:00:00Z", "2026-01-05T08:00:00Z",
       "Mon 05 Jan 01:00–03:00 EST (11:30–13:30 IST)"},
      {"America/New_York", "2026-03-09T05:00:00Z", "2026-03-09T07:00:00Z",
       "Mon 09 Mar 01:00–03:00 EDT (10:30–12:30 IST)"},
      {"America/New_York", "2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z",
       "Sun 08 Mar 01:00 EST–03:00 EDT (11:30–12:30 IST)"},
      {"America/New_York", "2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z",
       "Sun 01 Nov 01:30 EDT–01:30 EST (11:00–12:00 IST)"},
      // The home clock is a day behind: its start gets the date.
      {"Australia/Sydney", "2026-01-05T13:30:00Z", "2026-01-05T15:30:00Z",
       "Tue 06 Jan 00:30–02:30 AEDT (Mon 05 Jan 19:00–21:00 IST)"},
      {"Australia/Sydney", "2026-04-06T14:30:00Z", "2026-04-06T16:30:00Z",
       "Tue 07 Apr 00:30–02:30 AEST (Mon 06 Apr 20:00–22:00 IST)"},
      // The home clock passes midnight: its end gets the date.
      {"America/New_York", "2026-01-05T17:00:00Z", "2026-01-05T20:00:00Z",
       "Mon 05 Jan 12:00–15:00 EST (22:30–Tue 06 Jan 01:30 IST)"},
      // The region's clock passes midnight; home is the same zone: no parenthesis.
      {"Asia/Kolkata", "2026-01-05T18:00:00Z", "2026-01-06T20:00:00Z",
       "Mon 05 Jan 23:30–Wed 07 Jan 01:30 IST"},
      {"Asia/Kolkata", "2026-01-05T18:00:00Z", "2026-01-05T20:00:00Z",
       "Mon 05 Jan 23:30–Tue 06 Jan 01:30 IST"},
      // Over the change and midnight at once.
      {"America/New_York", "2026-11-01T03:30:00Z", "2026-11-01T07:00:00Z",
       "Sat 31 Oct 23:30 EDT–Sun 01 Nov 02:00 EST (Sun 01 Nov 09:00–12:30 IST)"},
  };
  const auto home = zone("Asia/Kolkata");
  for (const auto& row : rows) {
    CAPTURE(row.zone);
    CAPTURE(row.start);
    CHECK(local_and_home(Interval{utc(row.start), utc(row.end)}, zone(row.zone), home) ==
          row.expected);
  }
}

TEST_CASE("domain::local_and_home shows an instant on both clocks") {
  const auto home = zone("Asia/Kolkata");
  CHECK(local_and_home(utc("2026-01-14T04:30:00Z"), zone("Europe/London"), home) ==
        "Wed 14 Jan 04:30 GMT (10:00 IST)");
  CHECK(local_and_home(utc("2026-07-01T03:30:00Z"), zone("Europe/London"), home) ==
        "Wed 01 Jul 04:30 BST (09:00 IST)");
  CHECK(local_and_home(utc("2026-01-05T13:30:00Z"), zone("Australia/Sydney"), home) ==
        "Tue 06 Jan 00:30 AEDT (Mon 05 Jan 19:00 IST)");
  CHECK(local_and_home(utc("2026-01-05T18:00:00Z"), home, home) == "Mon 05 Jan 23:30 IST");
  // Another home zone: the abbreviation is the home zone's own.
  CHECK(local_and_home(utc("2026-07-06T05:00:00Z"), zone("America/New_York"),
                       zone("Europe/London")) == "Mon 06 Jul 01:00 EDT (06:00 BST)");
}

TEST_CASE("domain::local_range_text is the local part alone") {
  CHECK(local_range_text(Interval{utc("2026-01-14T02:30:00Z"), utc("2026-01-14T04:30:00Z")},
                         zone("Europe/London")) == "Wed 14 Jan 02:30–04:30 GMT");
  CHECK(local_range_text(Interval{utc("2026-03-29T00:30:00Z"), utc("2026-03-29T01:30:00Z")},
                         zone("Europe/London")) == "Sun 29 Mar 00:30 GMT–02:30 BST");
}

TEST_CASE("domain::length_words writes a length in words") {
  CHECK(length_words(2h) == "2 hours");
  CHECK(length_words(1h) == "1 hour");
  CHECK(length_words(90min) == "1 hour 30 minutes");
  CHECK(length_words(std::chrono::days{7}) == "7 days");
  CHECK(length_words(25h) == "1 day 1 hour");
  CHECK(length_words(45s) == "45 seconds");
  CHECK(length_words(Seconds{0}) == "0 minutes");
  CHECK(length_words(-30min) == "-30 minutes");
}
