#include <slate/domain/zone.hpp>

#include <support/time_literals.hpp>

#include <doctest/doctest.h>

using slate::domain::LocalKind;
using slate::domain::Zone;
using slate::test::iso;
using slate::test::local;
using slate::test::utc;

namespace {

Zone zone(const char* name) {
  auto located = Zone::locate(name);
  REQUIRE(located.ok());
  return located.value();
}

} // namespace

TEST_CASE("domain::Zone::to_utc follows docs/domain.md in gaps and folds") {
  struct Row {
    const char* zone;
    const char* local;
    LocalKind kind;
    const char* expected;
  };
  // Gaps move forward by the gap; folds take the earlier instant.
  const Row rows[] = {
      {"America/New_York", "2026-03-08T01:59:59", LocalKind::unique, "2026-03-08T06:59:59Z"},
      {"America/New_York", "2026-03-08T02:00:00", LocalKind::nonexistent, "2026-03-08T07:00:00Z"},
      {"America/New_York", "2026-03-08T02:30:00", LocalKind::nonexistent, "2026-03-08T07:30:00Z"},
      {"America/New_York", "2026-03-08T03:00:00", LocalKind::unique, "2026-03-08T07:00:00Z"},
      {"America/New_York", "2026-11-01T00:59:59", LocalKind::unique, "2026-11-01T04:59:59Z"},
      {"America/New_York", "2026-11-01T01:00:00", LocalKind::ambiguous, "2026-11-01T05:00:00Z"},
      {"America/New_York", "2026-11-01T01:30:00", LocalKind::ambiguous, "2026-11-01T05:30:00Z"},
      {"America/New_York", "2026-11-01T02:00:00", LocalKind::unique, "2026-11-01T07:00:00Z"},
      {"Europe/London", "2026-03-29T01:30:00", LocalKind::nonexistent, "2026-03-29T01:30:00Z"},
      {"Europe/London", "2026-03-29T02:00:00", LocalKind::unique, "2026-03-29T01:00:00Z"},
      {"Europe/London", "2026-10-25T01:30:00", LocalKind::ambiguous, "2026-10-25T00:30:00Z"},
      {"Europe/London", "2026-10-25T02:00:00", LocalKind::unique, "2026-10-25T02:00:00Z"},
      {"Australia/Sydney", "2026-10-04T02:30:00", LocalKind::nonexistent, "2026-10-03T16:30:00Z"},
      {"Australia/Sydney", "2026-04-05T02:30:00", LocalKind::ambiguous, "2026-04-04T15:30:00Z"},
      {"Australia/Sydney", "2026-04-05T03:00:00", LocalKind::unique, "2026-04-04T17:00:00Z"},
      {"Asia/Kolkata", "2026-06-01T23:30:00", LocalKind::unique, "2026-06-01T18:00:00Z"},
      // Lord Howe moves by 30 minutes: 02:00 -> 02:30 in October.
      {"Australia/Lord_Howe", "2026-10-04T02:15:00", LocalKind::nonexistent,
       "2026-10-03T15:45:00Z"},
      // Leap day and year end in a zone east of UTC.
      {"Asia/Kolkata", "2028-02-29T05:29:59", LocalKind::unique, "2028-02-28T23:59:59Z"},
      {"Australia/Sydney", "2027-01-01T00:00:00", LocalKind::unique, "2026-12-31T13:00:00Z"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.zone);
    CAPTURE(row.local);
    const Zone z = zone(row.zone);
    CHECK(z.classify(local(row.local)) == row.kind);
    CHECK(iso(z.to_utc(local(row.local))) == row.expected);
  }
}

TEST_CASE("domain::Zone::to_local gives offset and abbreviation") {
  const Zone ny = zone("America/New_York");
  const auto winter = ny.to_local(utc("2026-01-05T06:00:00Z"));
  CHECK(winter.local == local("2026-01-05T01:00:00"));
  CHECK(winter.offset == std::chrono::hours{-5});
  CHECK(winter.abbreviation == "EST");
  const auto summer = ny.to_local(utc("2026-07-06T05:00:00Z"));
  CHECK(summer.local == local("2026-07-06T01:00:00"));
  CHECK(summer.offset == std::chrono::hours{-4});
  CHECK(summer.abbreviation == "EDT");
  const auto india = zone("Asia/Kolkata").to_local(utc("2026-01-05T18:00:00Z"));
  CHECK(india.offset == std::chrono::minutes{330});
  CHECK(india.abbreviation == "IST");
}

TEST_CASE("domain::Zone::locate refuses abbreviations and unknown names") {
  struct Row {
    const char* name;
    const char* code;
    const char* mentions;
  };
  const Row rows[] = {
      {"IST", "zone_abbreviation", "Asia/Kolkata"},
      {"IST", "zone_abbreviation", "Europe/Dublin"},
      {"IST", "zone_abbreviation", "Asia/Jerusalem"},
      {"est", "zone_abbreviation", "America/New_York"},
      {"CET", "zone_abbreviation", "Europe/Paris"},
      {"GMT", "zone_abbreviation", "Europe/London"},
      {"XYZ", "zone_abbreviation", "IANA"},
      {"Mars/Olympus_Mons", "zone_unknown", "tz database"},
      {"", "zone_missing", "IANA"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    const auto located = Zone::locate(row.name, "tz");
    REQUIRE_FALSE(located.ok());
    REQUIRE(located.problems().size() == 1);
    CHECK(located.problems()[0].code == row.code);
    CHECK(located.problems()[0].field == "tz");
    CHECK(located.problems()[0].message.find(row.mentions) != std::string::npos);
  }
  CHECK(Zone::locate("UTC").ok());
  CHECK(Zone::locate("Etc/UTC").ok());
  CHECK(Zone::locate("America/Argentina/Buenos_Aires").ok());
}
