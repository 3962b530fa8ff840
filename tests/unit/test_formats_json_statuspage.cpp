#include <slate/formats/json_statuspage.hpp>

#include <support/status_sample.hpp>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <regex>
#include <set>

using Json = nlohmann::ordered_json;
using slate::formats::statuspage_id;
using slate::formats::StatuspagePage;
using slate::test::sample_status;

namespace {

const StatuspagePage k_page{"Example status", "http://status.example"};

std::vector<std::string> keys_of(const Json& object) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : object.items()) {
    keys.push_back(key);
  }
  return keys;
}

using Keys = std::vector<std::string>;

// Field lists of docs/reference/statuspage-v2.md (b.3), in the order of
// the real captures (b.5, b.9).
const Keys k_page_keys{"id", "name", "url", "time_zone", "updated_at"};
const Keys k_component_keys{"id",
                            "name",
                            "status",
                            "created_at",
                            "updated_at",
                            "position",
                            "description",
                            "showcase",
                            "start_date",
                            "group_id",
                            "page_id",
                            "group",
                            "only_show_if_degraded"};
const Keys k_incident_keys{"id",         "name",          "status",      "created_at",
                           "updated_at", "monitoring_at", "resolved_at", "impact",
                           "shortlink",  "started_at",    "page_id",     "incident_updates",
                           "components"};
const Keys k_update_keys{"id",
                         "status",
                         "body",
                         "incident_id",
                         "created_at",
                         "updated_at",
                         "display_at",
                         "affected_components",
                         "deliver_notifications",
                         "custom_tweet",
                         "tweet_id"};

Keys with(Keys keys, const std::vector<std::string>& more) {
  keys.insert(keys.end(), more.begin(), more.end());
  return keys;
}

bool statuspage_time(const Json& value) {
  static const std::regex shape(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d)");
  return value.is_string() && std::regex_match(value.get<std::string>(), shape);
}

bool statuspage_like_id(const Json& value) {
  static const std::regex shape("[0-9a-z]{12}");
  return value.is_string() && std::regex_match(value.get<std::string>(), shape);
}

void check_component(const Json& component, bool group) {
  CAPTURE(component.dump());
  CHECK(keys_of(component) == (group ? with(k_component_keys, {"components"}) : k_component_keys));
  CHECK(statuspage_like_id(component["id"]));
  static const std::set<std::string> statuses{
      "operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"};
  CHECK(statuses.count(component["status"].get<std::string>()) == 1);
  CHECK(statuspage_time(component["created_at"]));
  CHECK(statuspage_time(component["updated_at"]));
  CHECK(component["position"].is_number_integer());
  CHECK(component["showcase"] == true);
  CHECK(component["start_date"].is_null());
  CHECK(component["group"] == group);
  CHECK(component["only_show_if_degraded"] == false);
}

void check_update(const Json& update, const std::string& incident_id,
                  const std::set<std::string>& statuses) {
  CAPTURE(update.dump());
  CHECK(keys_of(update) == k_update_keys);
  CHECK(statuspage_like_id(update["id"]));
  CHECK(statuses.count(update["status"].get<std::string>()) == 1);
  CHECK(update["body"].is_string());
  CHECK(update["incident_id"] == incident_id);
  CHECK(statuspage_time(update["created_at"]));
  CHECK(update["created_at"] == update["display_at"]);
  CHECK(update["deliver_notifications"] == true);
  CHECK(update["custom_tweet"].is_null());
  CHECK(update["tweet_id"].is_null());
}

} // namespace

TEST_CASE("formats::statuspage_id: twelve base-36 characters, stable and distinct") {
  CHECK(statuspage_id("maintenance/12").size() == 12);
  CHECK(statuspage_like_id(statuspage_id("maintenance/12")));
  CHECK(statuspage_id("maintenance/12") == statuspage_id("maintenance/12"));
  CHECK(statuspage_id("maintenance/12") != statuspage_id("maintenance/13"));
  CHECK(statuspage_id("component/US/api") != statuspage_id("component/EU/api"));
}

TEST_CASE("formats::render_statuspage_summary has Statuspage's shape, fields and enumerations") {
  const auto model = sample_status();
  const auto summary = Json::parse(render_statuspage_summary(model, k_page));
  CHECK(keys_of(summary) ==
        Keys{"page", "components", "incidents", "scheduled_maintenances", "status"});

  const auto& page = summary["page"];
  CHECK(keys_of(page) == k_page_keys);
  CHECK(page["id"] == statuspage_id("page/Example status"));
  CHECK(page["name"] == "Example status");
  CHECK(page["url"] == "http://status.example");
  CHECK(page["time_zone"] == "Asia/Kolkata");
  CHECK(page["updated_at"] == "2026-01-12T16:35:00.000+05:30");

  CHECK(summary["status"] ==
        Json{{"indicator", "major"}, {"description", "Partial System Outage"}});

  // Region x service: a group per region, then its services.
  const auto& components = summary["components"];
  REQUIRE(components.size() == 6);
  const std::vector<std::pair<std::string, std::string>> expected{{"United States", "major_outage"},
                                                                  {"api", "major_outage"},
                                                                  {"web", "operational"},
                                                                  {"Europe", "under_maintenance"},
                                                                  {"api", "under_maintenance"},
                                                                  {"web", "under_maintenance"}};
  for (std::size_t i = 0; i < components.size(); ++i) {
    const bool group = i % 3 == 0;
    check_component(components[i], group);
    CHECK(components[i]["name"] == expected[i].first);
    CHECK(components[i]["status"] == expected[i].second);
    CHECK(components[i]["page_id"] == page["id"]);
    if (group) {
      CHECK(components[i]["group_id"].is_null());
      CHECK(components[i]["components"] ==
            Json::array({components[i + 1]["id"], components[i + 2]["id"]}));
      CHECK(components[i]["position"] == static_cast<int>(i / 3 + 1));
    } else {
      CHECK(components[i]["group_id"] == components[i - i % 3]["id"]);
      CHECK(components[i]["position"] == static_cast<int>(i % 3));
    }
  }
  CHECK(components[0]["id"] == statuspage_id("component/US"));
  CHECK(components[1]["id"] == statuspage_id("component/US/api"));
  CHECK(components[1]["updated_at"] == "2026-01-12T16:30:00.000+05:30");

  // The open outage is an unresolved incident.
  REQUIRE(summary["incidents"].size() == 1);
  const auto& incident = summary["incidents"][0];
  CHECK(keys_of(incident) == k_incident_keys);
  CHECK(incident["id"] == statuspage_id("outage/3"));
  CHECK(incident["name"] == "Outage of api in US");
  CHECK(incident["status"] == "identified");
  CHECK(incident["impact"] == "major");
  CHECK(incident["created_at"] == "2026-01-12T16:35:00.000+05:30");
  CHECK(incident["started_at"] == "2026-01-12T16:30:00.000+05:30");
  CHECK(incident["monitoring_at"].is_null());
  CHECK(incident["resolved_at"].is_null());
  CHECK(incident["shortlink"] == "http://status.example/#outage-3");
  REQUIRE(incident["incident_updates"].size() == 1);
  const auto& update = incident["incident_updates"][0];
  check_update(update, incident["id"], {"identified"});
  CHECK(update["body"] == "API errors <500>");
  CHECK(update["affected_components"] == Json::array({Json{{"code", components[1]["id"]},
                                                           {"name", "United States api"},
                                                           {"old_status", "operational"},
                                                           {"new_status", "major_outage"}}}));
  CHECK(incident["components"] == Json::array({components[1]}));

  // Work under way, then planned work, by start.
  const auto& maintenances = summary["scheduled_maintenances"];
  REQUIRE(maintenances.size() == 2);
  const auto maintenance_keys = with(k_incident_keys, {"scheduled_for", "scheduled_until"});
  const auto& active = maintenances[0];
  CHECK(keys_of(active) == maintenance_keys);
  CHECK(active["id"] == statuspage_id("maintenance/12"));
  CHECK(active["name"] == "Database upgrade");
  CHECK(active["status"] == "in_progress");
  CHECK(active["impact"] == "major");
  CHECK(active["created_at"] == "2026-01-01T14:30:00.000+05:30");
  CHECK(active["started_at"] == "2026-01-12T15:30:00.000+05:30");
  CHECK(active["scheduled_for"] == "2026-01-12T15:30:00.000+05:30");
  CHECK(active["scheduled_until"] == "2026-01-12T19:30:00.000+05:30");
  CHECK(active["shortlink"] == "http://status.example/#maintenance-12");
  REQUIRE(active["incident_updates"].size() == 2);
  for (const auto& item : active["incident_updates"]) {
    check_update(item, active["id"], {"scheduled", "in_progress", "verifying", "completed"});
    CHECK(item["affected_components"].is_null());
  }
  CHECK(active["incident_updates"][0]["status"] == "in_progress");
  CHECK(active["incident_updates"][0]["body"] == "It has started.");
  CHECK(active["incident_updates"][1]["status"] == "scheduled");
  CHECK(active["components"] == Json::array({components[4], components[5]}));

  const auto& planned = maintenances[1];
  CHECK(keys_of(planned) == maintenance_keys);
  CHECK(planned["status"] == "scheduled");
  CHECK(planned["impact"] == "none");
  CHECK(planned["name"] == "Network <switch> & \"fibre\"");
  CHECK(planned["started_at"] == planned["scheduled_for"]);
  CHECK(planned["components"] == Json::array({components[2]}));
}

TEST_CASE("formats::render_statuspage_*: each endpoint's envelope and its filter") {
  const auto model = sample_status();
  const auto status = Json::parse(render_statuspage_status(model, k_page));
  CHECK(keys_of(status) == Keys{"page", "status"});
  CHECK(keys_of(status["status"]) == Keys{"indicator", "description"});

  const auto components = Json::parse(render_statuspage_components(model, k_page));
  CHECK(keys_of(components) == Keys{"page", "components"});
  CHECK(components["components"].size() == 6);

  const auto upcoming = Json::parse(render_statuspage_upcoming(model, k_page));
  CHECK(keys_of(upcoming) == Keys{"page", "scheduled_maintenances"});
  REQUIRE(upcoming["scheduled_maintenances"].size() == 1);
  CHECK(upcoming["scheduled_maintenances"][0]["status"] == "scheduled");

  const auto active = Json::parse(render_statuspage_active(model, k_page));
  CHECK(keys_of(active) == Keys{"page", "scheduled_maintenances"});
  REQUIRE(active["scheduled_maintenances"].size() == 1);
  CHECK(active["scheduled_maintenances"][0]["status"] == "in_progress");

  const auto unresolved = Json::parse(render_statuspage_unresolved(model, k_page));
  CHECK(keys_of(unresolved) == Keys{"page", "incidents"});
  CHECK(unresolved["incidents"].size() == 1);

  // Every document describes the same page.
  for (const auto& document : {status, components, upcoming, active, unresolved}) {
    CHECK(document["page"] == status["page"]);
  }
}

TEST_CASE("formats::render_statuspage_summary: all quiet, and regions without services") {
  auto model = sample_status();
  model.indicator = slate::formats::Indicator::none;
  model.maintenances.clear();
  model.open_outages.clear();
  model.services.clear();
  for (auto& region : model.regions) {
    region.status = slate::formats::ComponentStatus::operational;
    region.in_progress.clear();
    region.upcoming.clear();
    region.outages.clear();
    region.services = {{"", slate::formats::ComponentStatus::operational, std::nullopt, {}}};
  }
  const auto summary = Json::parse(render_statuspage_summary(model, k_page));
  CHECK(summary["status"] ==
        Json{{"indicator", "none"}, {"description", "All Systems Operational"}});
  CHECK(summary["incidents"] == Json::array());
  CHECK(summary["scheduled_maintenances"] == Json::array());
  REQUIRE(summary["components"].size() == 2);
  for (const auto& component : summary["components"]) {
    check_component(component, false);
    CHECK(component["group_id"].is_null());
    CHECK(component["status"] == "operational");
    // Nothing ever changed: the page's date.
    CHECK(component["updated_at"] == summary["page"]["updated_at"]);
  }
  CHECK(summary["components"][0]["name"] == "United States");
}

TEST_CASE("formats::render_statuspage_summary: a major outage in every region is critical") {
  auto model = sample_status();
  model.open_outages[0].regions = {"US", "EU"};
  const auto summary = Json::parse(render_statuspage_summary(model, k_page));
  CHECK(summary["incidents"][0]["impact"] == "critical");
  model.open_outages[0].impact = slate::domain::OutageImpact::partial;
  const auto partial = Json::parse(render_statuspage_summary(model, k_page));
  CHECK(partial["incidents"][0]["impact"] == "minor");
  CHECK(partial["incidents"][0]["name"] == "Partial outage of api in US, EU");
}
