#include <slate/formats/json_maintenance.hpp>

#include <support/api_fixture.hpp>
#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <initializer_list>
#include <ostream>
#include <string>
#include <vector>

using slate::domain::Blackout;
using slate::domain::Maintenance;
using slate::domain::MaintenanceKind;
using slate::domain::MaintenanceState;
using slate::domain::Problems;
using slate::formats::blackout_json;
using slate::formats::check_empty_request;
using slate::formats::maintenance_json;
using slate::formats::MaintenanceView;
using slate::formats::parse_blackout_request;
using slate::formats::parse_extend_request;
using slate::formats::parse_maintenance_request;
using slate::test::iso;
using slate::test::utc;
using slate::test::zone;
using namespace std::chrono_literals;

namespace {

// Problems as "code field: message" lines, which a failed check prints in full.
struct Lines {
  Lines(std::initializer_list<std::string> list) : items(list) {}
  explicit Lines(const Problems& problems) {
    for (const auto& problem : problems) {
      items.push_back(problem.code + " " + problem.field + ": " + problem.message);
    }
  }
  std::vector<std::string> items;
  friend bool operator==(const Lines&, const Lines&) = default;
  friend std::ostream& operator<<(std::ostream& out, const Lines& lines) {
    out << "{";
    for (const auto& item : lines.items) {
      out << "\n  \"" << item << "\"";
    }
    return out << "}";
  }
};

Lines maintenance_problems(const std::string& body) {
  return Lines(parse_maintenance_request(body).problems());
}

// A valid maintenance request body with `extra` members spliced in front.
std::string body(const std::string& extra = "") {
  return "{" + extra + R"("title": "Kernel", "regions": ["US"],
           "start": "2026-03-16T05:00:00Z", "end": "2026-03-16T06:00:00Z"})";
}

constexpr const char* k_members =
    "the members are end, kind, message, regions, services, start, title";

} // namespace

TEST_CASE("formats::parse_maintenance_request reads a request") {
  SUBCASE("the required members only") {
    const auto request = parse_maintenance_request(body());
    REQUIRE(request.ok());
    CHECK(request->kind == MaintenanceKind::scheduled);
    CHECK(request->title == "Kernel");
    CHECK(request->message.empty());
    CHECK(request->regions == std::vector<std::string>{"US"});
    CHECK(request->services.empty());
    CHECK(iso(request->span.start) == "2026-03-16T05:00:00Z");
    CHECK(iso(request->span.end) == "2026-03-16T06:00:00Z");
  }
  SUBCASE("every member, times with offsets") {
    const auto request = parse_maintenance_request(R"({
      "kind": "emergency", "title": "Failover", "message": "Writes may fail.",
      "regions": ["eu", "US"], "services": ["api", "web"],
      "start": "2026-03-16T01:00:00-04:00", "end": "2026-03-16T11:30:00+05:30"})");
    REQUIRE(request.ok());
    CHECK(request->kind == MaintenanceKind::emergency);
    CHECK(request->title == "Failover");
    CHECK(request->message == "Writes may fail.");
    CHECK(request->regions == std::vector<std::string>{"eu", "US"});
    CHECK(request->services == std::vector<std::string>{"api", "web"});
    CHECK(iso(request->span.start) == "2026-03-16T05:00:00Z");
    CHECK(iso(request->span.end) == "2026-03-16T06:00:00Z");
  }
  SUBCASE("null optional members are as if absent") {
    const auto request =
        parse_maintenance_request(body(R"("kind": null, "message": null, "services": null, )"));
    REQUIRE(request.ok());
    CHECK(request->kind == MaintenanceKind::scheduled);
    CHECK(request->message.empty());
    CHECK(request->services.empty());
  }
  SUBCASE("lengths at the limits") {
    const auto request = parse_maintenance_request(
        R"({"title": ")" + std::string(200, 't') + R"(", "message": ")" + std::string(4000, 'm') +
        R"(", "regions": [")" + std::string(64, 'R') +
        R"("], "start": "2026-03-16T05:00:00Z", "end": "2026-03-16T05:00:01Z"})");
    REQUIRE(request.ok());
    CHECK(request->title.size() == 200);
    CHECK(request->message.size() == 4000);
    CHECK(request->regions.front().size() == 64);
  }
}

TEST_CASE("formats::parse_maintenance_request refuses a body that is not one JSON object") {
  const std::string not_json =
      "malformed_json body: the body is not valid JSON; send one JSON object";
  CHECK(maintenance_problems("") == Lines{not_json});
  CHECK(maintenance_problems("{") == Lines{not_json});
  CHECK(maintenance_problems("{\"title\": \"x\",}") == Lines{not_json});
  CHECK(maintenance_problems(body() + " {}") == Lines{not_json});
  CHECK(maintenance_problems("[1, 2]") ==
        Lines{"malformed_json body: the body must be a JSON object, not array"});
  CHECK(maintenance_problems("\"text\"") ==
        Lines{"malformed_json body: the body must be a JSON object, not string"});
  CHECK(maintenance_problems("null") ==
        Lines{"malformed_json body: the body must be a JSON object, not null"});
  CHECK(maintenance_problems("42") ==
        Lines{"malformed_json body: the body must be a JSON object, not number"});
}

TEST_CASE("formats::parse_maintenance_request refuses unknown members") {
  CHECK(maintenance_problems(body(R"("colour": "blue", "Title": "x", )")) ==
        Lines{std::string("unknown_field Title: unknown member 'Title'; ") + k_members,
              std::string("unknown_field colour: unknown member 'colour'; ") + k_members});
}

TEST_CASE("formats::parse_maintenance_request refuses wrong types") {
  CHECK(maintenance_problems(R"({"kind": 1, "title": 5, "message": [], "regions": "US",
      "services": {}, "start": 1700000000, "end": true})") ==
        Lines{"invalid_field kind: 'kind' must be a string, not number",
              "invalid_field title: 'title' must be a string, not number",
              "invalid_field message: 'message' must be a string, not array",
              "invalid_field regions: 'regions' must be a list of strings, such as [\"US\"]",
              "invalid_field services: 'services' must be a list of strings, such as [\"US\"]",
              "invalid_field start: 'start' must be a string, not number",
              "invalid_field end: 'end' must be a string, not boolean"});
  CHECK(maintenance_problems(R"({"title": "x", "regions": ["US", 1],
      "start": "2026-03-16T05:00:00Z", "end": "2026-03-16T06:00:00Z"})") ==
        Lines{"invalid_field regions: 'regions' must hold non-empty strings of at most 64 bytes"});
  CHECK(maintenance_problems(body(R"("kind": "planned", )")) ==
        Lines{"invalid_field kind: 'kind' must be \"scheduled\" or \"emergency\", not "
              "\"planned\""});
  CHECK(maintenance_problems(body(R"("kind": "Scheduled", )")) ==
        Lines{"invalid_field kind: 'kind' must be \"scheduled\" or \"emergency\", not "
              "\"Scheduled\""});
}

TEST_CASE("formats::parse_maintenance_request refuses missing members, all at once") {
  CHECK(maintenance_problems("{}") ==
        Lines{"missing_field title: 'title' is required",
              "missing_field regions: 'regions' is required: a list such as [\"US\"]",
              "missing_field start: 'start' is required", "missing_field end: 'end' is required"});
  CHECK(maintenance_problems(R"({"title": null, "regions": null, "start": null, "end": null})") ==
        Lines{"missing_field title: 'title' is required",
              "missing_field regions: 'regions' is required: a list such as [\"US\"]",
              "missing_field start: 'start' is required", "missing_field end: 'end' is required"});
}

TEST_CASE("formats::parse_maintenance_request refuses an end not after the start") {
  CHECK(maintenance_problems(R"({"title": "x", "regions": ["US"],
      "start": "2026-03-16T05:00:00Z", "end": "2026-03-16T01:00:00-04:00"})") ==
        Lines{"invalid_field end: 'end' (2026-03-16T05:00:00Z) must be after 'start' "
              "(2026-03-16T05:00:00Z)"});
  CHECK(maintenance_problems(R"({"title": "x", "regions": ["US"],
      "start": "2026-03-16T05:00:00Z", "end": "2026-03-16T04:59:59Z"})") ==
        Lines{"invalid_field end: 'end' (2026-03-16T04:59:59Z) must be after 'start' "
              "(2026-03-16T05:00:00Z)"});
}

TEST_CASE("formats::parse_maintenance_request refuses a time that is not RFC 3339") {
  const auto parsed = parse_maintenance_request(R"({"title": "x", "regions": ["US"],
      "start": "2026-03-16 05:00", "end": "2026-03-16T06:00:00"})");
  REQUIRE_FALSE(parsed.ok());
  REQUIRE(parsed.problems().size() == 2);
  CHECK(parsed.problems()[0].code == "time_invalid");
  CHECK(parsed.problems()[0].field == "start");
  CHECK(parsed.problems()[0].message.rfind("'2026-03-16 05:00' is not an RFC 3339 instant", 0) ==
        0);
  CHECK(parsed.problems()[1].code == "time_invalid");
  CHECK(parsed.problems()[1].field == "end");
}

TEST_CASE("formats::parse_maintenance_request refuses strings and lists out of range") {
  SUBCASE("too long strings") {
    CHECK(maintenance_problems(R"({"title": ")" + std::string(201, 't') + R"(",
        "regions": ["US"], "start": "2026-03-16T05:00:00Z", "end": "2026-03-16T06:00:00Z"})") ==
          Lines{"invalid_field title: 'title' must be 1 to 200 bytes long, not 201"});
    CHECK(maintenance_problems(body(R"("message": ")" + std::string(4001, 'm') + R"(", )")) ==
          Lines{"invalid_field message: 'message' must be 0 to 4000 bytes long, not 4001"});
    CHECK(maintenance_problems(body(R"("kind": ")" + std::string(33, 'k') + R"(", )")) ==
          Lines{"invalid_field kind: 'kind' must be 0 to 32 bytes long, not 33"});
    CHECK(maintenance_problems(R"({"title": "x", "regions": [")" + std::string(65, 'R') +
                               R"("], "start": "2026-03-16T05:00:00Z",
                                  "end": "2026-03-16T06:00:00Z"})") ==
          Lines{"invalid_field regions: 'regions' must hold non-empty strings of at most 64 "
                "bytes"});
  }
  SUBCASE("an empty title or region") {
    CHECK(maintenance_problems(R"({"title": "", "regions": [""],
        "start": "2026-03-16T05:00:00Z", "end": "2026-03-16T06:00:00Z"})") ==
          Lines{"invalid_field title: 'title' must be 1 to 200 bytes long, not 0",
                "invalid_field regions: 'regions' must hold non-empty strings of at most 64 "
                "bytes"});
  }
  SUBCASE("duplicate names") {
    CHECK(maintenance_problems(R"({"title": "x", "regions": ["US", "EU", "US"],
        "services": ["api", "api"],
        "start": "2026-03-16T05:00:00Z", "end": "2026-03-16T06:00:00Z"})") ==
          Lines{"invalid_field regions: 'regions' names 'US' twice",
                "invalid_field services: 'services' names 'api' twice"});
  }
  SUBCASE("lists too long or empty") {
    std::string many = "\"R0\"";
    for (int i = 1; i < 33; ++i) {
      many += ", \"R" + std::to_string(i) + "\"";
    }
    CHECK(maintenance_problems(R"({"title": "x", "regions": [)" + many + R"(],
        "services": [)" + many +
                               R"(],
        "start": "2026-03-16T05:00:00Z", "end": "2026-03-16T06:00:00Z"})") ==
          Lines{"invalid_field regions: 'regions' must hold 1 to 32 names",
                "invalid_field services: 'services' must hold 0 to 32 names"});
    CHECK(maintenance_problems(R"({"title": "x", "regions": [],
        "start": "2026-03-16T05:00:00Z", "end": "2026-03-16T06:00:00Z"})") ==
          Lines{"invalid_field regions: 'regions' must hold 1 to 32 names"});
    // 32 is allowed; an empty services list too.
    std::string thirty_two = "\"R0\"";
    for (int i = 1; i < 32; ++i) {
      thirty_two += ", \"R" + std::to_string(i) + "\"";
    }
    const auto request = parse_maintenance_request(R"({"title": "x", "regions": [)" + thirty_two +
                                                   R"(], "services": [],
        "start": "2026-03-16T05:00:00Z", "end": "2026-03-16T06:00:00Z"})");
    REQUIRE(request.ok());
    CHECK(request->regions.size() == 32);
    CHECK(request->services.empty());
  }
}

TEST_CASE("formats::parse_extend_request") {
  const auto request = parse_extend_request(R"({"end": "2026-03-16T03:30:00-04:00"})");
  REQUIRE(request.ok());
  CHECK(iso(request->end) == "2026-03-16T07:30:00Z");
  CHECK(Lines(parse_extend_request("{}").problems()) ==
        Lines{"missing_field end: 'end' is required"});
  CHECK(
      Lines(parse_extend_request(R"({"end": "2026-03-16T07:30:00Z", "start": "x"})").problems()) ==
      Lines{"unknown_field start: unknown member 'start'; the members are end"});
  CHECK(Lines(parse_extend_request(R"({"end": 5})").problems()) ==
        Lines{"invalid_field end: 'end' must be a string, not number"});
  CHECK(Lines(parse_extend_request("").problems()) ==
        Lines{"malformed_json body: the body is not valid JSON; send one JSON object"});
}

TEST_CASE("formats::parse_blackout_request") {
  SUBCASE("global: no regions") {
    const auto request = parse_blackout_request(
        R"({"reason": "freeze", "start": "2026-12-20T00:00:00Z", "end": "2027-01-04T00:00:00Z"})");
    REQUIRE(request.ok());
    CHECK(request->regions.empty());
    CHECK(request->reason == "freeze");
    CHECK(iso(request->period.start) == "2026-12-20T00:00:00Z");
    CHECK(iso(request->period.end) == "2027-01-04T00:00:00Z");
  }
  SUBCASE("regional") {
    const auto request = parse_blackout_request(R"({"regions": ["EU", "UK"], "reason": "release",
        "start": "2026-12-20T00:00:00Z", "end": "2027-01-04T00:00:00Z"})");
    REQUIRE(request.ok());
    CHECK(request->regions == std::vector<std::string>{"EU", "UK"});
  }
  SUBCASE("problems") {
    CHECK(Lines(parse_blackout_request("{}").problems()) ==
          Lines{"missing_field reason: 'reason' is required",
                "missing_field start: 'start' is required",
                "missing_field end: 'end' is required"});
    CHECK(Lines(parse_blackout_request(R"({"regions": ["EU", "EU"], "reason": ")" +
                                       std::string(501, 'r') + R"(", "title": "x",
        "start": "2027-01-04T00:00:00Z", "end": "2026-12-20T00:00:00Z"})")
                    .problems()) ==
          Lines{"unknown_field title: unknown member 'title'; the members are end, reason, "
                "regions, start",
                "invalid_field regions: 'regions' names 'EU' twice",
                "invalid_field reason: 'reason' must be 1 to 500 bytes long, not 501",
                "invalid_field end: 'end' (2026-12-20T00:00:00Z) must be after 'start' "
                "(2027-01-04T00:00:00Z)"});
  }
}

TEST_CASE("formats::check_empty_request accepts nothing or an empty object only") {
  CHECK(check_empty_request("").empty());
  CHECK(check_empty_request(" \r\n\t").empty());
  CHECK(check_empty_request("{}").empty());
  CHECK(check_empty_request(" { } ").empty());
  const auto member = check_empty_request(R"({"reason": "done"})");
  REQUIRE(member.size() == 1);
  CHECK(member[0].code == "unknown_field");
  CHECK(member[0].field == "reason");
  CHECK(Lines(check_empty_request("[]")) ==
        Lines{"malformed_json body: the body must be a JSON object, not array"});
  CHECK(Lines(check_empty_request("null")) ==
        Lines{"malformed_json body: the body must be a JSON object, not null"});
  CHECK(Lines(check_empty_request("{")) ==
        Lines{"malformed_json body: the body is not valid JSON; send one JSON object"});
}

TEST_CASE("formats::maintenance_json names every field, with each region's clock") {
  Maintenance m;
  m.id = 12;
  m.kind = MaintenanceKind::scheduled;
  m.state = MaintenanceState::in_progress;
  m.title = "Kernel";
  m.message = "Reboots";
  m.regions = {"US", "EU"};
  m.services = {"api"};
  m.booked = {utc("2026-03-16T05:00:00Z"), utc("2026-03-16T06:00:00Z")};
  m.end = utc("2026-03-16T06:30:00Z");
  m.announced_at = utc("2026-03-03T12:00:00Z");
  m.started_at = utc("2026-03-16T05:01:00Z");
  m.updated_at = utc("2026-03-16T06:00:00Z");
  m.sequence = 2;
  m.created_by = "alice";
  const MaintenanceView view{
      m, {{"US", zone("America/New_York")}, {"EU", zone("Europe/London")}}, 30min, {}};
  CHECK(maintenance_json(view).dump() ==
        R"({"id":12,"kind":"scheduled","state":"in_progress","title":"Kernel",)"
        R"("message":"Reboots","regions":["US","EU"],"services":["api"],)"
        R"("start":"2026-03-16T05:00:00Z","end":"2026-03-16T06:30:00Z",)"
        R"("booked_end":"2026-03-16T06:00:00Z","announced_at":"2026-03-03T12:00:00Z",)"
        R"("started_at":"2026-03-16T05:01:00Z","finished_at":null,)"
        R"("updated_at":"2026-03-16T06:00:00Z","sequence":2,"created_by":"alice",)"
        R"("unscheduled":false,"overrun_seconds":1800,"local":[)"
        R"({"region":"US","zone":"America/New_York","start":"2026-03-16T01:00:00-04:00",)"
        R"("end":"2026-03-16T02:30:00-04:00"},)"
        R"({"region":"EU","zone":"Europe/London","start":"2026-03-16T05:00:00+00:00",)"
        R"("end":"2026-03-16T06:30:00+00:00"}],"silences":[]})");
}

TEST_CASE("formats::maintenance_json of finished emergency work without clocks") {
  Maintenance m;
  m.id = 3;
  m.kind = MaintenanceKind::emergency;
  m.state = MaintenanceState::completed;
  m.title = "Failover";
  m.regions = {"GONE"};
  m.booked = {utc("2026-03-03T10:00:00Z"), utc("2026-03-03T11:00:00Z")};
  m.end = m.booked.end;
  m.announced_at = utc("2026-03-03T10:05:00Z");
  m.started_at = utc("2026-03-03T10:00:00Z");
  m.finished_at = utc("2026-03-03T10:45:00Z");
  m.updated_at = utc("2026-03-03T10:45:00Z");
  m.sequence = 1;
  m.created_by = "bob";
  const auto json = maintenance_json(MaintenanceView{m, {}, {}, {}});
  CHECK(json["kind"] == "emergency");
  CHECK(json["state"] == "completed");
  CHECK(json["unscheduled"] == true);
  CHECK(json["services"].dump() == "[]");
  CHECK(json["message"] == "");
  CHECK(json["finished_at"] == "2026-03-03T10:45:00Z");
  CHECK(json["overrun_seconds"] == 0);
  CHECK(json["local"].dump() == "[]");
}

TEST_CASE("formats::blackout_json") {
  Blackout global{7,
                  {},
                  {utc("2026-12-20T00:00:00Z"), utc("2027-01-04T00:00:00Z")},
                  "year-end freeze",
                  utc("2026-11-01T09:00:00Z"),
                  "bob"};
  CHECK(blackout_json(global).dump() ==
        R"({"id":7,"regions":[],"global":true,"start":"2026-12-20T00:00:00Z",)"
        R"("end":"2027-01-04T00:00:00Z","reason":"year-end freeze",)"
        R"("created_at":"2026-11-01T09:00:00Z","created_by":"bob"})");
  Blackout regional = global;
  regional.regions = {"EU", "UK"};
  const auto json = blackout_json(regional);
  CHECK(json["regions"].dump() == R"(["EU","UK"])");
  CHECK(json["global"] == false);
}

TEST_CASE("formats::parse_maintenance_request refuses one region named twice in another case") {
  const auto parsed = slate::formats::parse_maintenance_request(
      R"({"title":"x","regions":["US","us"],"start":"2026-03-16T05:00:00Z","end":"2026-03-16T06:00:00Z"})");
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.problems()[0].field == "regions");
  CHECK(parsed.problems()[0].message == "'regions' names 'us' twice");
}

TEST_CASE("formats::parse_maintenance_request refuses control characters, by field") {
  // A title is one line: not even a tab or a line break.
  CHECK(maintenance_problems(R"({"title": "Ker\nnel", "regions": ["US"],
      "start": "2026-03-16T05:00:00Z", "end": "2026-03-16T06:00:00Z"})") ==
        Lines{"invalid_field title: 'title' holds the control character U+000A at byte 3; it is "
              "one line of text without control characters"});
  CHECK(maintenance_problems(body(R"("kind": "scheduled\u007f", )")) ==
        Lines{"invalid_field kind: 'kind' holds the control character U+007F at byte 9; it is "
              "one line of text without control characters"});
  // A message is free text: tabs and line breaks lay it out, nothing else.
  CHECK(maintenance_problems(body(R"("message": "a\tb\r\nc\n", )")) == Lines{});
  CHECK(maintenance_problems(body(R"("message": "a\n\u001bb", )")) ==
        Lines{"invalid_field message: 'message' holds the control character U+001B at byte 2; "
              "it may hold tabs and line breaks but no other control characters"});
  // A NUL is refused before the members are read, in free text too.
  CHECK(maintenance_problems(body(R"("message": "a\u0000", )")) ==
        Lines{"invalid_field message: 'message' holds a NUL character (\\u0000) in its value at "
              "byte 1; JSON text sent to slated may not hold a NUL"});
}

TEST_CASE("formats::parse_blackout_request keeps layout in a reason and refuses a NUL") {
  const std::string times = R"("start": "2026-03-16T05:00:00Z", "end": "2026-03-16T06:00:00Z")";
  const auto request = parse_blackout_request(R"({"reason": "release\n\tfreeze", )" + times + "}");
  REQUIRE(request.ok());
  CHECK(request->reason == "release\n\tfreeze");
  CHECK(Lines(parse_blackout_request(R"({"reason": "rel\u0000ease", )" + times + "}").problems()) ==
        Lines{"invalid_field reason: 'reason' holds a NUL character (\\u0000) in its value at "
              "byte 3; JSON text sent to slated may not hold a NUL"});
}
