#include <slate/formats/json_maintenance_silence.hpp>

#include <support/time_literals.hpp>

#include <doctest/doctest.h>

using slate::domain::DesiredSilence;
using slate::domain::MaintenanceSilence;
using slate::domain::SilenceGoal;
using slate::domain::SilenceStatus;
using slate::test::utc;
using namespace slate::formats;

namespace {

DesiredSilence sample() {
  DesiredSilence silence;
  silence.tag = "slated maintenance/12 region US service api";
  silence.region = "US";
  silence.service = "api";
  for (const char* text : {R"(region="US")", R"(service=~"api|\"web\"")"}) {
    auto matcher = slate::domain::parse_matcher(text, "test");
    REQUIRE(matcher.ok());
    silence.matchers.push_back(matcher.value());
  }
  silence.span = {utc("2026-03-16T04:55:00Z"), utc("2026-03-16T06:15:00Z")};
  silence.comment = silence.tag + ": Kernel";
  silence.goal = SilenceGoal::expired;
  return silence;
}

} // namespace

TEST_CASE("formats::desired_silence_text is read back by parse_desired_silence") {
  const auto silence = sample();
  const auto read = parse_desired_silence(desired_silence_text(silence));
  REQUIRE(read.ok());
  CHECK(read.value() == silence);
}

TEST_CASE("formats::parse_desired_silence refuses what it did not write") {
  for (const char* text :
       {"", "[]", R"({"tag":"t"})",
        R"({"tag":"t","region":"US","service":"","comment":"c",)"
        R"("matchers":["region=\"US\""],"start":"x","end":"y","goal":"in_force"})",
        R"({"tag":"t","region":"US","service":"","comment":"c",)"
        R"("matchers":[],"start":"2026-01-01T00:00:00Z",)"
        R"("end":"2026-01-01T01:00:00Z","goal":"maybe"})"}) {
    CAPTURE(text);
    const auto read = parse_desired_silence(text);
    REQUIRE_FALSE(read.ok());
    CHECK(read.problems().front().code == "malformed_json");
  }
}

TEST_CASE("formats::maintenance_silence_json shows id, state and Alertmanager") {
  MaintenanceSilence silence{"tag", 12, sample(), "", "", SilenceStatus::queued, {}};
  CHECK(maintenance_silence_json(silence).dump() ==
        R"({"id":null,"state":"queued","alertmanager":null,"region":"US","service":"api",)"
        R"("starts_at":"2026-03-16T04:55:00Z","ends_at":"2026-03-16T06:15:00Z"})");
  silence.silence_id = "0b7e";
  silence.alertmanager = "http://am:9093";
  silence.status = SilenceStatus::expired_by_operator;
  silence.desired.service = "";
  const auto json = maintenance_silence_json(silence);
  CHECK(json["id"] == "0b7e");
  CHECK(json["state"] == "expired_by_operator");
  CHECK(json["alertmanager"] == "http://am:9093");
  CHECK(json["service"].is_null());
}
