#include <slated/signal_reader.hpp>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>

#include <cerrno>
#include <utility>

namespace slate::daemon {

SignalReader::SignalReader(boost::asio::io_context& io, const sigset_t& signals)
    : m_descriptor(io) {
  const int fd = ::signalfd(-1, &signals, SFD_NONBLOCK | SFD_CLOEXEC);
  if (fd < 0) {
    throw boost::system::system_error(errno, boost::system::system_category(),
                                      "cannot read signals: signalfd");
  }
  m_descriptor.assign(fd);
}

void SignalReader::async_wait(std::function<void(const boost::system::error_code&, int)> handler) {
  // A signalfd reads whole records, one per signal: a buffer of one takes
  // the next signal and leaves any other pending.
  m_descriptor.async_read_some(
      boost::asio::buffer(&m_read, sizeof m_read),
      [this, handler = std::move(handler)](const boost::system::error_code& ec, std::size_t read) {
        if (ec) {
          handler(ec, 0);
        } else if (read != sizeof m_read) {
          handler(boost::asio::error::message_size, 0);
        } else {
          handler(ec, static_cast<int>(m_read.ssi_signo));
        }
      });
}

void SignalReader::cancel() {
  m_descriptor.cancel();
}

} // namespace slate::daemon
