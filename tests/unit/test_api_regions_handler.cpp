#include <slate/api/regions_handler.hpp>

#include <support/api_fixture.hpp>

#include <doctest/doctest.h>

using slate::test::ApiFixture;

TEST_CASE("api::RegionsHandler lists every region with its window rules") {
  const ApiFixture api;
  const auto response = api.request("/v1/regions");
  REQUIRE(response.status == 200);
  const auto body = nlohmann::json::parse(response.body);
  CHECK(body["home_zone"] == "Asia/Kolkata");
  REQUIRE(body["regions"].size() == 6);
  std::vector<std::string> ids;
  for (const auto& region : body["regions"]) {
    ids.push_back(region["id"]);
  }
  CHECK(ids == std::vector<std::string>{"IN", "AU", "US", "EU", "DC", "OLD"});

  const auto& us = body["regions"][2];
  CHECK(us["name"] == "United States");
  REQUIRE(us["windows"].size() == 1);
  CHECK(us["windows"][0] == nlohmann::json::parse(R"({
    "uid": "us-window", "summary": "US maintenance window", "zone": "America/New_York",
    "days": ["Mon"], "local_start": "01:00", "local_end": "03:00", "crosses_midnight": false,
    "nominal_duration_seconds": 7200, "first_day": null, "last_day": null, "alternates": []})"));
}

TEST_CASE("api::RegionsHandler shows midnight crossings, alternates and limits") {
  const ApiFixture api;
  const auto body = api.get_json("/v1/regions");
  const auto& india = body["regions"][0]["windows"][0];
  CHECK(india["crosses_midnight"] == true);
  CHECK(india["local_start"] == "23:30");
  CHECK(india["local_end"] == "01:30");
  CHECK(india["nominal_duration_seconds"] == 7200);

  const auto& australia = body["regions"][1]["windows"][0];
  REQUIRE(australia["alternates"].size() == 1);
  CHECK(australia["alternates"][0]["label"] == "as written in IST");
  CHECK(australia["alternates"][0]["zone"] == "Asia/Kolkata");
  CHECK(australia["alternates"][0]["local_start"] == "20:00");
  CHECK(australia["alternates"][0]["nominal_duration_seconds"] == 9000);

  const auto& dc = body["regions"][4]["windows"];
  CHECK(dc[0]["days"] == nlohmann::json::array({"Sun"}));
  CHECK(dc[1]["nominal_duration_seconds"] == 4 * 3600);

  CHECK(body["regions"][5]["windows"][0]["last_day"] == "2020-01-06");
}
