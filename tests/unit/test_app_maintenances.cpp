// Booking maintenance and moving it through its lifecycle (app/maintenances).
#include "app_writer_fixture.hpp"

#include <doctest/doctest.h>

using namespace slate::test::writes;
using slate::domain::Blackout;
using slate::domain::Code;
using slate::domain::Maintenance;
using slate::domain::MaintenanceState;
using slate::test::iso;
using slate::test::sample_regions;
using slate::test::utc;
using slate::test::zone;
using namespace slate::app;
using namespace std::chrono_literals;

TEST_CASE("app::book_maintenance stores it and publishes a new snapshot") {
  Fixture f;
  const auto before = f.writer->snapshot();
  const auto created = book_maintenance(
      *f.writer, work({"us"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"), by("alice"));
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

  const auto after = f.writer->snapshot();
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

  const auto second = book_maintenance(
      *f.writer, work({"EU"}, "2026-03-11T02:30:00Z", "2026-03-11T04:30:00Z"), by("bob"));
  REQUIRE(second.ok());
  CHECK(second->value.id == 2);
  CHECK(f.writer->snapshot()->version == 3);
  CHECK(f.writer->snapshot()->maintenances.size() == 2);
}

TEST_CASE("app::book_maintenance: a refused request changes nothing") {
  Fixture f;
  const auto before = f.writer->snapshot();
  SUBCASE("a booking rule") {
    const auto created = book_maintenance(
        *f.writer, work({"US"}, "2026-03-09T05:00:00Z", "2026-03-09T08:00:00Z"), by("alice"));
    REQUIRE_FALSE(created.ok());
    CHECK(codes(created.problems()) == "insufficient_notice, outside_window");
  }
  SUBCASE("an unknown region") {
    const auto created = book_maintenance(
        *f.writer, work({"US", "MARS"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"),
        by("alice"));
    REQUIRE_FALSE(created.ok());
    CHECK(codes(created.problems()) == "unknown_region");
  }
  CHECK(f.writer->snapshot() == before);
  CHECK(f.writer->snapshot()->version == 1);
  CHECK(f.published.size() == 1);
  CHECK(f.database->load_maintenances().empty());
  CHECK(f.database->audit_log(10).empty());
}

TEST_CASE("app::book_maintenance: a refused request leaves its key unused") {
  Fixture f;
  const auto refused =
      book_maintenance(*f.writer, work({"US"}, "2026-03-09T05:00:00Z", "2026-03-09T06:00:00Z"),
                       by("alice", "2026-03-03T12:00:00Z", "key-1", "first body"));
  REQUIRE_FALSE(refused.ok());
  CHECK_FALSE(f.database->find_idempotency("key-1", "alice"));
  // The corrected request may use the same key.
  const auto created =
      book_maintenance(*f.writer, work({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"),
                       by("alice", "2026-03-03T12:00:00Z", "key-1", "second body"));
  REQUIRE(created.ok());
  CHECK_FALSE(created->replayed);
  const auto record = f.database->find_idempotency("key-1", "alice");
  REQUIRE(record);
  CHECK(record->fingerprint == "second body");
  CHECK(record->resource == "maintenance/1");
}

TEST_CASE("app::book_maintenance with an Idempotency-Key") {
  Fixture f;
  const auto request = work({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z");
  const auto first =
      book_maintenance(*f.writer, request, by("alice", "2026-03-03T12:00:00Z", "k1", "A"));
  REQUIRE(first.ok());
  CHECK_FALSE(first->replayed);
  CHECK(first->value.id == 1);
  const auto version = f.writer->snapshot()->version;

  SUBCASE("a retry gets the same maintenance, replayed, and nothing changes") {
    const auto retry =
        book_maintenance(*f.writer, request, by("alice", "2026-03-03T12:05:00Z", "k1", "A"));
    REQUIRE(retry.ok());
    CHECK(retry->replayed);
    CHECK(retry->value == first->value);
    CHECK(f.writer->snapshot()->version == version);
    CHECK(f.database->load_maintenances().size() == 1);
    CHECK(f.database->audit_log(10).size() == 1);
  }
  SUBCASE("the key with another body is refused") {
    const auto reused =
        book_maintenance(*f.writer, work({"US"}, "2026-03-23T05:00:00Z", "2026-03-23T06:00:00Z"),
                         by("alice", "2026-03-03T12:05:00Z", "k1", "B"));
    REQUIRE_FALSE(reused.ok());
    REQUIRE(reused.problems().size() == 1);
    CHECK(reused.problems()[0].code == Code::idempotency_key_reused);
    CHECK(reused.problems()[0].code == std::string("idempotency_key_reused"));
    CHECK(reused.problems()[0].field == "Idempotency-Key");
    CHECK(reused.problems()[0].message ==
          "Idempotency-Key 'k1' was already used for another request (maintenance/1); use a new "
          "key for a new request");
    CHECK(f.writer->snapshot()->version == version);
    CHECK(f.database->load_maintenances().size() == 1);
  }
  SUBCASE("another actor's key is their own") {
    // The same body from bob is a new request: it would overlap alice's.
    const auto same =
        book_maintenance(*f.writer, request, by("bob", "2026-03-03T12:05:00Z", "k1", "A"));
    REQUIRE_FALSE(same.ok());
    CHECK(codes(same.problems()) == "maintenance_overlap");
    const auto other =
        book_maintenance(*f.writer, work({"US"}, "2026-03-23T05:00:00Z", "2026-03-23T06:00:00Z"),
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
        create_blackout(*f.writer, freeze({}, "2026-04-01T00:00:00Z", "2026-04-02T00:00:00Z"),
                        by("alice", "2026-03-03T12:05:00Z", "k2", "C"));
    REQUIRE(blackout.ok());
    const auto reused =
        book_maintenance(*f.writer, request, by("alice", "2026-03-03T12:06:00Z", "k2", "C"));
    REQUIRE_FALSE(reused.ok());
    CHECK(reused.problems()[0].code == Code::idempotency_key_reused);
    CHECK(reused.problems()[0].message ==
          "Idempotency-Key 'k2' was already used for another request (blackout/1); use a new "
          "key for a new request");
  }
  SUBCASE("the key is remembered across a restart") {
    f.restart();
    const auto retry =
        book_maintenance(*f.writer, request, by("alice", "2026-03-04T00:00:00Z", "k1", "A"));
    REQUIRE(retry.ok());
    CHECK(retry->replayed);
    CHECK(retry->value == first->value);
  }
}

TEST_CASE("app::maintenance lifecycle: start, complete, cancel and the transitions refused") {
  Fixture f;
  REQUIRE(book_maintenance(*f.writer, work({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"),
                           by("alice"))
              .ok());
  REQUIRE(book_maintenance(*f.writer, work({"US"}, "2026-03-23T05:00:00Z", "2026-03-23T06:00:00Z"),
                           by("alice"))
              .ok());

  const auto started = start_maintenance(*f.writer, 1, by("bob", "2026-03-16T05:01:00Z"));
  REQUIRE(started.ok());
  CHECK(started->state == MaintenanceState::in_progress);
  CHECK(iso(*started->started_at) == "2026-03-16T05:01:00Z");
  CHECK(iso(started->updated_at) == "2026-03-16T05:01:00Z");
  CHECK(started->sequence == 1);
  CHECK(started->created_by == "alice");
  CHECK(*f.writer->snapshot()->find_maintenance(1) == started.value());

  const auto version = f.writer->snapshot()->version;
  const auto audits = f.database->audit_log(100).size();
  const auto refused = start_maintenance(*f.writer, 1, by("bob", "2026-03-16T05:02:00Z"));
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.problems()[0].code == Code::invalid_transition);
  CHECK(refused.problems()[0].field == "state");
  CHECK(refused.problems()[0].message ==
        "cannot start maintenance 1: it is in_progress, and start needs it planned");
  const auto early = complete_maintenance(*f.writer, 2, by("bob", "2026-03-16T05:02:00Z"));
  REQUIRE_FALSE(early.ok());
  CHECK(early.problems()[0].message == "cannot complete maintenance 2: it is planned, and complete "
                                       "needs it in_progress (start it first)");
  // Refusals publish nothing and write nothing.
  CHECK(f.writer->snapshot()->version == version);
  CHECK(f.database->audit_log(100).size() == audits);

  const auto completed = complete_maintenance(*f.writer, 1, by("bob", "2026-03-16T05:50:00Z"));
  REQUIRE(completed.ok());
  CHECK(completed->state == MaintenanceState::completed);
  CHECK(iso(*completed->finished_at) == "2026-03-16T05:50:00Z");
  CHECK(iso(*completed->started_at) == "2026-03-16T05:01:00Z");
  CHECK(completed->sequence == 2);
  CHECK(f.writer->snapshot()->version == version + 1);

  const auto cancel_completed = cancel_maintenance(*f.writer, 1, by("bob", "2026-03-16T06:00:00Z"));
  REQUIRE_FALSE(cancel_completed.ok());
  CHECK(cancel_completed.problems()[0].code == Code::invalid_transition);
  CHECK(cancel_completed.problems()[0].message ==
        "cannot cancel maintenance 1: it is completed, and cancel needs it planned or "
        "in_progress");

  const auto cancelled = cancel_maintenance(*f.writer, 2, by("carol", "2026-03-10T00:00:00Z"));
  REQUIRE(cancelled.ok());
  CHECK(cancelled->state == MaintenanceState::cancelled);
  CHECK(iso(*cancelled->finished_at) == "2026-03-10T00:00:00Z");
  CHECK_FALSE(cancelled->started_at);
  CHECK(cancelled->sequence == 1);

  const auto complete_cancelled =
      complete_maintenance(*f.writer, 2, by("carol", "2026-03-10T00:01:00Z"));
  REQUIRE_FALSE(complete_cancelled.ok());
  CHECK(complete_cancelled.problems()[0].code == Code::invalid_transition);
  CHECK(complete_cancelled.problems()[0].message ==
        "cannot complete maintenance 2: it is cancelled, and complete needs it in_progress "
        "(start it first)");
  const auto start_cancelled = start_maintenance(*f.writer, 2, by("carol", "2026-03-10T00:01:00Z"));
  REQUIRE_FALSE(start_cancelled.ok());
  CHECK(start_cancelled.problems()[0].code == Code::invalid_transition);
  const auto extend_cancelled = extend_maintenance(*f.writer, 2, utc("2026-03-23T06:30:00Z"),
                                                   by("carol", "2026-03-10T00:01:00Z"));
  REQUIRE_FALSE(extend_cancelled.ok());
  CHECK(extend_cancelled.problems()[0].message ==
        "cannot extend maintenance 2: it is cancelled, and extend needs it planned or "
        "in_progress");

  // The store holds what the snapshot shows.
  CHECK(f.database->load_maintenances() == f.writer->snapshot()->maintenances);

  // A cancelled maintenance frees its time.
  const auto rebooked = book_maintenance(
      *f.writer, work({"US"}, "2026-03-23T05:00:00Z", "2026-03-23T07:00:00Z"), by("carol"));
  REQUIRE(rebooked.ok());
  CHECK(rebooked->value.id == 3);
}

TEST_CASE("app::start_maintenance and the others: changing a maintenance that does not exist") {
  Fixture f;
  for (const auto& result :
       {start_maintenance(*f.writer, 99, by("bob")), complete_maintenance(*f.writer, 99, by("bob")),
        cancel_maintenance(*f.writer, 99, by("bob")),
        extend_maintenance(*f.writer, 99, utc("2026-03-16T07:00:00Z"), by("bob"))}) {
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.problems().size() == 1);
    CHECK(result.problems()[0].code == Code::not_found);
    CHECK(result.problems()[0].field == "id");
    CHECK(result.problems()[0].message == "there is no maintenance 99");
  }
  CHECK(f.writer->snapshot()->version == 1);
}

TEST_CASE("app::extend_maintenance moves the end; past the window is an overrun") {
  Fixture f;
  REQUIRE(book_maintenance(*f.writer, work({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"),
                           by("alice"))
              .ok());
  REQUIRE(start_maintenance(*f.writer, 1, by("bob", "2026-03-16T05:00:00Z")).ok());

  // Still inside the 05:00-07:00Z window.
  const auto inside = extend_maintenance(*f.writer, 1, utc("2026-03-16T06:30:00Z"),
                                         by("bob", "2026-03-16T05:40:00Z"));
  REQUIRE(inside.ok());
  CHECK(iso(inside->end) == "2026-03-16T06:30:00Z");
  CHECK(iso(inside->booked.end) == "2026-03-16T06:00:00Z");
  CHECK(inside->state == MaintenanceState::in_progress);
  CHECK(inside->sequence == 2);
  CHECK(view_of(inside.value(), *f.writer->snapshot()).overrun == 0s);

  // 30 minutes past the window's end.
  const auto past = extend_maintenance(*f.writer, 1, utc("2026-03-16T07:30:00Z"),
                                       by("bob", "2026-03-16T06:20:00Z"));
  REQUIRE(past.ok());
  CHECK(iso(past->end) == "2026-03-16T07:30:00Z");
  CHECK(iso(past->booked.end) == "2026-03-16T06:00:00Z");
  CHECK(past->sequence == 3);
  const auto view = view_of(past.value(), *f.writer->snapshot());
  CHECK(view.overrun == 30min);
  REQUIRE(view.clocks.size() == 1);
  CHECK(view.clocks[0].region == "US");
  CHECK(view.clocks[0].zone.name() == "America/New_York");
  CHECK(*f.writer->snapshot()->find_maintenance(1) == past.value());
  CHECK(f.database->load_maintenances().at(0).end == utc("2026-03-16T07:30:00Z"));

  // Extend never moves the end earlier, nor leaves it where it is.
  for (const char* end : {"2026-03-16T07:00:00Z", "2026-03-16T07:30:00Z"}) {
    CAPTURE(end);
    const auto refused =
        extend_maintenance(*f.writer, 1, utc(end), by("bob", "2026-03-16T06:30:00Z"));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.problems()[0].code == Code::invalid_extension);
    CHECK(refused.problems()[0].field == "end");
    CHECK(refused.problems()[0].message ==
          "extend only moves the end later: the maintenance already ends at 2026-03-16 07:30:00 "
          "UTC; to finish early, complete it");
  }
  CHECK(f.writer->snapshot()->find_maintenance(1)->sequence == 3);
}

TEST_CASE("app::book_maintenance: emergency work needs no notice and is in progress once started") {
  Fixture f;
  REQUIRE(create_blackout(*f.writer, freeze({}, "2026-03-03T00:00:00Z", "2026-03-04T00:00:00Z"),
                          by("alice"))
              .ok());
  const auto now_on = book_maintenance(
      *f.writer,
      work({"US"}, "2026-03-03T11:50:00Z", "2026-03-03T14:00:00Z", MaintenanceKind::emergency),
      by("alice", "2026-03-03T12:00:00Z"));
  REQUIRE(now_on.ok());
  CHECK(now_on->value.kind == MaintenanceKind::emergency);
  CHECK(now_on->value.state == MaintenanceState::in_progress);
  CHECK(iso(*now_on->value.started_at) == "2026-03-03T11:50:00Z");
  // Outside every window, but emergency work has no overrun: it is all unscheduled.
  CHECK(view_of(now_on->value, *f.writer->snapshot()).overrun == 0s);

  const auto later = book_maintenance(
      *f.writer,
      work({"US"}, "2026-03-03T13:00:00Z", "2026-03-03T15:00:00Z", MaintenanceKind::emergency),
      by("alice", "2026-03-03T12:00:00Z"));
  REQUIRE(later.ok());
  CHECK(later->value.state == MaintenanceState::planned);
  CHECK_FALSE(later->value.started_at);
}
