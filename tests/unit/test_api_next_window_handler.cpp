#include <slate/api/next_window_handler.hpp>

#include <support/api_fixture.hpp>

#include <doctest/doctest.h>

using slate::test::ApiFixture;

TEST_CASE("api::NextWindowHandler finds the first occurrence starting at or after") {
  const ApiFixture api;
  struct Row {
    const char* after;
    const char* start;
    const char* local_start;
  };
  const Row rows[] = {
      {"2026-03-03T00:00:00Z", "2026-03-09T05:00:00Z", "2026-03-09T01:00:00-04:00"},
      {"2026-03-09T05:00:00Z", "2026-03-09T05:00:00Z", "2026-03-09T01:00:00-04:00"},
      // One second after a start, that occurrence is under way, not next.
      {"2026-03-09T05:00:01Z", "2026-03-16T05:00:00Z", "2026-03-16T01:00:00-04:00"},
      {"2026-10-27T00:00:00Z", "2026-11-02T06:00:00Z", "2026-11-02T01:00:00-05:00"},
      {"2026-03-08T20:00:00-05:00", "2026-03-09T05:00:00Z", "2026-03-09T01:00:00-04:00"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.after);
    std::string after = row.after;
    // '+' need not be escaped in slated's queries, but '-' never needs it.
    const auto body = api.get_json("/v1/windows/next?region=US&after=" + after);
    REQUIRE(body["window"].is_object());
    CHECK(body["window"]["start"] == row.start);
    CHECK(body["window"]["local_start"] == row.local_start);
    CHECK(body["window"]["window"] == "us-window");
    CHECK(body["defaults_applied"] == nlohmann::json::object());
  }
}

TEST_CASE("api::NextWindowHandler defaults after to now and looks a year ahead") {
  const ApiFixture api("2026-03-03T12:00:00Z");
  const auto body = api.get_json("/v1/windows/next?region=EU&tz=America/New_York");
  CHECK(body["after"] == "2026-03-03T12:00:00Z");
  CHECK(body["horizon"] == "2027-03-04T12:00:00Z");
  CHECK(body["defaults_applied"] == nlohmann::json{{"after", "now"}});
  CHECK(body["window"]["start"] == "2026-03-04T02:30:00Z");
  CHECK(body["window"]["local_start"] == "2026-03-04T02:30:00+00:00");
  CHECK(body["window"]["start_abbreviation"] == "GMT");
  CHECK(body["window"]["tz"]["local_start"] == "2026-03-03T21:30:00-05:00");
  CHECK_FALSE(body.contains("reason"));
}

TEST_CASE("api::NextWindowHandler answers null with a reason when no window is ahead") {
  const ApiFixture api;
  const auto response = api.request("/v1/windows/next?region=OLD");
  CHECK(response.status == 200);
  const auto body = nlohmann::json::parse(response.body);
  CHECK(body["window"].is_null());
  const std::string reason = body["reason"];
  CHECK(reason.find("no window of region OLD") != std::string::npos);
}

TEST_CASE("api::NextWindowHandler answers bad input with 400 naming the field") {
  const ApiFixture api;
  struct Row {
    const char* query;
    const char* field;
  };
  const Row rows[] = {
      {"region=Mars", "region"},
      {"after=2026-01-01T00:00:00Z", "region"},
      {"region=US&after=next+monday", "after"},
      {"region=US&after=2026-01-01T00:00:00Z&after=2026-02-01T00:00:00Z", "after"},
      {"region=US&from=2026-01-01T00:00:00Z", "from"},
      {"region=US&tz=BST", "tz"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.query);
    const auto response = api.request(std::string("/v1/windows/next?") + row.query);
    CHECK(response.status == 400);
    CHECK(nlohmann::json::parse(response.body)["error"]["field"] == row.field);
  }
}
