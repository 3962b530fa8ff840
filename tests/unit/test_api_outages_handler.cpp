// /v1/outages and /v1/import through the router, as slated serves them.
#include "api_write_fixture.hpp"

#include <doctest/doctest.h>

#include <string>

using slate::test::WriteFixture;

namespace {

const std::string k_voice_us =
    R"({"service": "voice", "regions": ["us"], "start": "2026-11-09T23:00:00Z"})";

std::string header(const slate::api::Response& response, const std::string& name) {
  const auto value = slate::api::find_field(response.headers, name);
  return value ? std::string(*value) : std::string();
}

} // namespace

TEST_SUITE_BEGIN("api");

TEST_CASE("api: POST /v1/outages records an outage; GET shows it") {
  WriteFixture f;
  const auto response = f.send("POST", "/v1/outages", k_voice_us);
  REQUIRE(response.status == 201);
  const auto body = nlohmann::json::parse(response.body);
  const auto id = body["outage"]["id"].get<std::int64_t>();
  CHECK(header(response, "Location") == "/v1/outages/" + std::to_string(id));
  CHECK(body["outage"]["regions"] == nlohmann::json::array({"US"}));
  CHECK(body["outage"]["open"] == true);
  CHECK(body["outage"]["created_by"] == "ops");
  CHECK(body["outage"]["cause"] == "internal");
  CHECK(body["outage"]["exclusion"].is_null());

  const auto shown = f.json("GET", "/v1/outages/" + std::to_string(id), 200);
  CHECK(shown["outage"] == body["outage"]);
  const auto listed = f.json("GET", "/v1/outages", 200);
  CHECK(listed["count"] == 1);
  CHECK(listed["total"] == 1);
  CHECK(listed["outages"][0] == body["outage"]);
}

TEST_CASE("api: POST /v1/outages needs a token and a valid body") {
  WriteFixture f;
  CHECK(f.send("POST", "/v1/outages", k_voice_us, {}, "").status == 401);
  CHECK(f.send("POST", "/v1/outages", k_voice_us, {}, "wrong").status == 401);
  const auto missing = f.json("POST", "/v1/outages", 400, "{}");
  CHECK(missing["errors"].size() == 2);
  const auto unknown =
      f.json("POST", "/v1/outages", 422, R"({"service": "voice", "regions": ["XX"]})");
  CHECK(unknown["error"]["code"] == "unknown_region");
  CHECK(unknown["error"]["field"] == "regions");
  const auto future = f.json("POST", "/v1/outages", 400,
                             R"({"service": "voice", "regions": ["US"],
                                 "start": "2026-11-10T00:00:01Z"})");
  CHECK(future["error"]["code"] == "time_in_future");
  CHECK(f.send("POST", "/v1/outages?dry_run=1", k_voice_us).status == 400);
  CHECK(f.json("GET", "/v1/outages", 200)["count"] == 0);
}

TEST_CASE("api: a policy that lists its services refuses others, naming them") {
  slate::domain::Policy policy;
  policy.availability.services = {"api", "voice"};
  WriteFixture f(policy);
  const auto refused =
      f.json("POST", "/v1/outages", 400, R"({"service": "web", "regions": ["US"]})");
  CHECK(refused["error"]["code"] == "unknown_service");
  CHECK(refused["error"]["message"] ==
        "service 'web' is not one that policy 'uniphore' lists: api, voice");
  CHECK(f.send("POST", "/v1/outages", R"({"service": "api", "regions": ["US"]})").status == 201);
}

TEST_CASE("api: POST /v1/outages with an Idempotency-Key answers a retry with the first") {
  WriteFixture f;
  const slate::api::Fields key{{"Idempotency-Key", "one"}};
  const auto first = f.json("POST", "/v1/outages", 201, k_voice_us, key);
  const auto again = f.json("POST", "/v1/outages", 200, k_voice_us, key);
  CHECK(again == first);
  CHECK(f.json("POST", "/v1/outages", 422, k_voice_us + " ", key)["error"]["code"] ==
        "idempotency_key_reused");
}

TEST_CASE("api: POST /v1/outages/{id}/resolve ends it once") {
  WriteFixture f;
  const auto id = std::to_string(
      f.json("POST", "/v1/outages", 201, k_voice_us)["outage"]["id"].get<std::int64_t>());
  const std::string path = "/v1/outages/" + id + "/resolve";
  CHECK(f.send("POST", path, "", {}, "").status == 401);
  CHECK(f.json("POST", path, 400, R"({"end": "soon"})")["error"]["field"] == "end");
  CHECK(f.json("POST", path, 400, R"({"end": "2026-11-09T22:00:00Z"})")["error"]["code"] ==
        "invalid_field");
  f.now = slate::test::utc("2026-11-10T00:30:00Z");
  const auto resolved = f.json("POST", path, 200, R"({"cause": "force_majeure"})");
  CHECK(resolved["outage"]["end"] == "2026-11-10T00:30:00Z");
  CHECK(resolved["outage"]["open"] == false);
  CHECK(resolved["outage"]["exclusion"] == "(ii)(a) causes beyond reasonable control");
  const auto again = f.json("POST", path, 409);
  CHECK(again["error"]["code"] == "invalid_transition");
  CHECK(again["error"]["field"] == "state");
  CHECK(f.send("POST", "/v1/outages/999/resolve").status == 404);
  CHECK(f.send("POST", "/v1/outages/abc/resolve").status == 404);
}

TEST_CASE("api: GET /v1/outages filters and limits, newest first") {
  WriteFixture f;
  // Ids 1..6: voice in US, api in IN, alternately; 1, 2 resolved.
  for (int i = 0; i < 6; ++i) {
    const std::string body =
        i % 2 == 0 ? R"({"service": "voice", "regions": ["US", "EU"], "start": "2026-11-0)" +
                         std::to_string(i + 1) + R"(T00:00:00Z")" +
                         (i < 2 ? R"(, "end": "2026-11-01T01:00:00Z"})" : "}")
                   : R"({"service": "api", "regions": ["IN"], "start": "2026-11-0)" +
                         std::to_string(i + 1) + R"(T00:00:00Z")" +
                         (i < 2 ? R"(, "end": "2026-11-02T01:00:00Z"})" : "}");
    REQUIRE(f.send("POST", "/v1/outages", body).status == 201);
  }
  const auto ids = [&](const std::string& query) {
    std::vector<std::int64_t> out;
    const auto listed = f.json("GET", "/v1/outages" + query, 200);
    for (const auto& outage : listed["outages"]) {
      out.push_back(outage["id"].get<std::int64_t>());
    }
    return out;
  };
  using Ids = std::vector<std::int64_t>;
  CHECK(ids("") == Ids{6, 5, 4, 3, 2, 1});
  CHECK(ids("?service=voice") == Ids{5, 3, 1});
  CHECK(ids("?region=eu") == Ids{5, 3, 1});
  CHECK(ids("?state=open") == Ids{6, 5, 4, 3});
  CHECK(ids("?state=resolved&service=api") == Ids{2});
  CHECK(ids("?limit=2") == Ids{6, 5});
  CHECK(ids("?from=2026-11-04T00:00:00Z") == Ids{6, 5, 4, 3});
  CHECK(ids("?to=2026-11-02T00:00:01Z") == Ids{2, 1});
  CHECK(ids("?service=none") == Ids{});
  const auto limited = f.json("GET", "/v1/outages?limit=2", 200);
  CHECK(limited["count"] == 2);
  CHECK(limited["total"] == 6);
  const auto bad = f.json("GET", "/v1/outages?limit=0&state=gone&region=XX&from=x&colour=1", 400);
  CHECK(bad["error"]["code"] == "parameter_unknown");
  CHECK(f.json("GET", "/v1/outages?limit=0&state=gone&region=XX&from=x", 400)["errors"].size() ==
        4);
  CHECK(f.send("GET", "/v1/outages/0").status == 404);
  CHECK(f.send("GET", "/v1/outages/1?x=1").status == 400);
}

TEST_CASE("api: POST /v1/import stores all of it, or nothing and every problem") {
  WriteFixture f;
  const std::string good = R"({
    "maintenances": [
      {"title": "Upgrade", "regions": ["US"], "start": "2025-11-03T06:00:00Z",
       "end": "2025-11-03T07:00:00Z", "announced_at": "2025-10-01T00:00:00Z",
       "actual_start": "2025-11-03T06:05:00Z", "actual_end": "2025-11-03T07:30:00Z"}],
    "outages": [
      {"service": "api", "regions": ["US"], "start": "2025-11-05T00:00:00Z",
       "end": "2025-11-05T00:10:00Z"},
      {"service": "api", "regions": ["IN"], "start": "2025-11-06T00:00:00Z",
       "end": "2025-11-06T00:10:00Z", "cause": "customer"}]})";
  std::string bad = good;
  bad.replace(bad.find(R"(["IN"])"), 6, R"(["XX"])");
  const auto refused = f.json("POST", "/v1/import", 422, bad);
  CHECK(refused["error"]["field"] == "outages[1].regions");
  CHECK(f.json("GET", "/v1/outages", 200)["total"] == 0);
  CHECK(f.json("GET", "/v1/maintenances", 200)["count"] == 0);

  CHECK(f.send("POST", "/v1/import", good, {}, "").status == 401);
  const slate::api::Fields key{{"Idempotency-Key", "history-1"}};
  const auto imported = f.json("POST", "/v1/import", 201, good, key);
  CHECK(imported == nlohmann::json::parse(R"({"maintenances": [1], "outages": [1, 2]})"));
  CHECK(f.json("POST", "/v1/import", 200, good, key) == imported);
  const auto maintenance = f.json("GET", "/v1/maintenances/1", 200)["maintenance"];
  CHECK(maintenance["state"] == "completed");
  CHECK(maintenance["announced_at"] == "2025-10-01T00:00:00Z");
  CHECK(maintenance["started_at"] == "2025-11-03T06:05:00Z");
  CHECK(maintenance["finished_at"] == "2025-11-03T07:30:00Z");
  CHECK(maintenance["end"] == "2025-11-03T07:30:00Z");
  CHECK(f.json("GET", "/v1/outages/2", 200)["outage"]["imported"] == true);
  CHECK(f.database->audit_log(1)[0].action == "import");

  const auto shape = f.json("POST", "/v1/import", 400, R"({"outages": [{"service": "api"}]})");
  CHECK(shape["errors"][0]["field"] == "outages[0].regions");
  CHECK(shape["errors"][1]["field"] == "outages[0].start");
  CHECK(f.json("POST", "/v1/import", 400, "{}")["error"]["code"] == "missing_field");
}

TEST_SUITE_END();
