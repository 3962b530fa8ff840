#include <slate/store/pg_state_listener.hpp>

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>

namespace slate::store::pg {
namespace {

// libpq's connect_timeout for the listener's connection, per host.
constexpr std::chrono::seconds k_listener_connect_limit{2};

} // namespace

PgStateListener::PgStateListener(std::string conninfo)
    : m_conninfo(std::move(conninfo)), m_name(PgTarget::parse(m_conninfo).display()) {}

Heard PgStateListener::wait(std::chrono::milliseconds timeout) {
  if (!m_connection) {
    try {
      // Connecting blocks; a short limit per host keeps the caller's
      // thread noticing a stop in good time (the daemon's stop deadline is
      // 9 s) even when a host does not answer at all. Short is harmless:
      // the next wait tries again.
      auto connection = std::make_unique<PgConnection>(m_conninfo, k_listener_connect_limit);
      connection->exec_script(std::string("LISTEN ") + k_state_channel);
      m_connection = std::move(connection);
      // Even the first connection may come after a change the caller's
      // snapshot missed (it was loaded before): say "maybe changed".
      return Heard::connected;
    } catch (const std::exception& e) {
      m_problem = e.what();
      // Not in a tight loop: the caller's next wait tries again.
      std::this_thread::sleep_for(timeout);
      return Heard::nothing;
    }
  }
  try {
    // Notifications may already be buffered from an earlier read.
    if (m_connection->take_notifications() > 0) {
      return Heard::notified;
    }
    pollfd ready{m_connection->socket(), POLLIN, 0};
    const auto milliseconds = static_cast<int>(std::clamp<std::chrono::milliseconds::rep>(
        timeout.count(), 0, std::chrono::milliseconds(std::chrono::hours(1)).count()));
    const int polled = ::poll(&ready, 1, milliseconds);
    if (polled < 0 && errno != EINTR) {
      throw StoreError(std::string("cannot wait for notifications: ") + std::strerror(errno));
    }
    if (polled > 0) {
      // Readable is either a notification, other server messages or the
      // end of the connection, which take_notifications() reports.
      if (m_connection->take_notifications() > 0) {
        return Heard::notified;
      }
      if (!m_connection->ok()) {
        throw StoreError("the connection to the server was lost");
      }
    }
    return Heard::nothing;
  } catch (const std::exception& e) {
    m_problem = e.what();
    m_connection.reset();
    return Heard::lost;
  }
}

} // namespace slate::store::pg
