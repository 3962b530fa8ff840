#include <slate/formats/json_alertmanager_webhook.hpp>

#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using slate::domain::AlertStatus;
using slate::domain::Labels;
using slate::formats::k_max_label_value;
using slate::formats::parse_alertmanager_notification;
using slate::test::iso;

namespace {

// As Alertmanager 0.25 posts it: one alert firing (Go's zero time as its
// endsAt, nanoseconds in its startsAt), one resolved.
const char* const k_notification = R"({
  "receiver": "slated",
  "status": "firing",
  "alerts": [
    {
      "status": "firing",
      "labels": {"alertname": "ApiDown", "service": "api", "region": "US", "slo": "availability"},
      "annotations": {"summary": "api answers 5xx"},
      "startsAt": "2026-12-02T07:49:43.321123456Z",
      "endsAt": "0001-01-01T00:00:00Z",
      "generatorURL": "http://prometheus:9090/graph?g0.expr=up",
      "fingerprint": "4a6b1b2c3d4e5f60"
    },
    {
      "status": "resolved",
      "labels": {"alertname": "WebDown", "service": "web", "region": "EU"},
      "annotations": {},
      "startsAt": "2026-12-02T06:00:00+01:00",
      "endsAt": "2026-12-02T07:30:00.5Z",
      "generatorURL": "",
      "fingerprint": "00aa11bb22cc33dd"
    }
  ],
  "groupLabels": {"alertname": "ApiDown"},
  "commonLabels": {"slo": "availability"},
  "commonAnnotations": {},
  "externalURL": "http://alertmanager:9093",
  "version": "4",
  "groupKey": "{}:{alertname=\"ApiDown\"}",
  "truncatedAlerts": 0
})";

std::string with_alert(const std::string& alert) {
  return R"({"version": "4", "status": "firing", "alerts": [)" + alert + "]}";
}

std::vector<std::string> fields(const slate::domain::Problems& problems) {
  std::vector<std::string> out;
  for (const auto& problem : problems) {
    out.push_back(problem.field);
  }
  return out;
}

} // namespace

TEST_CASE("formats::parse_alertmanager_notification reads a version 4 payload") {
  const auto parsed = parse_alertmanager_notification(k_notification);
  REQUIRE(parsed.ok());
  const auto& n = parsed.value();
  CHECK(n.version == "4");
  CHECK(n.group_key == "{}:{alertname=\"ApiDown\"}");
  CHECK(n.status == "firing");
  CHECK(n.receiver == "slated");
  CHECK(n.group_labels == Labels{{"alertname", "ApiDown"}});
  CHECK(n.common_labels == Labels{{"slo", "availability"}});
  CHECK(n.common_annotations.empty());
  CHECK(n.external_url == "http://alertmanager:9093");
  CHECK(n.truncated_alerts == 0);
  CHECK(n.rejected.empty());
  REQUIRE(n.alerts.size() == 2);
  const auto& firing = n.alerts[0];
  CHECK(firing.status == AlertStatus::firing);
  CHECK(firing.labels.at("service") == "api");
  CHECK(firing.annotations == Labels{{"summary", "api answers 5xx"}});
  CHECK(iso(firing.starts_at) == "2026-12-02T07:49:43Z");
  // Go's zero time is no end.
  CHECK_FALSE(firing.ends_at.has_value());
  CHECK(firing.generator_url == "http://prometheus:9090/graph?g0.expr=up");
  CHECK(firing.fingerprint == "4a6b1b2c3d4e5f60");
  const auto& resolved = n.alerts[1];
  CHECK(resolved.status == AlertStatus::resolved);
  // 06:00+01:00 is 05:00Z.
  CHECK(iso(resolved.starts_at) == "2026-12-02T05:00:00Z");
  REQUIRE(resolved.ends_at.has_value());
  CHECK(iso(*resolved.ends_at) == "2026-12-02T07:30:00Z");
}

TEST_CASE("formats::parse_alertmanager_notification: optional alert members") {
  const auto parsed = parse_alertmanager_notification(with_alert(
      R"({"status": "firing", "labels": {}, "startsAt": "2026-12-02T07:49:43Z",
          "fingerprint": "f", "future": [1, 2]})"));
  REQUIRE(parsed.ok());
  REQUIRE(parsed->alerts.size() == 1);
  CHECK(parsed->alerts[0].annotations.empty());
  CHECK_FALSE(parsed->alerts[0].ends_at.has_value());
  CHECK(parsed->alerts[0].generator_url == "");
  CHECK(parsed->group_key == "");
}

TEST_CASE("formats::parse_alertmanager_notification refuses what is no version 4 payload") {
  struct Row {
    const char* body;
    const char* code;
    const char* field;
  };
  const Row rows[] = {
      {"", "malformed_json", "body"},
      {"[]", "malformed_json", "body"},
      {R"({"alerts": []})", "missing_field", "version"},
      {R"({"version": 4, "alerts": []})", "invalid_field", "version"},
      {R"({"version": "1", "alerts": []})", "version_unsupported", "version"},
      {R"({"version": "4"})", "missing_field", "alerts"},
      {R"({"version": "4", "alerts": {}})", "invalid_field", "alerts"},
      {R"({"version": "4", "alerts": [], "commonLabels": []})", "invalid_field", "commonLabels"},
      {R"({"version": "4", "alerts": [], "groupLabels": {"a": 1}})", "invalid_field",
       "groupLabels.a"},
      {R"({"version": "4", "alerts": [], "truncatedAlerts": -1})", "invalid_field",
       "truncatedAlerts"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.body);
    const auto parsed = parse_alertmanager_notification(row.body);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.problems().front().code == row.code);
    CHECK(parsed.problems().front().field == row.field);
  }
  CHECK(parse_alertmanager_notification(R"({"version": "1", "alerts": []})")
            .problems()
            .front()
            .message == "this is a version '1' notification; slated reads Alertmanager's webhook "
                        "payload version 4");
}

TEST_CASE("formats::parse_alertmanager_notification rejects a bad alert, keeps the others") {
  const std::string good = R"({"status": "firing", "labels": {"a": "b"},
      "startsAt": "2026-12-02T07:49:43Z", "fingerprint": "good"})";
  struct Row {
    const char* alert;
    std::vector<std::string> fields;
  };
  const Row rows[] = {
      {"7", {"alerts[1]"}},
      {R"({"labels": {}, "startsAt": "2026-12-02T07:49:43Z", "fingerprint": "f"})",
       {"alerts[1].status"}},
      {R"({"status": "pending", "labels": {}, "startsAt": "2026-12-02T07:49:43Z",
           "fingerprint": "f"})",
       {"alerts[1].status"}},
      {R"({"status": "firing", "startsAt": "2026-12-02T07:49:43Z", "fingerprint": "f"})",
       {"alerts[1].labels"}},
      {R"({"status": "firing", "labels": {"a": 1}, "startsAt": "2026-12-02T07:49:43Z",
           "fingerprint": "f"})",
       {"alerts[1].labels.a"}},
      {R"({"status": "firing", "labels": {}, "startsAt": "today", "fingerprint": "f"})",
       {"alerts[1].startsAt"}},
      {R"({"status": "firing", "labels": {}, "startsAt": "0001-01-01T00:00:00Z",
           "fingerprint": "f"})",
       {"alerts[1].startsAt"}},
      {R"({"status": "resolved", "labels": {}, "startsAt": "2026-12-02T07:49:43Z",
           "endsAt": "2026-12-02 later", "fingerprint": "f"})",
       {"alerts[1].endsAt"}},
      {R"({"status": "firing", "labels": {}, "startsAt": "2026-12-02T07:49:43Z"})",
       {"alerts[1].fingerprint"}},
      {R"({"status": "firing", "labels": {}, "startsAt": "2026-12-02T07:49:43Z",
           "fingerprint": ""})",
       {"alerts[1].fingerprint"}},
      {R"({"status": "firing", "labels": {}, "annotations": [],
           "startsAt": "2026-12-02T07:49:43Z", "fingerprint": "f"})",
       {"alerts[1].annotations"}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.alert);
    const auto parsed = parse_alertmanager_notification(with_alert(good + "," + row.alert));
    REQUIRE(parsed.ok());
    REQUIRE(parsed->alerts.size() == 1);
    CHECK(parsed->alerts[0].fingerprint == "good");
    REQUIRE(parsed->rejected.size() == 1);
    CHECK(parsed->rejected[0].index == 1);
    CHECK(fields(parsed->rejected[0].problems) == row.fields);
  }
}

TEST_CASE("formats::parse_alertmanager_notification: a rejected alert keeps its fingerprint") {
  const auto parsed = parse_alertmanager_notification(
      with_alert(R"({"status": "firing", "labels": {}, "startsAt": "x", "fingerprint": "f1"})"));
  REQUIRE(parsed.ok());
  REQUIRE(parsed->rejected.size() == 1);
  CHECK(parsed->rejected[0].fingerprint == "f1");
}

TEST_CASE("formats::parse_alertmanager_notification limits label values") {
  const auto alert = [](std::size_t length) {
    return with_alert(R"({"status": "firing", "labels": {"a": ")" + std::string(length, 'x') +
                      R"("}, "startsAt": "2026-12-02T07:49:43Z", "fingerprint": "f"})");
  };
  const auto longest = parse_alertmanager_notification(alert(k_max_label_value));
  REQUIRE(longest.ok());
  CHECK(longest->alerts.size() == 1);
  const auto too_long = parse_alertmanager_notification(alert(k_max_label_value + 1));
  REQUIRE(too_long.ok());
  CHECK(too_long->alerts.empty());
  REQUIRE(too_long->rejected.size() == 1);
  CHECK(fields(too_long->rejected[0].problems) == std::vector<std::string>{"alerts[0].labels.a"});
}
