#include <slate/api/router.hpp>

#include <slate/api/error.hpp>
#include <slate/app/database_unavailable.hpp>

#include <support/api_fixture.hpp>

#include <doctest/doctest.h>

#include <stdexcept>

using slate::api::find_field;
using slate::test::ApiFixture;

namespace {

nlohmann::json body_of(const slate::api::Response& response) {
  return nlohmann::json::parse(response.body);
}

class Throwing final : public slate::api::Handler {
public:
  slate::api::Response handle(const slate::api::Request&,
                              const slate::api::Context&) const override {
    throw std::runtime_error("boom");
  }
};

// A handler whose database cannot be reached, as a write's store then throws.
class DatabaseAway final : public slate::api::Handler {
public:
  slate::api::Response handle(const slate::api::Request&,
                              const slate::api::Context&) const override {
    throw slate::app::DatabaseUnavailable("database postgresql://slated@db1/slated: cannot insert "
                                          "a blackout, nothing was changed: connection refused");
  }
};

} // namespace

TEST_CASE("api::Router answers an unknown path with 404 JSON") {
  const ApiFixture api;
  for (const char* target :
       {"/index.html", "/v1/region", "/v1/regions/", "/v1/windows/next/", "/HEALTHZ"}) {
    CAPTURE(target);
    const auto response = api.request(target);
    CHECK(response.status == 404);
    CHECK(body_of(response)["error"]["code"] == "not_found");
    CHECK(body_of(response)["error"]["field"] == "path");
  }
}

TEST_CASE("api::Router answers other methods with 405 and Allow") {
  const ApiFixture api;
  for (const char* method : {"POST", "PUT", "DELETE", "OPTIONS", "get", "BREW"}) {
    CAPTURE(method);
    const auto response = api.request("/v1/regions", method);
    CHECK(response.status == 405);
    CHECK(find_field(response.headers, "Allow") == "GET, HEAD");
    CHECK(body_of(response)["error"]["field"] == "method");
  }
}

TEST_CASE("api::Router answers HEAD as GET") {
  const ApiFixture api;
  const auto head = api.request("/v1/regions", "HEAD");
  CHECK(head.status == 200);
  CHECK(head.body == api.request("/v1/regions").body);
}

TEST_CASE("api::Router answers 503 without a snapshot") {
  slate::api::Router router =
      slate::api::make_api_router([] { return slate::app::SnapshotPtr{}; },
                                  [] { return slate::test::utc("2026-01-01T00:00:00Z"); });
  const auto response = router.handle(slate::api::make_request("GET", "/healthz", {}, "").value());
  CHECK(response.status == 503);
  CHECK(body_of(response)["error"]["code"] == "unavailable");
}

TEST_CASE("api::Router turns an exception into 500 and reports it") {
  std::string reported;
  slate::api::Router router([] { return std::make_shared<const slate::app::Snapshot>(); },
                            [] { return slate::test::utc("2026-01-01T00:00:00Z"); },
                            [&reported](std::string_view what) { reported = what; });
  router.add("/boom", std::make_unique<Throwing>());
  const auto response = router.handle(slate::api::make_request("GET", "/boom", {}, "").value());
  CHECK(response.status == 500);
  CHECK(reported == "boom");
  CHECK(response.body.find("boom") == std::string::npos);
}

TEST_CASE("api::Router passes the snapshot and the injected clock") {
  const ApiFixture api("2031-07-01T00:00:00Z");
  const auto body = api.get_json("/v1/windows?region=US");
  CHECK(body["from"] == "2031-07-01T00:00:00Z");
}

TEST_CASE("api::Router::writes names the requests that go to a write route") {
  const auto router = slate::api::make_api_router([] { return slate::app::SnapshotPtr{}; },
                                                  [] { return slate::domain::Instant{}; });
  const auto writes = [&](const char* method, const char* target) {
    auto request = slate::api::make_request(method, target, {}, "");
    REQUIRE(request);
    return router.writes(request.value());
  };
  CHECK(writes("POST", "/v1/maintenances"));
  CHECK(writes("POST", "/v1/maintenances/12/cancel"));
  CHECK(writes("DELETE", "/v1/blackouts/3"));
  CHECK(writes("POST", "/v1/import"));
  CHECK_FALSE(writes("GET", "/v1/maintenances"));
  CHECK_FALSE(writes("HEAD", "/v1/maintenances"));
  CHECK_FALSE(writes("POST", "/v1/regions")); // 405, answered without the writer
  CHECK_FALSE(writes("POST", "/nowhere"));
  CHECK_FALSE(writes("OPTIONS", "/v1/maintenances"));
}

TEST_CASE("api::Router::refuse_unauthorised answers a write without a valid token") {
  auto router = slate::api::make_api_router([] { return slate::app::SnapshotPtr{}; },
                                            [] { return slate::domain::Instant{}; });
  int asked = 0;
  router.set_writer(nullptr, [&](std::string_view token) -> slate::domain::Result<std::string> {
    ++asked;
    if (token == "good") {
      return std::string("ops");
    }
    return slate::domain::Problem{slate::domain::Code::unauthorized, "Authorization", "bad token"};
  });
  const auto refusal = [&](const char* method, const char* target, slate::api::Fields headers) {
    auto request = slate::api::make_request(method, target, std::move(headers), "");
    REQUIRE(request);
    return router.refuse_unauthorised(request.value());
  };

  const auto missing = refusal("POST", "/v1/maintenances", {});
  REQUIRE(missing);
  CHECK(missing->status == 401);
  CHECK(body_of(*missing)["error"]["code"] == "unauthorized");
  const auto wrong = refusal("DELETE", "/v1/blackouts/3", {{"Authorization", "Bearer bad"}});
  REQUIRE(wrong);
  CHECK(wrong->status == 401);
  CHECK(body_of(*wrong)["error"]["message"] == "bad token");
  CHECK(asked == 1);

  CHECK_FALSE(refusal("POST", "/v1/maintenances", {{"Authorization", "Bearer good"}}));
  CHECK(asked == 2);
  // Reads, unknown paths and other methods are not its business.
  CHECK_FALSE(refusal("GET", "/v1/maintenances", {}));
  CHECK_FALSE(refusal("POST", "/v1/regions", {}));
  CHECK_FALSE(refusal("POST", "/nowhere", {}));
  CHECK(asked == 2);
}

TEST_CASE("api::Router answers a database that cannot be reached with 503 and Retry-After") {
  std::string reported;
  slate::api::Router router([] { return std::make_shared<const slate::app::Snapshot>(); },
                            [] { return slate::test::utc("2026-01-01T00:00:00Z"); },
                            [&reported](std::string_view what) { reported = what; });
  router.add("/away", std::make_unique<DatabaseAway>());
  const auto response = router.handle(slate::api::make_request("GET", "/away", {}, "").value());
  CHECK(response.status == 503);
  CHECK(find_field(response.headers, "Retry-After") == "3");
  CHECK(body_of(response)["error"]["code"] == "database_unavailable");
  // Not a bug, so not reported as one; the database's address is not shown.
  CHECK(reported.empty());
  CHECK(response.body.find("db1") == std::string::npos);
}

TEST_CASE("api::Router marks reads stale while the database is away, and only then") {
  ApiFixture api;
  auto fresh = api.request("/v1/regions");
  CHECK(fresh.status == 200);
  CHECK(!find_field(fresh.headers, "Warning"));
  CHECK(!find_field(fresh.headers, "X-Slated-Stale-Seconds"));
  api.router.set_database_state([] { return slate::formats::DatabaseState{false, 42}; });
  const auto stale = api.request("/v1/regions");
  CHECK(stale.status == 200);
  CHECK(stale.body == fresh.body);
  CHECK(find_field(stale.headers, "Warning") == "110 - \"Response is Stale\"");
  CHECK(find_field(stale.headers, "X-Slated-Stale-Seconds") == "42");
  CHECK(api.request("/healthz").status == 200);
}
