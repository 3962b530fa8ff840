#include <slate/api/error.hpp>

#include <slate/api/request.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <stdexcept>

using slate::api::error_response;
using slate::api::find_field;
using slate::api::status_for;
using slate::domain::Code;
using slate::domain::Problem;
using slate::domain::Problems;

TEST_CASE("api::status_for maps problem codes to HTTP statuses") {
  CHECK(status_for("region_unknown") == 400);
  CHECK(status_for("time_invalid") == 400);
  CHECK(status_for("not_found") == 404);
  CHECK(status_for("method_not_allowed") == 405);
  CHECK(status_for("body_too_large") == 413);
  CHECK(status_for("headers_too_large") == 431);
  CHECK(status_for("internal") == 500);
  CHECK(status_for("unavailable") == 503);
}

TEST_CASE("api::error_response gives the one JSON error shape") {
  const auto response =
      error_response(Problem{Code::region_unknown, "region", "unknown region 'XX'"});
  CHECK(response.status == 400);
  CHECK(find_field(response.headers, "Content-Type") == "application/json");
  const auto body = nlohmann::json::parse(response.body);
  CHECK(
      body ==
      nlohmann::json::parse(
          R"({"error": {"code": "region_unknown", "message": "unknown region 'XX'", "field": "region"}})"));
}

TEST_CASE("api::error_response writes null for no field and lists several problems") {
  const auto single =
      nlohmann::json::parse(error_response(Problem{Code::not_found, "", "gone"}).body);
  CHECK(single["error"]["field"].is_null());
  CHECK_FALSE(single.contains("errors"));

  const auto several = error_response(
      Problems{{Code::time_invalid, "from", "a"}, {Code::zone_abbreviation, "tz", "b"}});
  CHECK(several.status == 400);
  const auto body = nlohmann::json::parse(several.body);
  CHECK(body["error"]["field"] == "from");
  REQUIRE(body["errors"].size() == 2);
  CHECK(body["errors"][1]["field"] == "tz");
}

TEST_CASE("api::error_response hides the text of an unexpected exception") {
  const auto response = error_response(std::runtime_error("secret detail"));
  CHECK(response.status == 500);
  CHECK(response.body.find("secret") == std::string::npos);
  CHECK(nlohmann::json::parse(response.body)["error"]["code"] == "internal");
}

TEST_CASE("api::error_response survives bytes that are not UTF-8") {
  const auto response =
      error_response(Problem{Code::parameter_unknown, "\xff\xfe", "unknown '\xc3'"});
  CHECK(response.status == 400);
  CHECK(nlohmann::json::accept(response.body));
}
