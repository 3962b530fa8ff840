// GET /v1/availability over history recorded through the API itself, each
// figure checked against the arithmetic written next to it.
#include "api_write_fixture.hpp"

#include <slate/api/availability_handler.hpp>
#include <support/availability_history.hpp>

#include <doctest/doctest.h>

#include <string>
#include <tuple>
#include <vector>

using slate::test::utc;
using slate::test::WriteFixture;

namespace {

// October 2026, the service "api" in the US (window Mon 01:00-03:00
// America/New_York, which is 05:00-07:00Z while EDT lasts, to Nov 1).
// Policy: the default (Uniphore), 7 days of notice, 99.95 %, exclusions
// leave the measured time.
//
//  O1  outage, internal       Oct  3 10:00-10:45Z
//  O2  outage, internal       Oct  3 10:30-11:00Z   overlaps O1: counts once
//  M1  scheduled maintenance  booked Oct 12 05:00-06:00Z, announced Sep 1,
//                             ran 05:00-07:30Z: inside the window to 07:00
//                             (excluded), 07:00-07:30 overrun (counted)
//  O3  outage, internal       Oct 12 06:30-07:15Z   during M1: not counted
//                             twice, not lost
//  O4  outage, force majeure  Oct 15 00:00-02:00Z   excluded, (ii)(a)
//  E1  emergency maintenance  ran Oct 20 10:00-10:20Z: counted
//  C1  cancelled maintenance  booked Oct 26 05:00-06:00Z, never started: nothing
//  N1  non-disruptive         ran Oct 19 05:00-06:00Z: nothing
//  O5  outage, internal       Oct 31 23:00Z - Nov 1 01:00Z: split at the month's end
//
// As JSON for POST /v1/import: slate::test::k_october_history
// (tests/support/availability_history.hpp).

struct History : WriteFixture {
  explicit History(slate::domain::Policy policy = {}) : WriteFixture(std::move(policy)) {
    json("POST", "/v1/import", 201, slate::test::k_october_history);
  }
};

using Row = std::tuple<std::string, std::string, std::string, bool>; // start, end, kind, counted

std::vector<Row> ledger_of(const nlohmann::json& report) {
  std::vector<Row> rows;
  for (const auto& entry : report["ledger"]) {
    rows.emplace_back(entry["start"], entry["end"], entry["kind"], entry["counted"]);
  }
  return rows;
}

} // namespace

TEST_SUITE_BEGIN("api");

TEST_CASE("api: GET /v1/availability for one month matches the hand calculation") {
  History f;
  const auto r = f.json("GET", "/v1/availability?service=api&region=US&month=2026-10", 200);
  // total: 31 days x 86,400 s = 2,678,400 s.
  CHECK(r["total_seconds"] == 2678400);
  // down, the union: Oct 3 10:00-11:00 (3,600) + Oct 12 05:00-07:30 (9,000; O3
  // lies inside) + Oct 15 00:00-02:00 (7,200) + Oct 20 10:00-10:20 (1,200) +
  // Oct 31 23:00-24:00 (3,600) = 24,600 s.
  CHECK(r["down_seconds"] == 24600);
  // excluded: M1 inside its window 05:00-07:00 (7,200) + O4 (7,200) = 14,400 s.
  CHECK(r["excluded_seconds"] == 14400);
  CHECK(r["excluded_by_category"] ==
        nlohmann::json{{"(i) scheduled maintenance", 7200},
                       {"(ii)(a) causes beyond reasonable control", 7200}});
  // counted: 24,600 - 14,400 = 10,200 s = O1+O2 3,600 + overrun 1,800 +
  // E1 1,200 + O5's October hour 3,600.
  CHECK(r["counted_seconds"] == 10200);
  // measured: 2,678,400 - 14,400 = 2,664,000 s; available: 2,664,000 -
  // 10,200 = 2,653,800 s; 2,653,800 / 2,664,000 = 99.61711...%.
  CHECK(r["measured_seconds"] == 2664000);
  CHECK(r["available_seconds"] == 2653800);
  CHECK(r["availability_percent"] == "99.6171");
  CHECK(r["target_percent"] == "99.9500");
  CHECK(r["met"] == false);
  // budget: 0.05 % of 2,664,000 s = 1,332 s; left: 1,332 - 10,200 = -8,868 s.
  CHECK(r["error_budget_seconds"] == 1332);
  CHECK(r["error_budget_remaining_seconds"] == -8868);
  // October is over on Nov 10: no burn rate; the default policy has no credits.
  CHECK(r["elapsed_seconds"].is_null());
  CHECK(r["burn_rate"].is_null());
  CHECK(r["credit"].is_null());
  CHECK(r["service"] == "api");
  CHECK(r["region"] == "US");
  CHECK(r["month"] == "2026-10");
  CHECK(r["zone"] == "UTC");

  // Each interval, what it is and whether it counts: the counted ones add up
  // to 10,200 s, the others to 14,400 s.
  const std::vector<Row> expected{
      {"2026-10-03T10:00:00Z", "2026-10-03T10:30:00Z", "outage", true},
      {"2026-10-03T10:30:00Z", "2026-10-03T10:45:00Z", "outage", true},
      {"2026-10-03T10:45:00Z", "2026-10-03T11:00:00Z", "outage", true},
      {"2026-10-12T05:00:00Z", "2026-10-12T06:30:00Z", "maintenance", false},
      {"2026-10-12T06:30:00Z", "2026-10-12T07:00:00Z", "maintenance", false},
      {"2026-10-12T07:00:00Z", "2026-10-12T07:15:00Z", "outage", true},
      {"2026-10-12T07:15:00Z", "2026-10-12T07:30:00Z", "maintenance_overrun", true},
      {"2026-10-15T00:00:00Z", "2026-10-15T02:00:00Z", "outage", false},
      {"2026-10-20T10:00:00Z", "2026-10-20T10:20:00Z", "emergency_maintenance", true},
      {"2026-10-31T23:00:00Z", "2026-11-01T00:00:00Z", "outage", true},
  };
  CHECK(ledger_of(r) == expected);
  std::int64_t counted = 0;
  std::int64_t excluded = 0;
  for (const auto& entry : r["ledger"]) {
    (entry["counted"] == true ? counted : excluded) += entry["seconds"].get<std::int64_t>();
    CHECK_FALSE(entry["reason"].get<std::string>().empty());
  }
  CHECK(counted == 10200);
  CHECK(excluded == 14400);
  // The overlap is explained, not hidden.
  CHECK(r["ledger"][1]["sources"] == nlohmann::json::array({"outage/1", "outage/2"}));
  CHECK(r["ledger"][4]["sources"] == nlohmann::json::array({"maintenance/1", "outage/3"}));
  CHECK(r["ledger"][7]["category"] == "(ii)(a) causes beyond reasonable control");
}

TEST_CASE("api: GET /v1/availability: the month under way has a burn rate") {
  History f;
  // November to Nov 10 00:00Z: 9 days = 777,600 s of 2,592,000 s. Counted:
  // O5's Nov 1 00:00-01:00, 3,600 s. Budget 0.05 % of 2,592,000 = 1,296 s,
  // left 1,296 - 3,600 = -2,304 s. Burn: (3,600 / 1,296) / (777,600 /
  // 2,592,000) = 2.7777... / 0.3 = 9.2592...
  const auto r = f.json("GET", "/v1/availability?service=api&month=2026-11", 200);
  CHECK(r["total_seconds"] == 2592000);
  CHECK(r["counted_seconds"] == 3600);
  CHECK(r["error_budget_seconds"] == 1296);
  CHECK(r["error_budget_remaining_seconds"] == -2304);
  CHECK(r["elapsed_seconds"] == 777600);
  CHECK(r["burn_rate"].get<std::string>().rfind("9.259", 0) == 0);
  CHECK(r["region"].is_null());
  // No month given: the current one.
  CHECK(f.json("GET", "/v1/availability?service=api", 200) == r);
}

TEST_CASE("api: GET /v1/availability: a service other than the outages' gets the maintenance") {
  History f;
  // "voice" has no outages, but M1 and E1 name no services, so they cover
  // it: down 9,000 + 1,200 = 10,200 s; excluded 7,200 s; counted 1,800 +
  // 1,200 = 3,000 s; 2,671,200 - 3,000 = 2,668,200 of 2,671,200 = 99.8876...%.
  const auto r = f.json("GET", "/v1/availability?service=voice&month=2026-10", 200);
  CHECK(r["down_seconds"] == 10200);
  CHECK(r["excluded_seconds"] == 7200);
  CHECK(r["counted_seconds"] == 3000);
  CHECK(r["availability_percent"] == "99.8876");
  // In the EU nothing happened: 100 %.
  const auto eu = f.json("GET", "/v1/availability?service=api&region=eu&month=2026-10", 200);
  CHECK(eu["region"] == "EU");
  CHECK(eu["down_seconds"] == 0);
  CHECK(eu["availability_percent"] == "100.0000");
  CHECK(eu["met"] == true);
  CHECK(eu["ledger"].empty());
}

TEST_CASE("api: GET /v1/availability for every service and a range of months") {
  slate::domain::Policy policy;
  policy.availability.services = {"api", "billing"};
  History f(policy);
  const auto all = f.json("GET", "/v1/availability?from=2026-09&to=2026-11", 200);
  // Services: the policy's (api, billing); outages name only api, the
  // maintenance none. Three months each, service by service.
  REQUIRE(all["count"] == 6);
  std::vector<std::string> seen;
  for (const auto& report : all["reports"]) {
    seen.push_back(report["service"].get<std::string>() + " " + report["month"].get<std::string>());
  }
  CHECK(seen == std::vector<std::string>{"api 2026-09", "api 2026-10", "api 2026-11",
                                         "billing 2026-09", "billing 2026-10", "billing 2026-11"});
  CHECK(all["reports"][1]["counted_seconds"] == 10200);
  // One service, one month, asked as a range: still a list.
  CHECK(f.json("GET", "/v1/availability?service=api&from=2026-10&to=2026-10", 200)["count"] == 1);
  CHECK(f.json("GET", "/v1/availability?service=web", 400)["error"]["code"] == "unknown_service");

  CHECK(slate::app::reported_services(*f.current) == std::vector<std::string>{"api", "billing"});
}

TEST_CASE(
    "api: GET /v1/availability in a local reporting zone counts the DST month's true length") {
  slate::domain::Policy policy;
  policy.availability.reporting_zone = slate::test::zone("Europe/London");
  History f(policy);
  // October 2026 in London: from Oct 1 00:00 BST (Sep 30 23:00Z) to Nov 1
  // 00:00 GMT (Nov 1 00:00Z): 31 days and the hour given back on Oct 25 =
  // 2,682,000 s. O5 (Oct 31 23:00Z - Nov 1 01:00Z) has one hour in it.
  const auto r = f.json("GET", "/v1/availability?service=api&month=2026-10", 200);
  CHECK(r["zone"] == "Europe/London");
  CHECK(r["start"] == "2026-09-30T23:00:00Z");
  CHECK(r["end"] == "2026-11-01T00:00:00Z");
  CHECK(r["total_seconds"] == 2682000);
  CHECK(r["counted_seconds"] == 10200);
}

TEST_CASE("api: GET /v1/availability as CSV, one row per report or per ledger entry") {
  History f;
  const auto csv =
      f.send("GET", "/v1/availability?service=api&month=2026-10", "", {{"Accept", "text/csv"}});
  REQUIRE(csv.status == 200);
  CHECK(slate::api::find_field(csv.headers, "Content-Type") ==
        "text/csv; charset=utf-8; header=present");
  CHECK(csv.body.rfind("service,region,month,start,end,total_seconds,", 0) == 0);
  CHECK(csv.body.find("\r\napi,,2026-10,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,2678400,24600,"
                      "14400,10200,99.6171,99.9500,false,1332,-8868,,,,") != std::string::npos);

  const auto ledger = f.send("GET", "/v1/availability?service=api&month=2026-10&rows=ledger", "",
                             {{"Accept", "text/csv, application/json;q=0.5"}});
  REQUIRE(ledger.status == 200);
  std::size_t lines = 0;
  for (const char c : ledger.body) {
    lines += c == '\n' ? 1 : 0;
  }
  CHECK(lines == 11); // the header and ten ledger entries
  CHECK(ledger.body.find("api,,2026-10,2026-10-20T10:00:00Z,2026-10-20T10:20:00Z,1200,"
                         "emergency_maintenance,true,,") != std::string::npos);

  // format=csv for links; JSON when Accept prefers it.
  CHECK(f.send("GET", "/v1/availability?service=api&month=2026-10&format=csv").body == csv.body);
  CHECK(slate::api::find_field(f.send("GET", "/v1/availability?service=api", "",
                                      {{"Accept", "application/json, text/csv"}})
                                   .headers,
                               "Content-Type") == "application/json");
}

TEST_CASE("api: GET /v1/availability refuses what it cannot answer, listing every problem") {
  WriteFixture f;
  struct Case {
    const char* query;
    const char* fields; // of the problems, in order
  };
  const Case cases[] = {
      {"?month=2026-13", "month"},
      {"?month=2026-10&from=2026-01", "month"},
      {"?from=2026-01", "to"},
      {"?to=2026-01", "from"},
      {"?from=2026-05&to=2026-04", "to"},
      {"?from=2010-01&to=2026-01", "to"},
      {"?month=2026-12", "month"}, // not begun on Nov 10
      {"?from=2026-10&to=2027-01", "to"},
      {"?region=XX&service=&month=x", "service,region,month"},
      {"?rows=ledger", "rows"},
      {"?format=xml&rows=all", "format,rows"},
      {"?months=3", "months"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.query);
    const auto body = f.json("GET", std::string("/v1/availability") + c.query, 400);
    std::string fields;
    if (body.contains("errors")) {
      for (const auto& problem : body["errors"]) {
        fields += (fields.empty() ? "" : ",") + problem["field"].get<std::string>();
      }
    } else {
      fields = body["error"]["field"];
    }
    CHECK(fields == c.fields);
  }
  // Nothing recorded and no services listed: an empty list.
  const auto none = f.json("GET", "/v1/availability?month=2026-10", 200);
  CHECK(none["count"] == 0);
}

TEST_SUITE_END();
