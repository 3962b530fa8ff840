#pragma once

#include <slate/store/pg_connection.hpp>
#include <slate/store/state_listener.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace slate::store::pg {

// The key of the advisory lock every write of a PostgreSQL store takes
// first (Transaction::lock_state; "slstate" in ASCII), distinct from
// k_migration_lock: replicas sharing a database write one at a time.
inline constexpr std::int64_t k_state_lock = 0x736c7374617465;

// The channel on which a write that advanced the state version notifies
// the other replicas (the payload is the new version).
inline constexpr const char* k_state_channel = "slated_state";

// A StateListener on a connection of its own that LISTENs on
// k_state_channel. It connects at the first wait(), which then says
// Heard::connected, and again after a loss.
class PgStateListener final : public StateListener {
public:
  // Keep `conninfo` (a libpq connection string or URI) to connect with.
  explicit PgStateListener(std::string conninfo);

  Heard wait(std::chrono::milliseconds timeout) override;
  std::string problem() const override { return m_problem; }
  std::string name() const override { return m_name; }

private:
  std::string m_conninfo;
  std::string m_name;
  std::string m_problem;
  std::unique_ptr<PgConnection> m_connection; // null while not connected
};

} // namespace slate::store::pg
