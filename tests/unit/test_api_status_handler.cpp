#include <slate/api/status_handler.hpp>

#include "status_fixture.hpp"

#include <nlohmann/json.hpp>

using namespace slate::test::status;
using slate::api::find_field;
using slate::domain::Instant;
using slate::domain::MaintenanceKind;
using slate::formats::ComponentStatus;
using slate::formats::Indicator;
using slate::formats::MessageTemplates;

TEST_CASE("api::StatusHandler: GET /v1/status with ETag, 304 and CORS") {
  ApiFixture api(k_now);
  const auto first = get(api, "/v1/status");
  CHECK(first.status == 200);
  CHECK(find_field(first.headers, "Content-Type") == "application/json");
  CHECK(find_field(first.headers, "Cache-Control") == "public, max-age=10");
  CHECK(find_field(first.headers, "Access-Control-Allow-Origin") == "*");
  const auto etag = find_field(first.headers, "ETag");
  REQUIRE(etag);
  CHECK(find_field(first.headers, "Last-Modified"));
  const auto body = nlohmann::json::parse(first.text());
  CHECK(body["indicator"] == "none");
  CHECK(body["regions"].size() == 6);

  const auto again = get(api, "/v1/status", {{"If-None-Match", std::string(*etag)}});
  CHECK(again.status == 304);
  CHECK(again.text().empty());
  CHECK(find_field(again.headers, "ETag") == etag);

  const auto stale = get(api, "/v1/status", {{"If-None-Match", "\"not-the-tag\""}});
  CHECK(stale.status == 200);
  CHECK(stale.text() == first.text());

  // A change the document shows gives another tag, and no 304 for the old one.
  api.snapshot = changed(api, [](slate::app::Snapshot& s) {
    s.maintenances = {maintenance(1, {"EU"}, "2026-03-03T11:00:00Z", "2026-03-03T13:00:00Z",
                                  MaintenanceState::in_progress)};
  });
  const auto after = get(api, "/v1/status", {{"If-None-Match", std::string(*etag)}});
  CHECK(after.status == 200);
  CHECK(find_field(after.headers, "ETag") != etag);
  CHECK(nlohmann::json::parse(after.text())["indicator"] == "maintenance");

  const auto refused = get(api, "/v1/status?region=US");
  CHECK(refused.status == 400);
  CHECK(nlohmann::json::parse(refused.text())["error"]["field"] == "region");
}

TEST_CASE("api::StatuspageHandler: every document, ETag and 304, links to the Host") {
  ApiFixture api(k_now);
  for (const char* path :
       {"/api/v2/summary.json", "/api/v2/status.json", "/api/v2/components.json",
        "/api/v2/scheduled-maintenances/upcoming.json",
        "/api/v2/scheduled-maintenances/active.json", "/api/v2/incidents/unresolved.json"}) {
    CAPTURE(path);
    const auto response = get(api, path, {{"Host", "status.example:8080"}});
    CHECK(response.status == 200);
    CHECK(find_field(response.headers, "Content-Type") == "application/json");
    CHECK(find_field(response.headers, "Access-Control-Allow-Origin") == "*");
    const auto body = nlohmann::json::parse(response.text());
    CHECK(body["page"]["url"] == "http://status.example:8080");
    CHECK(body["page"]["time_zone"] == "Asia/Kolkata");
    const auto etag = find_field(response.headers, "ETag");
    REQUIRE(etag);
    const auto again =
        get(api, std::string(path) + "?_=1700000000",
            {{"Host", "status.example:8080"}, {"If-None-Match", std::string(*etag)}});
    CHECK(again.status == 304);
  }
  const auto junk = get(api, "/api/v2/status.json", {{"Host", "a b\"<c>"}});
  CHECK(nlohmann::json::parse(junk.text())["page"]["url"] == "http://localhost");
  const auto summary = nlohmann::json::parse(get(api, "/api/v2/summary.json").text());
  CHECK(summary["components"].size() == 6);
  CHECK(summary["status"]["indicator"] == "none");
}

TEST_CASE("api::PageHandler: GET / is HTML with ETag and 304") {
  ApiFixture api(k_now);
  const auto page = get(api, "/?utm_source=mail");
  CHECK(page.status == 200);
  CHECK(find_field(page.headers, "Content-Type") == "text/html; charset=utf-8");
  CHECK(page.text().starts_with("<!DOCTYPE html>"));
  CHECK(page.text().find("<h2>Availability</h2>") != std::string::npos);
  const auto etag = find_field(page.headers, "ETag");
  REQUIRE(etag);
  CHECK(get(api, "/", {{"If-None-Match", std::string(*etag)}}).status == 304);
  CHECK(api.request("/", "HEAD").status == 200);
  CHECK(api.request("/", "POST").status == 405);
}

TEST_CASE("api::StatusHandler renders with the snapshot's templates") {
  const ApiFixture api(k_now);
  std::map<slate::formats::MessagePhase, slate::formats::TemplateSource> sources;
  for (const auto phase : slate::formats::all_message_phases()) {
    sources[phase] = {"t", "[{{title}}] " + std::string(to_string(phase))};
  }
  const auto custom = MessageTemplates::make(sources);
  REQUIRE(custom);
  const auto snapshot = changed(api, [&](slate::app::Snapshot& s) {
    s.templates = custom.value();
    s.maintenances = {maintenance(1, {"EU"}, "2026-03-03T11:00:00Z", "2026-03-03T13:00:00Z",
                                  MaintenanceState::in_progress)};
  });
  auto cache = std::make_shared<slate::api::RenderCache>();
  const slate::api::StatusHandler handler(cache);
  auto request = slate::api::make_request("GET", "/v1/status", {}, "");
  REQUIRE(request);
  const auto response = handler.handle(
      request.value(), slate::api::Context{snapshot, utc(k_now), nullptr, "", {}, {}});
  const auto body = nlohmann::json::parse(response.text());
  CHECK(body["regions"][3]["maintenance_in_progress"][0]["text"] == "[Work 1] in_progress");
}

TEST_CASE("api::StatusHandler: the database's state, uncached while it is away") {
  ApiFixture api(k_now);
  const auto fresh = get(api, "/v1/status");
  CHECK(nlohmann::json::parse(fresh.text())["database"] ==
        nlohmann::json{{"reachable", true}, {"stale_seconds", 0}});

  std::int64_t stale_seconds = 5;
  api.router.set_database_state([&] {
    return slate::formats::DatabaseState{false, stale_seconds};
  });
  const auto away = get(api, "/v1/status");
  CHECK(away.status == 200);
  CHECK(nlohmann::json::parse(away.text())["database"] ==
        nlohmann::json{{"reachable", false}, {"stale_seconds", 5}});
  CHECK(find_field(away.headers, "Cache-Control") == "no-store");
  CHECK(find_field(away.headers, "Warning") == "110 - \"Response is Stale\"");
  stale_seconds = 6;
  CHECK(nlohmann::json::parse(get(api, "/v1/status").text())["database"]["stale_seconds"] == 6);

  // Back: the cached document again, which never held the away state.
  api.router.set_database_state([] { return slate::formats::DatabaseState{}; });
  const auto back = get(api, "/v1/status");
  CHECK(back.text() == fresh.text());
  CHECK(find_field(back.headers, "ETag") == find_field(fresh.headers, "ETag"));
}
