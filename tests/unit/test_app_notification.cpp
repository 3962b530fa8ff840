#include <slate/app/notification.hpp>

#include <support/api_fixture.hpp>
#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using slate::app::due_notifications;
using slate::app::DueNotification;
using slate::app::event_id;
using slate::app::next_notification_time;
using slate::app::NotificationPhase;
using slate::app::NotificationSettings;
using slate::app::Snapshot;
using slate::domain::Maintenance;
using slate::domain::MaintenanceKind;
using slate::domain::MaintenanceState;
using slate::test::sample_regions;
using slate::test::utc;
using slate::test::zone;
using namespace std::chrono_literals;

namespace {

// US maintenance Mon 2026-03-16 05:00-06:00Z (01:00-02:00 EDT), announced
// Tue 2026-03-03 12:00Z: 12 days 17 hours ahead.
Maintenance us_maintenance(std::int64_t id = 7) {
  Maintenance m;
  m.id = id;
  m.title = "Database upgrade";
  m.regions = {"US"};
  m.booked = {utc("2026-03-16T05:00:00Z"), utc("2026-03-16T06:00:00Z")};
  m.end = m.booked.end;
  m.announced_at = utc("2026-03-03T12:00:00Z");
  m.updated_at = m.announced_at;
  m.created_by = "ops";
  return m;
}

Snapshot snapshot_of(std::vector<Maintenance> maintenances) {
  Snapshot snapshot;
  snapshot.version = 1;
  snapshot.home_zone = zone("Asia/Kolkata");
  snapshot.regions = sample_regions();
  snapshot.maintenances = std::move(maintenances);
  return snapshot;
}

// The event ids due at `now`, in order.
// Catch up on a month, so that the announcement stays due in every row.
NotificationSettings month() {
  NotificationSettings settings;
  settings.catch_up = std::chrono::days{30};
  return settings;
}

std::vector<std::string> ids_at(const Snapshot& snapshot, const char* now,
                                const NotificationSettings& settings = month()) {
  std::vector<std::string> ids;
  for (const auto& notification : due_notifications(snapshot, utc(now), settings)) {
    ids.push_back(event_id(notification));
  }
  return ids;
}

} // namespace

TEST_CASE("app::event_id names the maintenance, the phase and the variant") {
  CHECK(event_id({12, NotificationPhase::announced, 0, {}}) == "maintenance/12/announced");
  CHECK(event_id({12, NotificationPhase::reminder, 86400, {}}) == "maintenance/12/reminder/86400");
  CHECK(event_id({3, NotificationPhase::extended, 1773640800, {}}) ==
        "maintenance/3/extended/1773640800");
  CHECK(event_id({3, NotificationPhase::completed, 0, {}}) == "maintenance/3/completed");
}

TEST_CASE("app::due_notifications of a planned maintenance: the latest reminder that passed") {
  const auto snapshot = snapshot_of({us_maintenance()});
  struct Row {
    const char* now;
    std::vector<std::string> ids;
  };
  const std::vector<Row> rows{
      {"2026-03-03T12:00:00Z", {"maintenance/7/announced"}},
      {"2026-03-09T04:59:59Z", {"maintenance/7/announced"}},
      {"2026-03-09T05:00:00Z", {"maintenance/7/announced", "maintenance/7/reminder/604800"}},
      {"2026-03-15T04:59:59Z", {"maintenance/7/announced", "maintenance/7/reminder/604800"}},
      // After a stop that missed the 7-day reminder too: only the 24-hour one.
      {"2026-03-15T05:00:00Z", {"maintenance/7/announced", "maintenance/7/reminder/86400"}},
      {"2026-03-16T04:00:00Z", {"maintenance/7/announced", "maintenance/7/reminder/3600"}},
      {"2026-03-16T04:59:59Z", {"maintenance/7/announced", "maintenance/7/reminder/3600"}},
      // The start has come and the clock has not started it yet: no reminder.
      {"2026-03-16T05:00:00Z", {"maintenance/7/announced"}},
  };
  for (const auto& row : rows) {
    CAPTURE(std::string(row.now));
    CHECK(ids_at(snapshot, row.now) == row.ids);
  }
}

TEST_CASE("app::due_notifications drops what is older than the catch-up time") {
  const auto snapshot = snapshot_of({us_maintenance()});
  const NotificationSettings three_days; // the default
  CHECK(ids_at(snapshot, "2026-03-06T12:00:00Z", three_days) ==
        std::vector<std::string>{"maintenance/7/announced"});
  CHECK(ids_at(snapshot, "2026-03-06T12:00:01Z", three_days).empty());
  CHECK(ids_at(snapshot, "2026-03-09T05:00:00Z", three_days) ==
        std::vector<std::string>{"maintenance/7/reminder/604800"});
}

TEST_CASE("app::due_notifications skips reminders due before the announcement") {
  auto m = us_maintenance();
  m.announced_at = utc("2026-03-15T12:00:00Z"); // 17 hours ahead
  const auto snapshot = snapshot_of({m});
  CHECK(ids_at(snapshot, "2026-03-15T12:00:00Z") ==
        std::vector<std::string>{"maintenance/7/announced"});
  CHECK(ids_at(snapshot, "2026-03-16T04:00:00Z") ==
        std::vector<std::string>{"maintenance/7/announced", "maintenance/7/reminder/3600"});
  CHECK(next_notification_time(snapshot, utc("2026-03-15T12:00:00Z"), {}) ==
        utc("2026-03-16T04:00:00Z"));
}

TEST_CASE("app::due_notifications follows the maintenance through its states") {
  auto m = us_maintenance();
  const char* now = "2026-03-16T07:30:00Z";
  // Three days of catch-up: the announcement of 2026-03-03 is past it.
  const NotificationSettings defaults;
  SUBCASE("in progress") {
    m.state = MaintenanceState::in_progress;
    m.started_at = utc("2026-03-16T05:00:00Z");
    CHECK(ids_at(snapshot_of({m}), "2026-03-16T05:30:00Z", defaults) ==
          std::vector<std::string>{"maintenance/7/started"});
  }
  SUBCASE("extended, then overrunning the new end") {
    m.state = MaintenanceState::in_progress;
    m.started_at = utc("2026-03-16T05:00:00Z");
    m.end = utc("2026-03-16T07:00:00Z");
    m.updated_at = utc("2026-03-16T05:50:00Z");
    CHECK(ids_at(snapshot_of({m}), now, defaults) ==
          std::vector<std::string>{"maintenance/7/started", "maintenance/7/extended/1773644400",
                                   "maintenance/7/overrun/1773644400"});
  }
  SUBCASE("completed") {
    m.state = MaintenanceState::completed;
    m.started_at = utc("2026-03-16T05:00:00Z");
    m.finished_at = utc("2026-03-16T06:00:00Z");
    CHECK(ids_at(snapshot_of({m}), now, defaults) ==
          std::vector<std::string>{"maintenance/7/started", "maintenance/7/completed"});
  }
  SUBCASE("cancelled before it started") {
    m.state = MaintenanceState::cancelled;
    m.finished_at = utc("2026-03-10T06:00:00Z");
    CHECK(ids_at(snapshot_of({m}), "2026-03-10T06:00:00Z", month()) ==
          std::vector<std::string>{"maintenance/7/announced", "maintenance/7/cancelled"});
  }
  SUBCASE("emergency: declared, no reminders") {
    m.kind = MaintenanceKind::emergency;
    CHECK(ids_at(snapshot_of({m}), "2026-03-16T04:30:00Z", defaults) == std::vector<std::string>{});
    m.announced_at = utc("2026-03-16T04:00:00Z");
    CHECK(ids_at(snapshot_of({m}), "2026-03-16T04:30:00Z", defaults) ==
          std::vector<std::string>{"maintenance/7/emergency"});
  }
  SUBCASE("imported: none") {
    m.imported = true;
    CHECK(ids_at(snapshot_of({m}), "2026-03-03T12:00:00Z", defaults).empty());
  }
}

TEST_CASE("app::next_notification_time is the next reminder or the end of one in progress") {
  auto m = us_maintenance();
  const auto snapshot = snapshot_of({m});
  CHECK(next_notification_time(snapshot, utc("2026-03-03T12:00:00Z"), {}) ==
        utc("2026-03-09T05:00:00Z"));
  CHECK(next_notification_time(snapshot, utc("2026-03-09T05:00:00Z"), {}) ==
        utc("2026-03-15T05:00:00Z"));
  CHECK(next_notification_time(snapshot, utc("2026-03-16T04:00:00Z"), {}) == std::nullopt);
  NotificationSettings none;
  none.reminders.clear();
  CHECK(next_notification_time(snapshot, utc("2026-03-03T12:00:00Z"), none) == std::nullopt);
  m.state = MaintenanceState::in_progress;
  m.started_at = m.booked.start;
  CHECK(next_notification_time(snapshot_of({m}), utc("2026-03-16T05:10:00Z"), {}) ==
        utc("2026-03-16T06:00:00Z"));
}
