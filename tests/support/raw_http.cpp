#include <support/raw_http.hpp>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace slate::test {

std::string raw_exchange(int port, std::string_view bytes, std::chrono::seconds timeout) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    throw std::runtime_error("socket failed");
  }
  // A server that neither accepts nor reads must not block connect() or
  // send() for ever: both give up after `timeout`.
  timeval limit{};
  limit.tv_sec = static_cast<time_t>(timeout.count());
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // sockaddr_in is the documented way to give connect() an IPv4 address.
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast)
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    throw std::runtime_error("connect failed");
  }
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    // MSG_NOSIGNAL: a server that closes early must fail the send, not kill
    // the test process with SIGPIPE.
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      break;
    }
    sent += static_cast<std::size_t>(n);
  }
  std::string received;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      break;
    }
    pollfd waiting{fd, POLLIN, 0};
    if (::poll(&waiting, 1, static_cast<int>(left.count())) <= 0) {
      break;
    }
    char buffer[4096];
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) {
      break; // closed (or reset): the exchange is over
    }
    received.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return received;
}

int status_of(std::string_view received) {
  if (received.substr(0, 5) != "HTTP/" || received.size() < 12) {
    return 0;
  }
  const auto space = received.find(' ');
  return std::stoi(std::string(received.substr(space + 1, 3)));
}

std::string body_of(std::string_view received) {
  const auto blank = received.find("\r\n\r\n");
  return blank == std::string_view::npos ? std::string() : std::string(received.substr(blank + 4));
}

} // namespace slate::test
