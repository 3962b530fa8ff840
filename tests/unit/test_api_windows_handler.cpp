#include <slate/api/windows_handler.hpp>

#include <support/api_fixture.hpp>

#include <doctest/doctest.h>

#include <cctype>
#include <map>

using slate::test::ApiFixture;

namespace {

// Return the listed occurrences keyed by their UTC start.
std::map<std::string, nlohmann::json> by_start(const nlohmann::json& body) {
  std::map<std::string, nlohmann::json> out;
  for (const auto& window : body["windows"]) {
    out[window["start"]] = window;
  }
  return out;
}

} // namespace

TEST_CASE("api::WindowsHandler lists the 52 US Mondays of 2026 across both DST changes") {
  const ApiFixture api;
  const auto response =
      api.request("/v1/windows?region=US&from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z");
  REQUIRE(response.status == 200);
  const auto body = nlohmann::json::parse(response.body);
  CHECK(body["region"] == "US");
  CHECK(body["from"] == "2026-01-01T00:00:00Z");
  CHECK(body["to"] == "2027-01-01T00:00:00Z");
  CHECK(body["defaults_applied"] == nlohmann::json::object());
  CHECK(body["count"] == 52);
  REQUIRE(body["windows"].size() == 52);

  CHECK(body["windows"][0] == nlohmann::json::parse(R"({
    "window": "us-window", "summary": "US maintenance window",
    "start": "2026-01-05T06:00:00Z", "end": "2026-01-05T08:00:00Z", "duration_seconds": 7200,
    "zone": "America/New_York",
    "local_start": "2026-01-05T01:00:00-05:00", "local_end": "2026-01-05T03:00:00-05:00",
    "start_abbreviation": "EST", "end_abbreviation": "EST"})"));

  // The Mondays around 2026-03-08 (EST -> EDT) and 2026-11-01 (EDT -> EST).
  const auto windows = by_start(body);
  struct Row {
    const char* start;
    const char* end;
    const char* local_start;
    const char* local_end;
    const char* abbreviation;
  };
  const Row rows[] = {
      {"2026-03-02T06:00:00Z", "2026-03-02T08:00:00Z", "2026-03-02T01:00:00-05:00",
       "2026-03-02T03:00:00-05:00", "EST"},
      {"2026-03-09T05:00:00Z", "2026-03-09T07:00:00Z", "2026-03-09T01:00:00-04:00",
       "2026-03-09T03:00:00-04:00", "EDT"},
      {"2026-10-26T05:00:00Z", "2026-10-26T07:00:00Z", "2026-10-26T01:00:00-04:00",
       "2026-10-26T03:00:00-04:00", "EDT"},
      {"2026-11-02T06:00:00Z", "2026-11-02T08:00:00Z", "2026-11-02T01:00:00-05:00",
       "2026-11-02T03:00:00-05:00", "EST"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.start);
    REQUIRE(windows.count(row.start) == 1);
    const auto& window = windows.at(row.start);
    CHECK(window["end"] == row.end);
    CHECK(window["local_start"] == row.local_start);
    CHECK(window["local_end"] == row.local_end);
    CHECK(window["start_abbreviation"] == row.abbreviation);
    CHECK(window["end_abbreviation"] == row.abbreviation);
  }
  for (const auto& window : body["windows"]) {
    CHECK(window["duration_seconds"] == 7200);
  }
  CHECK(body["windows"][51]["start"] == "2026-12-28T06:00:00Z");
}

TEST_CASE("api::WindowsHandler also shows times in tz") {
  const ApiFixture api;
  const auto body = api.get_json(
      "/v1/windows?region=us&from=2026-03-09T00:00:00Z&to=2026-03-10T00:00:00Z&tz=Asia/Kolkata");
  CHECK(body["region"] == "US"); // matched ignoring case, answered canonically
  REQUIRE(body["windows"].size() == 1);
  CHECK(body["windows"][0]["tz"] == nlohmann::json::parse(R"({
    "zone": "Asia/Kolkata", "local_start": "2026-03-09T10:30:00+05:30",
    "local_end": "2026-03-09T12:30:00+05:30", "start_abbreviation": "IST", "end_abbreviation": "IST"})"));
}

TEST_CASE("api::WindowsHandler shows a window crossing midnight with both local dates") {
  const ApiFixture api;
  const auto body =
      api.get_json("/v1/windows?region=IN&from=2026-01-05T00:00:00Z&to=2026-01-06T00:00:00Z");
  REQUIRE(body["windows"].size() == 1);
  CHECK(body["windows"][0]["start"] == "2026-01-05T18:00:00Z");
  CHECK(body["windows"][0]["local_start"] == "2026-01-05T23:30:00+05:30");
  CHECK(body["windows"][0]["local_end"] == "2026-01-06T01:30:00+05:30");
}

TEST_CASE("api::WindowsHandler lists occurrences overlapping [from, to), by start") {
  const ApiFixture api;
  SUBCASE("an occurrence under way at from is listed; one starting at to is not") {
    const auto body =
        api.get_json("/v1/windows?region=US&from=2026-01-05T07:00:00Z&to=2026-01-12T06:00:00Z");
    REQUIRE(body["windows"].size() == 1);
    CHECK(body["windows"][0]["start"] == "2026-01-05T06:00:00Z");
  }
  SUBCASE("an occurrence ending at from is not listed") {
    const auto body =
        api.get_json("/v1/windows?region=US&from=2026-01-05T08:00:00Z&to=2026-01-12T06:00:01Z");
    REQUIRE(body["windows"].size() == 1);
    CHECK(body["windows"][0]["start"] == "2026-01-12T06:00:00Z");
  }
  SUBCASE("an empty range lists nothing") {
    const auto body =
        api.get_json("/v1/windows?region=US&from=2026-01-05T07:00:00Z&to=2026-01-05T07:00:00Z");
    CHECK(body["count"] == 0);
  }
  SUBCASE("two windows of one region are merged in order") {
    const auto body =
        api.get_json("/v1/windows?region=DC&from=2026-01-01T00:00:00Z&to=2026-01-15T00:00:00Z");
    std::vector<std::string> seen;
    for (const auto& window : body["windows"]) {
      seen.push_back(window["window"].get<std::string>() + "@" +
                     window["start"].get<std::string>());
    }
    CHECK(seen == std::vector<std::string>{
                      "dc-sunday@2026-01-04T03:30:00Z", "dc-wednesday@2026-01-07T15:30:00Z",
                      "dc-sunday@2026-01-11T03:30:00Z", "dc-wednesday@2026-01-14T15:30:00Z"});
  }
}

TEST_CASE("api::WindowsHandler defaults from to now and to to 30 days later, and says so") {
  const ApiFixture api("2026-03-03T12:00:00Z");
  const auto body = api.get_json("/v1/windows?region=US");
  CHECK(body["from"] == "2026-03-03T12:00:00Z");
  CHECK(body["to"] == "2026-04-02T12:00:00Z");
  CHECK(body["defaults_applied"] == nlohmann::json{{"from", "now"}, {"to", "from + 30 days"}});
  CHECK(body["count"] == 4); // Mar 9, 16, 23, 30

  const auto only_to = api.get_json("/v1/windows?region=US&from=2026-01-01T00:00:00Z");
  CHECK(only_to["to"] == "2026-01-31T00:00:00Z");
  CHECK(only_to["defaults_applied"] == nlohmann::json{{"to", "from + 30 days"}});
}

TEST_CASE("api::WindowsHandler accepts ranges up to 3653 days (ten years) and no more") {
  const ApiFixture api;
  const auto ten =
      api.request("/v1/windows?region=US&from=2026-01-01T00:00:00Z&to=2036-01-01T00:00:00Z");
  CHECK(ten.status == 200);
  CHECK(nlohmann::json::parse(ten.body)["count"] == 522);
  // 2026-01-01 + 3653 days: the longest range accepted.
  const auto longest =
      api.request("/v1/windows?region=US&from=2026-01-01T00:00:00Z&to=2036-01-02T00:00:00Z");
  CHECK(longest.status == 200);
  const auto more =
      api.request("/v1/windows?region=US&from=2026-01-01T00:00:00Z&to=2036-01-02T00:00:01Z");
  CHECK(more.status == 400);
}

TEST_CASE("api::WindowsHandler answers bad input with 400 naming the field") {
  const ApiFixture api;
  struct Row {
    const char* query;
    const char* field;
    const char* code;
    const char* says;
  };
  const Row rows[] = {
      {"region=XX", "region", "region_unknown", "known regions: IN, AU, US, EU, DC, OLD"},
      {"", "region", "region_missing", "known regions: IN, AU"},
      {"region=", "region", "region_missing", "required"},
      {"region=US&from=tomorrow", "from", "time_invalid", "'tomorrow'"},
      {"region=US&from=", "from", "time_missing", "required"},
      {"region=US&to=2026-01-01", "to", "time_invalid", "no time of day"},
      {"region=US&from=2026-01-01T00:00:00", "from", "time_invalid", "no UTC offset"},
      {"region=US&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to", "range_reversed",
       "before 'from'"},
      {"region=US&to=2020-01-01T00:00:00Z", "to", "range_reversed", "now, as 'from' was not given"},
      {"region=US&from=2026-01-01T00:00:00Z&to=2046-01-01T00:00:00Z", "to", "range_too_long",
       "10 years"},
      {"region=US&tz=IST", "tz", "zone_abbreviation", "Asia/Kolkata"},
      {"region=US&tz=EST", "tz", "zone_abbreviation", "America/New_York"},
      {"region=US&tz=Mars/Olympus_Mons", "tz", "zone_unknown", "not a time zone"},
      {"region=US&zone=Asia/Kolkata", "zone", "parameter_unknown", "accepts region, from, to, tz"},
      {"region=US&after=2026-01-01T00:00:00Z", "after", "parameter_unknown", "/v1/windows"},
      {"region=US&region=EU", "region", "parameter_repeated", "more than once"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.query);
    const auto response = api.request(std::string("/v1/windows?") + row.query);
    CHECK(response.status == 400);
    const auto body = nlohmann::json::parse(response.body);
    CHECK(body["error"]["field"] == row.field);
    CHECK(body["error"]["code"] == row.code);
    const std::string message = body["error"]["message"];
    CAPTURE(message);
    CHECK(message.find(row.says) != std::string::npos);
  }
}

TEST_CASE("api::WindowsHandler lists every problem of a request at once") {
  const ApiFixture api;
  const auto response = api.request("/v1/windows?region=XX&from=soon&tz=IST");
  CHECK(response.status == 400);
  const auto body = nlohmann::json::parse(response.body);
  REQUIRE(body["errors"].size() == 3);
  CHECK(body["errors"][0]["field"] == "region");
  CHECK(body["errors"][1]["field"] == "from");
  CHECK(body["errors"][2]["field"] == "tz");
}

TEST_CASE("api::WindowsHandler answers at the ends of the calendar with RFC 3339 times") {
  const ApiFixture api;
  // Every timestamp in a body has a four-digit year, however far out the
  // request is: a client's RFC 3339 parser must read them all.
  const auto four_digit_years = [](const std::string& body) {
    for (std::size_t at = body.find("T"); at != std::string::npos; at = body.find("T", at + 1)) {
      // "YYYY-MM-DDTHH": the character 11 before a 'T' that ends a date
      // must not be a digit.
      if (at >= 11 && body[at - 3] == '-' && body[at - 6] == '-' &&
          std::isdigit(static_cast<unsigned char>(body[at - 11])) != 0) {
        return false;
      }
    }
    return true;
  };
  for (const char* query : {"region=US&from=1970-01-01T00:00:00Z",
                            "region=IN&from=8999-12-31T23:59:59Z&tz=Pacific/Kiritimati",
                            "region=AU&from=1970-01-01T14:00:00%2B14:00&to=1970-01-02T00:00:00Z",
                            "region=DC&from=8990-01-01T00:00:00Z&to=8999-12-31T23:59:59Z"}) {
    CAPTURE(query);
    const auto response = api.request(std::string("/v1/windows?") + query);
    CHECK(response.status == 200);
    CHECK(nlohmann::json::accept(response.body));
    CHECK(four_digit_years(response.body));
  }
  const auto next = api.request("/v1/windows/next?region=US&after=8999-12-31T23:59:59Z");
  CHECK(next.status == 200);
  CHECK(four_digit_years(next.body));
  for (const char* query : {"/v1/windows?region=US&from=9999-12-31T23:59:59Z",
                            "/v1/windows?region=US&from=0000-01-01T00:00:00Z",
                            "/v1/windows/next?region=US&after=9000-01-01T00:00:00Z"}) {
    CAPTURE(query);
    const auto refused = api.request(query);
    CHECK(refused.status == 400);
    CHECK(refused.body.find("outside the instants slated handles") != std::string::npos);
  }
}
