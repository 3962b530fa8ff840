#pragma once

#include <slate/api/request.hpp>
#include <slate/api/response.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace slate::daemon {

namespace detail {
// The server's shared state; defined in http_server.cpp.
struct HttpServerState;
} // namespace detail

// An HTTP/1.1 server on the daemon's io_context (Boost.Beast, asynchronous,
// keep-alive) that turns each request into an api::Request and sends back
// the api::Response its handler returns. It is the only code that knows
// Beast; the header keeps it out of everyone else's includes.
class HttpServer {
public:
  // Limits on what one client may send or hold.
  struct Limits {
    std::size_t body_bytes;       // larger bodies are answered 413
    std::size_t header_bytes;     // a longer request line plus headers: 431
    std::chrono::seconds timeout; // to send a whole request, or take a response
  };

  // Sends the response to one request. Call it once, on the io_context's
  // thread; until then the connection waits (and keeps the request alive).
  using Respond = std::function<void(api::Response)>;
  // Answers one request, now or later through `respond`; called on the
  // io_context's thread. A handler may answer later so that slow work (a
  // SQLite commit) runs elsewhere while the loop serves other connections.
  using Handler = std::function<void(const api::Request&, Respond respond)>;

  // One exchange, told to the observer once its response is written (or
  // could not be).
  struct Exchange {
    const api::Request* request; // null when the request could not be read
    std::string_view method;     // "-" when unknown
    std::string_view path;       // the target without its query, "-" when unknown
    std::string_view peer;       // "ADDRESS:PORT"
    int status;
    // From the request read to its response written.
    std::chrono::steady_clock::duration latency;
  };
  // Called on the io_context's thread after each exchange, e.g. to log it
  // and count it.
  using Observer = std::function<void(const Exchange&)>;

  HttpServer(boost::asio::io_context& io, Limits limits, Handler handler, std::string server_name,
             Observer observer = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Bind to `endpoint` and start accepting; return the endpoint actually
  // bound (with the port the system chose when `endpoint` has port 0).
  // Throws boost::system::system_error if the address cannot be bound.
  boost::asio::ip::tcp::endpoint listen(const boost::asio::ip::tcp::endpoint& endpoint);

  // Stop accepting and close idle connections; a response being written is
  // finished first (within the timeout), then its connection is closed.
  // `on_drained` (may be empty) is posted once the last connection is gone.
  void stop(std::function<void()> on_drained);

private:
  std::shared_ptr<detail::HttpServerState> m_state;
};

} // namespace slate::daemon
