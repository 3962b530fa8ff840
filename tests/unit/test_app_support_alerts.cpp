// Support clocks' warnings and breaches into the outbox (app/support_alerts).
#include "app_writer_fixture.hpp"

#include <slate/app/support_alerts.hpp>
#include <slate/app/tickets.hpp>

#include <support/support_sample.hpp>

#include <doctest/doctest.h>

using namespace slate::test::writes;
using slate::domain::AlertKind;
using slate::domain::TicketSpec;
using slate::test::enghouse_like_policy;
using slate::test::iso;
using slate::test::utc;
using namespace slate::app;

namespace {

// A P1 ticket opened Wed 15 Apr 2026 09:00Z (10:00 BST, office hours):
// response PT30M warns at 75 % (09:22:30Z) and breaches one second after
// 09:30Z.
void open_p1(Fixture& f) {
  TicketSpec spec;
  spec.ref = "INC-1";
  spec.title = "Calls drop";
  spec.severity = "P1";
  spec.opened_at = utc("2026-04-15T09:00:00Z");
  REQUIRE(open_ticket(*f.writer, spec, by("helpdesk", "2026-04-15T09:00:00Z")).ok());
}

std::int64_t pending(Fixture& f) {
  std::int64_t count = 0;
  f.database->store().read(
      "count", [&](slate::store::Transaction& t) { count = t.outbox().counts().pending; });
  return count;
}

} // namespace

TEST_CASE("app::due_support_alerts and next_support_alert_time follow the clocks") {
  Policy policy;
  policy.support = enghouse_like_policy();
  Fixture f(policy);
  open_p1(f);
  const auto& snapshot = *f.writer->snapshot();
  const auto since = utc("2026-04-01T00:00:00Z");
  CHECK(due_support_alerts(snapshot, utc("2026-04-15T09:22:29Z"), since).empty());
  const auto next = next_support_alert_time(snapshot, utc("2026-04-15T09:00:00Z"));
  REQUIRE(next);
  CHECK(iso(*next) == "2026-04-15T09:22:30Z");
  const auto warned = due_support_alerts(snapshot, utc("2026-04-15T09:22:30Z"), since);
  REQUIRE(warned.size() == 1);
  CHECK(warned[0].alert == AlertKind::warning);
  CHECK(warned[0].ticket == "INC-1");
  const auto breached = due_support_alerts(snapshot, utc("2026-04-15T09:31:00Z"), since);
  REQUIRE(breached.size() == 2);
  CHECK(breached[1].alert == AlertKind::breach);
  CHECK(iso(breached[1].at) == "2026-04-15T09:30:01Z");
  // Older than `since`: left out.
  CHECK(due_support_alerts(snapshot, utc("2026-04-15T09:31:00Z"), utc("2026-04-15T09:30:02Z"))
            .empty());
}

TEST_CASE("app::SupportAlertQueue queues each alert once, across a restart") {
  Policy policy;
  policy.support = enghouse_like_policy();
  Fixture f(policy);
  open_p1(f);
  const std::vector<Subscriber> subscribers{subscriber_of("http://127.0.0.1:9/hook"),
                                            subscriber_of("slack+http://127.0.0.1:9/slack")};
  const auto now = utc("2026-04-15T09:31:00Z");
  const auto due = due_support_alerts(*f.writer->snapshot(), now, utc("2026-04-01T00:00:00Z"));
  {
    SupportAlertQueue queue(f.database->store(), subscribers);
    queue.load_known();
    const auto added = queue.queue(due, *f.writer->snapshot(), now);
    REQUIRE(added.size() == 2);
    CHECK(added[0].deliveries == 2);
    CHECK(added[0].message.find("INC-1") != std::string::npos);
    CHECK(added[1].message.find("breached") != std::string::npos);
    CHECK(queue.queue(due, *f.writer->snapshot(), now).empty());
  }
  CHECK(pending(f) == 4);
  // A new queue (a restarted daemon) learns what was queued from the store.
  f.restart();
  SupportAlertQueue again(f.database->store(), subscribers);
  again.load_known();
  CHECK(again.queue(due, *f.writer->snapshot(), now).empty());
  CHECK(pending(f) == 4);
}
