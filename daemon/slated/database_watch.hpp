#pragma once

#include <slate/formats/status_model.hpp>
#include <slate/store/store.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <string_view>

namespace slate::daemon {

// Whether the database answers, as this slated's own transactions find it:
// what readers are told (api::Router::set_database_state: the stale
// headers, /v1/status, /readyz, /metrics). A store made by `observe` reports
// each transaction: one that fails because the database cannot be reached
// (store::StoreUnavailable) marks it away, any that succeeds marks it back.
// The replica follower's catch-ups keep that current while nobody writes:
// it posts one when its listening connection is lost, and one when it is
// made again. Thread-safe: the writer thread reports, any thread asks.
class DatabaseWatch {
public:
  // Return a store that runs every call on `store` (which must outlive it)
  // and reports to this watch; it is as thread-safe as `store` (not).
  std::unique_ptr<store::Store> observe(store::Store& store);

  // Return whether the database answered the last transaction and, when
  // not, the whole seconds since a transaction first found it away: how
  // long the snapshot may have missed other replicas' writes.
  formats::DatabaseState state() const;

  // A transaction succeeded: the snapshot follows the database again.
  void answered();
  // A transaction found the database away, for `why` (for the log).
  void lost(std::string_view why);

private:
  using Clock = std::chrono::steady_clock;
  std::atomic<bool> m_reachable{true};
  std::atomic<Clock::rep> m_lost_at{0}; // Clock's ticks; valid while !m_reachable
};

} // namespace slate::daemon
