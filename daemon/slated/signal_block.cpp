#include <slated/signal_block.hpp>

#include <pthread.h>

namespace slate::daemon {

SignalBlock::SignalBlock() {
  sigset_t handled;
  sigemptyset(&handled);
  sigaddset(&handled, SIGTERM);
  sigaddset(&handled, SIGINT);
  sigaddset(&handled, SIGHUP);
  // It cannot fail with SIG_BLOCK and a valid set.
  pthread_sigmask(SIG_BLOCK, &handled, &m_previous);
}

SignalBlock::~SignalBlock() {
  release();
}

void SignalBlock::release() {
  if (m_released) {
    return;
  }
  m_released = true;
  pthread_sigmask(SIG_SETMASK, &m_previous, nullptr);
}

} // namespace slate::daemon
