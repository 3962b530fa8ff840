// The one write path (app::Writer): the first snapshot, the audit log of
// every change, a restart and a reload.
#include "app_writer_fixture.hpp"

#include <support/store_backends.hpp>

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

TEST_CASE("app::Writer::start publishes the stored state as version 1") {
  Fixture f;
  REQUIRE(f.published.size() == 1);
  CHECK(f.published[0] == f.writer->snapshot());
  const auto& snapshot = *f.writer->snapshot();
  CHECK(snapshot.version == 1);
  CHECK(snapshot.home_zone.name() == "Asia/Kolkata");
  CHECK(snapshot.regions.size() == 6);
  CHECK(snapshot.policy.name == "uniphore");
  CHECK(snapshot.maintenances.empty());
  CHECK(snapshot.blackouts.empty());
}

TEST_CASE("app::Writer writes an audit entry for every change, naming the actor") {
  Fixture f;
  REQUIRE(book_maintenance(*f.writer, work({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"),
                           by("alice"))
              .ok());
  REQUIRE(start_maintenance(*f.writer, 1, by("bob", "2026-03-16T05:01:00Z")).ok());
  REQUIRE(extend_maintenance(*f.writer, 1, utc("2026-03-16T07:30:00Z"),
                             by("carol", "2026-03-16T05:30:00Z"))
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

TEST_CASE("app::Writer after a restart sees everything that was written") {
  Fixture f;
  REQUIRE(book_maintenance(*f.writer, work({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"),
                           by("alice"))
              .ok());
  REQUIRE(book_maintenance(*f.writer, work({"EU"}, "2026-03-11T02:30:00Z", "2026-03-11T04:30:00Z"),
                           by("bob"))
              .ok());
  REQUIRE(start_maintenance(*f.writer, 2, by("bob", "2026-03-11T02:30:00Z")).ok());
  REQUIRE(extend_maintenance(*f.writer, 2, utc("2026-03-11T05:00:00Z"),
                             by("bob", "2026-03-11T04:00:00Z"))
              .ok());
  REQUIRE(create_blackout(*f.writer, freeze({"IN"}, "2026-04-01T00:00:00Z", "2026-04-08T00:00:00Z"),
                          by("carol"))
              .ok());
  const auto before = f.writer->snapshot();
  const auto audits = f.database->audit_log(100);

  f.restart();
  const auto after = f.writer->snapshot();
  CHECK(after->version == 1);
  CHECK(after->maintenances == before->maintenances);
  CHECK(after->blackouts == before->blackouts);
  REQUIRE(after->find_maintenance(2) != nullptr);
  CHECK(after->find_maintenance(2)->state == MaintenanceState::in_progress);
  CHECK(iso(after->find_maintenance(2)->end) == "2026-03-11T05:00:00Z");
  CHECK(view_of(*after->find_maintenance(2), *after).overrun == 30min);
  CHECK(f.database->audit_log(100).size() == audits.size());

  // Ids continue, and the rules see the stored maintenance.
  const auto overlapping = book_maintenance(
      *f.writer, work({"US"}, "2026-03-16T05:30:00Z", "2026-03-16T06:30:00Z"), by("alice"));
  REQUIRE_FALSE(overlapping.ok());
  CHECK(codes(overlapping.problems()) == "maintenance_overlap");
  const auto next = book_maintenance(
      *f.writer, work({"US"}, "2026-03-23T05:00:00Z", "2026-03-23T06:00:00Z"), by("alice"));
  REQUIRE(next.ok());
  CHECK(next->value.id == 3);
}

TEST_CASE("app::Writer::reconfigure publishes new calendars, policy and templates, "
          "keeping the rest") {
  Fixture f;
  REQUIRE(book_maintenance(*f.writer, work({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"),
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
  CHECK(f.writer->snapshot()->templates.fingerprint() ==
        slate::formats::MessageTemplates::defaults().fingerprint());
  f.writer->reconfigure(sample_regions(), strict, templates.value());
  const auto snapshot = f.writer->snapshot();
  CHECK(snapshot->version == 3);
  CHECK(snapshot->policy.name == "enghouse");
  CHECK(snapshot->templates.fingerprint() == templates->fingerprint());
  CHECK(snapshot->maintenances.size() == 1);
  CHECK(f.published.size() == 3);
  // The new policy applies to the next booking.
  const auto refused = book_maintenance(
      *f.writer, work({"US"}, "2026-03-23T05:00:00Z", "2026-03-23T06:00:00Z"), by("alice"));
  REQUIRE_FALSE(refused.ok());
  CHECK(codes(refused.problems()) == "insufficient_notice");
  CHECK(refused.problems()[0].message.find("needs 30d of notice under policy 'enghouse'") !=
        std::string::npos);
}

// ---------------------------------------------------------------------------
// Replicas: several slated, each with its Writer and its own connection, on
// one PostgreSQL database.

namespace {

// One replica: its own store on `uri`, its writer, what it published.
struct Replica {
  explicit Replica(const std::string& uri) : store(slate::store::open_postgresql_store(uri)) {
    writer = std::make_unique<Writer>(
        *store, [this](SnapshotPtr snapshot) { published.push_back(std::move(snapshot)); });
    writer->start(sample_regions(), Policy{}, zone("Asia/Kolkata"),
                  slate::formats::MessageTemplates::defaults());
  }

  std::unique_ptr<slate::store::Store> store;
  std::vector<SnapshotPtr> published;
  std::unique_ptr<Writer> writer;
};

} // namespace

TEST_CASE("app::Writer: a replica with a stale snapshot refuses the slot another one booked") {
  slate::test::PostgresBackend backend;
  Replica a(backend.uri());
  Replica b(backend.uri());
  const auto slot = work({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z");

  const auto booked = book_maintenance(*a.writer, slot, by("alice"));
  REQUIRE(booked.ok());
  CHECK(a.writer->state_version() == 1);
  // b has not looked yet: its snapshot does not have it.
  REQUIRE(b.writer->snapshot()->maintenances.empty());

  // Its write takes the lock, finds the version moved and decides on what
  // the store holds, not on its stale snapshot.
  const auto refused = book_maintenance(*b.writer, slot, by("bob"));
  REQUIRE_FALSE(refused.ok());
  CHECK(codes(refused.problems()) == "maintenance_overlap");
  // What it loaded is committed: published, though its own write was not.
  REQUIRE(b.writer->snapshot()->maintenances.size() == 1);
  CHECK(b.writer->snapshot()->maintenances[0].id == booked->value.id);
  CHECK(b.published.size() == 2);
  // A refused write advances nothing.
  CHECK(b.writer->state_version() == 1);
  CHECK(backend.query_int("SELECT version FROM slated_state") == 1);
  CHECK(backend.count_rows("maintenances") == 1);

  // A write that succeeds on b advances the version, and a sees it at its
  // next write.
  REQUIRE(book_maintenance(*b.writer, work({"US"}, "2026-03-23T05:00:00Z", "2026-03-23T06:00:00Z"),
                           by("bob"))
              .ok());
  CHECK(b.writer->state_version() == 2);
  CHECK(backend.query_int("SELECT version FROM slated_state") == 2);
  const auto again = book_maintenance(
      *a.writer, work({"US"}, "2026-03-23T05:30:00Z", "2026-03-23T06:30:00Z"), by("alice"));
  REQUIRE_FALSE(again.ok());
  CHECK(codes(again.problems()) == "maintenance_overlap");
  CHECK(a.writer->snapshot()->maintenances.size() == 2);
}

TEST_CASE("app::Writer::catch_up loads what another replica committed, once") {
  slate::test::PostgresBackend backend;
  Replica a(backend.uri());
  Replica b(backend.uri());
  CHECK_FALSE(b.writer->catch_up()); // nothing new
  CHECK(b.published.size() == 1);

  REQUIRE(book_maintenance(*a.writer, work({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"),
                           by("alice"))
              .ok());
  const auto before = b.writer->snapshot();
  CHECK(b.writer->catch_up());
  const auto after = b.writer->snapshot();
  REQUIRE(after->maintenances.size() == 1);
  CHECK(after->maintenances[0].created_by == "alice");
  CHECK(after->version == before->version + 1);
  // The configuration is the replica's own, kept.
  CHECK(after->regions.size() == before->regions.size());
  CHECK(after->policy.name == before->policy.name);
  CHECK(b.writer->state_version() == 1);
  CHECK(b.published.size() == 2);

  CHECK_FALSE(b.writer->catch_up()); // up to date now
  CHECK(b.published.size() == 2);
}

TEST_CASE("app::Writer: an Idempotency-Key is replayed by whichever replica the retry reaches") {
  slate::test::PostgresBackend backend;
  Replica a(backend.uri());
  Replica b(backend.uri());
  const auto slot = work({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z");
  const auto first =
      book_maintenance(*a.writer, slot, by("alice", "2026-03-03T12:00:00Z", "k1", "A"));
  REQUIRE(first.ok());
  CHECK_FALSE(first->replayed);

  const auto retry =
      book_maintenance(*b.writer, slot, by("alice", "2026-03-03T12:00:05Z", "k1", "A"));
  REQUIRE(retry.ok());
  CHECK(retry->replayed);
  CHECK(retry->value.id == first->value.id);
  CHECK(backend.count_rows("maintenances") == 1);
  // A replay writes nothing, so advances nothing.
  CHECK(backend.query_int("SELECT version FROM slated_state") == 1);
}
