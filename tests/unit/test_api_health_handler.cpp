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
