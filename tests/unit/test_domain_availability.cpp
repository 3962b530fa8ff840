// Availability: every figure below is computed by hand in the comments.
#include <slate/domain/availability.hpp>

#include <support/api_fixture.hpp>
#include <support/time_literals.hpp>

#include <doctest/doctest.h>

using namespace slate::domain;
using slate::test::iso;
using slate::test::rule;
using slate::test::utc;
using slate::test::zone;

namespace {

// US: Mon 01:00-03:00 America/New_York; in October 2026 (EDT) 05:00-07:00Z.
std::vector<Region> us_region() {
  return {Region{"US",
                 "United States",
                 {Window{"w-us",
                         "US window",
                         rule("America/New_York", {date::Monday}, "01:00", "03:00"),
                         {},
                         "t"}},
                 "t"}};
}

Outage outage(std::int64_t id, const char* start, std::optional<const char*> end,
              OutageCause cause = OutageCause::internal, OutageImpact impact = OutageImpact::major,
              std::string service = "api") {
  Outage o;
  o.id = id;
  o.service = std::move(service);
  o.regions = {"US"};
  o.start = utc(start);
  if (end) {
    o.end = utc(*end);
  }
  o.cause = cause;
  o.impact = impact;
  return o;
}

Maintenance maintenance(std::int64_t id, MaintenanceKind kind, const char* announced,
                        const char* booked_start, const char* booked_end, const char* started,
                        const char* finished) {
  Maintenance m;
  m.id = id;
  m.kind = kind;
  m.state = MaintenanceState::completed;
  m.regions = {"US"};
  m.booked = Interval{utc(booked_start), utc(booked_end)};
  m.end = utc(finished);
  m.announced_at = utc(announced);
  m.started_at = utc(started);
  m.finished_at = utc(finished);
  return m;
}

struct Case {
  Policy policy;
  std::vector<Region> regions = us_region();
  std::vector<Outage> outages;
  std::vector<Maintenance> maintenances;
  Instant now = utc("2026-12-15T00:00:00Z");

  AvailabilityReport report(date::year_month month,
                            std::optional<std::string> region = std::nullopt,
                            std::string service = "api") const {
    return compute_availability(AvailabilityQuery{std::move(service), std::move(region), month},
                                AvailabilityInputs{policy, regions, outages, maintenances, now});
  }
};

constexpr auto october_2026 = date::year{2026} / date::October;

} // namespace

TEST_CASE(
    "domain::compute_availability: the month of docs/domain.md's worked case, to the second") {
  Case c;
  c.outages = {
      // A and B overlap: 10:00-10:50 is 3000 s, counted once.
      outage(1, "2026-10-05T10:00:00Z", "2026-10-05T10:30:00Z"),
      outage(2, "2026-10-05T10:20:00Z", "2026-10-05T10:50:00Z"),
      // Force majeure: 3600 s, excluded under (ii)(a).
      outage(3, "2026-10-12T12:00:00Z", "2026-10-12T13:00:00Z", OutageCause::force_majeure),
      // During the excluded part of maintenance 10: down already, not counted twice.
      outage(4, "2026-10-19T06:00:00Z", "2026-10-19T06:10:00Z"),
      // Across the month's end: only 23:00-24:00 is October's, 3600 s.
      outage(5, "2026-10-31T23:00:00Z", "2026-11-01T01:00:00Z"),
  };
  c.maintenances = {
      // Announced 48 days ahead, booked Mon 19 Oct 05:00-06:00Z, extended to
      // 07:30Z: 05:00-07:00 is in the window (7200 s excluded), 07:00-07:30
      // is overrun (1800 s counted).
      maintenance(10, MaintenanceKind::scheduled, "2026-09-01T00:00:00Z", "2026-10-19T05:00:00Z",
                  "2026-10-19T06:00:00Z", "2026-10-19T05:00:00Z", "2026-10-19T07:30:00Z"),
      // Emergency, 14:00-14:45: 2700 s counted.
      maintenance(11, MaintenanceKind::emergency, "2026-10-20T14:00:00Z", "2026-10-20T14:00:00Z",
                  "2026-10-20T14:45:00Z", "2026-10-20T14:00:00Z", "2026-10-20T14:45:00Z"),
  };
  const auto r = c.report(october_2026);

  // October: 31 days x 86400 s.
  CHECK(r.total.count() == 2'678'400);
  // down = 3000 + 3600 + 7200 + 1800 + 2700 + 3600 = 21900
  CHECK(r.down.count() == 21'900);
  // excluded = 3600 (force majeure) + 7200 (maintenance in its window) = 10800
  CHECK(r.excluded.count() == 10'800);
  CHECK(r.excluded_by_category.at("(i) scheduled maintenance").count() == 7200);
  CHECK(r.excluded_by_category.at("(ii)(a) causes beyond reasonable control").count() == 3600);
  // counted = 3000 + 1800 + 2700 + 3600 = 11100
  CHECK(r.counted.count() == 11'100);
  // (2678400 - 10800 - 11100) / (2678400 - 10800) = 2656500 / 2667600 = 99.58389...%
  CHECK(r.numerator == 2'656'500);
  CHECK(r.denominator == 2'667'600);
  CHECK(percent_text(r.numerator, r.denominator) == "99.5838");
  CHECK_FALSE(r.met);
  // budget = 0.05 % of 2667600 = 1333.8 -> 1333 s; remaining 1333 - 11100 = -9767
  CHECK(r.error_budget.count() == 1333);
  CHECK(r.error_budget_remaining.count() == -9767);
  CHECK_FALSE(r.elapsed.has_value()); // October is over on 15 December

  // The ledger explains each stretch, in order.
  struct Row {
    const char* start;
    const char* end;
    const char* kind;
    bool counted;
  };
  const Row expected[] = {
      {"2026-10-05T10:00:00Z", "2026-10-05T10:20:00Z", "outage", true},
      {"2026-10-05T10:20:00Z", "2026-10-05T10:30:00Z", "outage", true}, // A and B together
      {"2026-10-05T10:30:00Z", "2026-10-05T10:50:00Z", "outage", true},
      {"2026-10-12T12:00:00Z", "2026-10-12T13:00:00Z", "outage", false},
      {"2026-10-19T05:00:00Z", "2026-10-19T06:00:00Z", "maintenance", false},
      {"2026-10-19T06:00:00Z", "2026-10-19T06:10:00Z", "maintenance", false}, // outage 4 inside
      {"2026-10-19T06:10:00Z", "2026-10-19T07:00:00Z", "maintenance", false},
      {"2026-10-19T07:00:00Z", "2026-10-19T07:30:00Z", "maintenance_overrun", true},
      {"2026-10-20T14:00:00Z", "2026-10-20T14:45:00Z", "emergency_maintenance", true},
      {"2026-10-31T23:00:00Z", "2026-11-01T00:00:00Z", "outage", true},
  };
  REQUIRE(r.ledger.size() == std::size(expected));
  for (std::size_t i = 0; i < r.ledger.size(); ++i) {
    CAPTURE(i);
    CHECK(iso(r.ledger[i].interval.start) == expected[i].start);
    CHECK(iso(r.ledger[i].interval.end) == expected[i].end);
    CHECK(r.ledger[i].kind == expected[i].kind);
    CHECK(r.ledger[i].counted == expected[i].counted);
    CHECK_FALSE(r.ledger[i].reason.empty());
  }
  CHECK(r.ledger[5].sources == std::vector<std::string>{"maintenance/10", "outage/4"});
  CHECK(r.ledger[5].reason.find("outage/4 overlaps it and is not counted again") !=
        std::string::npos);
  CHECK(r.ledger[3].category == "(ii)(a) causes beyond reasonable control");
  CHECK(r.ledger[7].reason.find("overrun") != std::string::npos);
}

TEST_CASE("domain::compute_availability never rounds up across the target") {
  Case c;
  // No exclusions: base 2678400 s; 0.05 % of it is 1339.2 s.
  c.outages = {outage(1, "2026-10-07T00:00:00Z", "2026-10-07T00:22:20Z")}; // 1340 s
  auto r = c.report(october_2026);
  CHECK(r.counted.count() == 1340);
  // 2677060 / 2678400 = 99.949970...% -> shown 99.9499, breached
  CHECK(percent_text(r.numerator, r.denominator) == "99.9499");
  CHECK_FALSE(r.met);
  CHECK(r.error_budget.count() == 1339);
  CHECK(r.error_budget_remaining.count() == -1);

  c.outages = {outage(1, "2026-10-07T00:00:00Z", "2026-10-07T00:22:19Z")}; // 1339 s
  r = c.report(october_2026);
  // 2677061 / 2678400 = 99.950007...% -> 99.9500, met
  CHECK(percent_text(r.numerator, r.denominator) == "99.9500");
  CHECK(r.met);
  CHECK(percent_text(r.numerator, r.denominator, 6) == "99.950007");
}

TEST_CASE("domain::compute_availability: scheduled maintenance without enough notice counts") {
  Case c;
  // Announced 5 days ahead, policy needs 7: the whole 3600 s counts, even
  // inside the window.
  c.maintenances = {maintenance(1, MaintenanceKind::scheduled, "2026-10-14T05:00:00Z",
                                "2026-10-19T05:00:00Z", "2026-10-19T06:00:00Z",
                                "2026-10-19T05:00:00Z", "2026-10-19T06:00:00Z")};
  const auto r = c.report(october_2026);
  CHECK(r.counted.count() == 3600);
  CHECK(r.excluded.count() == 0);
  REQUIRE(r.ledger.size() == 1);
  CHECK(r.ledger[0].reason.find("less than the 7d of notice") != std::string::npos);
}

TEST_CASE(
    "domain::compute_availability: cancelled, never-started and non-disruptive work is nothing") {
  Case c;
  auto cancelled =
      maintenance(1, MaintenanceKind::scheduled, "2026-09-01T00:00:00Z", "2026-10-19T05:00:00Z",
                  "2026-10-19T06:00:00Z", "2026-10-19T05:00:00Z", "2026-10-19T06:00:00Z");
  cancelled.state = MaintenanceState::cancelled;
  cancelled.started_at.reset();
  auto planned = cancelled;
  planned.id = 2;
  planned.state = MaintenanceState::planned;
  planned.finished_at.reset();
  auto quiet =
      maintenance(3, MaintenanceKind::emergency, "2026-10-20T14:00:00Z", "2026-10-20T14:00:00Z",
                  "2026-10-20T14:45:00Z", "2026-10-20T14:00:00Z", "2026-10-20T14:45:00Z");
  quiet.disruptive = false;
  c.maintenances = {cancelled, planned, quiet};
  const auto r = c.report(october_2026);
  CHECK(r.down.count() == 0);
  CHECK(r.ledger.empty());
  CHECK(percent_text(r.numerator, r.denominator) == "100.0000");
  CHECK(r.met);
}

TEST_CASE(
    "domain::compute_availability: open outages and work under way run until now; burn rate") {
  Case c;
  c.now = utc("2026-10-16T00:00:00Z");                           // 15 days of 31 gone
  c.outages = {outage(1, "2026-10-15T23:00:00Z", std::nullopt)}; // open: 3600 s so far
  const auto r = c.report(october_2026);
  CHECK(r.counted.count() == 3600);
  REQUIRE(r.elapsed.has_value());
  CHECK(r.elapsed->count() == 15 * 86400);
  // budget 1339 s; used 3600/1339 = 2.6886 of it in 15/31 = 0.48387 of the
  // month: burn rate 5.5564x -> 5556409 ppm (floor of 5.55641...e6)
  REQUIRE(r.burn_rate_ppm.has_value());
  CHECK(*r.burn_rate_ppm / 1000 == 5556);
}

TEST_CASE("domain::compute_availability: partial weight, region and service filters") {
  Case c;
  c.policy.availability.partial_weight_permille = 500;
  c.outages = {outage(1, "2026-10-07T00:00:00Z", "2026-10-07T00:16:41Z", OutageCause::internal,
                      OutageImpact::partial), // 1001 s x 0.5 = 500.5 -> 501 s (rounded up)
               outage(2, "2026-10-08T00:00:00Z", "2026-10-08T01:00:00Z", OutageCause::internal,
                      OutageImpact::major, "voice")};
  auto r = c.report(october_2026);
  CHECK(r.down.count() == 1001);
  CHECK(r.counted.count() == 501);
  CHECK(c.report(october_2026, std::string("us")).counted.count() == 501); // ids match in any case
  CHECK(c.report(october_2026, std::string("EU")).down.count() == 0);
  CHECK(c.report(october_2026, std::nullopt, "voice").counted.count() == 3600);

  // A major outage over a partial one counts in full where they overlap:
  // 00:00-00:10 major (600) + 00:10-00:16:41 partial (401 x 0.5 = 200.5) -> 801
  c.outages.push_back(outage(3, "2026-10-07T00:00:00Z", "2026-10-07T00:10:00Z"));
  r = c.report(october_2026);
  CHECK(r.counted.count() == 801);
}

TEST_CASE("domain::compute_availability: the other formula, credit tiers") {
  Case c;
  c.policy.availability.formula = AvailabilityFormula::exclusions_count_as_up;
  c.policy.availability.credit_tiers = {{999500, "10 %"}, {990000, "25 %"}};
  c.outages = {
      outage(1, "2026-10-12T00:00:00Z", "2026-10-12T01:00:00Z", OutageCause::force_majeure),
      outage(2, "2026-10-13T00:00:00Z", "2026-10-13T01:00:00Z")};
  const auto r = c.report(october_2026);
  // (2678400 - 3600) / 2678400: the excluded hour counts as up.
  CHECK(r.denominator == 2'678'400);
  CHECK(r.numerator == 2'674'800);
  CHECK(percent_text(r.numerator, r.denominator) == "99.8655");
  REQUIRE(r.credit.has_value());
  CHECK(r.credit->credit == "10 %"); // below 99.95 but not below 99
}

TEST_CASE("domain::month_interval measures months in the reporting zone, DST included") {
  const auto ny = zone("America/New_York");
  // March 2027: 31 days less the spring-forward hour.
  const auto march = month_interval(date::year{2027} / date::March, ny);
  CHECK(iso(march.start) == "2027-03-01T05:00:00Z");
  CHECK(iso(march.end) == "2027-04-01T04:00:00Z");
  CHECK((march.end - march.start).count() == 31 * 86400 - 3600);
  // November 2026: 30 days plus the fall-back hour.
  const auto november = month_interval(date::year{2026} / date::November, ny);
  CHECK((november.end - november.start).count() == 30 * 86400 + 3600);
  CHECK((month_interval(date::year{2028} / date::February, Zone::utc()).end -
         month_interval(date::year{2028} / date::February, Zone::utc()).start)
            .count() == 29 * 86400);
}

TEST_CASE("domain::percent_text truncates") {
  CHECK(percent_text(19999, 20000) == "99.9950");
  CHECK(percent_text(2, 3) == "66.6666");
  CHECK(percent_text(1, 1) == "100.0000");
  CHECK(percent_text(0, 5) == "0.0000");
  CHECK(percent_text(0, 0) == "100.0000");
  CHECK(percent_text(1, 3, 0) == "33");
}
