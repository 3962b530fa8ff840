#include <slate/domain/slot_finder.hpp>

#include <support/api_fixture.hpp>
#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using slate::domain::Blackout;
using slate::domain::BookingContext;
using slate::domain::Instant;
using slate::domain::Maintenance;
using slate::domain::MaintenanceState;
using slate::domain::Policy;
using slate::domain::Region;
using slate::domain::Seconds;
using slate::domain::SlotAnswer;
using slate::domain::SlotQuery;
using slate::test::day;
using slate::test::iso;
using slate::test::sample_regions;
using slate::test::utc;
using namespace std::chrono_literals;

namespace {

// sample_regions() plus UK (a copy of EU's Wed 02:30-04:30 Europe/London),
// the default policy (a week of notice) and a clock reading Tue 2026-03-03
// 12:00Z: the notice ends 2026-03-10 12:00Z.
struct Finder {
  Finder() {
    Region uk = regions[3];
    REQUIRE(uk.id == "EU");
    uk.id = "UK";
    uk.name = "United Kingdom";
    uk.windows[0].uid = "uk-window";
    regions.push_back(uk);
  }

  std::vector<Region> regions = sample_regions();
  Policy policy;
  std::vector<Blackout> blackouts;
  std::vector<Maintenance> maintenances;
  Instant now = utc("2026-03-03T12:00:00Z");

  SlotAnswer find(std::vector<std::string> ids, Seconds duration, const char* after,
                  const char* horizon = "2026-06-01T00:00:00Z") const {
    const SlotQuery query{std::move(ids), duration, utc(after), utc(horizon)};
    const BookingContext context{now, policy, regions, blackouts, maintenances, 0};
    return slate::domain::find_slot(query, context);
  }

  void blackout(std::vector<std::string> ids, const char* start, const char* end) {
    blackouts.push_back(Blackout{static_cast<std::int64_t>(blackouts.size() + 1),
                                 std::move(ids),
                                 {utc(start), utc(end)},
                                 "freeze",
                                 utc("2026-03-01T00:00:00Z"),
                                 "alice"});
  }

  Maintenance& maintenance(std::vector<std::string> ids, const char* start, const char* end) {
    Maintenance m;
    m.id = static_cast<std::int64_t>(maintenances.size() + 1);
    m.title = "booked";
    m.regions = std::move(ids);
    m.booked = {utc(start), utc(end)};
    m.end = m.booked.end;
    maintenances.push_back(m);
    return maintenances.back();
  }
};

// "START/END" of the slot, or "none: REASON".
std::string slot_text(const SlotAnswer& answer) {
  if (!answer.slot) {
    return "none: " + answer.reason;
  }
  return iso(answer.slot->span.start) + "/" + iso(answer.slot->span.end);
}

} // namespace

TEST_CASE("domain::find_slot gives the first window after the notice, with its occurrence") {
  const Finder finder;
  const auto answer = finder.find({"US"}, 1h, "2026-03-03T12:00:00Z");
  REQUIRE(answer.slot);
  CHECK(answer.reason.empty());
  CHECK(iso(answer.slot->span.start) == "2026-03-16T05:00:00Z");
  CHECK(iso(answer.slot->span.end) == "2026-03-16T06:00:00Z");
  REQUIRE(answer.slot->parts.size() == 1);
  REQUIRE(answer.slot->parts[0].region != nullptr);
  CHECK(answer.slot->parts[0].region->id == "US");
  const auto& occurrence = answer.slot->parts[0].occurrence;
  CHECK(iso(occurrence.interval.start) == "2026-03-16T05:00:00Z");
  CHECK(iso(occurrence.interval.end) == "2026-03-16T07:00:00Z");
  CHECK(occurrence.day == day("2026-03-16"));
}

TEST_CASE("domain::find_slot starts at the later of the notice and 'after'") {
  Finder finder;
  struct Row {
    const char* now;
    const char* after;
    Seconds duration;
    const char* expected;
  };
  const Row rows[] = {
      // The notice ends Tue 03-10 12:00Z: Mon 03-09 is too soon.
      {"2026-03-03T12:00:00Z", "2026-03-01T00:00:00Z", 1h,
       "2026-03-16T05:00:00Z/2026-03-16T06:00:00Z"},
      // Notice ending exactly at a window's start leaves the window usable.
      {"2026-03-09T05:00:00Z", "2026-03-01T00:00:00Z", 2h,
       "2026-03-16T05:00:00Z/2026-03-16T07:00:00Z"},
      {"2026-03-09T05:00:01Z", "2026-03-01T00:00:00Z", 2h,
       "2026-03-23T05:00:00Z/2026-03-23T07:00:00Z"},
      // 'after' inside a window: the rest of it, if long enough.
      {"2026-03-03T12:00:00Z", "2026-03-16T05:30:00Z", 1h,
       "2026-03-16T05:30:00Z/2026-03-16T06:30:00Z"},
      {"2026-03-03T12:00:00Z", "2026-03-16T06:30:00Z", 1h,
       "2026-03-23T05:00:00Z/2026-03-23T06:00:00Z"},
      {"2026-03-03T12:00:00Z", "2026-04-01T00:00:00Z", 1h,
       "2026-04-06T05:00:00Z/2026-04-06T06:00:00Z"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.now);
    CAPTURE(row.after);
    finder.now = utc(row.now);
    CHECK(slot_text(finder.find({"US"}, row.duration, row.after)) == row.expected);
  }
}

TEST_CASE("domain::find_slot walks the New York DST changes on the wall clock") {
  Finder finder;
  struct Row {
    const char* now;
    const char* after;
    const char* expected;
  };
  const Row rows[] = {
      // Mon 01:00 EST is 06:00Z; from 2026-03-08 Mon 01:00 EDT is 05:00Z.
      {"2026-02-20T00:00:00Z", "2026-02-27T00:00:00Z", "2026-03-02T06:00:00Z/2026-03-02T08:00:00Z"},
      {"2026-02-20T00:00:00Z", "2026-03-03T00:00:00Z", "2026-03-09T05:00:00Z/2026-03-09T07:00:00Z"},
      // Back to EST after 2026-11-01.
      {"2026-10-01T00:00:00Z", "2026-10-20T00:00:00Z", "2026-10-26T05:00:00Z/2026-10-26T07:00:00Z"},
      {"2026-10-01T00:00:00Z", "2026-10-27T00:00:00Z", "2026-11-02T06:00:00Z/2026-11-02T08:00:00Z"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.after);
    finder.now = utc(row.now);
    CHECK(slot_text(finder.find({"US"}, 2h, row.after, "2027-01-01T00:00:00Z")) == row.expected);
  }
}

TEST_CASE("domain::find_slot leaves out blackouts") {
  Finder finder;
  SUBCASE("a global blackout over the whole window") {
    finder.blackout({}, "2026-03-16T00:00:00Z", "2026-03-17T00:00:00Z");
    CHECK(slot_text(finder.find({"US"}, 1h, "2026-03-03T12:00:00Z")) ==
          "2026-03-23T05:00:00Z/2026-03-23T06:00:00Z");
  }
  SUBCASE("a blackout over the window's start leaves its later part") {
    finder.blackout({"US"}, "2026-03-16T04:00:00Z", "2026-03-16T05:45:00Z");
    CHECK(slot_text(finder.find({"US"}, 1h, "2026-03-03T12:00:00Z")) ==
          "2026-03-16T05:45:00Z/2026-03-16T06:45:00Z");
    // The part left is 1h15m: 1h30m does not fit.
    CHECK(slot_text(finder.find({"US"}, 90min, "2026-03-03T12:00:00Z")) ==
          "2026-03-23T05:00:00Z/2026-03-23T06:30:00Z");
  }
  SUBCASE("another region's blackout does not matter") {
    finder.blackout({"EU", "IN"}, "2026-03-16T00:00:00Z", "2026-03-17T00:00:00Z");
    CHECK(slot_text(finder.find({"US"}, 1h, "2026-03-03T12:00:00Z")) ==
          "2026-03-16T05:00:00Z/2026-03-16T06:00:00Z");
  }
}

TEST_CASE("domain::find_slot leaves out open booked maintenance unless overlap is allowed") {
  Finder finder;
  SUBCASE("the later part of a partly booked window") {
    finder.maintenance({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z");
    CHECK(slot_text(finder.find({"US"}, 1h, "2026-03-03T12:00:00Z")) ==
          "2026-03-16T06:00:00Z/2026-03-16T07:00:00Z");
    CHECK(slot_text(finder.find({"US"}, 2h, "2026-03-03T12:00:00Z")) ==
          "2026-03-23T05:00:00Z/2026-03-23T07:00:00Z");
  }
  SUBCASE("the gap between two bookings") {
    finder.maintenance({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T05:20:00Z");
    finder.maintenance({"US"}, "2026-03-16T06:40:00Z", "2026-03-16T07:00:00Z");
    CHECK(slot_text(finder.find({"US"}, 80min, "2026-03-03T12:00:00Z")) ==
          "2026-03-16T05:20:00Z/2026-03-16T06:40:00Z");
  }
  SUBCASE("an extension blocks up to the current end") {
    finder.maintenance({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T05:30:00Z").end =
        utc("2026-03-16T06:30:00Z");
    CHECK(slot_text(finder.find({"US"}, 1h, "2026-03-03T12:00:00Z")) ==
          "2026-03-23T05:00:00Z/2026-03-23T06:00:00Z");
  }
  SUBCASE("cancelled and completed maintenance frees the window") {
    finder.maintenance({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T07:00:00Z").state =
        MaintenanceState::cancelled;
    finder.maintenance({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T07:00:00Z").state =
        MaintenanceState::completed;
    CHECK(slot_text(finder.find({"US"}, 2h, "2026-03-03T12:00:00Z")) ==
          "2026-03-16T05:00:00Z/2026-03-16T07:00:00Z");
  }
  SUBCASE("overlap allowed by the region's policy") {
    finder.maintenance({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T07:00:00Z");
    finder.policy.regions["US"].overlap_allowed = true;
    CHECK(slot_text(finder.find({"US"}, 2h, "2026-03-03T12:00:00Z")) ==
          "2026-03-16T05:00:00Z/2026-03-16T07:00:00Z");
  }
}

TEST_CASE("domain::find_slot for EU and UK together") {
  Finder finder;
  SUBCASE("both free: the first Wednesday after the notice") {
    const auto answer = finder.find({"EU", "UK"}, 1h, "2026-03-03T12:00:00Z");
    REQUIRE(answer.slot);
    CHECK(iso(answer.slot->span.start) == "2026-03-11T02:30:00Z");
    CHECK(iso(answer.slot->span.end) == "2026-03-11T03:30:00Z");
    REQUIRE(answer.slot->parts.size() == 2);
    CHECK(answer.slot->parts[0].region->id == "EU");
    CHECK(answer.slot->parts[1].region->id == "UK");
    CHECK(iso(answer.slot->parts[1].occurrence.interval.end) == "2026-03-11T04:30:00Z");
  }
  SUBCASE("the query's order is the parts' order") {
    const auto answer = finder.find({"uk", "eu"}, 1h, "2026-03-03T12:00:00Z");
    REQUIRE(answer.slot);
    REQUIRE(answer.slot->parts.size() == 2);
    CHECK(answer.slot->parts[0].region->id == "UK");
    CHECK(answer.slot->parts[1].region->id == "EU");
  }
  SUBCASE("a UK-only blackout moves both") {
    finder.blackout({"UK"}, "2026-03-11T02:00:00Z", "2026-03-11T03:00:00Z");
    CHECK(slot_text(finder.find({"EU", "UK"}, 1h, "2026-03-03T12:00:00Z")) ==
          "2026-03-11T03:00:00Z/2026-03-11T04:00:00Z");
    CHECK(slot_text(finder.find({"EU", "UK"}, 2h, "2026-03-03T12:00:00Z")) ==
          "2026-03-18T02:30:00Z/2026-03-18T04:30:00Z");
  }
  SUBCASE("after the change to BST the window is an hour earlier in UTC") {
    CHECK(slot_text(finder.find({"EU", "UK"}, 2h, "2026-03-26T00:00:00Z")) ==
          "2026-04-01T01:30:00Z/2026-04-01T03:30:00Z");
  }
}

TEST_CASE("domain::find_slot says why there is no slot") {
  Finder finder;
  SUBCASE("regions whose windows never meet") {
    CHECK(slot_text(finder.find({"US", "EU"}, 1h, "2026-03-03T12:00:00Z")) ==
          "none: no 1h slot in every one of US, EU starts from 2026-03-10 12:00 UTC (the later "
          "of 'after' and the notice) to 2026-06-01 00:00 UTC: every window occurrence in that "
          "time is too short once blackouts, other regions' windows and booked maintenance are "
          "left out");
  }
  SUBCASE("work longer than the longest window") {
    CHECK(slot_text(finder.find({"US"}, 3h, "2026-03-03T12:00:00Z")) ==
          "none: the work lasts 3h but the longest window of US usually lasts 2h, and no "
          "occurrence in the horizon is long enough");
    CHECK(slot_text(finder.find({"DC", "EU"}, 150min, "2026-03-03T12:00:00Z")) ==
          "none: the work lasts 2h30m but the longest window of EU usually lasts 2h, and no "
          "occurrence in the horizon is long enough");
  }
  SUBCASE("the horizon: a slot must start before it") {
    CHECK(slot_text(finder.find({"US"}, 1h, "2026-03-03T12:00:00Z", "2026-03-16T05:00:00Z")) ==
          "none: no 1h slot in US starts from 2026-03-10 12:00 UTC (the later of 'after' and the "
          "notice) to 2026-03-16 05:00 UTC: every window occurrence in that time is too short "
          "once blackouts and booked maintenance are left out");
    CHECK(slot_text(finder.find({"US"}, 1h, "2026-03-03T12:00:00Z", "2026-03-16T05:00:01Z")) ==
          "2026-03-16T05:00:00Z/2026-03-16T06:00:00Z");
    // It may end after the horizon.
    CHECK(slot_text(finder.find({"US"}, 2h, "2026-03-03T12:00:00Z", "2026-03-16T05:30:00Z")) ==
          "2026-03-16T05:00:00Z/2026-03-16T07:00:00Z");
  }
  SUBCASE("the notice reaches past the horizon") {
    CHECK(slot_text(finder.find({"US"}, 1h, "2026-03-03T12:00:00Z", "2026-03-10T12:00:00Z")) ==
          "none: the notice alone reaches past the horizon 2026-03-10 12:00 UTC");
  }
  SUBCASE("a retired window") {
    const auto answer = finder.find({"OLD"}, 1h, "2026-03-03T12:00:00Z");
    CHECK_FALSE(answer.slot);
    CHECK(answer.reason.find("no 1h slot in OLD starts from 2026-03-10 12:00 UTC") == 0);
  }
  SUBCASE("unknown regions and no regions") {
    CHECK(slot_text(finder.find({"US", "MARS"}, 1h, "2026-03-03T12:00:00Z")) ==
          "none: no such region");
    CHECK(slot_text(finder.find({}, 1h, "2026-03-03T12:00:00Z")) == "none: no such region");
  }
  SUBCASE("a duration that is not positive") {
    CHECK(slot_text(finder.find({"US"}, Seconds{0}, "2026-03-03T12:00:00Z")) ==
          "none: the duration must be positive");
    CHECK(slot_text(finder.find({"US"}, -1h, "2026-03-03T12:00:00Z")) ==
          "none: the duration must be positive");
  }
}

TEST_CASE("domain::find_slot uses only the windows the policy lists") {
  Finder finder;
  // DC: Wed 21:00-01:00 IST (15:30-19:30Z) and Sun 09:00-13:00 IST (03:30-07:30Z).
  CHECK(slot_text(finder.find({"DC"}, 4h, "2026-03-03T12:00:00Z")) ==
        "2026-03-11T15:30:00Z/2026-03-11T19:30:00Z");
  finder.policy.regions["DC"].windows = {"dc-sunday"};
  CHECK(slot_text(finder.find({"DC"}, 4h, "2026-03-03T12:00:00Z")) ==
        "2026-03-15T03:30:00Z/2026-03-15T07:30:00Z");
}

TEST_CASE("domain::find_slot across midnight: India's Monday 23:30-01:30 IST") {
  const Finder finder;
  CHECK(slot_text(finder.find({"IN"}, 2h, "2026-03-03T12:00:00Z")) ==
        "2026-03-16T18:00:00Z/2026-03-16T20:00:00Z");
}

TEST_CASE("domain::find_slot skips a window the spring-forward gap has shortened") {
  // Sun 01:00-03:00 New York: on 2026-03-08 02:00 EST jumps to 03:00 EDT, so
  // that occurrence is 06:00-07:00Z, one hour long.
  Finder finder;
  finder.regions = {
      Region{"FB",
             "Sunday",
             {{"fb-sunday",
               "Sunday window",
               slate::test::rule("America/New_York", {date::Sunday}, "01:00", "03:00"),
               {},
               "fb.ics:1"}},
             "fb.ics"}};
  finder.now = utc("2026-02-01T00:00:00Z");
  CHECK(slot_text(finder.find({"FB"}, 1h, "2026-03-07T00:00:00Z")) ==
        "2026-03-08T06:00:00Z/2026-03-08T07:00:00Z");
  CHECK(slot_text(finder.find({"FB"}, 90min, "2026-03-07T00:00:00Z")) ==
        "2026-03-15T05:00:00Z/2026-03-15T06:30:00Z");
  CHECK(slot_text(finder.find({"FB"}, 90min, "2026-03-01T00:00:00Z")) ==
        "2026-03-01T06:00:00Z/2026-03-01T07:30:00Z");
}
