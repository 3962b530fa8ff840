#pragma once

#include <slate/store/state_listener.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <thread>

namespace slate::daemon {

// Keeps a slated that shares its PostgreSQL database with other replicas
// following their writes. A thread of its own blocks on the store's
// StateListener (its own connection) and calls `catch_up` when another
// replica notified a write, when the connection was made again (what was
// notified meanwhile is lost), and every `check_interval` regardless, in
// case a notification was lost anyway. `catch_up` must only hand the work
// to the writer thread (Writer is not thread-safe): it is called on the
// follower's thread, as is `notified` (if given), once per notification
// heard, for the metrics.
class ReplicaFollower {
public:
  ReplicaFollower(std::unique_ptr<store::StateListener> listener,
                  std::chrono::seconds check_interval, std::function<void()> catch_up,
                  std::function<void()> notified = {});
  // Stops and joins the thread.
  ~ReplicaFollower();
  ReplicaFollower(const ReplicaFollower&) = delete;
  ReplicaFollower& operator=(const ReplicaFollower&) = delete;

  void start();
  // Ask the thread to end (it notices within a second); does not wait.
  void request_stop() { m_stopping = true; }
  // Ask the thread to end and wait until it has.
  void stop();

private:
  void run();

  std::unique_ptr<store::StateListener> m_listener; // the thread's only
  std::chrono::seconds m_check_interval;
  std::function<void()> m_catch_up;
  std::function<void()> m_notified;
  std::atomic<bool> m_stopping{false};
  std::thread m_thread;
};

} // namespace slate::daemon
