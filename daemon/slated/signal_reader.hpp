#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/system/error_code.hpp>

#include <csignal>
#include <functional>

#include <sys/signalfd.h>

namespace slate::daemon {

// Signals read on an io_context from a signalfd (signalfd(2)): the
// daemon's stand-in for asio::signal_set, without a signal handler. The
// signals must be blocked in every thread (signal_block.hpp): a signalfd
// reads only the signals left pending, and one that some thread does not
// block is delivered to that thread instead, with its default action (for
// SIGTERM, the end of the process). It reads the signals sent to the
// process (kill(2), systemd, a terminal's ^C), not those sent to one of
// its other threads.
class SignalReader {
public:
  // Throws boost::system::system_error if no signalfd can be made.
  SignalReader(boost::asio::io_context& io, const sigset_t& signals);

  // Call `handler` once, on the io_context's thread, with the number of the
  // next signal; as asio::signal_set::async_wait does, with an error
  // (operation_aborted after cancel()) and no signal if there is none.
  void async_wait(std::function<void(const boost::system::error_code&, int)> handler);
  // End the wait in progress, if any. Signals sent from then on stay
  // pending in the kernel until the next async_wait reads them.
  void cancel();

private:
  boost::asio::posix::stream_descriptor m_descriptor;
  signalfd_siginfo m_read{}; // the wait in progress only
};

} // namespace slate::daemon
