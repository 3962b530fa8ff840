#include <slate/store/store.hpp>

#include <support/store_backends.hpp>
#include <support/store_steps.hpp>

#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using slate::store::OutboxDelivery;
using slate::store::OutboxNotification;
using slate::test::utc;

namespace {

OutboxNotification notification(const std::string& phase, std::int64_t variant = 0,
                                std::int64_t maintenance = 12) {
  std::string id = "maintenance/" + std::to_string(maintenance) + "/" + phase;
  if (variant != 0) {
    id += "/" + std::to_string(variant);
  }
  return {id,
          maintenance,
          phase,
          variant,
          "maintenance." + phase,
          utc("2026-03-09T05:00:00Z"),
          utc("2026-03-09T05:00:01Z")};
}

const std::vector<OutboxDelivery> k_two{{"http://a.example/hook", "{\"a\":1}"},
                                        {"slack+https://b.example/x", "{\"text\":\"b\"}"}};

} // namespace

TEST_CASE_TEMPLATE("store::Outbox holds each notification once", Backend, SLATE_STORE_BACKENDS) {
  Backend backend;
  auto outbox = backend.outbox();
  CHECK(outbox->add(notification("announced"), k_two));
  CHECK_FALSE(outbox->add(notification("announced"), k_two));
  CHECK(outbox->add(notification("reminder", 86400), k_two));
  CHECK(outbox->add(notification("reminder", 3600), k_two));
  CHECK_FALSE(outbox->add(notification("reminder", 3600), {}));
  CHECK(outbox->counts().pending == 6);
  CHECK(outbox->event_ids_due_since(utc("2026-03-09T05:00:00Z")).size() == 3);
  CHECK(outbox->event_ids_due_since(utc("2026-03-09T05:00:01Z")).empty());
}

TEST_CASE_TEMPLATE("store::Outbox gives each subscriber its deliveries in order until acknowledged",
                   Backend, SLATE_STORE_BACKENDS) {
  Backend backend;
  {
    auto outbox = backend.outbox();
    REQUIRE(outbox->add(notification("announced"), k_two));
    REQUIRE(outbox->add(notification("reminder", 86400), k_two));
    auto first = outbox->next_pending("http://a.example/hook");
    REQUIRE(first);
    CHECK(first->event_id == "maintenance/12/announced");
    CHECK(first->event_type == "maintenance.announced");
    CHECK(first->body == "{\"a\":1}");
    CHECK(first->attempts == 0);
    outbox->record_failure(first->notification_id, "http://a.example/hook", 1, "refused", false,
                           utc("2026-03-09T05:00:02Z"));
    // A failure keeps it first in line.
    auto again = outbox->next_pending("http://a.example/hook");
    REQUIRE(again);
    CHECK(again->event_id == "maintenance/12/announced");
    CHECK(again->attempts == 1);
    outbox->record_delivered(again->notification_id, "http://a.example/hook", 2,
                             utc("2026-03-09T05:00:03Z"));
  }
  // Another connection (a restarted daemon) sees the same outbox.
  auto outbox = backend.outbox();
  auto next = outbox->next_pending("http://a.example/hook");
  REQUIRE(next);
  CHECK(next->event_id == "maintenance/12/reminder/86400");
  outbox->record_failure(next->notification_id, "http://a.example/hook", 3, "answered 500", true,
                         utc("2026-03-09T05:00:04Z"));
  CHECK_FALSE(outbox->next_pending("http://a.example/hook"));
  auto slack = outbox->next_pending("slack+https://b.example/x");
  REQUIRE(slack);
  CHECK(slack->body == "{\"text\":\"b\"}");
  const auto counts = outbox->counts();
  CHECK(counts.pending == 2);
  CHECK(counts.delivered == 1);
  CHECK(counts.failed == 1);
  CHECK_THROWS_AS(
      outbox->record_delivered(999, "http://a.example/hook", 1, utc("2026-03-09T05:00:05Z")),
      slate::store::StoreError);
}

TEST_CASE_TEMPLATE("store::Outbox: two connections to one database share it, either opened first",
                   Backend, SLATE_STORE_BACKENDS) {
  Backend backend;
  auto database = backend.steps();
  auto outbox = backend.outbox();
  CHECK(outbox->add(notification("announced"), k_two));
  CHECK(database->schema_version() == slate::store::current_schema_version());
  CHECK(backend.count_rows("notification_deliveries") == 2);
}

TEST_CASE_TEMPLATE("store::Outbox::prune removes old finished notifications, never a pending one",
                   Backend, SLATE_STORE_BACKENDS) {
  Backend backend;
  auto outbox = backend.outbox();
  const std::vector<OutboxDelivery> one{{"http://a.example/hook", "{}"}};
  auto old = notification("announced", 0, 1);
  old.due_at = utc("2026-01-01T00:00:00Z");
  auto old_pending = notification("announced", 0, 2);
  old_pending.due_at = utc("2026-01-01T00:00:00Z");
  auto old_failed = notification("announced", 0, 3);
  old_failed.due_at = utc("2026-01-02T00:00:00Z");
  auto recent = notification("announced", 0, 4);
  recent.due_at = utc("2026-03-01T00:00:00Z");
  for (const auto& n : {old, old_pending, old_failed, recent}) {
    REQUIRE(outbox->add(n, one));
  }
  const auto id_of = [&](const std::string& event_id) {
    return backend.query_int("SELECT id FROM notifications WHERE event_id = '" + event_id + "'");
  };
  const auto when = utc("2026-03-02T00:00:00Z");
  outbox->record_delivered(id_of(old.event_id), one[0].subscriber, 1, when);
  outbox->record_failure(id_of(old_failed.event_id), one[0].subscriber, 24, "refused", true, when);
  outbox->record_delivered(id_of(recent.event_id), one[0].subscriber, 1, when);

  CHECK(outbox->prune(utc("2026-02-01T00:00:00Z")) == 2);
  auto kept = outbox->event_ids_due_since(utc("2000-01-01T00:00:00Z"));
  std::sort(kept.begin(), kept.end());
  CHECK(kept == std::vector<std::string>{old_pending.event_id, recent.event_id});
  const auto counts = outbox->counts();
  CHECK(counts.pending == 1);
  CHECK(counts.delivered == 1);
  CHECK(counts.failed == 0);
  CHECK(outbox->prune(utc("2026-02-01T00:00:00Z")) == 0);
  // Their deliveries went with them.
  CHECK(backend.count_rows("notification_deliveries") == 2);
}
