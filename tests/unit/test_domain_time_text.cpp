#include <slate/domain/time_text.hpp>

#include <support/api_fixture.hpp>
#include <support/time_literals.hpp>

#include <doctest/doctest.h>

using slate::domain::Interval;
using slate::domain::length_text;
using slate::domain::Seconds;
using slate::domain::utc_and_local;
using slate::test::utc;
using slate::test::zone;
using namespace std::chrono_literals;

TEST_CASE("domain::utc_and_local shows an instant in UTC and on the zone's clock") {
  struct Row {
    const char* zone;
    const char* instant;
    const char* expected;
  };
  const Row rows[] = {
      // The header's example: a US winter Monday.
      {"America/New_York", "2026-11-30T06:00:00Z", "2026-11-30 06:00 UTC (Mon 30 Nov 01:00 EST)"},
      // The same wall-clock time in summer is an hour earlier in UTC, and EDT.
      {"America/New_York", "2026-07-06T05:00:00Z", "2026-07-06 05:00 UTC (Mon 06 Jul 01:00 EDT)"},
      // 01:30 happens twice on 2026-11-01: first EDT, then EST.
      {"America/New_York", "2026-11-01T05:30:00Z", "2026-11-01 05:30 UTC (Sun 01 Nov 01:30 EDT)"},
      {"America/New_York", "2026-11-01T06:30:00Z", "2026-11-01 06:30 UTC (Sun 01 Nov 01:30 EST)"},
      // A half-hour offset, and a local date a day after the UTC one.
      {"Asia/Kolkata", "2026-03-02T18:00:00Z", "2026-03-02 18:00 UTC (Mon 02 Mar 23:30 IST)"},
      {"Asia/Kolkata", "2026-03-02T19:00:00Z", "2026-03-02 19:00 UTC (Tue 03 Mar 00:30 IST)"},
      {"Europe/London", "2026-01-07T02:30:00Z", "2026-01-07 02:30 UTC (Wed 07 Jan 02:30 GMT)"},
      {"Europe/London", "2026-07-01T01:30:00Z", "2026-07-01 01:30 UTC (Wed 01 Jul 02:30 BST)"},
      {"Australia/Sydney", "2026-03-02T13:30:00Z", "2026-03-02 13:30 UTC (Tue 03 Mar 00:30 AEDT)"},
      {"Australia/Sydney", "2026-06-01T14:30:00Z", "2026-06-01 14:30 UTC (Tue 02 Jun 00:30 AEST)"},
      {"UTC", "2026-02-28T23:59:00Z", "2026-02-28 23:59 UTC (Sat 28 Feb 23:59 UTC)"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.zone);
    CAPTURE(row.instant);
    CHECK(utc_and_local(utc(row.instant), zone(row.zone)) == row.expected);
  }
}

TEST_CASE("domain::utc_and_local shows minutes, not seconds") {
  CHECK(utc_and_local(utc("2026-11-30T06:00:59Z"), zone("America/New_York")) ==
        "2026-11-30 06:00 UTC (Mon 30 Nov 01:00 EST)");
}

TEST_CASE("domain::utc_and_local shows an interval, with both dates only where they differ") {
  struct Row {
    const char* zone;
    const char* start;
    const char* end;
    const char* expected;
  };
  // Each end carries its own abbreviation, so that an interval across a DST
  // change reads right (01:00 EDT-02:00 EST).
  const Row rows[] = {
      {"America/New_York", "2026-11-30T06:00:00Z", "2026-11-30T08:00:00Z",
       "2026-11-30 06:00-08:00 UTC (Mon 30 Nov 01:00 EST-03:00 EST)"},
      {"America/New_York", "2026-03-16T05:00:00Z", "2026-03-16T07:00:00Z",
       "2026-03-16 05:00-07:00 UTC (Mon 16 Mar 01:00 EDT-03:00 EDT)"},
      // Over the fall-back fold: three hours of UTC, two of wall clock.
      {"America/New_York", "2026-11-01T05:00:00Z", "2026-11-01T08:00:00Z",
       "2026-11-01 05:00-08:00 UTC (Sun 01 Nov 01:00 EDT-03:00 EST)"},
      // One UTC day, two local days: India's Monday window.
      {"Asia/Kolkata", "2026-03-02T18:00:00Z", "2026-03-02T20:00:00Z",
       "2026-03-02 18:00-20:00 UTC (Mon 02 Mar 23:30 IST-Tue 03 Mar 01:30 IST)"},
      // Two UTC days, one local day: Sydney's Tuesday window in summer.
      {"Australia/Sydney", "2026-03-02T13:30:00Z", "2026-03-02T15:30:00Z",
       "2026-03-02 13:30-15:30 UTC (Tue 03 Mar 00:30 AEDT-02:30 AEDT)"},
      {"Asia/Kolkata", "2026-03-02T22:00:00Z", "2026-03-03T02:00:00Z",
       "2026-03-02 22:00-2026-03-03 02:00 UTC (Tue 03 Mar 03:30 IST-07:30 IST)"},
      {"UTC", "2026-03-02T22:00:00Z", "2026-03-05T02:00:00Z",
       "2026-03-02 22:00-2026-03-05 02:00 UTC (Mon 02 Mar 22:00 UTC-Thu 05 Mar 02:00 UTC)"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.zone);
    CAPTURE(row.start);
    CHECK(utc_and_local(Interval{utc(row.start), utc(row.end)}, zone(row.zone)) == row.expected);
  }
}

TEST_CASE("domain::length_text writes days, hours, minutes and seconds, skipping zeros") {
  struct Row {
    Seconds length;
    const char* expected;
  };
  const Row rows[] = {
      {Seconds{0}, "0s"},
      {30s, "30s"},
      {45min, "45m"},
      {1h, "1h"},
      {90min, "1h30m"},
      {24h, "1d"},
      {7 * 24h, "7d"},
      {30 * 24h, "30d"},
      {24h + 5s, "1d5s"},
      {24h + 1h + 1min + 1s, "1d1h1m1s"},
      {5 * 24h + 17h, "5d17h"},
      {-90min, "-1h30m"},
      {-1s, "-1s"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.length.count());
    CHECK(length_text(row.length) == row.expected);
  }
}
