#include <slated/signal_block.hpp>

#include <pthread.h>

namespace slate::daemon {

sigset_t daemon_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  return signals;
}

void block_daemon_signals() {
  const sigset_t signals = daemon_signals();
  // It cannot fail with SIG_BLOCK and a valid set.
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

} // namespace slate::daemon
