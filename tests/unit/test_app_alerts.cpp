// Outages from Alertmanager's alerts (app/alerts).
#include "app_outage_fixture.hpp"

#include <slate/app/alerts.hpp>

#include <doctest/doctest.h>

using namespace slate::test::outages;
using slate::domain::Alert;
using slate::domain::AlertMapping;
using slate::domain::AlertStatus;
using slate::domain::Policy;
using slate::test::writes::Fixture;

namespace {

Policy mapping_policy() {
  Policy policy;
  AlertMapping mapping;
  auto slo = slate::domain::parse_matcher(R"(slo="availability")", "test");
  REQUIRE(slo.ok());
  mapping.match = {slo.value()};
  policy.alertmanager.alerts = mapping;
  return policy;
}

Alert alert(AlertStatus status, const char* fingerprint, const char* starts,
            std::optional<const char*> ends = {}) {
  Alert a;
  a.status = status;
  a.labels = {
      {"alertname", "ApiDown"}, {"slo", "availability"}, {"service", "api"}, {"region", "us"}};
  a.starts_at = utc(starts);
  if (ends) {
    a.ends_at = utc(*ends);
  }
  a.fingerprint = fingerprint;
  return a;
}

} // namespace

TEST_SUITE_BEGIN("app");

TEST_CASE("app::receive_alerts opens and resolves one outage, whatever the repeats") {
  Fixture f(mapping_policy());
  const auto firing = alert(AlertStatus::firing, "f1", "2026-10-10T11:00:00Z");
  auto report = slate::app::receive_alerts(*f.writer, {firing, firing}, by("am"));
  CHECK(report.received == 2);
  CHECK(report.opened == 1);
  CHECK(report.unchanged == 1);
  REQUIRE(f.writer->snapshot()->outages.size() == 1);
  const auto outage = *f.writer->snapshot()->outages.of_service("api").begin();
  CHECK(outage.open());
  CHECK(outage.start == utc("2026-10-10T11:00:00Z"));
  CHECK(outage.regions == std::vector<std::string>{"US"});
  CHECK(outage.created_by == "alertmanager");

  const auto resolved =
      alert(AlertStatus::resolved, "f1", "2026-10-10T11:00:00Z", "2026-10-10T11:30:00Z");
  report = slate::app::receive_alerts(*f.writer, {resolved}, by("am", "2026-10-10T12:05:00Z"));
  CHECK(report.resolved == 1);
  report =
      slate::app::receive_alerts(*f.writer, {resolved, firing}, by("am", "2026-10-10T12:10:00Z"));
  CHECK(report.unchanged == 2);
  REQUIRE(f.writer->snapshot()->outages.size() == 1);
  const auto ended = *f.writer->snapshot()->outages.find(outage.id);
  CHECK(ended.end == utc("2026-10-10T11:30:00Z"));
}

TEST_CASE("app::receive_alerts records a resolution seen first as an ended outage") {
  Fixture f(mapping_policy());
  const auto resolved =
      alert(AlertStatus::resolved, "f2", "2026-10-10T10:00:00Z", "2026-10-10T10:20:00Z");
  const auto report = slate::app::receive_alerts(*f.writer, {resolved, resolved}, by("am"));
  CHECK(report.opened == 1);
  CHECK(report.unchanged == 1);
  REQUIRE(f.writer->snapshot()->outages.size() == 1);
  const auto outage = *f.writer->snapshot()->outages.of_service("api").begin();
  CHECK(outage.end == utc("2026-10-10T10:20:00Z"));
}

TEST_CASE("app::receive_alerts ignores what maps to nothing, and changes nothing for it") {
  Fixture f(mapping_policy());
  auto other = alert(AlertStatus::firing, "f3", "2026-10-10T11:00:00Z");
  other.labels["slo"] = "latency";
  auto unknown = alert(AlertStatus::firing, "f4", "2026-10-10T11:00:00Z");
  unknown.labels["region"] = "mars";
  const auto report = slate::app::receive_alerts(*f.writer, {other, unknown}, by("am"));
  CHECK(report.received == 2);
  CHECK(report.mapped() == 0);
  REQUIRE(report.ignored.size() == 2);
  CHECK(report.ignored[0].reason == "not_matched");
  CHECK(report.ignored[1].reason == "unknown_region");
  CHECK(f.writer->snapshot()->outages.empty());
}

TEST_CASE("app::receive_alerts takes an instant after now as now") {
  Fixture f(mapping_policy());
  const auto early = alert(AlertStatus::firing, "f5", "2026-10-10T12:00:30Z");
  const auto report = slate::app::receive_alerts(*f.writer, {early}, by("am"));
  CHECK(report.opened == 1);
  const auto outage = *f.writer->snapshot()->outages.of_service("api").begin();
  CHECK(outage.start == utc("2026-10-10T12:00:00Z"));
}
