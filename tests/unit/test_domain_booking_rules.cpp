#include <slate/domain/booking_rules.hpp>

#include <support/api_fixture.hpp>
#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <initializer_list>
#include <ostream>
#include <string>
#include <vector>

using slate::domain::Blackout;
using slate::domain::Booking;
using slate::domain::BookingContext;
using slate::domain::Code;
using slate::domain::Instant;
using slate::domain::Interval;
using slate::domain::Maintenance;
using slate::domain::MaintenanceKind;
using slate::domain::MaintenanceState;
using slate::domain::Policy;
using slate::domain::Problems;
using slate::domain::Region;
using slate::domain::RegionPolicy;
using slate::test::iso;
using slate::test::sample_regions;
using slate::test::utc;
using namespace std::chrono_literals;

namespace {

// sample_regions(), the default policy, and a clock reading Tue 2026-03-03
// 12:00Z: with a week of notice the first usable US Monday is 2026-03-16
// (EDT since 2026-03-08: the window is 05:00-07:00Z).
struct Rules {
  std::vector<Region> regions = sample_regions();
  Policy policy;
  std::vector<Blackout> blackouts;
  std::vector<Maintenance> maintenances;
  Instant now = utc("2026-03-03T12:00:00Z");
  std::int64_t ignore_id = 0;

  Problems check(std::vector<std::string> ids, const char* start, const char* end,
                 MaintenanceKind kind = MaintenanceKind::scheduled) const {
    return check_at(std::move(ids), start, end, now, kind);
  }

  Problems check_at(std::vector<std::string> ids, const char* start, const char* end,
                    Instant announced_at, MaintenanceKind kind = MaintenanceKind::scheduled) const {
    const Booking booking{kind, std::move(ids), Interval{utc(start), utc(end)}, announced_at};
    const BookingContext context{now, policy, regions, blackouts, maintenances, ignore_id};
    return slate::domain::check_booking(booking, context);
  }

  void blackout(std::int64_t id, std::vector<std::string> ids, const char* start, const char* end,
                const char* reason) {
    blackouts.push_back(Blackout{id, std::move(ids), Interval{utc(start), utc(end)}, reason,
                                 utc("2026-03-01T00:00:00Z"), "alice"});
  }

  Maintenance& maintenance(std::int64_t id, std::vector<std::string> ids, const char* start,
                           const char* end, const char* title = "DB upgrade") {
    Maintenance m;
    m.id = id;
    m.title = title;
    m.regions = std::move(ids);
    m.booked = Interval{utc(start), utc(end)};
    m.end = m.booked.end;
    m.announced_at = utc("2026-03-01T00:00:00Z");
    m.updated_at = m.announced_at;
    m.created_by = "alice";
    maintenances.push_back(m);
    return maintenances.back();
  }
};

// A list of strings that a failed check prints in full, one item a line.
struct Lines {
  Lines(std::initializer_list<std::string> list) : items(list) {}
  Lines(std::initializer_list<Code> list) {
    for (const auto code : list) {
      items.emplace_back(to_string(code));
    }
  }
  explicit Lines(std::vector<std::string> list) : items(std::move(list)) {}
  std::vector<std::string> items;
  friend bool operator==(const Lines&, const Lines&) = default;
  friend std::ostream& operator<<(std::ostream& out, const Lines& lines) {
    out << "{";
    for (const auto& item : lines.items) {
      out << "\n  \"" << item << "\"";
    }
    return out << "}";
  }
};

Lines codes(const Problems& problems) {
  std::vector<std::string> out;
  for (const auto& problem : problems) {
    out.push_back(problem.code);
  }
  return Lines(out);
}

using Codes = Lines;

} // namespace

TEST_CASE("domain::check_booking accepts work inside a window with notice, up to its end") {
  const Rules rules;
  // The whole window, ending exactly when it ends (half-open).
  CHECK(rules.check({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T07:00:00Z").empty());
  CHECK(rules.check({"US"}, "2026-03-16T06:00:00Z", "2026-03-16T07:00:00Z").empty());
  // Region ids in any case.
  CHECK(rules.check({"us"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z").empty());
  // India's window crosses local midnight: Mon 23:30-Tue 01:30 IST is 18:00-20:00Z.
  CHECK(rules.check({"IN"}, "2026-03-16T18:00:00Z", "2026-03-16T20:00:00Z").empty());
  // One second past the window's end is outside.
  CHECK(codes(rules.check({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T07:00:01Z")) ==
        Codes{Code::outside_window});
}

TEST_CASE("domain::check_booking insufficient_notice names both clocks and the earliest start") {
  Rules rules;
  SUBCASE("the start is too soon, across the EST to EDT change") {
    const auto problems = rules.check({"US"}, "2026-03-09T05:00:00Z", "2026-03-09T06:00:00Z");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].code == Code::insufficient_notice);
    CHECK(problems[0].field == "start");
    CHECK(problems[0].message ==
          "maintenance in US (America/New_York) needs 7d of notice under policy 'uniphore': "
          "announced 2026-03-03 12:00 UTC (Tue 03 Mar 07:00 EST), it would start 2026-03-09 "
          "05:00 UTC (Mon 09 Mar 01:00 EDT), 5d17h later; the earliest start with enough notice "
          "is 2026-03-10 12:00 UTC (Tue 10 Mar 08:00 EDT)");
  }
  SUBCASE("the start is before the announcement") {
    const auto problems = rules.check({"US"}, "2026-03-02T06:00:00Z", "2026-03-02T07:00:00Z");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].code == Code::insufficient_notice);
    CHECK(problems[0].message ==
          "maintenance in US (America/New_York) needs 7d of notice under policy 'uniphore': "
          "announced 2026-03-03 12:00 UTC (Tue 03 Mar 07:00 EST), it would start 2026-03-02 "
          "06:00 UTC (Mon 02 Mar 01:00 EST), which is not after the announcement; the earliest "
          "start with enough notice is 2026-03-10 12:00 UTC (Tue 10 Mar 08:00 EDT)");
  }
  SUBCASE("exactly the notice is enough; a second less is not") {
    CHECK(rules
              .check_at({"US"}, "2026-03-09T05:00:00Z", "2026-03-09T06:00:00Z",
                        utc("2026-03-02T05:00:00Z"))
              .empty());
    CHECK(codes(rules.check_at({"US"}, "2026-03-09T05:00:00Z", "2026-03-09T06:00:00Z",
                               utc("2026-03-02T05:00:01Z"))) == Codes{Code::insufficient_notice});
  }
  SUBCASE("the notice counts from the announcement, not from now") {
    rules.now = utc("2026-03-08T00:00:00Z");
    CHECK(rules
              .check_at({"US"}, "2026-03-09T05:00:00Z", "2026-03-09T06:00:00Z",
                        utc("2026-03-01T00:00:00Z"))
              .empty());
  }
  SUBCASE("a region's own notice replaces the default") {
    rules.policy.regions["US"].notice = 24h;
    CHECK(rules.check({"US"}, "2026-03-09T05:00:00Z", "2026-03-09T06:00:00Z").empty());
    // EU keeps the default week: Wed 2026-03-04 02:30Z is too soon.
    CHECK(codes(rules.check({"EU"}, "2026-03-04T02:30:00Z", "2026-03-04T03:30:00Z")) ==
          Codes{Code::insufficient_notice});
  }
  SUBCASE("the policy's name and notice appear in the message") {
    rules.policy.name = "enghouse";
    rules.policy.defaults.notice = 30 * 24h;
    const auto problems = rules.check({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message ==
          "maintenance in US (America/New_York) needs 30d of notice under policy 'enghouse': "
          "announced 2026-03-03 12:00 UTC (Tue 03 Mar 07:00 EST), it would start 2026-03-16 "
          "05:00 UTC (Mon 16 Mar 01:00 EDT), 12d17h later; the earliest start with enough notice "
          "is 2026-04-02 12:00 UTC (Thu 02 Apr 08:00 EDT)");
  }
}

TEST_CASE("domain::check_booking outside_window says where the next window is") {
  Rules rules;
  SUBCASE("after the window") {
    const auto problems = rules.check({"US"}, "2026-03-16T07:00:00Z", "2026-03-16T08:00:00Z");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].code == Code::outside_window);
    CHECK(problems[0].field == "start");
    CHECK(problems[0].message ==
          "maintenance 2026-03-16 07:00-08:00 UTC (Mon 16 Mar 03:00 EDT-04:00 EDT) does not lie "
          "inside one maintenance window of US (America/New_York); the next window starts "
          "2026-03-23 05:00-07:00 UTC (Mon 23 Mar 01:00 EDT-03:00 EDT)");
  }
  SUBCASE("starting inside the window and running past its end") {
    const auto problems = rules.check({"US"}, "2026-03-16T06:00:00Z", "2026-03-16T08:00:00Z");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message ==
          "maintenance 2026-03-16 06:00-08:00 UTC (Mon 16 Mar 02:00 EDT-04:00 EDT) does not lie "
          "inside one maintenance window of US (America/New_York); it starts in the window "
          "2026-03-16 05:00-07:00 UTC (Mon 16 Mar 01:00 EDT-03:00 EDT) but ends 1h after it; the "
          "next window starts 2026-03-23 05:00-07:00 UTC (Mon 23 Mar 01:00 EDT-03:00 EDT)");
  }
  SUBCASE("longer than any window of the region") {
    const auto problems = rules.check({"US"}, "2026-03-16T04:00:00Z", "2026-03-16T07:30:00Z");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message ==
          "maintenance 2026-03-16 04:00-07:30 UTC (Mon 16 Mar 00:00 EDT-03:30 EDT) does not lie "
          "inside one maintenance window of US (America/New_York); the next window starts "
          "2026-03-16 05:00-07:00 UTC (Mon 16 Mar 01:00 EDT-03:00 EDT); the work lasts 3h30m but "
          "the longest window of US is 2h");
  }
  SUBCASE("the EST times on the first EDT Monday") {
    // 01:00-03:00 EST would be 06:00-08:00Z; on 2026-03-09 the window is 05:00-07:00Z.
    rules.now = utc("2026-02-20T00:00:00Z");
    CHECK(rules.check({"US"}, "2026-03-09T05:00:00Z", "2026-03-09T07:00:00Z").empty());
    const auto problems = rules.check({"US"}, "2026-03-09T06:00:00Z", "2026-03-09T08:00:00Z");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].code == Code::outside_window);
    CHECK(problems[0].message.find("(Mon 09 Mar 02:00 EDT-04:00 EDT)") != std::string::npos);
    CHECK(problems[0].message.find("but ends 1h after it") != std::string::npos);
  }
  SUBCASE("a window that ended years ago gives no next window") {
    const auto problems = rules.check({"OLD"}, "2026-03-16T01:00:00Z", "2026-03-16T02:00:00Z");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message ==
          "maintenance 2026-03-16 01:00-02:00 UTC (Mon 16 Mar 01:00 GMT-02:00 GMT) does not lie "
          "inside one maintenance window of OLD (Europe/London)");
  }
}

TEST_CASE("domain::check_booking counts only the windows the policy lists") {
  Rules rules;
  // DC: Sun 09:00-13:00 IST (03:30-07:30Z) and Wed 21:00-01:00 IST (15:30-19:30Z).
  CHECK(rules.check({"DC"}, "2026-03-18T15:30:00Z", "2026-03-18T16:30:00Z").empty());
  CHECK(rules.check({"DC"}, "2026-03-22T03:30:00Z", "2026-03-22T07:30:00Z").empty());

  rules.policy.regions["DC"].windows = {"dc-sunday"};
  const auto problems = rules.check({"DC"}, "2026-03-18T15:30:00Z", "2026-03-18T16:30:00Z");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].code == Code::outside_window);
  CHECK(problems[0].message ==
        "maintenance 2026-03-18 15:30-16:30 UTC (Wed 18 Mar 21:00 IST-22:00 IST) does not lie "
        "inside one maintenance window of DC (Asia/Kolkata); the next window starts 2026-03-22 "
        "03:30-07:30 UTC (Sun 22 Mar 09:00 IST-13:00 IST)");
  CHECK(rules.check({"DC"}, "2026-03-22T03:30:00Z", "2026-03-22T07:30:00Z").empty());
}

TEST_CASE("domain::check_booking blackout_conflict, global and regional") {
  Rules rules;
  SUBCASE("a global blackout") {
    rules.blackout(4, {}, "2026-03-16T06:30:00Z", "2026-03-17T00:00:00Z", "freeze");
    const auto problems = rules.check({"US"}, "2026-03-16T06:00:00Z", "2026-03-16T07:00:00Z");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].code == Code::blackout_conflict);
    CHECK(problems[0].field == "start");
    CHECK(problems[0].message ==
          "maintenance 2026-03-16 06:00-07:00 UTC (Mon 16 Mar 02:00 EDT-03:00 EDT) in US falls "
          "in blackout 4 (every region, 'freeze') 2026-03-16 06:30-2026-03-17 00:00 UTC (Mon 16 "
          "Mar 02:30 EDT-20:00 EDT); no scheduled maintenance may start before it ends at "
          "2026-03-17 00:00 UTC (Mon 16 Mar 20:00 EDT)");
    // Ending exactly when the blackout starts is fine.
    CHECK(rules.check({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:30:00Z").empty());
  }
  SUBCASE("starting exactly when a blackout ends is fine") {
    rules.blackout(4, {}, "2026-03-15T00:00:00Z", "2026-03-16T05:00:00Z", "freeze");
    CHECK(rules.check({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z").empty());
  }
  SUBCASE("a regional blackout blocks its regions only") {
    rules.blackout(5, {"EU"}, "2026-03-16T00:00:00Z", "2026-03-19T00:00:00Z", "EU release");
    CHECK(rules.check({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z").empty());
    const auto problems = rules.check({"EU"}, "2026-03-18T02:30:00Z", "2026-03-18T03:30:00Z");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].code == Code::blackout_conflict);
    CHECK(problems[0].message ==
          "maintenance 2026-03-18 02:30-03:30 UTC (Wed 18 Mar 02:30 GMT-03:30 GMT) in EU falls "
          "in blackout 5 (EU, 'EU release') 2026-03-16 00:00-2026-03-19 00:00 UTC (Mon 16 Mar "
          "00:00 GMT-Thu 19 Mar 00:00 GMT); no scheduled maintenance may start before it ends at "
          "2026-03-19 00:00 UTC (Thu 19 Mar 00:00 GMT)");
  }
  SUBCASE("every blackout hit is reported") {
    rules.blackout(1, {}, "2026-03-16T05:00:00Z", "2026-03-16T05:30:00Z", "one");
    rules.blackout(2, {"EU"}, "2026-03-16T05:00:00Z", "2026-03-16T07:00:00Z", "not US");
    rules.blackout(3, {"IN", "US"}, "2026-03-16T06:00:00Z", "2026-03-16T06:30:00Z", "three");
    const auto problems = rules.check({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T07:00:00Z");
    REQUIRE(codes(problems) == Codes{Code::blackout_conflict, Code::blackout_conflict});
    CHECK(problems[0].message.find("blackout 1 (every region, 'one')") != std::string::npos);
    CHECK(problems[1].message.find("blackout 3 (US, 'three')") != std::string::npos);
  }
}

TEST_CASE("domain::check_booking maintenance_overlap") {
  Rules rules;
  SUBCASE("an open maintenance of the region") {
    rules.maintenance(9, {"US"}, "2026-03-16T05:30:00Z", "2026-03-16T06:30:00Z");
    const auto problems = rules.check({"US"}, "2026-03-16T06:00:00Z", "2026-03-16T07:00:00Z");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].code == Code::maintenance_overlap);
    CHECK(problems[0].field == "start");
    CHECK(problems[0].message ==
          "maintenance 2026-03-16 06:00-07:00 UTC (Mon 16 Mar 02:00 EDT-03:00 EDT) overlaps "
          "maintenance 9 ('DB upgrade', 2026-03-16 05:30-06:30 UTC (Mon 16 Mar 01:30 EDT-02:30 "
          "EDT)) in US, and policy 'uniphore' does not allow overlapping maintenance there");
    rules.maintenances[0].state = MaintenanceState::in_progress;
    CHECK(codes(rules.check({"US"}, "2026-03-16T06:00:00Z", "2026-03-16T07:00:00Z")) ==
          Codes{Code::maintenance_overlap});
  }
  SUBCASE("cancelled and completed maintenance does not block") {
    rules.maintenance(9, {"US"}, "2026-03-16T05:00:00Z", "2026-03-16T07:00:00Z").state =
        MaintenanceState::cancelled;
    rules.maintenance(10, {"US"}, "2026-03-16T05:00:00Z", "2026-03-16T07:00:00Z").state =
        MaintenanceState::completed;
    CHECK(rules.check({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T07:00:00Z").empty());
  }
  SUBCASE("an extension counts: the current end, not the booked one") {
    rules.maintenance(9, {"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z").end =
        utc("2026-03-16T06:30:00Z");
    const auto problems = rules.check({"US"}, "2026-03-16T06:00:00Z", "2026-03-16T07:00:00Z");
    REQUIRE(codes(problems) == Codes{Code::maintenance_overlap});
    CHECK(problems[0].message.find("2026-03-16 05:00-06:30 UTC") != std::string::npos);
  }
  SUBCASE("touching is not overlapping") {
    rules.maintenance(9, {"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z");
    CHECK(rules.check({"US"}, "2026-03-16T06:00:00Z", "2026-03-16T07:00:00Z").empty());
  }
  SUBCASE("maintenance of another region does not block") {
    rules.maintenance(9, {"EU", "IN"}, "2026-03-16T05:00:00Z", "2026-03-16T07:00:00Z");
    CHECK(rules.check({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T07:00:00Z").empty());
  }
  SUBCASE("allowed when the region's policy says overlap = true") {
    rules.maintenance(9, {"US", "EU"}, "2026-03-16T05:00:00Z", "2026-03-16T07:00:00Z");
    rules.policy.regions["US"].overlap_allowed = true;
    CHECK(rules.check({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T07:00:00Z").empty());
  }
  SUBCASE("the maintenance being changed is left out") {
    rules.maintenance(9, {"US"}, "2026-03-16T05:00:00Z", "2026-03-16T07:00:00Z");
    rules.ignore_id = 9;
    CHECK(rules.check({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T07:00:00Z").empty());
  }
}

TEST_CASE("domain::check_booking unknown_region stops the other checks") {
  Rules rules;
  const auto problems =
      rules.check({"US", "MARS", "Venus"}, "2026-03-04T05:00:00Z", "2026-03-04T09:00:00Z");
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].code == Code::unknown_region);
  CHECK(problems[0].field == "regions");
  CHECK(problems[0].message == "region 'MARS' is unknown; the regions are IN, AU, US, EU, DC, OLD");
  CHECK(problems[1].message ==
        "region 'Venus' is unknown; the regions are IN, AU, US, EU, DC, OLD");
}

TEST_CASE("domain::check_booking reports every rule broken, for every region") {
  Rules rules;
  SUBCASE("one region, four rules") {
    rules.blackout(4, {}, "2026-03-09T07:00:00Z", "2026-03-09T09:00:00Z", "freeze");
    rules.maintenance(9, {"US"}, "2026-03-09T05:00:00Z", "2026-03-09T06:30:00Z");
    const auto problems = rules.check({"US"}, "2026-03-09T06:00:00Z", "2026-03-09T08:00:00Z");
    CHECK(codes(problems) == Codes{Code::insufficient_notice, Code::outside_window,
                                   Code::blackout_conflict, Code::maintenance_overlap});
  }
  SUBCASE("two regions, each with its own problems and clock") {
    // Mon 2026-03-09 05:00Z: a US window, but no EU one; too soon for both.
    const auto problems = rules.check({"US", "EU"}, "2026-03-09T05:00:00Z", "2026-03-09T06:00:00Z");
    REQUIRE(codes(problems) ==
            Codes{Code::insufficient_notice, Code::insufficient_notice, Code::outside_window});
    CHECK(problems[0].message.find("maintenance in US (America/New_York)") == 0);
    CHECK(problems[1].message.find("maintenance in EU (Europe/London)") == 0);
    CHECK(problems[1].message.find("it would start 2026-03-09 05:00 UTC (Mon 09 Mar 05:00 GMT)") !=
          std::string::npos);
    CHECK(problems[2].message.find("of EU (Europe/London); the next window starts 2026-03-11 "
                                   "02:30-04:30 UTC (Wed 11 Mar 02:30 GMT-04:30 GMT)") !=
          std::string::npos);
  }
}

TEST_CASE("domain::check_booking checks emergency maintenance only for its regions") {
  Rules rules;
  rules.blackout(4, {}, "2026-03-03T00:00:00Z", "2026-03-04T00:00:00Z", "freeze");
  rules.maintenance(9, {"US"}, "2026-03-03T09:00:00Z", "2026-03-03T13:00:00Z");
  // Already started, outside any window, in a blackout, overlapping: all allowed.
  CHECK(rules
            .check({"US", "EU"}, "2026-03-03T10:00:00Z", "2026-03-03T17:00:00Z",
                   MaintenanceKind::emergency)
            .empty());
  CHECK(codes(rules.check({"US", "MARS"}, "2026-03-03T10:00:00Z", "2026-03-03T11:00:00Z",
                          MaintenanceKind::emergency)) == Codes{Code::unknown_region});
}

TEST_CASE("domain::resolve_regions keeps the order and marks unknown ids") {
  const auto regions = sample_regions();
  const auto resolved = slate::domain::resolve_regions({"eu", "MARS", "Us"}, regions);
  REQUIRE(resolved.size() == 3);
  REQUIRE(resolved[0] != nullptr);
  CHECK(resolved[0]->id == "EU");
  CHECK(resolved[1] == nullptr);
  REQUIRE(resolved[2] != nullptr);
  CHECK(resolved[2]->id == "US");
}

TEST_CASE("domain::allowed_occurrences merges a region's allowed windows in order") {
  const auto regions = sample_regions();
  const Region& dc = regions[4];
  REQUIRE(dc.id == "DC");
  const Interval fortnight{utc("2026-03-16T00:00:00Z"), utc("2026-03-30T00:00:00Z")};
  RegionPolicy policy;
  auto all = slate::domain::allowed_occurrences(dc, policy, fortnight);
  std::vector<std::string> starts;
  for (const auto& occurrence : all) {
    starts.push_back(iso(occurrence.interval.start));
  }
  CHECK(Lines(starts) == Lines{"2026-03-18T15:30:00Z", "2026-03-22T03:30:00Z",
                               "2026-03-25T15:30:00Z", "2026-03-29T03:30:00Z"});

  policy.windows = {"dc-wednesday"};
  starts.clear();
  for (const auto& occurrence : slate::domain::allowed_occurrences(dc, policy, fortnight)) {
    starts.push_back(iso(occurrence.interval.start));
  }
  CHECK(Lines(starts) == Lines{"2026-03-18T15:30:00Z", "2026-03-25T15:30:00Z"});
}

TEST_CASE("domain::blocked_intervals lists blackouts and open maintenance of the region") {
  Rules rules;
  rules.blackout(1, {}, "2026-03-16T00:00:00Z", "2026-03-16T01:00:00Z", "global");
  rules.blackout(2, {"EU"}, "2026-03-16T02:00:00Z", "2026-03-16T03:00:00Z", "EU only");
  rules.blackout(3, {}, "2026-04-16T00:00:00Z", "2026-04-17T00:00:00Z", "out of range");
  rules.maintenance(7, {"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z");
  rules.maintenance(8, {"US"}, "2026-03-16T07:00:00Z", "2026-03-16T08:00:00Z").state =
      MaintenanceState::cancelled;
  rules.maintenance(9, {"US"}, "2026-03-16T09:00:00Z", "2026-03-16T10:00:00Z");
  rules.ignore_id = 9;
  const BookingContext context{rules.now,       rules.policy,       rules.regions,
                               rules.blackouts, rules.maintenances, rules.ignore_id};
  const Region& us = rules.regions[2];
  REQUIRE(us.id == "US");
  const Interval range{utc("2026-03-15T00:00:00Z"), utc("2026-03-17T00:00:00Z")};
  CHECK(slate::domain::blocked_intervals(us, context, range) ==
        std::vector<Interval>{{utc("2026-03-16T00:00:00Z"), utc("2026-03-16T01:00:00Z")},
                              {utc("2026-03-16T05:00:00Z"), utc("2026-03-16T06:00:00Z")}});

  rules.policy.regions["US"].overlap_allowed = true;
  const BookingContext overlapping{rules.now,       rules.policy,       rules.regions,
                                   rules.blackouts, rules.maintenances, rules.ignore_id};
  CHECK(slate::domain::blocked_intervals(us, overlapping, range) ==
        std::vector<Interval>{{utc("2026-03-16T00:00:00Z"), utc("2026-03-16T01:00:00Z")}});
}
