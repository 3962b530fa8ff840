// The state version every backend keeps (store::Transaction::state_version,
// lock_state, advance_state), and PostgreSQL's listener for the writes of
// other replicas (store::Store::listen_for_changes).
#include <slate/store/pg_connection.hpp>
#include <slate/store/state_listener.hpp>
#include <slate/store/store.hpp>

#include <support/store_backends.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <thread>

using slate::store::Heard;
using slate::store::StoreError;
using slate::store::Transaction;
using namespace std::chrono_literals;

namespace {

std::int64_t stored_version(slate::store::Store& store) {
  std::int64_t version = -1;
  store.read("read the state version", [&](Transaction& t) { version = t.state_version(); });
  return version;
}

// Wait up to `deadline` for `listener` to hear something other than
// silence.
Heard next_heard(slate::store::StateListener& listener, std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  Heard heard = Heard::nothing;
  while (heard == Heard::nothing && std::chrono::steady_clock::now() < until) {
    heard = listener.wait(100ms);
  }
  return heard;
}

} // namespace

TEST_SUITE_BEGIN("store");

TEST_CASE_TEMPLATE("store::Transaction: the state version starts at 0 and advances with a commit",
                   Backend, SLATE_STORE_BACKENDS) {
  Backend backend;
  auto store = backend.open();
  CHECK(stored_version(*store) == 0);

  store->write("advance", [&](Transaction& t) {
    CHECK(t.lock_state() == 0);
    CHECK(t.advance_state() == 1);
    CHECK(t.state_version() == 1); // its own change, before the commit
  });
  CHECK(stored_version(*store) == 1);
  CHECK(backend.query_int("SELECT version FROM slated_state") == 1);

  // A write that fails takes its advance back with the rest.
  CHECK_THROWS_AS(store->write("advance and fail",
                               [&](Transaction& t) {
                                 CHECK(t.lock_state() == 1);
                                 CHECK(t.advance_state() == 2);
                                 throw std::runtime_error("the use case failed");
                               }),
                  StoreError);
  CHECK(stored_version(*store) == 1);

  // A write that takes the lock and advances nothing leaves it.
  store->write("only look", [&](Transaction& t) { CHECK(t.lock_state() == 1); });
  CHECK(stored_version(*store) == 1);

  // Kept across a restart, as any row.
  store.reset();
  store = backend.open();
  CHECK(stored_version(*store) == 1);
}

TEST_CASE("store::SqliteStore has no listener: its file is one slated's") {
  slate::test::SqliteBackend backend;
  CHECK(backend.open()->listen_for_changes() == nullptr);
}

TEST_CASE("store::PgStore: lock_state makes writers of one database take turns") {
  slate::test::PostgresBackend backend;
  auto first = backend.open();
  auto second = backend.open();
  std::atomic<bool> second_locked{false};
  std::int64_t second_saw = -1;
  std::thread other;
  first->write("hold the lock", [&](Transaction& t) {
    CHECK(t.lock_state() == 0);
    CHECK(t.advance_state() == 1);
    other = std::thread([&] {
      second->write("wait for the lock", [&](Transaction& t2) {
        second_saw = t2.lock_state();
        second_locked = true;
      });
    });
    // The other writer must still be waiting after a while; this is a
    // bounded look for a wrong "no wait", not a synchronisation.
    std::this_thread::sleep_for(300ms);
    CHECK_FALSE(second_locked.load());
  });
  other.join();
  CHECK(second_locked.load());
  // It got the lock after the commit, and saw what the holder committed.
  CHECK(second_saw == 1);
}

TEST_CASE("store::PgStore: a listener hears a committed advance, not a rolled back one") {
  slate::test::PostgresBackend backend;
  auto store = backend.open();
  auto listener = store->listen_for_changes();
  REQUIRE(listener != nullptr);
  CHECK(listener->name() == backend.location());
  // The first wait connects: maybe changed, since the caller loaded its
  // state before.
  REQUIRE(next_heard(*listener, 10s) == Heard::connected);
  CHECK(listener->wait(50ms) == Heard::nothing);

  CHECK_THROWS_AS(store->write("advance and fail",
                               [&](Transaction& t) {
                                 t.lock_state();
                                 t.advance_state();
                                 throw std::runtime_error("the use case failed");
                               }),
                  StoreError);
  CHECK(listener->wait(300ms) == Heard::nothing);

  store->write("advance", [&](Transaction& t) {
    t.lock_state();
    t.advance_state();
  });
  CHECK(next_heard(*listener, 10s) == Heard::notified);
  CHECK(listener->wait(50ms) == Heard::nothing);
}

TEST_CASE("store::PgStore: a listener whose connection was dropped says so, then connects again") {
  slate::test::PostgresBackend backend;
  auto store = backend.open();
  auto listener = store->listen_for_changes();
  REQUIRE(next_heard(*listener, 10s) == Heard::connected);
  slate::store::pg::PgConnection admin(backend.uri());
  REQUIRE(admin
              .run("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = "
                   "current_database() AND application_name = 'slated' AND pid <> "
                   "pg_backend_pid()")
              .int64(0, 0) >= 1);
  CHECK(next_heard(*listener, 10s) == Heard::lost);
  CHECK_FALSE(listener->problem().empty());
  CHECK(next_heard(*listener, 10s) == Heard::connected);
  // And listens again.
  store->write("advance", [&](Transaction& t) {
    t.lock_state();
    t.advance_state();
  });
  CHECK(next_heard(*listener, 10s) == Heard::notified);
}

TEST_SUITE_END();
