#include <slate/api/health_handler.hpp>

#include <support/api_fixture.hpp>

#include <doctest/doctest.h>

using slate::test::ApiFixture;

TEST_CASE("api::HealthHandler answers ok") {
  const ApiFixture api;
  const auto response = api.request("/healthz");
  CHECK(response.status == 200);
  CHECK(nlohmann::json::parse(response.body) == nlohmann::json{{"status", "ok"}});
}

TEST_CASE("api::HealthHandler refuses query parameters like every resource") {
  const ApiFixture api;
  const auto response = api.request("/healthz?verbose=1");
  CHECK(response.status == 400);
  CHECK(nlohmann::json::parse(response.body)["error"]["field"] == "verbose");
}

TEST_CASE("api::ReadinessHandler is ready while the database answers") {
  const ApiFixture api;
  const auto response = api.request("/readyz");
  CHECK(response.status == 200);
  CHECK(nlohmann::json::parse(response.body) == nlohmann::json{{"status", "ready"}});
  CHECK(api.request("/readyz?verbose=1").status == 400);
}

TEST_CASE("api::ReadinessHandler is not ready while the database is away; health stays ok") {
  ApiFixture api;
  api.router.set_database_state([] { return slate::formats::DatabaseState{false, 7}; });
  const auto response = api.request("/readyz");
  CHECK(response.status == 503);
  CHECK(slate::api::find_field(response.headers, "Retry-After") == "3");
  const auto body = nlohmann::json::parse(response.body);
  CHECK(body["error"]["code"] == "database_unavailable");
  CHECK(body["error"]["message"].get<std::string>().find("7 s") != std::string::npos);
  CHECK(api.request("/healthz").status == 200);
}
