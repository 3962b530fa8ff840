#include <slate/domain/alert_outage.hpp>

#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <string>
#include <variant>
#include <vector>

using slate::domain::Alert;
using slate::domain::AlertMapping;
using slate::domain::AlertOutage;
using slate::domain::AlertStatus;
using slate::domain::IgnoredAlert;
using slate::domain::map_alert;
using slate::domain::Matcher;
using slate::domain::OutageCause;
using slate::domain::OutageChange;
using slate::domain::OutageImpact;
using slate::domain::parse_matcher;
using slate::domain::Policy;
using slate::domain::Region;
using slate::test::iso;
using slate::test::utc;

namespace {

Matcher matcher(const std::string& text) {
  auto parsed = parse_matcher(text, "m");
  REQUIRE_MESSAGE(parsed.ok(), text);
  return parsed.value();
}

// Only the ids matter to the mapping.
std::vector<Region> regions() {
  std::vector<Region> out;
  for (const char* id : {"US", "EU", "UK", "IN"}) {
    Region region;
    region.id = id;
    out.push_back(region);
  }
  return out;
}

Policy policy() {
  Policy p;
  AlertMapping mapping;
  mapping.match = {matcher(R"(slo="availability")")};
  mapping.region_values["us-east-1"] = {"US"};
  mapping.region_values["europe"] = {"EU", "UK"};
  mapping.cause_label = "cause";
  mapping.impact_label = "impact";
  p.alertmanager.alerts = mapping;
  return p;
}

Alert firing() {
  Alert alert;
  alert.status = AlertStatus::firing;
  alert.labels = {{"alertname", "ApiDown"},
                  {"slo", "availability"},
                  {"service", "api"},
                  {"region", "us-east-1"}};
  alert.annotations = {{"summary", "api answers 5xx"}};
  alert.starts_at = utc("2026-12-02T07:49:43Z");
  alert.fingerprint = "4a6b1b2c3d4e5f60";
  return alert;
}

AlertOutage outage(const slate::domain::AlertDecision& decision) {
  REQUIRE_MESSAGE(std::holds_alternative<AlertOutage>(decision),
                  std::get<IgnoredAlert>(decision).detail);
  return std::get<AlertOutage>(decision);
}

std::string ignored(const slate::domain::AlertDecision& decision) {
  REQUIRE(std::holds_alternative<IgnoredAlert>(decision));
  return std::get<IgnoredAlert>(decision).reason;
}

} // namespace

TEST_CASE("domain::map_alert opens an outage for a firing alert") {
  const auto opened = outage(map_alert(firing(), policy(), regions()));
  CHECK(opened.change == OutageChange::open);
  CHECK(opened.key == "alertmanager/4a6b1b2c3d4e5f60/2026-12-02T07:49:43Z");
  CHECK(opened.service == "api");
  CHECK(opened.regions == std::vector<std::string>{"US"});
  CHECK(iso(opened.start) == "2026-12-02T07:49:43Z");
  CHECK_FALSE(opened.end.has_value());
  CHECK(opened.impact == OutageImpact::major);
  CHECK(opened.cause == OutageCause::internal);
  CHECK(opened.description == "Alertmanager alert ApiDown: api answers 5xx");
  CHECK(opened.notes.empty());
}

TEST_CASE("domain::map_alert resolves with the same key at endsAt") {
  auto alert = firing();
  alert.status = AlertStatus::resolved;
  alert.ends_at = utc("2026-12-02T08:10:00Z");
  const auto resolved = outage(map_alert(alert, policy(), regions()));
  CHECK(resolved.change == OutageChange::resolve);
  CHECK(resolved.key == outage(map_alert(firing(), policy(), regions())).key);
  CHECK(iso(resolved.start) == "2026-12-02T07:49:43Z");
  REQUIRE(resolved.end.has_value());
  CHECK(iso(*resolved.end) == "2026-12-02T08:10:00Z");
}

TEST_CASE("domain::map_alert: a repeat is the same outage, a new start a new one") {
  const auto first = outage(map_alert(firing(), policy(), regions()));
  auto repeat = firing();
  repeat.annotations["summary"] = "still down";
  CHECK(outage(map_alert(repeat, policy(), regions())).key == first.key);
  auto again = firing();
  again.starts_at = utc("2026-12-03T01:00:00Z");
  CHECK(outage(map_alert(again, policy(), regions())).key ==
        "alertmanager/4a6b1b2c3d4e5f60/2026-12-03T01:00:00Z");
}

TEST_CASE("domain::map_alert maps the region label") {
  struct Row {
    const char* value;
    std::vector<std::string> regions;
  };
  const Row rows[] = {
      {"us-east-1", {"US"}},
      {"europe", {"EU", "UK"}},
      // Not in region_values: a region id, ignoring case.
      {"IN", {"IN"}},
      {"uk", {"UK"}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.value);
    auto alert = firing();
    alert.labels["region"] = row.value;
    CHECK(outage(map_alert(alert, policy(), regions())).regions == row.regions);
  }
}

TEST_CASE("domain::map_alert reads cause and impact labels, assuming the safe side") {
  struct Row {
    const char* cause;
    const char* impact;
    OutageCause expected_cause;
    OutageImpact expected_impact;
    std::size_t notes;
  };
  const Row rows[] = {
      {"", "", OutageCause::internal, OutageImpact::major, 0},
      {"third_party", "partial", OutageCause::third_party, OutageImpact::partial, 0},
      {"force_majeure", "major", OutageCause::force_majeure, OutageImpact::major, 0},
      // Not understood: counts as internal and major, with a note each.
      {"thirdparty", "minor", OutageCause::internal, OutageImpact::major, 2},
  };
  for (const auto& row : rows) {
    CAPTURE(row.cause);
    auto alert = firing();
    if (std::string(row.cause) != "") {
      alert.labels["cause"] = row.cause;
    }
    if (std::string(row.impact) != "") {
      alert.labels["impact"] = row.impact;
    }
    const auto opened = outage(map_alert(alert, policy(), regions()));
    CHECK(opened.cause == row.expected_cause);
    CHECK(opened.impact == row.expected_impact);
    CHECK(opened.notes.size() == row.notes);
  }
  auto alert = firing();
  alert.labels["cause"] = "thirdparty";
  CHECK(outage(map_alert(alert, policy(), regions())).notes ==
        std::vector<std::string>{
            "the cause label's value 'thirdparty' is not an outage cause; the outage counts as "
            "internal"});
  // Without cause_label, a cause label is not read.
  auto plain = policy();
  plain.alertmanager.alerts->cause_label.clear();
  alert.labels["cause"] = "third_party";
  CHECK(outage(map_alert(alert, plain, regions())).cause == OutageCause::internal);
}

TEST_CASE("domain::map_alert uses the policy's label names") {
  auto p = policy();
  p.alertmanager.alerts->service_label = "app";
  p.alertmanager.alerts->region_label = "dc";
  auto alert = firing();
  alert.labels = {{"slo", "availability"}, {"app", "web"}, {"dc", "EU"}};
  const auto opened = outage(map_alert(alert, p, regions()));
  CHECK(opened.service == "web");
  CHECK(opened.regions == std::vector<std::string>{"EU"});
  CHECK(opened.description == "Alertmanager alert: api answers 5xx");
}

TEST_CASE("domain::map_alert ignores what maps to nothing, with a reason") {
  struct Row {
    const char* what;
    const char* label;
    const char* value; // nullptr: remove the label
    const char* reason;
  };
  const Row rows[] = {
      {"no slo", "slo", nullptr, "not_matched"},
      {"another slo", "slo", "latency", "not_matched"},
      {"no service", "service", nullptr, "no_service"},
      {"empty service", "service", "", "no_service"},
      {"service with a blank", "service", "api v2", "invalid_service"},
      {"no region", "region", nullptr, "no_region"},
      {"unknown region", "region", "mars-1", "unknown_region"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    auto alert = firing();
    if (row.value == nullptr) {
      alert.labels.erase(row.label);
    } else {
      alert.labels[row.label] = row.value;
    }
    CHECK(ignored(map_alert(alert, policy(), regions())) == row.reason);
  }
  SUBCASE("without [alertmanager.alerts]") {
    Policy p;
    CHECK(ignored(map_alert(firing(), p, regions())) == "not_configured");
  }
  SUBCASE("a service the policy does not list") {
    auto p = policy();
    p.availability.services = {"web", "voice"};
    const auto decision = map_alert(firing(), p, regions());
    CHECK(ignored(decision) == "unknown_service");
    CHECK(std::get<IgnoredAlert>(decision).detail ==
          "service 'api' is not one of the policy's services");
    p.availability.services.push_back("api");
    CHECK(outage(map_alert(firing(), p, regions())).service == "api");
  }
  SUBCASE("no fingerprint") {
    auto alert = firing();
    alert.fingerprint.clear();
    CHECK(ignored(map_alert(alert, policy(), regions())) == "no_fingerprint");
  }
  SUBCASE("resolved without an end") {
    auto alert = firing();
    alert.status = AlertStatus::resolved;
    CHECK(ignored(map_alert(alert, policy(), regions())) == "no_end");
  }
}

TEST_CASE("domain::map_alert: a resolution in the start's second still resolves") {
  auto alert = firing();
  alert.status = AlertStatus::resolved;
  alert.ends_at = alert.starts_at;
  const auto resolved = outage(map_alert(alert, policy(), regions()));
  CHECK(resolved.change == OutageChange::resolve);
  REQUIRE(resolved.end.has_value());
  CHECK(iso(*resolved.end) == "2026-12-02T07:49:44Z");
  CHECK(resolved.notes.size() == 1);
}

TEST_CASE("domain::map_alert: a firing alert's endsAt does not resolve it") {
  auto alert = firing();
  alert.ends_at = utc("2026-12-02T08:00:00Z");
  const auto opened = outage(map_alert(alert, policy(), regions()));
  CHECK(opened.change == OutageChange::open);
  CHECK_FALSE(opened.end.has_value());
}

TEST_CASE("domain::map_alert keeps a long description within an outage's 4000 bytes") {
  auto alert = firing();
  // "é" is two bytes: the cut must not split one.
  std::string summary;
  for (int i = 0; i < 2500; ++i) {
    summary += "é";
  }
  alert.annotations["summary"] = summary;
  const auto opened = outage(map_alert(alert, policy(), regions()));
  CHECK(opened.description.size() <= 4000);
  CHECK(opened.description.size() >= 3999);
  // Ends on a whole character: the last byte is the second of "é".
  CHECK(opened.description.back() == "é"[1]);
}
