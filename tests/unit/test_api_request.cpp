#include <slate/api/request.hpp>

#include <doctest/doctest.h>

using slate::api::Fields;
using slate::api::find_field;
using slate::api::make_request;
using slate::api::parse_query;

TEST_CASE("api::make_request splits the path from the decoded query") {
  const auto made =
      make_request("GET", "/v1/windows?region=US&from=2026-01-01T00%3A00%3A00Z", {}, "");
  REQUIRE(made.ok());
  CHECK(made.value().method == "GET");
  CHECK(made.value().path == "/v1/windows");
  CHECK(made.value().query == Fields{{"region", "US"}, {"from", "2026-01-01T00:00:00Z"}});
}

TEST_CASE("api::parse_query keeps '+' (an offset sent unencoded) and repeats") {
  const auto query = parse_query("after=2026-01-01T05:30:00+05:30&x=%2B01&x=2&&flag");
  REQUIRE(query.ok());
  CHECK(query.value() ==
        Fields{{"after", "2026-01-01T05:30:00+05:30"}, {"x", "+01"}, {"x", "2"}, {"flag", ""}});
  CHECK(parse_query("").value().empty());
}

TEST_CASE("api::parse_query refuses a broken percent-escape") {
  for (const char* query : {"a=%", "a=%4", "a=%zz", "%G1=1"}) {
    CAPTURE(query);
    const auto parsed = parse_query(query);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.problems().front().field == "query");
    CHECK(parsed.problems().front().code == "query_invalid");
  }
}

TEST_CASE("api::make_request refuses a target that is not a path") {
  for (const char* target : {"", "*", "http://example.com/healthz", "healthz"}) {
    CAPTURE(target);
    const auto made = make_request("GET", target, {}, "");
    REQUIRE_FALSE(made.ok());
    CHECK(made.problems().front().field == "target");
  }
  CHECK_FALSE(make_request("GET", "/x?a=%", {}, "").ok());
}

TEST_CASE("api::find_field ignores the case of header names") {
  const Fields headers{{"Content-Type", "text/plain"}, {"X-Two", "1"}, {"x-two", "2"}};
  CHECK(find_field(headers, "content-type") == "text/plain");
  CHECK(find_field(headers, "X-TWO") == "1");
  CHECK_FALSE(find_field(headers, "Accept").has_value());
}
