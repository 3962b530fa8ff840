#include <slate/app/scheduler.hpp>

#include <slate/app/maintenance_view.hpp>
#include <slate/domain/booking_rules.hpp>
#include <slate/formats/json_text.hpp>
#include <slate/formats/message_text.hpp>

#include <support/api_fixture.hpp>
#include <support/temp_dir.hpp>
#include <support/time_literals.hpp>

#include <nlohmann/json.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

using slate::app::Scheduler;
using slate::app::SnapshotPtr;
using slate::app::view_of;
using slate::app::WriteContext;
using slate::domain::Blackout;
using slate::domain::Interval;
using slate::domain::Maintenance;
using slate::domain::MaintenanceKind;
using slate::domain::MaintenanceState;
using slate::domain::Policy;
using slate::domain::Problems;
using slate::formats::BlackoutRequest;
using slate::formats::MaintenanceRequest;
using slate::store::Database;
using slate::store::open_sqlite_database;
using slate::test::iso;
using slate::test::sample_regions;
using slate::test::TempDir;
using slate::test::utc;
using slate::test::zone;
namespace code = slate::app::problem_code;
namespace rule = slate::domain::rule;
using namespace std::chrono_literals;

namespace {

// A scheduler over sample_regions() and the default policy (a week of
// notice), on a SQLite file in a fresh directory; every published snapshot
// is kept. The clock is whatever each write says; most read Tue 2026-03-03
// 12:00Z, so that the first usable US window is Mon 2026-03-16 05:00-07:00Z.
struct Fixture {
  Fixture() { start(); }

  void start() {
    scheduler = std::make_unique<Scheduler>(
        *database, [this](SnapshotPtr snapshot) { published.push_back(std::move(snapshot)); });
    scheduler->start(sample_regions(), Policy{}, zone("Asia/Kolkata"),
                     slate::formats::MessageTemplates::defaults());
  }

  // Drop the scheduler and the database and open both again on the same file.
  void restart() {
    scheduler.reset();
    database.reset();
    database = open_sqlite_database(path);
    published.clear();
    start();
  }

  TempDir dir;
  std::filesystem::path path = dir.path() / "state" / "slated.db";
  std::unique_ptr<Database> database = open_sqlite_database(path);
  std::vector<SnapshotPtr> published;
  std::unique_ptr<Scheduler> scheduler;
};

WriteContext by(const std::string& actor, const char* now = "2026-03-03T12:00:00Z",
                std::optional<std::string> key = std::nullopt,
                const std::string& fingerprint = "") {
  return WriteContext{actor, utc(now), std::move(key), fingerprint};
}

MaintenanceRequest work(std::vector<std::string> regions, const char* start, const char* end,
                        MaintenanceKind kind = MaintenanceKind::scheduled) {
  MaintenanceRequest request;
  request.kind = kind;
  request.title = "Kernel updates";
  request.message = "Hosts reboot one at a time.";
  request.regions = std::move(regions);
  request.services = {"api", "web"};
  request.span = Interval{utc(start), utc(end)};
  return request;
}

BlackoutRequest freeze(std::vector<std::string> regions, const char* start, const char* end) {
  return BlackoutRequest{std::move(regions), Interval{utc(start), utc(end)}, "release freeze"};
}

// The problems' codes, ", "-separated: a failed check shows them all.
std::string codes(const Problems& problems) {
  std::string out;
  for (const auto& problem : problems) {
    out += (out.empty() ? "" : ", ") + problem.code;
  }
  return out;
}

nlohmann::json parsed(const std::string& text) {
  return nlohmann::json::parse(text);
}

} // namespace

TEST_CASE("app::Scheduler::start publishes the stored state as version 1") {
  Fixture f;
  REQUIRE(f.published.size() == 1);
  CHECK(f.published[0] == f.scheduler->snapshot());
  const auto& snapshot = *f.scheduler->snapshot();
  CHECK(snapshot.version == 1);
  CHECK(snapshot.home_zone.name() == "Asia/Kolkata");
  CHECK(snapshot.regions.size() == 6);
  CHECK(snapshot.policy.name == "uniphore");
  CHECK(snapshot.maintenances.empty());
  CHECK(snapshot.blackouts.empty());
}

TEST_CASE("app::Scheduler::create_maintenance stores it and publishes a new snapshot") {
  Fixture f;
  const auto before = f.scheduler->snapshot();
  const auto created = f.scheduler->create_maintenance(
      work({"us"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"), by("alice"));
  REQUIRE(created.ok());
  CHECK_FALSE(created->replayed);
  const Maintenance& m = created->value;
  CHECK(m.id == 1);
  CHECK(m.kind == MaintenanceKind::scheduled);
  CHECK(m.state == MaintenanceState::planned);
  CHECK(m.title == "Kernel updates");
  CHECK(m.message == "Hosts reboot one at a time.");
  CHECK(m.regions == std::vector<std::string>{"US"}); // as the calendars spell it
  CHECK(m.services == std::vector<std::string>{"api", "web"});
  CHECK(iso(m.booked.start) == "2026-03-16T05:00:00Z");
  CHECK(iso(m.booked.end) == "2026-03-16T06:00:00Z");
  CHECK(m.end == m.booked.end);
  CHECK(iso(m.announced_at) == "2026-03-03T12:00:00Z");
  CHECK(iso(m.updated_at) == "2026-03-03T12:00:00Z");
  CHECK_FALSE(m.started_at);
  CHECK_FALSE(m.finished_at);
  CHECK(m.sequence == 0);
  CHECK(m.created_by == "alice");

  const auto after = f.scheduler->snapshot();
  CHECK(after->version == 2);
  REQUIRE(f.published.size() == 2);
  CHECK(f.published[1] == after);
  REQUIRE(after->maintenances.size() == 1);
  CHECK(after->maintenances[0] == m);
  REQUIRE(after->find_maintenance(1) != nullptr);
  CHECK(*after->find_maintenance(1) == m);
  // The earlier snapshot is left as it was.
  CHECK(before->version == 1);
  CHECK(before->maintenances.empty());
  CHECK(f.database->load_maintenances() == std::vector<Maintenance>{m});

  const auto second = f.scheduler->create_maintenance(
      work({"EU"}, "2026-03-11T02:30:00Z", "2026-03-11T04:30:00Z"), by("bob"));
  REQUIRE(second.ok());
  CHECK(second->value.id == 2);
  CHECK(f.scheduler->snapshot()->version == 3);
  CHECK(f.scheduler->snapshot()->maintenances.size() == 2);
}

TEST_CASE("app::Scheduler::create_maintenance: a refused request changes nothing") {
  Fixture f;
  const auto before = f.scheduler->snapshot();
  SUBCASE("a booking rule") {
    const auto created = f.scheduler->create_maintenance(
        work({"US"}, "2026-03-09T05:00:00Z", "2026-03-09T08:00:00Z"), by("alice"));
    REQUIRE_FALSE(created.ok());
    CHECK(codes(created.problems()) == "insufficient_notice, outside_window");
  }
  SUBCASE("an unknown region") {
    const auto created = f.scheduler->create_maintenance(
        work({"US", "MARS"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"), by("alice"));
    REQUIRE_FALSE(created.ok());
    CHECK(codes(created.problems()) == "unknown_region");
  }
  CHECK(f.scheduler->snapshot() == before);
  CHECK(f.scheduler->snapshot()->version == 1);
  CHECK(f.published.size() == 1);
  CHECK(f.database->load_maintenances().empty());
  CHECK(f.database->audit_log(10).empty());
}

TEST_CASE("app::Scheduler::create_maintenance: a refused request leaves its key unused") {
  Fixture f;
  const auto refused =
      f.scheduler->create_maintenance(work({"US"}, "2026-03-09T05:00:00Z", "2026-03-09T06:00:00Z"),
                                      by("alice", "2026-03-03T12:00:00Z", "key-1", "first body"));
  REQUIRE_FALSE(refused.ok());
  CHECK_FALSE(f.database->find_idempotency("key-1", "alice"));
  // The corrected request may use the same key.
  const auto created =
      f.scheduler->create_maintenance(work({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"),
                                      by("alice", "2026-03-03T12:00:00Z", "key-1", "second body"));
  REQUIRE(created.ok());
  CHECK_FALSE(created->replayed);
  const auto record = f.database->find_idempotency("key-1", "alice");
  REQUIRE(record);
  CHECK(record->fingerprint == "second body");
  CHECK(record->resource == "maintenance/1");
}

TEST_CASE("app::Scheduler::create_maintenance with an Idempotency-Key") {
  Fixture f;
  const auto request = work({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z");
  const auto first =
      f.scheduler->create_maintenance(request, by("alice", "2026-03-03T12:00:00Z", "k1", "A"));
  REQUIRE(first.ok());
  CHECK_FALSE(first->replayed);
  CHECK(first->value.id == 1);
  const auto version = f.scheduler->snapshot()->version;

  SUBCASE("a retry gets the same maintenance, replayed, and nothing changes") {
    const auto retry =
        f.scheduler->create_maintenance(request, by("alice", "2026-03-03T12:05:00Z", "k1", "A"));
    REQUIRE(retry.ok());
    CHECK(retry->replayed);
    CHECK(retry->value == first->value);
    CHECK(f.scheduler->snapshot()->version == version);
    CHECK(f.database->load_maintenances().size() == 1);
    CHECK(f.database->audit_log(10).size() == 1);
  }
  SUBCASE("the key with another body is refused") {
    const auto reused = f.scheduler->create_maintenance(
        work({"US"}, "2026-03-23T05:00:00Z", "2026-03-23T06:00:00Z"),
        by("alice", "2026-03-03T12:05:00Z", "k1", "B"));
    REQUIRE_FALSE(reused.ok());
    REQUIRE(reused.problems().size() == 1);
    CHECK(reused.problems()[0].code == code::idempotency_reused);
    CHECK(reused.problems()[0].code == std::string("idempotency_key_reused"));
    CHECK(reused.problems()[0].field == "Idempotency-Key");
    CHECK(reused.problems()[0].message ==
          "Idempotency-Key 'k1' was already used for another request (maintenance/1); use a new "
          "key for a new request");
    CHECK(f.scheduler->snapshot()->version == version);
    CHECK(f.database->load_maintenances().size() == 1);
  }
  SUBCASE("another actor's key is their own") {
    // The same body from bob is a new request: it would overlap alice's.
    const auto same =
        f.scheduler->create_maintenance(request, by("bob", "2026-03-03T12:05:00Z", "k1", "A"));
    REQUIRE_FALSE(same.ok());
    CHECK(codes(same.problems()) == "maintenance_overlap");
    const auto other = f.scheduler->create_maintenance(
        work({"US"}, "2026-03-23T05:00:00Z", "2026-03-23T06:00:00Z"),
        by("bob", "2026-03-03T12:05:00Z", "k1", "A"));
    REQUIRE(other.ok());
    CHECK_FALSE(other->replayed);
    CHECK(other->value.id == 2);
    CHECK(other->value.created_by == "bob");
    const auto record = f.database->find_idempotency("k1", "bob");
    REQUIRE(record);
    CHECK(record->resource == "maintenance/2");
  }
  SUBCASE("a key used for a blackout is not replayed as a maintenance") {
    const auto blackout =
        f.scheduler->create_blackout(freeze({}, "2026-04-01T00:00:00Z", "2026-04-02T00:00:00Z"),
                                     by("alice", "2026-03-03T12:05:00Z", "k2", "C"));
    REQUIRE(blackout.ok());
    const auto reused =
        f.scheduler->create_maintenance(request, by("alice", "2026-03-03T12:06:00Z", "k2", "C"));
    REQUIRE_FALSE(reused.ok());
    CHECK(reused.problems()[0].code == code::idempotency_reused);
    CHECK(reused.problems()[0].message ==
          "Idempotency-Key 'k2' was already used for another request (blackout/1); use a new "
          "key for a new request");
  }
  SUBCASE("the key is remembered across a restart") {
    f.restart();
    const auto retry =
        f.scheduler->create_maintenance(request, by("alice", "2026-03-04T00:00:00Z", "k1", "A"));
    REQUIRE(retry.ok());
    CHECK(retry->replayed);
    CHECK(retry->value == first->value);
  }
}

TEST_CASE("app::Scheduler lifecycle: start, complete, cancel and the transitions refused") {
  Fixture f;
  REQUIRE(f.scheduler
              ->create_maintenance(work({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"),
                                   by("alice"))
              .ok());
  REQUIRE(f.scheduler
              ->create_maintenance(work({"US"}, "2026-03-23T05:00:00Z", "2026-03-23T06:00:00Z"),
                                   by("alice"))
              .ok());

  const auto started = f.scheduler->start_maintenance(1, by("bob", "2026-03-16T05:01:00Z"));
  REQUIRE(started.ok());
  CHECK(started->state == MaintenanceState::in_progress);
  CHECK(iso(*started->started_at) == "2026-03-16T05:01:00Z");
  CHECK(iso(started->updated_at) == "2026-03-16T05:01:00Z");
  CHECK(started->sequence == 1);
  CHECK(started->created_by == "alice");
  CHECK(*f.scheduler->snapshot()->find_maintenance(1) == started.value());

  const auto version = f.scheduler->snapshot()->version;
  const auto audits = f.database->audit_log(100).size();
  const auto refused = f.scheduler->start_maintenance(1, by("bob", "2026-03-16T05:02:00Z"));
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.problems()[0].code == code::invalid_transition);
  CHECK(refused.problems()[0].field == "state");
  CHECK(refused.problems()[0].message ==
        "cannot start maintenance 1: it is in_progress, and start needs it planned");
  const auto early = f.scheduler->complete_maintenance(2, by("bob", "2026-03-16T05:02:00Z"));
  REQUIRE_FALSE(early.ok());
  CHECK(early.problems()[0].message == "cannot complete maintenance 2: it is planned, and complete "
                                       "needs it in_progress (start it first)");
  // Refusals publish nothing and write nothing.
  CHECK(f.scheduler->snapshot()->version == version);
  CHECK(f.database->audit_log(100).size() == audits);

  const auto completed = f.scheduler->complete_maintenance(1, by("bob", "2026-03-16T05:50:00Z"));
  REQUIRE(completed.ok());
  CHECK(completed->state == MaintenanceState::completed);
  CHECK(iso(*completed->finished_at) == "2026-03-16T05:50:00Z");
  CHECK(iso(*completed->started_at) == "2026-03-16T05:01:00Z");
  CHECK(completed->sequence == 2);
  CHECK(f.scheduler->snapshot()->version == version + 1);

  const auto cancel_completed =
      f.scheduler->cancel_maintenance(1, by("bob", "2026-03-16T06:00:00Z"));
  REQUIRE_FALSE(cancel_completed.ok());
  CHECK(cancel_completed.problems()[0].code == code::invalid_transition);
  CHECK(cancel_completed.problems()[0].message ==
        "cannot cancel maintenance 1: it is completed, and cancel needs it planned or "
        "in_progress");

  const auto cancelled = f.scheduler->cancel_maintenance(2, by("carol", "2026-03-10T00:00:00Z"));
  REQUIRE(cancelled.ok());
  CHECK(cancelled->state == MaintenanceState::cancelled);
  CHECK(iso(*cancelled->finished_at) == "2026-03-10T00:00:00Z");
  CHECK_FALSE(cancelled->started_at);
  CHECK(cancelled->sequence == 1);

  const auto complete_cancelled =
      f.scheduler->complete_maintenance(2, by("carol", "2026-03-10T00:01:00Z"));
  REQUIRE_FALSE(complete_cancelled.ok());
  CHECK(complete_cancelled.problems()[0].code == code::invalid_transition);
  CHECK(complete_cancelled.problems()[0].message ==
        "cannot complete maintenance 2: it is cancelled, and complete needs it in_progress "
        "(start it first)");
  const auto start_cancelled =
      f.scheduler->start_maintenance(2, by("carol", "2026-03-10T00:01:00Z"));
  REQUIRE_FALSE(start_cancelled.ok());
  CHECK(start_cancelled.problems()[0].code == code::invalid_transition);
  const auto extend_cancelled = f.scheduler->extend_maintenance(
      2, utc("2026-03-23T06:30:00Z"), by("carol", "2026-03-10T00:01:00Z"));
  REQUIRE_FALSE(extend_cancelled.ok());
  CHECK(extend_cancelled.problems()[0].message ==
        "cannot extend maintenance 2: it is cancelled, and extend needs it planned or "
        "in_progress");

  // The store holds what the snapshot shows.
  CHECK(f.database->load_maintenances() == f.scheduler->snapshot()->maintenances);

  // A cancelled maintenance frees its time.
  const auto rebooked = f.scheduler->create_maintenance(
      work({"US"}, "2026-03-23T05:00:00Z", "2026-03-23T07:00:00Z"), by("carol"));
  REQUIRE(rebooked.ok());
  CHECK(rebooked->value.id == 3);
}

TEST_CASE("app::Scheduler: changing a maintenance that does not exist") {
  Fixture f;
  for (const auto& result :
       {f.scheduler->start_maintenance(99, by("bob")),
        f.scheduler->complete_maintenance(99, by("bob")),
        f.scheduler->cancel_maintenance(99, by("bob")),
        f.scheduler->extend_maintenance(99, utc("2026-03-16T07:00:00Z"), by("bob"))}) {
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.problems().size() == 1);
    CHECK(result.problems()[0].code == code::not_found);
    CHECK(result.problems()[0].field == "id");
    CHECK(result.problems()[0].message == "there is no maintenance 99");
  }
  CHECK(f.scheduler->snapshot()->version == 1);
}

TEST_CASE("app::Scheduler::extend_maintenance moves the end; past the window is an overrun") {
  Fixture f;
  REQUIRE(f.scheduler
              ->create_maintenance(work({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"),
                                   by("alice"))
              .ok());
  REQUIRE(f.scheduler->start_maintenance(1, by("bob", "2026-03-16T05:00:00Z")).ok());

  // Still inside the 05:00-07:00Z window.
  const auto inside = f.scheduler->extend_maintenance(1, utc("2026-03-16T06:30:00Z"),
                                                      by("bob", "2026-03-16T05:40:00Z"));
  REQUIRE(inside.ok());
  CHECK(iso(inside->end) == "2026-03-16T06:30:00Z");
  CHECK(iso(inside->booked.end) == "2026-03-16T06:00:00Z");
  CHECK(inside->state == MaintenanceState::in_progress);
  CHECK(inside->sequence == 2);
  CHECK(view_of(inside.value(), *f.scheduler->snapshot()).overrun == 0s);

  // 30 minutes past the window's end.
  const auto past = f.scheduler->extend_maintenance(1, utc("2026-03-16T07:30:00Z"),
                                                    by("bob", "2026-03-16T06:20:00Z"));
  REQUIRE(past.ok());
  CHECK(iso(past->end) == "2026-03-16T07:30:00Z");
  CHECK(iso(past->booked.end) == "2026-03-16T06:00:00Z");
  CHECK(past->sequence == 3);
  const auto view = view_of(past.value(), *f.scheduler->snapshot());
  CHECK(view.overrun == 30min);
  REQUIRE(view.clocks.size() == 1);
  CHECK(view.clocks[0].region == "US");
  CHECK(view.clocks[0].zone.name() == "America/New_York");
  CHECK(*f.scheduler->snapshot()->find_maintenance(1) == past.value());
  CHECK(f.database->load_maintenances().at(0).end == utc("2026-03-16T07:30:00Z"));

  // Extend never moves the end earlier, nor leaves it where it is.
  for (const char* end : {"2026-03-16T07:00:00Z", "2026-03-16T07:30:00Z"}) {
    CAPTURE(end);
    const auto refused =
        f.scheduler->extend_maintenance(1, utc(end), by("bob", "2026-03-16T06:30:00Z"));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.problems()[0].code == code::invalid_extension);
    CHECK(refused.problems()[0].field == "end");
    CHECK(refused.problems()[0].message ==
          "extend only moves the end later: the maintenance already ends at 2026-03-16 07:30:00 "
          "UTC; to finish early, complete it");
  }
  CHECK(f.scheduler->snapshot()->find_maintenance(1)->sequence == 3);
}

TEST_CASE("app::Scheduler writes an audit entry for every change, naming the actor") {
  Fixture f;
  REQUIRE(f.scheduler
              ->create_maintenance(work({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"),
                                   by("alice"))
              .ok());
  REQUIRE(f.scheduler->start_maintenance(1, by("bob", "2026-03-16T05:01:00Z")).ok());
  REQUIRE(
      f.scheduler
          ->extend_maintenance(1, utc("2026-03-16T07:30:00Z"), by("carol", "2026-03-16T05:30:00Z"))
          .ok());

  const auto log = f.database->audit_log(10);
  REQUIRE(log.size() == 3);

  CHECK(log[2].action == "maintenance.create");
  CHECK(log[2].actor == "alice");
  CHECK(iso(log[2].at) == "2026-03-03T12:00:00Z");
  CHECK(log[2].subject == "maintenance/1");
  CHECK(log[2].before == "");
  const auto created = parsed(log[2].after);
  CHECK(created["id"] == 1);
  CHECK(created["state"] == "planned");
  CHECK(created["created_by"] == "alice");
  CHECK(created["regions"] == nlohmann::json::array({"US"}));
  CHECK(created["local"][0]["start"] == "2026-03-16T01:00:00-04:00");

  CHECK(log[1].action == "maintenance.start");
  CHECK(log[1].actor == "bob");
  CHECK(iso(log[1].at) == "2026-03-16T05:01:00Z");
  CHECK(log[1].subject == "maintenance/1");
  CHECK(parsed(log[1].before)["state"] == "planned");
  CHECK(parsed(log[1].before)["sequence"] == 0);
  CHECK(parsed(log[1].before)["started_at"].is_null());
  CHECK(parsed(log[1].after)["state"] == "in_progress");
  CHECK(parsed(log[1].after)["sequence"] == 1);
  CHECK(parsed(log[1].after)["started_at"] == "2026-03-16T05:01:00Z");

  CHECK(log[0].action == "maintenance.extend");
  CHECK(log[0].actor == "carol");
  CHECK(parsed(log[0].before)["end"] == "2026-03-16T06:00:00Z");
  CHECK(parsed(log[0].before)["overrun_seconds"] == 0);
  CHECK(parsed(log[0].after)["end"] == "2026-03-16T07:30:00Z");
  CHECK(parsed(log[0].after)["booked_end"] == "2026-03-16T06:00:00Z");
  CHECK(parsed(log[0].after)["overrun_seconds"] == 1800);
  // `before` of one change is `after` of the one before it.
  CHECK(log[0].before == log[1].after);
  CHECK(log[1].before == log[2].after);
}

TEST_CASE("app::Scheduler creates and deletes blackouts") {
  Fixture f;
  const auto global = f.scheduler->create_blackout(
      freeze({}, "2026-03-16T00:00:00Z", "2026-03-17T00:00:00Z"), by("alice"));
  REQUIRE(global.ok());
  CHECK_FALSE(global->replayed);
  const Blackout& b = global->value;
  CHECK(b.id == 1);
  CHECK(b.regions.empty());
  CHECK(b.global());
  CHECK(b.reason == "release freeze");
  CHECK(iso(b.period.start) == "2026-03-16T00:00:00Z");
  CHECK(iso(b.period.end) == "2026-03-17T00:00:00Z");
  CHECK(iso(b.created_at) == "2026-03-03T12:00:00Z");
  CHECK(b.created_by == "alice");
  CHECK(f.scheduler->snapshot()->version == 2);
  CHECK(f.scheduler->snapshot()->blackouts == std::vector<Blackout>{b});
  CHECK(f.database->load_blackouts() == std::vector<Blackout>{b});

  const auto regional = f.scheduler->create_blackout(
      freeze({"eu", "In"}, "2026-03-18T00:00:00Z", "2026-03-19T00:00:00Z"), by("alice"));
  REQUIRE(regional.ok());
  CHECK(regional->value.id == 2);
  CHECK(regional->value.regions == std::vector<std::string>{"EU", "IN"});

  const auto unknown = f.scheduler->create_blackout(
      freeze({"EU", "MARS"}, "2026-03-18T00:00:00Z", "2026-03-19T00:00:00Z"), by("alice"));
  REQUIRE_FALSE(unknown.ok());
  REQUIRE(unknown.problems().size() == 1);
  CHECK(unknown.problems()[0].code == rule::unknown_region);
  CHECK(unknown.problems()[0].field == "regions");
  CHECK(unknown.problems()[0].message == "region 'MARS' is unknown");
  CHECK(f.scheduler->snapshot()->version == 3);
  CHECK(f.scheduler->snapshot()->blackouts.size() == 2);

  // The blackout now refuses maintenance in its time.
  const auto blocked = f.scheduler->create_maintenance(
      work({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"), by("alice"));
  REQUIRE_FALSE(blocked.ok());
  CHECK(codes(blocked.problems()) == "blackout_conflict");

  const auto removed = f.scheduler->delete_blackout(1, by("bob", "2026-03-04T00:00:00Z"));
  REQUIRE(removed.ok());
  CHECK(removed.value() == b);
  CHECK(f.scheduler->snapshot()->version == 4);
  CHECK(f.scheduler->snapshot()->find_blackout(1) == nullptr);
  CHECK(f.scheduler->snapshot()->blackouts.size() == 1);
  CHECK(f.database->load_blackouts().size() == 1);

  const auto again = f.scheduler->delete_blackout(1, by("bob", "2026-03-04T00:00:00Z"));
  REQUIRE_FALSE(again.ok());
  CHECK(again.problems()[0].code == code::not_found);
  CHECK(again.problems()[0].message == "there is no blackout 1");
  CHECK(f.scheduler->snapshot()->version == 4);

  // With the blackout gone the booking is accepted.
  CHECK(f.scheduler
            ->create_maintenance(work({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"),
                                 by("alice", "2026-03-04T00:00:00Z"))
            .ok());

  const auto log = f.database->audit_log(10);
  REQUIRE(log.size() == 4);
  CHECK(log[1].action == "blackout.delete");
  CHECK(log[1].actor == "bob");
  CHECK(log[1].subject == "blackout/1");
  CHECK(log[1].before == slate::formats::to_json_text(slate::formats::blackout_json(b)));
  CHECK(log[1].after == "");
  CHECK(log[3].action == "blackout.create");
  CHECK(log[3].actor == "alice");
  CHECK(log[3].subject == "blackout/1");
  CHECK(log[3].before == "");
  CHECK(log[3].after == log[1].before);
}

TEST_CASE("app::Scheduler::create_blackout with an Idempotency-Key") {
  Fixture f;
  const auto request = freeze({"US"}, "2026-03-16T00:00:00Z", "2026-03-17T00:00:00Z");
  const auto first =
      f.scheduler->create_blackout(request, by("alice", "2026-03-03T12:00:00Z", "b1", "X"));
  REQUIRE(first.ok());
  const auto retry =
      f.scheduler->create_blackout(request, by("alice", "2026-03-03T12:01:00Z", "b1", "X"));
  REQUIRE(retry.ok());
  CHECK(retry->replayed);
  CHECK(retry->value == first->value);
  CHECK(f.scheduler->snapshot()->blackouts.size() == 1);
  const auto reused =
      f.scheduler->create_blackout(request, by("alice", "2026-03-03T12:01:00Z", "b1", "Y"));
  REQUIRE_FALSE(reused.ok());
  CHECK(reused.problems()[0].code == code::idempotency_reused);
}

TEST_CASE("app::Scheduler: emergency work needs no notice and is in progress once started") {
  Fixture f;
  REQUIRE(
      f.scheduler
          ->create_blackout(freeze({}, "2026-03-03T00:00:00Z", "2026-03-04T00:00:00Z"), by("alice"))
          .ok());
  const auto now_on = f.scheduler->create_maintenance(
      work({"US"}, "2026-03-03T11:50:00Z", "2026-03-03T14:00:00Z", MaintenanceKind::emergency),
      by("alice", "2026-03-03T12:00:00Z"));
  REQUIRE(now_on.ok());
  CHECK(now_on->value.kind == MaintenanceKind::emergency);
  CHECK(now_on->value.state == MaintenanceState::in_progress);
  CHECK(iso(*now_on->value.started_at) == "2026-03-03T11:50:00Z");
  // Outside every window, but emergency work has no overrun: it is all unscheduled.
  CHECK(view_of(now_on->value, *f.scheduler->snapshot()).overrun == 0s);

  const auto later = f.scheduler->create_maintenance(
      work({"US"}, "2026-03-03T13:00:00Z", "2026-03-03T15:00:00Z", MaintenanceKind::emergency),
      by("alice", "2026-03-03T12:00:00Z"));
  REQUIRE(later.ok());
  CHECK(later->value.state == MaintenanceState::planned);
  CHECK_FALSE(later->value.started_at);
}

TEST_CASE("app::Scheduler after a restart sees everything that was written") {
  Fixture f;
  REQUIRE(f.scheduler
              ->create_maintenance(work({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"),
                                   by("alice"))
              .ok());
  REQUIRE(f.scheduler
              ->create_maintenance(work({"EU"}, "2026-03-11T02:30:00Z", "2026-03-11T04:30:00Z"),
                                   by("bob"))
              .ok());
  REQUIRE(f.scheduler->start_maintenance(2, by("bob", "2026-03-11T02:30:00Z")).ok());
  REQUIRE(
      f.scheduler
          ->extend_maintenance(2, utc("2026-03-11T05:00:00Z"), by("bob", "2026-03-11T04:00:00Z"))
          .ok());
  REQUIRE(f.scheduler
              ->create_blackout(freeze({"IN"}, "2026-04-01T00:00:00Z", "2026-04-08T00:00:00Z"),
                                by("carol"))
              .ok());
  const auto before = f.scheduler->snapshot();
  const auto audits = f.database->audit_log(100);

  f.restart();
  const auto after = f.scheduler->snapshot();
  CHECK(after->version == 1);
  CHECK(after->maintenances == before->maintenances);
  CHECK(after->blackouts == before->blackouts);
  REQUIRE(after->find_maintenance(2) != nullptr);
  CHECK(after->find_maintenance(2)->state == MaintenanceState::in_progress);
  CHECK(iso(after->find_maintenance(2)->end) == "2026-03-11T05:00:00Z");
  CHECK(view_of(*after->find_maintenance(2), *after).overrun == 30min);
  CHECK(f.database->audit_log(100).size() == audits.size());

  // Ids continue, and the rules see the stored maintenance.
  const auto overlapping = f.scheduler->create_maintenance(
      work({"US"}, "2026-03-16T05:30:00Z", "2026-03-16T06:30:00Z"), by("alice"));
  REQUIRE_FALSE(overlapping.ok());
  CHECK(codes(overlapping.problems()) == "maintenance_overlap");
  const auto next = f.scheduler->create_maintenance(
      work({"US"}, "2026-03-23T05:00:00Z", "2026-03-23T06:00:00Z"), by("alice"));
  REQUIRE(next.ok());
  CHECK(next->value.id == 3);
}

TEST_CASE("app::Scheduler::reconfigure publishes new calendars, policy and templates, "
          "keeping the rest") {
  Fixture f;
  REQUIRE(f.scheduler
              ->create_maintenance(work({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"),
                                   by("alice"))
              .ok());
  Policy strict;
  strict.name = "enghouse";
  strict.defaults.notice = std::chrono::days{30};
  std::map<slate::formats::MessagePhase, slate::formats::TemplateSource> sources;
  for (const auto phase : slate::formats::all_message_phases()) {
    sources[phase] = {"t", "{{title}}"};
  }
  const auto templates = slate::formats::MessageTemplates::make(sources);
  REQUIRE(templates);
  CHECK(f.scheduler->snapshot()->templates.fingerprint() ==
        slate::formats::MessageTemplates::defaults().fingerprint());
  f.scheduler->reconfigure(sample_regions(), strict, templates.value());
  const auto snapshot = f.scheduler->snapshot();
  CHECK(snapshot->version == 3);
  CHECK(snapshot->policy.name == "enghouse");
  CHECK(snapshot->templates.fingerprint() == templates->fingerprint());
  CHECK(snapshot->maintenances.size() == 1);
  CHECK(f.published.size() == 3);
  // The new policy applies to the next booking.
  const auto refused = f.scheduler->create_maintenance(
      work({"US"}, "2026-03-23T05:00:00Z", "2026-03-23T06:00:00Z"), by("alice"));
  REQUIRE_FALSE(refused.ok());
  CHECK(codes(refused.problems()) == "insufficient_notice");
  CHECK(refused.problems()[0].message.find("needs 30d of notice under policy 'enghouse'") !=
        std::string::npos);
}

TEST_CASE("app::Scheduler: a key whose blackout was deleted is refused, not replayed or reused") {
  Fixture f;
  const auto request = freeze({"US"}, "2026-03-16T00:00:00Z", "2026-03-17T00:00:00Z");
  const auto first =
      f.scheduler->create_blackout(request, by("alice", "2026-03-03T12:00:00Z", "b1", "X"));
  REQUIRE(first.ok());
  REQUIRE(f.scheduler->delete_blackout(first->value.id, by("alice")).ok());
  const auto retry =
      f.scheduler->create_blackout(request, by("alice", "2026-03-03T12:05:00Z", "b1", "X"));
  REQUIRE_FALSE(retry.ok());
  CHECK(retry.problems()[0].code == code::idempotency_reused);
  CHECK(retry.problems()[0].message.find("has since been deleted") != std::string::npos);
  CHECK(f.scheduler->snapshot()->blackouts.empty());
}
