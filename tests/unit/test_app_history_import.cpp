// Importing past maintenance and outages (app/history_import).
#include "app_outage_fixture.hpp"

#include <doctest/doctest.h>

using namespace slate::test::outages;
using slate::app::OutageBook;
using slate::domain::Code;
using slate::domain::MaintenanceKind;
using slate::domain::MaintenanceState;
using slate::domain::Outage;
using slate::domain::OutageCause;
using slate::domain::OutageImpact;
using slate::domain::Policy;
using slate::formats::ImportRequest;
using slate::formats::ResolveRequest;
using slate::test::sample_regions;
using slate::test::writes::Fixture;
using namespace slate::app;
using namespace std::chrono_literals;

TEST_SUITE_BEGIN("app");

TEST_CASE("app::import_history stores past maintenance and outages, marked imported") {
  Fixture f;
  ImportRequest request;
  // Booked 06:00-07:00Z (Mon 2025-11-03 01:00-02:00 EST), ran 06:10-07:20Z.
  request.maintenances.push_back(past("2025-11-03T06:00:00Z", "2025-11-03T07:00:00Z",
                                      "2025-11-03T06:10:00Z", "2025-11-03T07:20:00Z"));
  auto cancelled = past("2025-11-10T06:00:00Z", "2025-11-10T07:00:00Z", "2025-11-10T06:00:00Z",
                        "2025-11-10T06:00:01Z");
  cancelled.state = MaintenanceState::cancelled;
  cancelled.actual_start.reset();
  cancelled.actual_end.reset();
  cancelled.kind = MaintenanceKind::emergency;
  cancelled.disruptive = false;
  request.maintenances.push_back(cancelled);
  auto old = outage("voice", {"EU"}, "2025-11-05T10:00:00Z", "2025-11-05T10:30:00Z");
  old.cause = OutageCause::force_majeure;
  request.outages.push_back(old);

  const auto imported = import_history(*f.writer, request, by("importer"));
  REQUIRE(imported.ok());
  const auto& history = imported->value;
  REQUIRE(history.maintenances.size() == 2);
  REQUIRE(history.outages.size() == 1);
  const auto& m = history.maintenances[0];
  CHECK(m.imported);
  CHECK(m.state == MaintenanceState::completed);
  CHECK(m.regions == std::vector<std::string>{"US"});
  CHECK(m.booked == Interval{utc("2025-11-03T06:00:00Z"), utc("2025-11-03T07:00:00Z")});
  CHECK(m.end == utc("2025-11-03T07:20:00Z")); // it overran: extended to its actual end
  CHECK(m.announced_at == utc("2025-10-24T06:00:00Z"));
  CHECK(m.started_at == utc("2025-11-03T06:10:00Z"));
  CHECK(m.finished_at == utc("2025-11-03T07:20:00Z"));
  CHECK(m.created_by == "importer");
  const auto& c = history.maintenances[1];
  CHECK(c.state == MaintenanceState::cancelled);
  CHECK(c.kind == MaintenanceKind::emergency);
  CHECK_FALSE(c.started_at.has_value());
  CHECK_FALSE(c.finished_at.has_value());
  CHECK(c.end == c.booked.end);
  CHECK_FALSE(c.disruptive);
  CHECK(history.outages[0].imported);
  CHECK(history.outages[0].cause == OutageCause::force_majeure);

  const auto& snapshot = *f.published.back();
  CHECK(snapshot.version == 2);
  CHECK(snapshot.maintenances.size() == 2);
  CHECK(snapshot.outages.size() == 1);
  const auto log = f.database->audit_log(10);
  REQUIRE(log.size() == 3);
  for (const auto& entry : log) {
    CHECK(entry.action == "import");
    CHECK(entry.actor == "importer");
  }

  // Imported maintenance is not open: it blocks no live booking of its window.
  f.restart();
  CHECK(f.published.back()->maintenances.size() == 2);
  CHECK(f.published.back()->outages.size() == 1);
  CHECK(f.published.back()->maintenances[0] == m);
}

TEST_CASE("app::import_history refuses every bad item by index, storing nothing") {
  Fixture f;
  ImportRequest request;
  request.maintenances.push_back(past("2025-11-03T06:00:00Z", "2025-11-03T07:00:00Z",
                                      "2025-11-03T06:10:00Z", "2025-11-03T07:20:00Z"));
  auto unknown = request.maintenances[0];
  unknown.regions = {"US", "Mars"};
  request.maintenances.push_back(unknown);
  auto future = request.maintenances[0];
  future.actual_end = utc("2026-12-01T00:00:00Z");
  request.maintenances.push_back(future);
  request.outages.push_back(outage("api", {"IN"}, "2025-11-05T10:00:00Z", "2025-11-05T10:30:00Z"));
  request.outages.push_back(outage("api", {"XX"}, "2026-11-05T10:00:00Z"));

  const auto imported = import_history(*f.writer, request, by("importer"));
  REQUIRE_FALSE(imported.ok());
  CHECK(fields(imported.problems()) ==
        "maintenances[1].regions:unknown_region, maintenances[2].actual_end:time_in_future, "
        "outages[1].regions:unknown_region, outages[1].start:time_in_future");
  CHECK(f.published.size() == 1);
  CHECK(f.database->load_maintenances().empty());
  CHECK(f.database->load_outages().empty());
  CHECK(f.database->audit_log(10).empty());
}

TEST_CASE("app::import_history with an Idempotency-Key imports once") {
  Fixture f;
  ImportRequest request;
  request.maintenances.push_back(past("2025-11-03T06:00:00Z", "2025-11-03T07:00:00Z",
                                      "2025-11-03T06:10:00Z", "2025-11-03T07:20:00Z"));
  request.outages.push_back(outage("api", {"IN"}, "2025-11-05T10:00:00Z", "2025-11-05T10:30:00Z"));
  request.outages.push_back(outage("api", {"IN"}, "2025-11-06T10:00:00Z", "2025-11-06T10:30:00Z"));
  const auto first = import_history(*f.writer, request, by("i", "2026-10-10T12:00:00Z", "k", "x"));
  REQUIRE(first.ok());
  const auto again = import_history(*f.writer, request, by("i", "2026-10-10T12:05:00Z", "k", "x"));
  REQUIRE(again.ok());
  CHECK(again->replayed);
  CHECK(again->value.maintenances == first->value.maintenances);
  CHECK(again->value.outages == first->value.outages);
  CHECK(f.database->load_outages().size() == 2);
  const auto reused = record_outage(*f.writer, outage("api", {"IN"}, std::nullopt),
                                    by("i", "2026-10-10T12:05:00Z", "k", "x"));
  REQUIRE_FALSE(reused.ok());
  CHECK(reused.problems()[0].code == Code::idempotency_key_reused);
}

TEST_SUITE_END();
