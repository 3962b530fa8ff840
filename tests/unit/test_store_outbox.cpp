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

slate::store::DeliveryClaim claim(const std::string& claimant, const std::string& now) {
  return {claimant, utc(now), utc(now) + std::chrono::seconds{30}};
}

slate::store::DeliveryAttempt attempt(const slate::store::PendingDelivery& delivery,
                                      const std::string& claimant, int attempts,
                                      const std::string& at) {
  return {delivery.notification_id, delivery.subscriber, claimant, attempts, utc(at)};
}

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
  const std::string hook = "http://a.example/hook";
  {
    auto outbox = backend.outbox();
    REQUIRE(outbox->add(notification("announced"), k_two));
    REQUIRE(outbox->add(notification("reminder", 86400), k_two));
    auto first = outbox->claim_next(hook, claim("a", "2026-03-09T05:00:01Z"));
    REQUIRE(first);
    CHECK(first->event_id == "maintenance/12/announced");
    CHECK(first->event_type == "maintenance.announced");
    CHECK(first->body == "{\"a\":1}");
    CHECK(first->attempts == 0);
    CHECK(outbox->record_failure(attempt(*first, "a", 1, "2026-03-09T05:00:02Z"), "refused",
                                 utc("2026-03-09T05:00:03Z")));
    // A failure keeps it first in line.
    auto again = outbox->claim_next(hook, claim("a", "2026-03-09T05:00:03Z"));
    REQUIRE(again);
    CHECK(again->event_id == "maintenance/12/announced");
    CHECK(again->attempts == 1);
    CHECK(outbox->record_delivered(attempt(*again, "a", 2, "2026-03-09T05:00:03Z")));
  }
  // Another connection (a restarted daemon) sees the same outbox.
  auto outbox = backend.outbox();
  auto next = outbox->claim_next(hook, claim("b", "2026-03-09T05:00:04Z"));
  REQUIRE(next);
  CHECK(next->event_id == "maintenance/12/reminder/86400");
  CHECK(outbox->record_failure(attempt(*next, "b", 3, "2026-03-09T05:00:04Z"), "answered 500",
                               std::nullopt));
  CHECK_FALSE(outbox->claim_next(hook, claim("b", "2026-03-09T05:00:05Z")));
  auto slack = outbox->claim_next("slack+https://b.example/x", claim("b", "2026-03-09T05:00:05Z"));
  REQUIRE(slack);
  CHECK(slack->body == "{\"text\":\"b\"}");
  const auto counts = outbox->counts();
  CHECK(counts.pending == 2);
  CHECK(counts.delivered == 1);
  CHECK(counts.failed == 1);
  // Nothing to record for a delivery that does not exist.
  CHECK_FALSE(outbox->record_delivered({999, hook, "b", 1, utc("2026-03-09T05:00:05Z")}));
}

TEST_CASE_TEMPLATE("store::Outbox: a claimed delivery is another claimant's only after the lease",
                   Backend, SLATE_STORE_BACKENDS) {
  Backend backend;
  const std::string hook = "http://a.example/hook";
  auto replica_a = backend.outbox();
  auto replica_b = backend.outbox();
  REQUIRE(replica_a->add(notification("announced"), k_two));
  REQUIRE(replica_a->add(notification("reminder", 86400), k_two));

  // a claims the oldest until 05:00:31.
  const auto held = replica_a->claim_next(hook, claim("a", "2026-03-09T05:00:01Z"));
  REQUIRE(held);
  CHECK(held->event_id == "maintenance/12/announced");
  // While the lease runs, b gets nothing: not the oldest, and not the next
  // either, which would break the subscriber's order.
  CHECK_FALSE(replica_b->claim_next(hook, claim("b", "2026-03-09T05:00:30Z")));
  // Another subscriber's deliveries are not held by it.
  CHECK(replica_b->claim_next("slack+https://b.example/x", claim("b", "2026-03-09T05:00:30Z")));
  // The holder may claim its own again (a retry).
  CHECK(replica_a->claim_next(hook, claim("a", "2026-03-09T05:00:02Z")));

  SUBCASE("once the lease ends, another takes it over, and the stale holder records nothing") {
    const auto taken = replica_b->claim_next(hook, claim("b", "2026-03-09T05:00:32Z"));
    REQUIRE(taken);
    CHECK(taken->event_id == "maintenance/12/announced");
    CHECK_FALSE(replica_a->record_delivered(attempt(*held, "a", 1, "2026-03-09T05:00:40Z")));
    CHECK_FALSE(replica_a->record_failure(attempt(*held, "a", 1, "2026-03-09T05:00:40Z"),
                                          "timed out", utc("2026-03-09T05:00:41Z")));
    CHECK(replica_a->counts().delivered == 0);
    CHECK(replica_b->record_delivered(attempt(*taken, "b", 1, "2026-03-09T05:00:33Z")));
    CHECK(replica_b->counts().delivered == 1);
    // Recorded once: the stale holder cannot overwrite it afterwards.
    CHECK_FALSE(replica_a->record_failure(attempt(*held, "a", 5, "2026-03-09T05:00:40Z"),
                                          "timed out", std::nullopt));
    CHECK(replica_a->counts().delivered == 1);
    CHECK(replica_a->counts().failed == 0);
    // The next in line is free now.
    const auto next = replica_a->claim_next(hook, claim("a", "2026-03-09T05:00:41Z"));
    REQUIRE(next);
    CHECK(next->event_id == "maintenance/12/reminder/86400");
  }
  SUBCASE("a holder whose lease ended but was not taken over still records") {
    CHECK(replica_a->record_delivered(attempt(*held, "a", 1, "2026-03-09T05:01:00Z")));
    CHECK(replica_b->counts().delivered == 1);
  }
  SUBCASE("a failure holds the delivery for its claimant until the retry") {
    CHECK(replica_a->record_failure(attempt(*held, "a", 1, "2026-03-09T05:00:02Z"), "refused",
                                    utc("2026-03-09T05:10:00Z")));
    CHECK_FALSE(replica_b->claim_next(hook, claim("b", "2026-03-09T05:09:59Z")));
    const auto retried = replica_b->claim_next(hook, claim("b", "2026-03-09T05:10:00Z"));
    REQUIRE(retried);
    CHECK(retried->attempts == 1);
  }
}

TEST_CASE("store::Outbox (PostgreSQL): a delivery being claimed is skipped, never waited for") {
  slate::test::PostgresBackend backend;
  const std::string hook = "http://a.example/hook";
  auto replica_a = backend.outbox();
  // Were b's claim to wait for a's lock, it would wait for ever (a waits
  // for b to return): a lock timeout makes that a StoreError instead.
  const auto separator = backend.uri().find('?') == std::string::npos ? "?" : "&";
  auto replica_b = std::make_unique<slate::test::OutboxSteps>(slate::store::open_postgresql_store(
      backend.uri() + separator + "options=-c%20lock_timeout%3D5000"));
  REQUIRE(replica_a->add(notification("announced"), k_two));
  REQUIRE(replica_a->add(notification("reminder", 86400), k_two));
  std::optional<slate::store::PendingDelivery> claimed_by_a;
  std::optional<slate::store::PendingDelivery> seen_by_b;
  // b claims while a's claim of the oldest is made but not committed.
  replica_a->within_write([&](slate::store::Transaction& t) {
    claimed_by_a = t.outbox().claim_next(hook, claim("a", "2026-03-09T05:00:01Z"));
    seen_by_b = replica_b->claim_next(hook, claim("b", "2026-03-09T05:00:01Z"));
  });
  REQUIRE(claimed_by_a);
  CHECK(claimed_by_a->event_id == "maintenance/12/announced");
  // Not the next one either: the subscriber's order holds.
  CHECK_FALSE(seen_by_b);
  // Committed, a's claim holds until its lease ends.
  CHECK_FALSE(replica_b->claim_next(hook, claim("b", "2026-03-09T05:00:30Z")));
  const auto taken = replica_b->claim_next(hook, claim("b", "2026-03-09T05:00:31Z"));
  REQUIRE(taken);
  CHECK(taken->event_id == "maintenance/12/announced");
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
  // A subscriber each, so that each can be finished in any order.
  const auto hook = [](const OutboxNotification& n) {
    return "http://a.example/hook/" + std::to_string(n.maintenance_id);
  };
  auto old = notification("announced", 0, 1);
  old.due_at = utc("2026-01-01T00:00:00Z");
  auto old_pending = notification("announced", 0, 2);
  old_pending.due_at = utc("2026-01-01T00:00:00Z");
  auto old_failed = notification("announced", 0, 3);
  old_failed.due_at = utc("2026-01-02T00:00:00Z");
  auto recent = notification("announced", 0, 4);
  recent.due_at = utc("2026-03-01T00:00:00Z");
  for (const auto& n : {old, old_pending, old_failed, recent}) {
    REQUIRE(outbox->add(n, {{hook(n), "{}"}}));
  }
  const auto when = "2026-03-02T00:00:00Z";
  const auto claimed = [&](const OutboxNotification& n) {
    auto delivery = outbox->claim_next(hook(n), claim("a", when));
    REQUIRE(delivery);
    return *delivery;
  };
  REQUIRE(outbox->record_delivered(attempt(claimed(old), "a", 1, when)));
  REQUIRE(
      outbox->record_failure(attempt(claimed(old_failed), "a", 24, when), "refused", std::nullopt));
  REQUIRE(outbox->record_delivered(attempt(claimed(recent), "a", 1, when)));

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
