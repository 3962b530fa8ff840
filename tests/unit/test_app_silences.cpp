// The silences kept for maintenance (app/silences): what each maintenance
// write queues in the silence outbox, in its own transaction.
#include "app_writer_fixture.hpp"

#include <slate/app/silences.hpp>
#include <slate/formats/json_maintenance_silence.hpp>

#include <doctest/doctest.h>

using namespace slate::test::writes;
using slate::domain::MaintenanceSilence;
using slate::domain::Matcher;
using slate::domain::SilenceGoal;
using slate::domain::SilenceStatus;
using slate::test::utc;
using namespace std::chrono_literals;

namespace {

Matcher matcher(const char* text) {
  auto parsed = slate::domain::parse_matcher(text, "test");
  REQUIRE(parsed.ok());
  return parsed.value();
}

Policy silencing_policy() {
  Policy policy;
  policy.alertmanager.regions["US"] = {matcher(R"(region="US")")};
  policy.alertmanager.services["api"] = {matcher(R"(service="api")")};
  return policy;
}

std::vector<slate::store::SilenceChange> pending_changes(Fixture& f) {
  std::vector<slate::store::SilenceChange> out;
  // Mark each one done as it is read, to see the next.
  while (true) {
    std::optional<slate::store::SilenceChange> next;
    f.database->store().write("next", [&](slate::store::Transaction& t) {
      next = t.silences().next_pending();
      if (next) {
        t.silences().record_done(next->id, 1,
                                 {next->tag, next->maintenance_id, next->desired, "id-" + next->tag,
                                  "http://am", "active", utc("2026-03-03T12:00:00Z")},
                                 utc("2026-03-03T12:00:00Z"));
      }
    });
    if (!next) {
      return out;
    }
    out.push_back(*next);
  }
}

} // namespace

TEST_SUITE_BEGIN("app");

TEST_CASE("app::queue_silences does nothing without Alertmanager") {
  Fixture f(silencing_policy());
  const auto booked = book_maintenance(
      *f.writer, work({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"), by("ops"));
  REQUIRE(booked.ok());
  CHECK(f.writer->snapshot()->silences.empty());
  CHECK(pending_changes(f).empty());
}

TEST_CASE("app::queue_silences queues a change with each maintenance write that moves a silence") {
  Fixture f(silencing_policy());
  f.writer->set_silence_settings({true, "https://slated.example.com"});
  const auto booked = book_maintenance(
      *f.writer, work({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"), by("ops"));
  REQUIRE(booked.ok());
  const auto id = booked->value.id;

  // Services api and web: api has matchers, web none (skipped).
  auto silences = f.writer->snapshot()->silences;
  REQUIRE(silences.size() == 1);
  CHECK(silences[0].maintenance_id == id);
  CHECK(silences[0].status == SilenceStatus::queued);
  CHECK(silences[0].desired.matchers ==
        std::vector<Matcher>{matcher(R"(region="US")"), matcher(R"(service="api")")});
  CHECK(silences[0].desired.span.start == utc("2026-03-16T04:55:00Z"));
  CHECK(silences[0].desired.span.end == utc("2026-03-16T06:15:00Z"));
  auto changes = pending_changes(f);
  REQUIRE(changes.size() == 1);
  const auto sent = slate::formats::parse_desired_silence(changes[0].desired);
  REQUIRE(sent.ok());
  CHECK(sent.value() == silences[0].desired);

  SUBCASE("extending moves its end; a second extension supersedes the first") {
    REQUIRE(extend_maintenance(*f.writer, id, utc("2026-03-16T06:30:00Z"), by("ops")).ok());
    REQUIRE(extend_maintenance(*f.writer, id, utc("2026-03-16T06:45:00Z"), by("ops")).ok());
    changes = pending_changes(f);
    REQUIRE(changes.size() == 1);
    const auto extended = slate::formats::parse_desired_silence(changes[0].desired);
    REQUIRE(extended.ok());
    CHECK(extended->span.end == utc("2026-03-16T07:00:00Z"));
    CHECK(extended->goal == SilenceGoal::in_force);
  }
  SUBCASE("cancelling expires it") {
    REQUIRE(cancel_maintenance(*f.writer, id, by("ops", "2026-03-04T12:00:00Z")).ok());
    changes = pending_changes(f);
    REQUIRE(changes.size() == 1);
    const auto expired = slate::formats::parse_desired_silence(changes[0].desired);
    REQUIRE(expired.ok());
    CHECK(expired->goal == SilenceGoal::expired);
  }
  SUBCASE("the silences and their ids survive a restart") {
    f.restart();
    REQUIRE(f.writer->snapshot()->silences.size() == 1);
    CHECK(f.writer->snapshot()->silences[0].silence_id == "id-" + silences[0].tag);
  }
}

TEST_CASE("app::record_silence keeps a silence queued while a later change waits") {
  Fixture f(silencing_policy());
  f.writer->set_silence_settings({true, ""});
  const auto booked = book_maintenance(
      *f.writer, work({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"), by("ops"));
  REQUIRE(booked.ok());
  const auto first = f.writer->snapshot()->silences.at(0).desired;
  REQUIRE(
      extend_maintenance(*f.writer, booked->value.id, utc("2026-03-16T06:30:00Z"), by("ops")).ok());
  const slate::app::SilenceOutcome outcome{"abc", "http://am", SilenceStatus::pending};
  slate::app::record_silence(*f.writer, 0, 0, first, outcome, utc("2026-03-03T12:01:00Z"));
  auto silence = f.writer->snapshot()->silences.at(0);
  CHECK(silence.silence_id == "abc");
  CHECK(silence.status == SilenceStatus::queued);
  slate::app::record_silence(*f.writer, 0, 0, silence.desired, outcome,
                             utc("2026-03-03T12:02:00Z"));
  CHECK(f.writer->snapshot()->silences.at(0).status == SilenceStatus::pending);
  // The maintenance's JSON shows it.
  const auto json = parsed(slate::app::maintenance_text(booked->value, *f.writer->snapshot()));
  REQUIRE(json["silences"].size() == 1);
  CHECK(json["silences"][0]["id"] == "abc");
  CHECK(json["silences"][0]["state"] == "pending");
  CHECK(json["silences"][0]["alertmanager"] == "http://am");
}

TEST_CASE("app::replan_silences queues what open maintenance lacks, once") {
  Fixture f(silencing_policy());
  const auto booked = book_maintenance(
      *f.writer, work({"US"}, "2026-03-16T05:00:00Z", "2026-03-16T06:00:00Z"), by("ops"));
  REQUIRE(booked.ok());
  const auto cancelled = book_maintenance(
      *f.writer, work({"US"}, "2026-03-23T05:00:00Z", "2026-03-23T06:00:00Z"), by("ops"));
  REQUIRE(cancelled.ok());
  REQUIRE(cancel_maintenance(*f.writer, cancelled->value.id, by("ops")).ok());
  CHECK(slate::app::replan_silences(*f.writer, utc("2026-03-03T12:00:00Z")) == 0);

  // Alertmanager configured since: the open one gets its silence.
  f.writer->set_silence_settings({true, ""});
  const auto version = f.writer->snapshot()->version;
  CHECK(slate::app::replan_silences(*f.writer, utc("2026-03-04T12:00:00Z")) == 1);
  REQUIRE(f.writer->snapshot()->silences.size() == 1);
  CHECK(f.writer->snapshot()->silences[0].maintenance_id == booked->value.id);
  CHECK(pending_changes(f).size() == 1);
  // Nothing moved: nothing written, nothing published.
  const auto after = f.writer->snapshot()->version;
  CHECK(after == version + 1);
  CHECK(slate::app::replan_silences(*f.writer, utc("2026-03-04T12:05:00Z")) == 0);
  CHECK(f.writer->snapshot()->version == after);
}
