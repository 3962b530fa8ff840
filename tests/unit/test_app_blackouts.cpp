// Creating and deleting blackouts (app/blackouts).
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

TEST_CASE("app::create_blackout and delete_blackout") {
  Fixture f;
  const auto global = create_blackout(
      *f.writer, freeze({}, "2026-03-16T00:00:00Z", "2026-03-17T00:00:00Z"), by("alice"));
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
  CHECK(f.writer->snapshot()->version == 2);
  CHECK(f.writer->snapshot()->blackouts == std::vector<Blackout>{b});
  CHECK(f.database->load_blackouts() == std::vector<Blackout>{b});

  const auto regional = create_blackout(
      *f.writer, freeze({"eu", "In"}, "2026-03-18T00:00:00Z", "2026-03-19T00:00:00Z"), by("alice"));
  REQUIRE(regional.ok());
  CHECK(regional->value.id == 2);
  CHECK(regional->value.regions == std::vector<std::string>{"EU", "IN"});

  const auto unknown = create_blackout(
      *f.writer, freeze({"EU", "MARS"}, "2026-03-18T00:00:00Z", "2026-03-19T00:00:00Z"),
      by("alice"));
  REQUIRE_FALSE(unknown.ok());
  REQUIRE(unknown.problems().size() == 1);
  CHECK(unknown.problems()[0].code == Code::unknown_region);
  CHECK(unknown.problems()[0].field == "regions");
  CHECK(unknown.problems()[0].message == "region 'MARS' is unknown");
  CHECK(f.writer->snapshot()->version == 3);
  CHECK(f.writer->snapshot()->blackouts.size() == 2);

  // The blackout now refuses maintenance in its time.
  const auto blocked = book_maintenance(
      *f.writer, work({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"), by("alice"));
  REQUIRE_FALSE(blocked.ok());
  CHECK(codes(blocked.problems()) == "blackout_conflict");

  const auto removed = delete_blackout(*f.writer, 1, by("bob", "2026-03-04T00:00:00Z"));
  REQUIRE(removed.ok());
  CHECK(removed.value() == b);
  CHECK(f.writer->snapshot()->version == 4);
  CHECK(f.writer->snapshot()->find_blackout(1) == nullptr);
  CHECK(f.writer->snapshot()->blackouts.size() == 1);
  CHECK(f.database->load_blackouts().size() == 1);

  const auto again = delete_blackout(*f.writer, 1, by("bob", "2026-03-04T00:00:00Z"));
  REQUIRE_FALSE(again.ok());
  CHECK(again.problems()[0].code == Code::not_found);
  CHECK(again.problems()[0].message == "there is no blackout 1");
  CHECK(f.writer->snapshot()->version == 4);

  // With the blackout gone the booking is accepted.
  CHECK(book_maintenance(*f.writer, work({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"),
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

TEST_CASE("app::create_blackout with an Idempotency-Key") {
  Fixture f;
  const auto request = freeze({"US"}, "2026-03-16T00:00:00Z", "2026-03-17T00:00:00Z");
  const auto first =
      create_blackout(*f.writer, request, by("alice", "2026-03-03T12:00:00Z", "b1", "X"));
  REQUIRE(first.ok());
  const auto retry =
      create_blackout(*f.writer, request, by("alice", "2026-03-03T12:01:00Z", "b1", "X"));
  REQUIRE(retry.ok());
  CHECK(retry->replayed);
  CHECK(retry->value == first->value);
  CHECK(f.writer->snapshot()->blackouts.size() == 1);
  const auto reused =
      create_blackout(*f.writer, request, by("alice", "2026-03-03T12:01:00Z", "b1", "Y"));
  REQUIRE_FALSE(reused.ok());
  CHECK(reused.problems()[0].code == Code::idempotency_key_reused);
}

TEST_CASE(
    "app::create_blackout: a key whose blackout was deleted is refused, not replayed or reused") {
  Fixture f;
  const auto request = freeze({"US"}, "2026-03-16T00:00:00Z", "2026-03-17T00:00:00Z");
  const auto first =
      create_blackout(*f.writer, request, by("alice", "2026-03-03T12:00:00Z", "b1", "X"));
  REQUIRE(first.ok());
  REQUIRE(delete_blackout(*f.writer, first->value.id, by("alice")).ok());
  const auto retry =
      create_blackout(*f.writer, request, by("alice", "2026-03-03T12:05:00Z", "b1", "X"));
  REQUIRE_FALSE(retry.ok());
  CHECK(retry.problems()[0].code == Code::idempotency_key_reused);
  CHECK(retry.problems()[0].message.find("has since been deleted") != std::string::npos);
  CHECK(f.writer->snapshot()->blackouts.empty());
}
