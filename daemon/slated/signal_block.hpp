#pragma once

#include <csignal>

namespace slate::daemon {

// The signals slated handles (SIGTERM, SIGINT, SIGHUP) blocked in the
// calling thread, and so in every thread it starts while they are. serve()
// blocks them before the service makes its threads (the writer, the
// webhook and Alertmanager workers, the replica follower), and the HTTP
// thread releases them once those run: only it, which waits for them on
// its event loop, is ever interrupted by one. A signal sent meanwhile is
// held by the kernel and delivered at the release, not lost.
// Why: a signal the kernel hands to another thread interrupts whatever
// that thread was doing (a webhook request, a database call).
class SignalBlock {
public:
  SignalBlock();
  ~SignalBlock();
  SignalBlock(const SignalBlock&) = delete;
  SignalBlock& operator=(const SignalBlock&) = delete;

  // Restore the calling thread's signal mask as it was; once is enough.
  void release();

private:
  sigset_t m_previous{};
  bool m_released = false;
};

} // namespace slate::daemon
