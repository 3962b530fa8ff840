#include <slate/formats/support_alert_text.hpp>

#include <support/support_sample.hpp>
#include <support/time_literals.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using slate::domain::AlertKind;
using slate::domain::SupportAlert;
using slate::formats::SupportAlertDocument;
using slate::test::utc;

namespace {

SupportAlertDocument sample(AlertKind kind) {
  const auto policy = slate::test::enghouse_like_policy();
  const auto clocks =
      slate::domain::deadlines(policy, "P1", std::nullopt, utc("2026-04-15T09:00:00Z"));
  REQUIRE(clocks.ok());
  SupportAlert alert;
  alert.id = "ticket/INC-1/response/P1/1776243600/" + std::string(slate::domain::to_string(kind));
  alert.ticket = "INC-1";
  alert.alert = kind;
  alert.at = kind == AlertKind::warning ? utc("2026-04-15T09:22:30Z") : utc("2026-04-15T09:30:01Z");
  alert.clock = clocks->front();
  return {alert, "Calls drop", 75, utc("2026-04-15T09:31:00Z")};
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

TEST_CASE("formats::support_alert_template is the shipped file's text") {
  CHECK(slate::formats::support_alert_template(AlertKind::warning) ==
        read_file(SLATE_SOURCE_DIR "/etc/templates/support_warning.mustache"));
  CHECK(slate::formats::support_alert_template(AlertKind::breach) ==
        read_file(SLATE_SOURCE_DIR "/etc/templates/support_breach.mustache"));
}

TEST_CASE("formats::support_alert_message says which clock, when it is due, on which clock") {
  CHECK(slate::formats::support_alert_message(sample(AlertKind::warning)) ==
        "Ticket INC-1 (P1, standard): the response clock has used 75 % of its PT30M target and "
        "is due at 2026-04-15T10:30:00+01:00 (2026-04-15T09:30:00Z).\nCalls drop");
  CHECK(slate::formats::support_alert_message(sample(AlertKind::breach)) ==
        "Ticket INC-1 (P1, standard): the response clock breached its PT30M target, due at "
        "2026-04-15T10:30:00+01:00 (2026-04-15T09:30:00Z).\nCalls drop");
}

TEST_CASE("formats::render_support_alert_json names the event, ticket and clock") {
  const auto body =
      nlohmann::json::parse(slate::formats::render_support_alert_json(sample(AlertKind::breach)));
  CHECK(body["event"] == "support.breach");
  CHECK(body["event_id"] == "ticket/INC-1/response/P1/1776243600/breach");
  CHECK(body["ticket"] == "INC-1");
  CHECK(body["kind"] == "response");
  CHECK(body["due_at"] == "2026-04-15T09:30:00Z");
  CHECK(body["at"] == "2026-04-15T09:30:01Z");
  CHECK(body["created_at"] == "2026-04-15T09:31:00Z");
  const auto slack =
      nlohmann::json::parse(slate::formats::render_support_alert_slack(sample(AlertKind::breach)));
  CHECK(slack["text"] == body["message"]);
}
