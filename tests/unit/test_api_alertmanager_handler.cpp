// The Alertmanager routes without sockets (api/alertmanager_handler): the
// time intervals document and the webhook's authentication.
#include <slate/api/alertmanager_handler.hpp>

#include <support/api_fixture.hpp>

#include <doctest/doctest.h>

using slate::test::ApiFixture;

TEST_CASE("api::TimeIntervalsHandler answers the windows as Alertmanager time intervals") {
  const ApiFixture api;
  const auto response = api.request("/v1/integrations/alertmanager/time-intervals.yaml");
  CHECK(response.status == 200);
  CHECK(slate::api::find_field(response.headers, "Content-Type") ==
        std::optional<std::string_view>("application/yaml; charset=utf-8"));
  CHECK(response.body.find("\ntime_intervals:\n") != std::string::npos);
  CHECK(response.body.find("slated-window-US") != std::string::npos);
  CHECK(response.body.find("location: \"America/New_York\"") != std::string::npos);
}

TEST_CASE("api::TimeIntervalsHandler refuses query parameters") {
  const ApiFixture api;
  CHECK(api.request("/v1/integrations/alertmanager/time-intervals.yaml?x=1").status == 400);
}

TEST_CASE("api::Router authorises a route with its own authenticator by it alone") {
  ApiFixture api;
  api.router.set_writer(nullptr, [](std::string_view token) -> slate::domain::Result<std::string> {
    if (token == "write") {
      return std::string("ops");
    }
    return slate::domain::Problem{slate::domain::Code::unauthorized, "Authorization", "no"};
  });
  api.router.add(
      "POST", "/v1/integrations/alertmanager",
      [](std::string_view token) -> slate::domain::Result<std::string> {
        if (token == "am") {
          return std::string("alertmanager");
        }
        return slate::domain::Problem{slate::domain::Code::unauthorized, "Authorization", "no"};
      },
      std::make_unique<slate::api::AlertmanagerWebhookHandler>());
  const auto post = [&](const std::string& target, const std::string& token) {
    auto made = slate::api::make_request("POST", target, {{"Authorization", "Bearer " + token}},
                                         R"({"version":"4","alerts":[]})");
    REQUIRE(made.ok());
    return api.router.handle(made.value()).status;
  };
  CHECK(post("/v1/integrations/alertmanager", "write") == 401);
  // Accepted; without a writer the router answers 503.
  CHECK(post("/v1/integrations/alertmanager", "am") == 503);
  CHECK(post("/v1/outages", "am") == 401);
  CHECK(post("/v1/outages", "write") == 503);
}
