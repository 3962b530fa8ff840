#include <slate/app/lifecycle.hpp>

#include <support/api_fixture.hpp>
#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <vector>

using slate::app::due_transitions;
using slate::app::DueTransition;
using slate::app::LifecycleAction;
using slate::app::LifecycleSettings;
using slate::app::next_lifecycle_time;
using slate::app::Snapshot;
using slate::domain::Maintenance;
using slate::domain::MaintenanceState;
using slate::test::utc;

namespace {

Maintenance maintenance(std::int64_t id, const char* start, const char* end,
                        MaintenanceState state = MaintenanceState::planned) {
  Maintenance m;
  m.id = id;
  m.state = state;
  m.regions = {"US"};
  m.booked = {utc(start), utc(end)};
  m.end = m.booked.end;
  m.announced_at = utc("2026-03-01T00:00:00Z");
  m.updated_at = m.announced_at;
  if (state != MaintenanceState::planned) {
    m.started_at = m.booked.start;
  }
  return m;
}

Snapshot snapshot_of(std::vector<Maintenance> maintenances) {
  Snapshot snapshot;
  snapshot.maintenances = std::move(maintenances);
  return snapshot;
}

} // namespace

TEST_CASE("app::due_transitions starts at the start and completes at the end") {
  const auto snapshot = snapshot_of({
      maintenance(1, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"),
      maintenance(2, "2026-03-16T04:00:00Z", "2026-03-16T05:00:00Z", MaintenanceState::in_progress),
      maintenance(3, "2026-03-10T04:00:00Z", "2026-03-10T05:00:00Z", MaintenanceState::completed),
      maintenance(4, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z", MaintenanceState::cancelled),
  });
  LifecycleSettings settings;
  struct Row {
    const char* now;
    std::vector<DueTransition> due;
  };
  const std::vector<Row> rows{
      {"2026-03-16T04:59:59Z", {}},
      {"2026-03-16T05:00:00Z",
       {{1, LifecycleAction::start, utc("2026-03-16T05:00:00Z")},
        {2, LifecycleAction::complete, utc("2026-03-16T05:00:00Z")}}},
      // A whole span missed while stopped: started now, completed next round.
      {"2026-03-17T00:00:00Z",
       {{1, LifecycleAction::start, utc("2026-03-16T05:00:00Z")},
        {2, LifecycleAction::complete, utc("2026-03-16T05:00:00Z")}}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.now);
    CHECK(due_transitions(snapshot, utc(row.now), settings) == row.due);
  }
  settings.auto_transitions = false;
  CHECK(due_transitions(snapshot, utc("2026-03-17T00:00:00Z"), settings).empty());
}

TEST_CASE("app::due_transitions leaves imported maintenance alone") {
  auto m = maintenance(1, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z");
  m.imported = true;
  CHECK(due_transitions(snapshot_of({m}), utc("2026-03-17T00:00:00Z"), {}).empty());
}

TEST_CASE("app::next_lifecycle_time is the soonest start, end or reminder") {
  const auto snapshot = snapshot_of({
      maintenance(1, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"),
      maintenance(2, "2026-03-20T04:00:00Z", "2026-03-20T05:00:00Z"),
  });
  LifecycleSettings settings;
  CHECK(next_lifecycle_time(snapshot, utc("2026-03-16T04:30:00Z"), settings) ==
        utc("2026-03-16T05:00:00Z"));
  // Maintenance 2's 7-day reminder at 2026-03-13T04:00Z comes first.
  CHECK(next_lifecycle_time(snapshot, utc("2026-03-12T00:00:00Z"), settings) ==
        utc("2026-03-13T04:00:00Z"));
  settings.auto_transitions = false;
  settings.notifications.reminders.clear();
  CHECK(next_lifecycle_time(snapshot, utc("2026-03-16T04:30:00Z"), settings) == std::nullopt);
  const auto started = snapshot_of({maintenance(1, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z",
                                                MaintenanceState::in_progress)});
  // With the clock off, the end is when the overrun is flagged.
  CHECK(next_lifecycle_time(started, utc("2026-03-16T05:30:00Z"), settings) ==
        utc("2026-03-16T06:00:00Z"));
}
