#include <slate/formats/json_status.hpp>

#include <support/status_sample.hpp>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

using Json = nlohmann::ordered_json;
using slate::formats::render_status;
using slate::test::sample_status;

TEST_CASE("formats::render_status: the overall state, then each region") {
  const auto body = render_status(sample_status());
  CHECK(body.back() == '\n');
  const auto document = Json::parse(body);
  std::vector<std::string> keys;
  for (const auto& [key, value] : document.items()) {
    keys.push_back(key);
  }
  CHECK(keys == std::vector<std::string>{"indicator", "description", "updated_at", "home_zone",
                                         "month", "reporting_zone", "target_percent", "services",
                                         "regions", "database"});
  CHECK(document["indicator"] == "major");
  CHECK(document["description"] == "Partial System Outage");
  CHECK(document["updated_at"] == "2026-01-12T11:05:00Z");
  CHECK(document["home_zone"] == "Asia/Kolkata");
  CHECK(document["month"] == "2026-01");
  CHECK(document["reporting_zone"] == "UTC");
  CHECK(document["target_percent"] == "99.9500");
  CHECK(document["database"] == Json{{"reachable", true}, {"stale_seconds", 0}});
  CHECK(document["services"] == Json::array({"api", "web"}));
  REQUIRE(document["regions"].size() == 2);
}

TEST_CASE("formats::render_status: a region with planned work and an open outage") {
  const auto us = Json::parse(render_status(sample_status()))["regions"][0];
  const auto expected = Json::parse(R"json({
    "id": "US", "name": "United States", "zone": "America/New_York", "status": "major_outage",
    "maintenance_in_progress": [],
    "current_window": null,
    "next_window": {"uid": "window-us-mon@slated", "summary": "US maintenance window",
      "start": "2026-01-19T06:00:00Z", "end": "2026-01-19T08:00:00Z",
      "local_start": "2026-01-19T01:00:00-05:00", "local_end": "2026-01-19T03:00:00-05:00",
      "when": "Mon 19 Jan 01:00–03:00 EST (11:30–13:30 IST)"},
    "upcoming_maintenance": [{"id": 13, "kind": "scheduled", "state": "planned",
      "title": "Network <switch> & \"fibre\"", "message": "", "services": ["web"],
      "start": "2026-01-19T06:00:00Z", "end": "2026-01-19T08:00:00Z",
      "local_start": "2026-01-19T01:00:00-05:00", "local_end": "2026-01-19T03:00:00-05:00",
      "when": "Mon 19 Jan 01:00–03:00 EST (11:30–13:30 IST)",
      "text": "Network work is announced.", "silences": []}],
    "open_outages": [{"id": 3, "service": "api", "regions": ["US"],
      "start": "2026-01-12T11:00:00Z", "local_start": "2026-01-12T06:00:00-05:00",
      "when": "Mon 12 Jan 06:00 EST (16:30 IST)", "impact": "major", "cause": "internal",
      "description": "API errors <500>"}],
    "services": [
      {"service": "api", "status": "major_outage", "availability": {"month": "2026-01",
        "availability_percent": "99.8655", "target_percent": "99.9500", "met": false,
        "down_seconds": 3600, "excluded_seconds": 0, "counted_seconds": 3600,
        "error_budget_seconds": 1339, "error_budget_remaining_seconds": -2261}},
      {"service": "web", "status": "operational", "availability": {"month": "2026-01",
        "availability_percent": "100.0000", "target_percent": "99.9500", "met": true,
        "down_seconds": 0, "excluded_seconds": 0, "counted_seconds": 0,
        "error_budget_seconds": 1339, "error_budget_remaining_seconds": 1339}}]
  })json");
  CHECK(us.dump(2) == expected.dump(2));
}

TEST_CASE("formats::render_status: a region with work under way and an open window") {
  const auto eu = Json::parse(render_status(sample_status()))["regions"][1];
  CHECK(eu["status"] == "under_maintenance");
  REQUIRE(eu["maintenance_in_progress"].size() == 1);
  const auto& work = eu["maintenance_in_progress"][0];
  CHECK(work["id"] == 12);
  CHECK(work["state"] == "in_progress");
  CHECK(work["message"] == "Sign-ins are paused.");
  CHECK(work["text"] == "Database upgrade is in progress.");
  CHECK(work["local_start"] == "2026-01-12T10:00:00+00:00");
  CHECK(work["when"] == "Mon 12 Jan 10:00–14:00 GMT (15:30–19:30 IST)");
  CHECK(eu["current_window"]["uid"] == "window-eu-extra@slated");
  CHECK(eu["next_window"]["when"] == "Wed 14 Jan 02:30–04:30 GMT (08:00–10:00 IST)");
  CHECK(eu["upcoming_maintenance"].empty());
  CHECK(eu["open_outages"].empty());
}

TEST_CASE("formats::render_status: without services the region is one, its service null") {
  auto model = sample_status();
  model.services.clear();
  for (auto& region : model.regions) {
    region.services.resize(1);
    region.services[0].service.clear();
    region.services[0].month.reset();
  }
  const auto document = Json::parse(render_status(model));
  CHECK(document["services"] == Json::array());
  CHECK(document["regions"][0]["services"][0]["service"].is_null());
  CHECK(document["regions"][0]["services"][0]["availability"].is_null());
}

TEST_CASE("formats::render_status: each indicator has Statuspage's description") {
  using slate::formats::Indicator;
  const std::pair<Indicator, const char*> rows[] = {
      {Indicator::none, "All Systems Operational"},
      {Indicator::minor, "Minor Service Outage"},
      {Indicator::major, "Partial System Outage"},
      {Indicator::critical, "Major Service Outage"},
      {Indicator::maintenance, "Service Under Maintenance"},
  };
  for (const auto& [indicator, text] : rows) {
    auto model = sample_status();
    model.indicator = indicator;
    const auto document = Json::parse(render_status(model));
    CHECK(document["indicator"] == std::string(to_string(indicator)));
    CHECK(document["description"] == text);
  }
}

TEST_CASE("formats::render_status shows a maintenance's Alertmanager silences") {
  auto model = sample_status();
  slate::domain::MaintenanceSilence silence;
  silence.silence_id = "0b7e";
  silence.status = slate::domain::SilenceStatus::active;
  model.maintenances.at(0).silences = {silence, {}};
  const auto body = render_status(model);
  CHECK(body.find(R"("silences":[{"id":"0b7e","state":"active"},{"id":null,"state":"queued"}])") !=
        std::string::npos);
}
