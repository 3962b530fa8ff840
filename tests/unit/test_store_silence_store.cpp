// The silences and their outbox (store/silence_store), on every backend.
#include <slate/store/store.hpp>

#include <support/store_backends.hpp>
#include <support/store_steps.hpp>
#include <support/time_literals.hpp>

#include <doctest/doctest.h>

using slate::store::SilenceChange;
using slate::store::StoredSilence;
using slate::store::Transaction;
using slate::test::utc;

namespace {

StoredSilence silence(const std::string& desired) {
  return {"slated maintenance/12 region US", 12, desired, "", "", "queued",
          utc("2026-03-03T12:00:00Z")};
}

} // namespace

TEST_SUITE_BEGIN("store");

TEST_CASE_TEMPLATE("store::SilenceStore keeps one pending change per silence, the latest", Backend,
                   SLATE_STORE_BACKENDS) {
  Backend backend;
  auto steps = backend.steps();
  auto& store = steps->store();
  store.write("queue", [](Transaction& t) {
    t.silences().queue(silence("{\"v\":1}"), utc("2026-03-03T12:00:00Z"));
    t.silences().queue(silence("{\"v\":2}"), utc("2026-03-03T12:01:00Z"));
  });
  std::optional<SilenceChange> next;
  store.read("next", [&](Transaction& t) { next = t.silences().next_pending(); });
  REQUIRE(next);
  CHECK(next->desired == "{\"v\":2}");
  CHECK(next->attempts == 0);

  SUBCASE("done: the silence holds what Alertmanager said") {
    auto answered = silence("{\"v\":2}");
    answered.silence_id = "abc";
    answered.alertmanager = "http://am:9093";
    answered.status = "active";
    store.write("done", [&](Transaction& t) {
      t.silences().record_done(next->id, 2, answered, utc("2026-03-03T12:02:00Z"));
    });
    std::vector<StoredSilence> loaded;
    store.read("load", [&](Transaction& t) {
      loaded = t.silences().load();
      CHECK_FALSE(t.silences().next_pending());
      CHECK(t.silences().counts().done == 2); // one done, one superseded
      CHECK(t.silences().counts().pending == 0);
    });
    REQUIRE(loaded.size() == 1);
    CHECK(loaded[0].silence_id == "abc");
    CHECK(loaded[0].status == "active");
    CHECK(loaded[0].desired == "{\"v\":2}");
  }
  SUBCASE("failed: retried until given up, then the silence is failed") {
    store.write("fail", [&](Transaction& t) {
      t.silences().record_failure(next->id, 1, "refused", false, utc("2026-03-03T12:02:00Z"));
    });
    store.read("again", [&](Transaction& t) {
      const auto again = t.silences().next_pending();
      REQUIRE(again);
      CHECK(again->attempts == 1);
    });
    store.write("give up", [&](Transaction& t) {
      t.silences().record_failure(next->id, 2, "refused", true, utc("2026-03-03T12:03:00Z"));
    });
    store.read("load", [&](Transaction& t) {
      CHECK_FALSE(t.silences().next_pending());
      CHECK(t.silences().counts().failed == 1);
      CHECK(t.silences().load().at(0).status == "failed");
    });
  }
  SUBCASE("an unknown change is an error") {
    CHECK_THROWS_AS(store.write("done",
                                [&](Transaction& t) {
                                  t.silences().record_done(999, 1, silence("{}"),
                                                           utc("2026-03-03T12:02:00Z"));
                                }),
                    slate::store::StoreError);
  }
}
