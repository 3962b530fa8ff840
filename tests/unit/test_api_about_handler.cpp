#include <slate/api/about_handler.hpp>

#include <support/api_fixture.hpp>

#include <doctest/doctest.h>

using slate::test::ApiFixture;

namespace {

slate::formats::About sample_about() {
  return {"1.2.3", "0123456789ab", "2025b", slate::test::utc("2030-01-07T08:00:00Z")};
}

} // namespace

TEST_CASE("api::AboutHandler shows the build, the tz database, the policy and the start") {
  ApiFixture api;
  api.router.add("/v1/about", std::make_unique<slate::api::AboutHandler>(sample_about()));
  const auto response = api.request("/v1/about");
  CHECK(response.status == 200);
  CHECK(nlohmann::json::parse(response.body) ==
        nlohmann::json{{"version", "1.2.3"},
                       {"commit", "0123456789ab"},
                       {"tz_database", "2025b"},
                       {"policy", "uniphore"},
                       {"started", "2030-01-07T08:00:00Z"}});
}

TEST_CASE("api::AboutHandler refuses query parameters like every resource") {
  ApiFixture api;
  api.router.add("/v1/about", std::make_unique<slate::api::AboutHandler>(sample_about()));
  const auto response = api.request("/v1/about?verbose=1");
  CHECK(response.status == 400);
  CHECK(nlohmann::json::parse(response.body)["error"]["field"] == "verbose");
}
