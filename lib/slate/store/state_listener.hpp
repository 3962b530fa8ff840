#pragma once

#include <chrono>
#include <string>

namespace slate::store {

// What StateListener::wait heard.
enum class Heard {
  nothing,   // the timeout passed in silence
  notified,  // another slated committed a change to the state
  connected, // the connection was made again after a loss: notifications
             // sent meanwhile were missed, so the state may have changed
  lost,      // the connection was lost (just now; the next waits try to
             // connect again, quietly, and say `connected` when they do)
};

// Tells a slated that another one sharing its database may have committed
// a change to the state (Transaction::advance_state), so that it reloads
// its snapshot. Made by Store::listen_for_changes. A listener is one
// thread's, and independent of the store's connection: it may block in
// wait() on its own thread while the store's thread writes.
class StateListener {
public:
  virtual ~StateListener() = default;

  // Block until something is heard or `timeout` passed (see Heard). Never
  // throws: a lost connection is tried again by later calls.
  virtual Heard wait(std::chrono::milliseconds timeout) = 0;

  // Why the connection was last lost or could not be made, for the log.
  virtual std::string problem() const = 0;

  // What the listener is connected to, for the log (never a password).
  virtual std::string name() const = 0;
};

} // namespace slate::store
