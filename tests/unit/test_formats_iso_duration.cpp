#include <slate/formats/iso_duration.hpp>

#include <doctest/doctest.h>

#include <string>

using slate::domain::Seconds;
using slate::formats::format_iso_duration;
using slate::formats::parse_iso_duration;
using namespace std::chrono_literals;

namespace {

constexpr const char* k_advice = "; write an ISO 8601 duration such as PT1H30M, PT45M or P7D";

} // namespace

TEST_CASE("formats::parse_iso_duration reads days, hours, minutes and seconds") {
  struct Row {
    const char* text;
    Seconds expected;
  };
  const Row rows[] = {
      {"PT1H30M", 90min},
      {"P7D", 7 * 24h},
      {"P1DT12H", 36h},
      {"PT45M", 45min},
      {"PT30S", 30s},
      {"PT1M", 1min}, // M after T is minutes, not months
      {"P1DT2H3M4S", 24h + 2h + 3min + 4s},
      {"P30D", 30 * 24h},
      {"PT36H", 36h},
      {"PT90M", 90min},
      {"P1DT1S", 24h + 1s},
      {"P007D", 7 * 24h},
      // Zero is a length (format_iso_duration writes it "PT0S"): no notice.
      {"PT0S", Seconds{0}},
      {"P0D", Seconds{0}},
      // Exactly ten years of 366 days is the most accepted.
      {"P3660D", 3660 * 24h},
  };
  for (const auto& row : rows) {
    CAPTURE(row.text);
    const auto parsed = parse_iso_duration(row.text, "notice");
    REQUIRE(parsed.ok());
    CHECK(parsed.value() == row.expected);
  }
}

TEST_CASE("formats::parse_iso_duration refuses what is not an exact duration") {
  struct Row {
    const char* text;
    const char* why;
  };
  const Row rows[] = {
      // Calendar units have no fixed length.
      {"P1M", "years, months and weeks have no fixed length; use days (P7D) or hours"},
      {"P1Y", "years, months and weeks have no fixed length; use days (P7D) or hours"},
      {"P1W", "years, months and weeks have no fixed length; use days (P7D) or hours"},
      {"P1Y2M3D", "years, months and weeks have no fixed length; use days (P7D) or hours"},
      {"PT1W", "years, months and weeks have no fixed length; use days (P7D) or hours"},
      // Not a duration at all.
      {"", "it must start with P"},
      {"7D", "it must start with P"},
      {"p7d", "it must start with P"},
      {" P7D", "it must start with P"},
      {"1 week", "it must start with P"},
      {"P", "it has no length"},
      {"PT", "T must appear once and be followed by hours, minutes or seconds"},
      {"P1DT", "T must appear once and be followed by hours, minutes or seconds"},
      {"PTT1H", "T must appear once and be followed by hours, minutes or seconds"},
      {"PT1HT1M", "T must appear once and be followed by hours, minutes or seconds"},
      {"PT1", "each number needs a unit (D, H, M or S) and each unit a whole number"},
      {"P7", "each number needs a unit (D, H, M or S) and each unit a whole number"},
      {"PTH", "each number needs a unit (D, H, M or S) and each unit a whole number"},
      {"P-1D", "each number needs a unit (D, H, M or S) and each unit a whole number"},
      {"P7DX", "each number needs a unit (D, H, M or S) and each unit a whole number"},
      {"P7D ", "each number needs a unit (D, H, M or S) and each unit a whole number"},
      // Units out of order, repeated, or on the wrong side of T.
      {"P1H", "units must be D before T, then H, M, S after T, each at most once"},
      {"P30S", "units must be D before T, then H, M, S after T, each at most once"},
      {"PT1D", "units must be D before T, then H, M, S after T, each at most once"},
      {"PT30M1H", "units must be D before T, then H, M, S after T, each at most once"},
      {"PT1S1M", "units must be D before T, then H, M, S after T, each at most once"},
      {"PT1H1H", "units must be D before T, then H, M, S after T, each at most once"},
      {"P1D1D", "units must be D before T, then H, M, S after T, each at most once"},
      {"P1.5D", "units must be D before T, then H, M, S after T, each at most once"},
      {"PT1X", "units must be D before T, then H, M, S after T, each at most once"},
      // Huge numbers.
      {"P3661D", "it is longer than ten years"},
      {"PT87840H1S", "it is longer than ten years"},
      {"PT2147483647S", "it is longer than ten years"},
      {"P21474836479D", "it is longer than ten years"},
      {"P99999999999D", "it is too long"},
      {"PT99999999999999999999999S", "it is too long"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.text);
    const auto parsed = parse_iso_duration(row.text, "regions.US.notice");
    REQUIRE_FALSE(parsed.ok());
    REQUIRE(parsed.problems().size() == 1);
    const auto& problem = parsed.problems().front();
    CHECK(problem.code == "invalid_duration");
    CHECK(problem.field == "regions.US.notice");
    CHECK(problem.message == "regions.US.notice '" + std::string(row.text) +
                                 "' is not a duration: " + row.why + k_advice);
  }
}

TEST_CASE("formats::parse_iso_duration echoes at most 40 characters of the text") {
  const std::string long_text = "P" + std::string(60, 'x');
  const auto parsed = parse_iso_duration(long_text, "notice");
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.problems().front().message ==
        "notice '" + long_text.substr(0, 40) +
            "' is not a duration: each number needs a unit (D, H, M or S) and each unit a whole "
            "number" +
            k_advice);
}

TEST_CASE("formats::format_iso_duration writes the shortest form, and reads back") {
  struct Row {
    Seconds length;
    const char* expected;
  };
  const Row rows[] = {
      {Seconds{0}, "PT0S"},   {1s, "PT1S"},
      {30s, "PT30S"},         {1min, "PT1M"},
      {45min, "PT45M"},       {1h, "PT1H"},
      {90min, "PT1H30M"},     {1h + 1s, "PT1H1S"},
      {24h, "P1D"},           {7 * 24h, "P7D"},
      {30 * 24h, "P30D"},     {36h, "P1DT12H"},
      {24h + 1s, "P1DT1S"},   {24h + 2h + 3min + 4s, "P1DT2H3M4S"},
      {3660 * 24h, "P3660D"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.expected);
    CHECK(format_iso_duration(row.length) == row.expected);
    const auto back = parse_iso_duration(format_iso_duration(row.length), "notice");
    REQUIRE(back.ok());
    CHECK(back.value() == row.length);
  }
}

TEST_CASE("formats::parse_iso_duration_parts keeps days apart from the time") {
  struct Row {
    const char* text;
    std::int64_t days;
    Seconds time;
  };
  // A support target in days counts business days, so "P1D" and "PT24H"
  // must stay distinct.
  const Row rows[] = {
      {"P1D", 1, 0s}, {"PT24H", 0, 24h}, {"P1DT4H", 1, 4h}, {"PT30M", 0, 30min}, {"P3D", 3, 0s},
  };
  for (const auto& row : rows) {
    CAPTURE(row.text);
    const auto parts = slate::formats::parse_iso_duration_parts(row.text, "target");
    REQUIRE(parts.ok());
    CHECK(parts->days == row.days);
    CHECK(parts->time == row.time);
  }
  CHECK_FALSE(slate::formats::parse_iso_duration_parts("P1W", "target").ok());
  CHECK(slate::formats::parse_iso_duration_parts("P1M", "target").problems().front().field ==
        "target");
}
