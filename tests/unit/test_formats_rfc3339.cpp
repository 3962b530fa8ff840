#include <slate/formats/rfc3339.hpp>

#include <support/time_literals.hpp>

#include <doctest/doctest.h>

using slate::formats::format_rfc3339;
using slate::formats::format_rfc3339_utc;
using slate::formats::parse_rfc3339;
using slate::test::iso;
using slate::test::utc;
using namespace std::chrono_literals;

TEST_CASE("formats::parse_rfc3339 reads instants with Z and offsets") {
  struct Row {
    const char* text;
    const char* expected;
  };
  const Row rows[] = {
      {"2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"},
      {"2026-01-01T05:30:00+05:30", "2026-01-01T00:00:00Z"},
      {"2026-01-05T01:00:00-05:00", "2026-01-05T06:00:00Z"},
      {"2026-03-09T01:00:00-04:00", "2026-03-09T05:00:00Z"},
      {"2026-01-01T00:00:00-00:00", "2026-01-01T00:00:00Z"},
      {"2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00Z"},
      // Lower-case separators and a space for 'T' are RFC 3339 too.
      {"2026-01-01t00:00:00z", "2026-01-01T00:00:00Z"},
      {"2026-01-01 00:00:00Z", "2026-01-01T00:00:00Z"},
      // Fractional seconds are truncated, never rounded into the next second.
      {"2026-01-01T00:00:00.999999Z", "2026-01-01T00:00:00Z"},
      {"2026-01-01T00:00:59.5+01:00", "2025-12-31T23:00:59Z"},
      // Offsets move the date.
      {"2027-01-01T13:59:59+14:00", "2026-12-31T23:59:59Z"},
      {"2026-12-31T23:00:00-12:00", "2027-01-01T11:00:00Z"},
      {"2024-02-29T12:00:00Z", "2024-02-29T12:00:00Z"},
      {"2000-02-29T00:00:00Z", "2000-02-29T00:00:00Z"},
      // The ends of what slated handles.
      {"1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z"},
      {"1970-01-01T05:30:00+05:30", "1970-01-01T00:00:00Z"},
      {"8999-12-31T23:59:59Z", "8999-12-31T23:59:59Z"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.text);
    const auto parsed = parse_rfc3339(row.text, "from");
    REQUIRE(parsed.ok());
    CHECK(iso(parsed.value()) == row.expected);
  }
}

TEST_CASE("formats::parse_rfc3339 refuses what is not an instant, naming the field") {
  struct Row {
    const char* text;
    const char* code;
    const char* says;
  };
  const Row rows[] = {
      {"", "time_missing", "is required"},
      {"yesterday", "time_invalid", "YYYY-MM-DD"},
      {"2026-1-1T00:00:00Z", "time_invalid", "YYYY-MM-DD"},
      {"2026-01-01", "time_invalid", "no time of day"},
      {"2026-01-01T00:00:00", "time_invalid", "no UTC offset"},
      {"2026-01-01T00:00", "time_invalid", "HH:MM:SS"},
      {"2026-01-01X00:00:00Z", "time_invalid", "followed by 'T'"},
      {"2026-13-01T00:00:00Z", "time_invalid", "month 13"},
      {"2026-00-10T00:00:00Z", "time_invalid", "month 00"},
      {"2026-02-29T00:00:00Z", "time_invalid", "day 29"},
      {"2026-04-31T00:00:00Z", "time_invalid", "day 31"},
      {"2026-01-01T24:00:00Z", "time_invalid", "hour 24"},
      {"2026-01-01T00:60:00Z", "time_invalid", "minute 60"},
      {"2026-01-01T00:00:60Z", "time_invalid", "leap seconds"},
      {"2026-01-01T00:00:61Z", "time_invalid", "second 61"},
      {"2026-01-01T00:00:00.Z", "time_invalid", "followed by digits"},
      {"2026-01-01T00:00:00 IST", "time_invalid", "abbreviations are not accepted"},
      {"2026-01-01T00:00:00+0530", "time_invalid", "+HH:MM"},
      {"2026-01-01T00:00:00+5:30", "time_invalid", "+HH:MM"},
      {"2026-01-01T00:00:00+24:00", "time_invalid", "out of range"},
      {"2026-01-01T00:00:00Zjunk", "time_invalid", "unexpected 'junk'"},
      {"2026-01-01T00:00:00+05:30:00", "time_invalid", "unexpected ':00'"},
      // Derived instants (a year's horizon) must keep four-digit years.
      {"1969-12-31T23:59:59Z", "time_invalid",
       "outside the instants slated handles, 1970-01-01T00:00:00Z to 8999-12-31T23:59:59Z"},
      {"1970-01-01T00:00:00+00:01", "time_invalid", "outside the instants"},
      {"9000-01-01T00:00:00Z", "time_invalid", "outside the instants"},
      {"8999-12-31T23:59:59-00:01", "time_invalid", "outside the instants"},
      {"0000-01-01T00:00:00Z", "time_invalid", "outside the instants"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.text);
    const auto parsed = parse_rfc3339(row.text, "after");
    REQUIRE_FALSE(parsed.ok());
    REQUIRE(parsed.problems().size() == 1);
    const auto& problem = parsed.problems().front();
    CHECK(problem.field == "after");
    CHECK(problem.code == row.code);
    CAPTURE(problem.message);
    CHECK(problem.message.find(row.says) != std::string::npos);
    CHECK(problem.message.find("2026-01-01T00:00:00Z") != std::string::npos); // an example
  }
}

TEST_CASE("formats::parse_rfc3339 echoes at most a short part of long input") {
  const std::string junk(10000, 'x');
  const auto parsed = parse_rfc3339(junk, "from");
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.problems().front().message.size() < 300);
}

TEST_CASE("formats::format_rfc3339_utc writes Z") {
  CHECK(format_rfc3339_utc(utc("2026-01-05T06:00:00Z")) == "2026-01-05T06:00:00Z");
  CHECK(format_rfc3339_utc(utc("1970-01-01T00:00:00Z")) == "1970-01-01T00:00:00Z");
}

TEST_CASE("formats::format_rfc3339 writes the local reading with its offset") {
  struct Row {
    const char* instant;
    std::chrono::seconds offset;
    const char* expected;
  };
  const Row rows[] = {
      {"2026-01-05T06:00:00Z", -5h, "2026-01-05T01:00:00-05:00"},
      {"2026-03-09T05:00:00Z", -4h, "2026-03-09T01:00:00-04:00"},
      {"2026-01-05T06:00:00Z", 5h + 30min, "2026-01-05T11:30:00+05:30"},
      {"2026-01-05T06:00:00Z", 0s, "2026-01-05T06:00:00+00:00"},
      {"2026-01-05T20:00:00Z", 5h + 45min, "2026-01-06T01:45:00+05:45"},
      {"2026-01-05T06:00:00Z", -9h - 30min, "2026-01-04T20:30:00-09:30"},
      // An offset with seconds (Liberia kept -00:44:30 until 1972), which
      // RFC 3339 cannot write: the UTC form is still the right instant.
      {"1971-06-01T00:00:00Z", -44min - 30s, "1971-06-01T00:00:00Z"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.expected);
    const auto text = format_rfc3339(utc(row.instant), row.offset);
    CHECK(text == row.expected);
    const auto back = parse_rfc3339(text, "t");
    REQUIRE(back.ok());
    CHECK(iso(back.value()) == row.instant);
  }
}
