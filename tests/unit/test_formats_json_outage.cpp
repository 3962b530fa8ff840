#include <slate/formats/json_outage.hpp>

#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <string>

using slate::domain::MaintenanceKind;
using slate::domain::MaintenanceState;
using slate::domain::Outage;
using slate::domain::OutageCause;
using slate::domain::OutageImpact;
using slate::domain::Problems;
using slate::formats::outage_json;
using slate::formats::parse_import_request;
using slate::formats::parse_outage_request;
using slate::formats::parse_resolve_request;
using slate::test::utc;

namespace {

// "field:code" of every problem, in order.
std::string fields(const Problems& problems) {
  std::string out;
  for (const auto& problem : problems) {
    out += (out.empty() ? "" : ", ") + problem.field + ":" + problem.code;
  }
  return out;
}

} // namespace

TEST_SUITE_BEGIN("formats");

TEST_CASE("formats::outage_json shows every field, an open end as null") {
  Outage o;
  o.id = 7;
  o.service = "voice";
  o.regions = {"US", "EU"};
  o.start = utc("2026-10-03T10:00:00Z");
  o.impact = OutageImpact::partial;
  o.cause = OutageCause::force_majeure;
  o.description = "Flood";
  o.created_at = utc("2026-10-03T10:05:00Z");
  o.created_by = "oncall";
  CHECK(outage_json(o, std::string("(ii)(a) causes beyond reasonable control")).dump() ==
        R"({"id":7,"service":"voice","regions":["US","EU"],"start":"2026-10-03T10:00:00Z",)"
        R"("end":null,"open":true,"impact":"partial","cause":"force_majeure",)"
        R"("exclusion":"(ii)(a) causes beyond reasonable control","description":"Flood",)"
        R"("created_at":"2026-10-03T10:05:00Z","created_by":"oncall","imported":false})");
  o.end = utc("2026-10-03T11:00:00Z");
  o.imported = true;
  const auto shown = outage_json(o, std::nullopt);
  CHECK(shown["end"] == "2026-10-03T11:00:00Z");
  CHECK(shown["open"] == false);
  CHECK(shown["exclusion"].is_null());
  CHECK(shown["imported"] == true);
}

TEST_CASE("formats::parse_outage_request reads every member and the defaults") {
  const auto full = parse_outage_request(
      R"({"service": "voice", "regions": ["US", "eu"], "start": "2026-10-03T15:30:00+05:30",
          "end": "2026-10-03T11:00:00Z", "impact": "partial", "cause": "customer",
          "description": "Customer firewall"})");
  REQUIRE(full.ok());
  CHECK(full->service == "voice");
  CHECK(full->regions == std::vector<std::string>{"US", "eu"});
  CHECK(full->start == utc("2026-10-03T10:00:00Z"));
  CHECK(full->end == utc("2026-10-03T11:00:00Z"));
  CHECK(full->impact == OutageImpact::partial);
  CHECK(full->cause == OutageCause::customer);
  CHECK(full->description == "Customer firewall");

  const auto least = parse_outage_request(R"({"service": "api", "regions": ["IN"]})");
  REQUIRE(least.ok());
  CHECK_FALSE(least->start.has_value());
  CHECK_FALSE(least->end.has_value());
  CHECK(least->impact == OutageImpact::major);
  CHECK(least->cause == OutageCause::internal);
  CHECK(least->description.empty());
}

TEST_CASE("formats::parse_outage_request lists every problem") {
  struct Row {
    const char* body;
    const char* expected;
  };
  const Row rows[] = {
      {"", "body:malformed_json"},
      {"[]", "body:malformed_json"},
      {"{}", "service:missing_field, regions:missing_field"},
      {R"({"service": "web api", "regions": []})", "service:invalid_field, regions:invalid_field"},
      {R"({"service": "api", "regions": ["US", "us"]})", "regions:invalid_field"},
      {R"({"service": "api", "regions": ["US"], "impact": "total", "cause": "aliens"})",
       "impact:invalid_field, cause:invalid_field"},
      {R"({"service": "api", "regions": ["US"], "start": "2026-10-03T10:00:00Z",
           "end": "2026-10-03T09:00:00Z"})",
       "end:invalid_field"},
      {R"({"service": "api", "regions": ["US"], "start": "yesterday"})", "start:time_invalid"},
      {R"({"service": 5, "regions": ["US"], "severity": 1})",
       "severity:unknown_field, service:invalid_field"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.body);
    const auto parsed = parse_outage_request(row.body);
    REQUIRE_FALSE(parsed.ok());
    CHECK(fields(parsed.problems()) == row.expected);
  }
  const auto cause = parse_outage_request(R"({"service": "a", "regions": ["US"], "cause": "x"})");
  CHECK(cause.problems()[0].message ==
        "'cause' must be one of internal, force_majeure, third_party, customer, "
        "customer_equipment, backup, suspension, not \"x\"");
}

TEST_CASE("formats::parse_resolve_request: an empty body, or end, impact, cause, description") {
  for (const char* empty : {"", "  \n", "{}"}) {
    const auto parsed = parse_resolve_request(empty);
    REQUIRE(parsed.ok());
    CHECK_FALSE(parsed->end.has_value());
    CHECK_FALSE(parsed->cause.has_value());
  }
  const auto full = parse_resolve_request(
      R"({"end": "2026-10-03T11:00:00Z", "cause": "backup", "impact": "partial",
          "description": "Backup job"})");
  REQUIRE(full.ok());
  CHECK(full->end == utc("2026-10-03T11:00:00Z"));
  CHECK(full->cause == OutageCause::backup);
  CHECK(full->impact == OutageImpact::partial);
  CHECK(full->description == "Backup job");
  CHECK(fields(parse_resolve_request(R"({"end": 5, "at": 1})").problems()) ==
        "at:unknown_field, end:invalid_field");
}

TEST_CASE("formats::parse_import_request reads past maintenance and outages") {
  const auto parsed = parse_import_request(R"({
    "maintenances": [
      {"title": "Upgrade", "regions": ["US"], "services": ["api"],
       "start": "2025-11-03T06:00:00Z", "end": "2025-11-03T07:00:00Z",
       "announced_at": "2025-10-01T00:00:00Z",
       "actual_start": "2025-11-03T06:05:00Z", "actual_end": "2025-11-03T07:30:00Z"},
      {"kind": "emergency", "state": "cancelled", "title": "Disk", "regions": ["EU"],
       "start": "2025-11-04T06:00:00Z", "end": "2025-11-04T07:00:00Z",
       "announced_at": "2025-11-04T05:00:00Z", "disruptive": false}
    ],
    "outages": [
      {"service": "api", "regions": ["US"], "start": "2025-11-05T00:00:00Z",
       "end": "2025-11-05T00:10:00Z", "cause": "third_party"}
    ]})");
  REQUIRE(parsed.ok());
  REQUIRE(parsed->maintenances.size() == 2);
  const auto& m = parsed->maintenances[0];
  CHECK(m.kind == MaintenanceKind::scheduled);
  CHECK(m.state == MaintenanceState::completed);
  CHECK(m.span.start == utc("2025-11-03T06:00:00Z"));
  CHECK(m.announced_at == utc("2025-10-01T00:00:00Z"));
  CHECK(m.actual_start == utc("2025-11-03T06:05:00Z"));
  CHECK(m.actual_end == utc("2025-11-03T07:30:00Z"));
  CHECK(m.disruptive);
  const auto& c = parsed->maintenances[1];
  CHECK(c.kind == MaintenanceKind::emergency);
  CHECK(c.state == MaintenanceState::cancelled);
  CHECK_FALSE(c.actual_start.has_value());
  CHECK_FALSE(c.disruptive);
  REQUIRE(parsed->outages.size() == 1);
  CHECK(parsed->outages[0].cause == OutageCause::third_party);

  const auto only_outages = parse_import_request(R"({"outages": [{"service": "a", "regions": ["US"],
                                            "start": "2025-11-05T00:00:00Z"}]})");
  REQUIRE(only_outages.ok());
  CHECK(only_outages->maintenances.empty());
}

TEST_CASE("formats::parse_import_request names each problem by its item's index") {
  const auto parsed = parse_import_request(R"({
    "maintenances": [
      {"title": "Fine", "regions": ["US"], "start": "2025-11-03T06:00:00Z",
       "end": "2025-11-03T07:00:00Z", "announced_at": "2025-10-01T00:00:00Z",
       "actual_start": "2025-11-03T06:05:00Z", "actual_end": "2025-11-03T07:30:00Z"},
      {"title": "No actuals", "regions": ["US"], "start": "2025-11-03T06:00:00Z",
       "end": "2025-11-03T07:00:00Z", "announced_at": "2025-10-01T00:00:00Z"},
      {"title": "Planned", "state": "planned", "regions": ["US"], "start": "2025-11-03T06:00:00Z",
       "end": "2025-11-03T05:00:00Z", "announced_at": "2025-10-01T00:00:00Z",
       "actual_start": "2025-11-03T06:05:00Z", "actual_end": "2025-11-03T06:00:00Z"},
      {"title": "Half", "state": "cancelled", "regions": ["US"], "start": "2025-11-03T06:00:00Z",
       "end": "2025-11-03T07:00:00Z", "announced_at": "2025-10-01T00:00:00Z",
       "actual_start": "2025-11-03T06:05:00Z", "disruptive": "yes"},
      "not an object"
    ],
    "outages": [
      {"service": "api", "regions": ["US"]},
      {"service": "api", "regions": ["US"], "start": "2025-11-05T00:00:00Z", "impact": "x"}
    ]})");
  REQUIRE_FALSE(parsed.ok());
  CHECK(fields(parsed.problems()) ==
        "maintenances[1].actual_start:invalid_field, maintenances[1].actual_end:invalid_field, "
        "maintenances[2].state:invalid_field, maintenances[2].end:invalid_field, "
        "maintenances[2].actual_end:invalid_field, maintenances[3].actual_end:invalid_field, "
        "maintenances[3].disruptive:invalid_field, maintenances[4]:invalid_field, "
        "outages[0].start:missing_field, outages[1].impact:invalid_field");
  CHECK(parsed.problems()[0].message ==
        "'maintenances[1].actual_start' is required for completed maintenance: when the work "
        "really started and ended");
}

TEST_CASE("formats::parse_import_request refuses an empty, oversized or odd import") {
  CHECK(fields(parse_import_request("{}").problems()) == "body:missing_field");
  CHECK(fields(parse_import_request(R"({"maintenances": [], "outages": null})").problems()) ==
        "body:missing_field");
  CHECK(fields(parse_import_request(R"({"maintenances": {}, "blackouts": []})").problems()) ==
        "blackouts:unknown_field, maintenances:invalid_field");
  std::string big = R"({"outages": [)";
  for (std::size_t i = 0; i <= slate::formats::k_max_import_items; ++i) {
    big += (i == 0 ? "" : ",") + std::string("{}");
  }
  big += "]}";
  CHECK(fields(parse_import_request(big).problems()) == "outages:invalid_field");
}

TEST_SUITE_END();
