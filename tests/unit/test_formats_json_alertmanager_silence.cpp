#include <slate/formats/json_alertmanager_silence.hpp>

#include <support/time_literals.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

using slate::domain::DesiredSilence;
using slate::domain::Matcher;
using slate::domain::MatchType;
using slate::domain::ObservedSilence;
using slate::domain::SilenceState;
using slate::formats::parse_silence;
using slate::formats::parse_silence_id;
using slate::formats::parse_silence_list;
using slate::formats::silence_post_body;
using slate::test::iso;
using slate::test::utc;

namespace {

DesiredSilence desired() {
  DesiredSilence silence;
  silence.tag = "slated maintenance/12 region US service api";
  silence.matchers = {{"region", MatchType::equal, "US"},
                      {"service", MatchType::regex, "api|billing"},
                      {"env", MatchType::not_equal, "dev"},
                      {"team", MatchType::not_regex, "qa.*"}};
  silence.span = {utc("2026-12-07T05:55:00Z"), utc("2026-12-07T07:15:00Z")};
  silence.comment = silence.tag + ": DB \"upgrade\"";
  return silence;
}

// An item of GET /api/v2/silences as Alertmanager 0.25 writes it.
const char* const k_listed = R"({
  "id": "329a2c2c-ec6e-4eec-9c70-55b83eaad3bf",
  "status": {"state": "active"},
  "updatedAt": "2026-12-02T07:49:43.321Z",
  "comment": "slated maintenance/12 region US: DB upgrade",
  "createdBy": "slated",
  "endsAt": "2026-12-30T00:00:00.000Z",
  "matchers": [
    {"isEqual": true, "isRegex": false, "name": "region", "value": "US"},
    {"isEqual": false, "isRegex": true, "name": "service", "value": "api|web"}
  ],
  "startsAt": "2026-12-02T07:49:43.321Z"
})";

} // namespace

TEST_CASE("formats::silence_post_body creates a silence") {
  const auto body = nlohmann::json::parse(silence_post_body(desired()));
  const auto expected = nlohmann::json::parse(R"({
    "matchers": [
      {"name": "region", "value": "US", "isRegex": false, "isEqual": true},
      {"name": "service", "value": "api|billing", "isRegex": true, "isEqual": true},
      {"name": "env", "value": "dev", "isRegex": false, "isEqual": false},
      {"name": "team", "value": "qa.*", "isRegex": true, "isEqual": false}
    ],
    "startsAt": "2026-12-07T05:55:00Z",
    "endsAt": "2026-12-07T07:15:00Z",
    "createdBy": "slated",
    "comment": "slated maintenance/12 region US service api: DB \"upgrade\""
  })");
  CHECK(body == expected);
  CHECK_FALSE(body.contains("id"));
}

TEST_CASE("formats::silence_post_body updates a pending silence with its id") {
  ObservedSilence current;
  current.id = "329a2c2c";
  current.state = SilenceState::pending;
  current.starts_at_text = "2026-12-07T05:55:00.000Z";
  const auto body = nlohmann::json::parse(silence_post_body(desired(), &current));
  CHECK(body["id"] == "329a2c2c");
  CHECK(body["startsAt"] == "2026-12-07T05:55:00Z");
  CHECK(body["endsAt"] == "2026-12-07T07:15:00Z");
}

TEST_CASE("formats::silence_post_body keeps a started silence's start as Alertmanager wrote it") {
  // Created during an emergency: Alertmanager moved startsAt to the moment
  // of creation, with milliseconds. Sending anything else replaces the
  // silence instead of extending it.
  ObservedSilence current;
  current.id = "329a2c2c";
  current.state = SilenceState::active;
  current.starts_at_text = "2026-12-07T06:01:12.479Z";
  const auto body = nlohmann::json::parse(silence_post_body(desired(), &current));
  CHECK(body["id"] == "329a2c2c");
  CHECK(body["startsAt"] == "2026-12-07T06:01:12.479Z");
}

TEST_CASE("formats::parse_silence_id reads Alertmanager's answer") {
  const auto id = parse_silence_id(R"({"silenceID":"b56330de-0580-4d4f-a19c-24c3961318d4"})");
  REQUIRE(id.ok());
  CHECK(id.value() == "b56330de-0580-4d4f-a19c-24c3961318d4");
  for (const char* bad : {"", "nope", "[]", "{}", R"({"silenceID":""})", R"({"silenceID":7})",
                          R"("silence invalid: at least one matcher must not match")"}) {
    CAPTURE(bad);
    const auto parsed = parse_silence_id(bad);
    REQUIRE_FALSE(parsed.ok());
    CHECK((parsed.problems().front().code == "malformed_json" ||
           parsed.problems().front().code == "invalid_field"));
  }
}

TEST_CASE("formats::parse_silence_list reads what Alertmanager 0.25 lists") {
  const auto listed = parse_silence_list(std::string("[") + k_listed + "]");
  REQUIRE(listed.ok());
  REQUIRE(listed->size() == 1);
  const auto& silence = listed->front();
  CHECK(silence.id == "329a2c2c-ec6e-4eec-9c70-55b83eaad3bf");
  CHECK(silence.state == SilenceState::active);
  CHECK(silence.matchers == std::vector<Matcher>{{"region", MatchType::equal, "US"},
                                                 {"service", MatchType::not_regex, "api|web"}});
  // Fractions of seconds are cut; the text of startsAt is kept whole.
  CHECK(iso(silence.starts_at) == "2026-12-02T07:49:43Z");
  CHECK(silence.starts_at_text == "2026-12-02T07:49:43.321Z");
  CHECK(iso(silence.ends_at) == "2026-12-30T00:00:00Z");
  REQUIRE(silence.updated_at.has_value());
  CHECK(iso(*silence.updated_at) == "2026-12-02T07:49:43Z");
  CHECK(silence.created_by == "slated");
  CHECK(silence.comment == "slated maintenance/12 region US: DB upgrade");
  const auto one = parse_silence(k_listed);
  REQUIRE(one.ok());
  CHECK(one.value() == silence);
  const auto empty = parse_silence_list("[]");
  REQUIRE(empty.ok());
  CHECK(empty->empty());
}

TEST_CASE("formats::parse_silence_list: a matcher without isEqual is positive") {
  // Alertmanager before 0.22 had no isEqual.
  const auto listed = parse_silence_list(R"([{"id": "x", "status": {"state": "pending"},
    "comment": "c", "createdBy": "alice", "startsAt": "2026-12-02T07:49:43Z",
    "endsAt": "2026-12-03T00:00:00Z", "extra": 1,
    "matchers": [{"isRegex": true, "name": "a", "value": "(?i)x"}]}])");
  REQUIRE(listed.ok());
  CHECK(listed->front().matchers == std::vector<Matcher>{{"a", MatchType::regex, "(?i)x"}});
  CHECK_FALSE(listed->front().updated_at.has_value());
}

TEST_CASE("formats::parse_silence_list names each problem's member") {
  const auto listed = parse_silence_list(R"([{"id": "x", "status": {"state": "gone"},
    "comment": "c", "createdBy": 3, "startsAt": "yesterday",
    "matchers": [{"isRegex": "no", "name": "a", "value": "x"}]}, 7])");
  REQUIRE_FALSE(listed.ok());
  std::vector<std::string> fields;
  for (const auto& problem : listed.problems()) {
    fields.push_back(problem.field);
  }
  CHECK(fields == std::vector<std::string>{"[0].matchers[0].isRegex", "[0].startsAt", "[0].endsAt",
                                           "[0].createdBy", "[0].status.state", "[1]"});
  CHECK_FALSE(parse_silence_list("{}").ok());
  CHECK_FALSE(parse_silence_list("[").ok());
}
