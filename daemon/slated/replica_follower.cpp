#include <slated/replica_follower.hpp>

#include <slated/log.hpp>

#include <string>

namespace slate::daemon {
namespace {

// The longest the thread blocks in one wait: it checks whether to stop at
// least this often, well within the daemon's stop deadline.
constexpr std::chrono::milliseconds k_longest_wait{1000};

} // namespace

ReplicaFollower::ReplicaFollower(std::unique_ptr<store::StateListener> listener,
                                 std::chrono::seconds check_interval,
                                 std::function<void()> catch_up, std::function<void()> notified)
    : m_listener(std::move(listener)), m_check_interval(check_interval),
      m_catch_up(std::move(catch_up)), m_notified(std::move(notified)) {}

ReplicaFollower::~ReplicaFollower() {
  stop();
}

void ReplicaFollower::start() {
  m_thread = std::thread([this] { run(); });
}

void ReplicaFollower::stop() {
  m_stopping = true;
  if (m_thread.joinable()) {
    m_thread.join();
  }
}

void ReplicaFollower::run() {
  using Clock = std::chrono::steady_clock;
  auto next_check = Clock::now() + m_check_interval;
  bool connected = false;
  while (!m_stopping) {
    const auto heard = m_listener->wait(k_longest_wait);
    if (m_stopping) {
      break;
    }
    bool look = false;
    switch (heard) {
    case store::Heard::notified:
      if (m_notified) {
        m_notified();
      }
      look = true;
      break;
    case store::Heard::connected:
      SLATED_LOG(LogLevel::notice, "listening for the writes of other slated on " +
                                       m_listener->name() + std::string(connected ? " again" : ""));
      connected = true;
      look = true;
      break;
    case store::Heard::lost:
      SLATED_LOG(LogLevel::notice, "lost the connection that listens for the writes of other "
                                   "slated on " +
                                       m_listener->name() + " (connecting again; until then, " +
                                       "looking every " + std::to_string(m_check_interval.count()) +
                                       " s): " + m_listener->problem());
      look = true;
      break;
    case store::Heard::nothing:
      break;
    }
    const auto now = Clock::now();
    if (now >= next_check) {
      look = true;
    }
    if (look) {
      next_check = now + m_check_interval;
      m_catch_up();
    }
  }
}

} // namespace slate::daemon
