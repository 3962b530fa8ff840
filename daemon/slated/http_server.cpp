#include <slated/http_server.hpp>

#include <slated/log.hpp>

#include <slate/api/conditional.hpp>
#include <slate/api/error.hpp>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <unordered_set>
#include <utility>
#include <vector>

namespace slate::daemon {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {
class Session;

// The io_context's own executor, not the type-erased any_io_executor that
// beast::tcp_stream uses: every operation on a connection then calls its
// handler without a virtual dispatch or an allocation for the wrapper.
using Executor = asio::io_context::executor_type;
// A plain socket, not beast::basic_stream: its per-operation timer cost a
// timer cancellation, a completion and a heap insertion for every read and
// every write; the server's one sweep (HttpServerState::sweep) enforces the
// same deadlines for every connection at once.
using Socket = asio::basic_stream_socket<tcp, Executor>;
using Clock = std::chrono::steady_clock;

// How often the sweep looks for connections past their deadline: a
// connection is closed at most this long after it.
constexpr std::chrono::seconds k_sweep_interval{1};

// At most this many connections are accepted at once, after the one the
// asynchronous accept brought (see HttpServerState::accept).
constexpr int k_accept_batch = 256;

// Longer paths are cut in the log and for the observer.
constexpr std::size_t k_longest_logged_path = 200;
} // namespace

namespace detail {

struct HttpServerState : std::enable_shared_from_this<HttpServerState> {
  HttpServerState(asio::io_context& io_context, HttpServer::Limits server_limits,
                  HttpServer::Handler request_handler, std::string name,
                  HttpServer::Observer exchange_observer)
      : io(io_context), limits(server_limits), handler(std::move(request_handler)),
        server_name(std::move(name)), observer(std::move(exchange_observer)), acceptor(io_context),
        accept_retry(io_context), sweeper(io_context) {}

  void accept();
  void start_session(Socket socket);

  // Close the connections past their deadline; runs every k_sweep_interval
  // while there are connections (see Session's constructor).
  void sweep();
  void schedule_sweep();

  // Return the current time as an HTTP date (RFC 9110 section 5.6.7) for
  // the Date header, which an origin server with a clock must send. Made
  // once a second, not once a request.
  const std::string& http_date() {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    if (now != date_at) {
      date_at = now;
      date_text = api::format_http_date(now);
    }
    return date_text;
  }

  asio::io_context& io;
  HttpServer::Limits limits;
  HttpServer::Handler handler;
  std::string server_name;
  HttpServer::Observer observer;
  tcp::acceptor acceptor;
  asio::steady_timer accept_retry;
  asio::steady_timer sweeper;
  bool sweeping = false; // a sweep is scheduled
  bool stopping = false;
  // Called once, after stop(), when the last connection has closed.
  std::function<void()> on_drained;
  // Live sessions, so that stop() can close the idle ones. Each session adds
  // and removes itself; everything runs on the io_context's one thread.
  std::unordered_set<Session*> sessions;
  std::chrono::sys_seconds date_at{};
  std::string date_text;
};

} // namespace detail

namespace {

using detail::HttpServerState;

// Append `value` to `out` as a header field value: a CR or LF (which no
// handler should produce) becomes a space, so that no value can end the
// field or the header early.
void append_value(std::string& out, std::string_view value) {
  while (!value.empty()) {
    const std::size_t end = std::min(value.find_first_of("\r\n"), value.size());
    out.append(value.data(), end);
    if (end == value.size()) {
      break;
    }
    out += ' ';
    value.remove_prefix(end + 1);
  }
}

void append_number(std::string& out, std::size_t value) {
  std::array<char, 24> digits{};
  const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
  out.append(digits.data(), end);
}

std::string describe(const Socket& socket) {
  boost::system::error_code ec;
  const auto peer = socket.remote_endpoint(ec);
  if (ec) {
    return "unknown peer";
  }
  const auto address = peer.address();
  // As the endpoint prints itself: [v6]:port, v4:port.
  std::string out = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
  out += ':';
  out += std::to_string(peer.port());
  return out;
}

// One client connection: read a request, answer it, repeat while the client
// keeps the connection alive. Every read and write has a deadline, so a
// client that stalls (slowloris) is disconnected instead of holding the
// connection forever.
class Session : public std::enable_shared_from_this<Session> {
public:
  Session(Socket socket, std::shared_ptr<HttpServerState> server)
      : m_peer(describe(socket)), m_socket(std::move(socket)), m_server(std::move(server)) {
    m_server->sessions.insert(this);
    m_server->schedule_sweep();
  }
  ~Session() {
    m_server->sessions.erase(this);
    if (m_server->stopping && m_server->sessions.empty() && m_server->on_drained) {
      asio::post(m_server->io, std::exchange(m_server->on_drained, nullptr));
    }
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void start() { read_request(); }

  // Close the connection now if it is waiting for a request; a response
  // being written finishes first (on_write sees the server stopping).
  void stop() {
    if (m_reading) {
      beast::error_code ignored;
      m_socket.close(ignored);
    }
  }

  // Close the connection if the read or write in progress is past its
  // deadline; the operation then ends with an error, and on_read or
  // on_write with it.
  void expire_if_late(Clock::time_point now) {
    if (now >= m_deadline && !m_timed_out) {
      m_timed_out = true;
      beast::error_code ignored;
      m_socket.close(ignored);
    }
  }

private:
  void read_request() {
    if (m_server->stopping) {
      close();
      return;
    }
    // A fresh parser per request: limits apply to each request, not to the
    // connection's lifetime.
    m_parser.emplace();
    m_parser->body_limit(m_server->limits.body_bytes);
    m_parser->header_limit(static_cast<std::uint32_t>(m_server->limits.header_bytes));
    m_deadline = Clock::now() + m_server->limits.timeout;
    m_reading = true;
    http::async_read(
        m_socket, m_buffer, *m_parser,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    m_reading = false;
    // The handler's own time is not the client's: no deadline until the
    // response is being written.
    m_deadline = Clock::time_point::max();
    m_started = std::chrono::steady_clock::now();
    m_request.reset();
    m_method = "-";
    m_path = "-";
    if (m_timed_out) {
      SLATED_LOG(LogLevel::debug, m_peer + ": closed after the request timeout");
      close();
      return;
    }
    if (ec == http::error::end_of_stream || ec == asio::error::operation_aborted) {
      close();
      return;
    }
    if (ec == http::error::body_limit) {
      reject(domain::Code::body_too_large, "body",
             "the request body is larger than " + std::to_string(m_server->limits.body_bytes) +
                 " bytes");
      return;
    }
    if (ec == http::error::header_limit) {
      reject(domain::Code::headers_too_large, "headers",
             "the request line and headers are larger than " +
                 std::to_string(m_server->limits.header_bytes) + " bytes");
      return;
    }
    if (ec.category() == http::make_error_code(http::error::bad_target).category()) {
      reject(domain::Code::malformed_request, "",
             "the request is not valid HTTP/1.1: " + ec.message());
      return;
    }
    if (ec) {
      SLATED_LOG(LogLevel::debug, m_peer + ": connection error: " + ec.message());
      close();
      return;
    }
    answer(m_parser->release());
  }

  void answer(http::request<http::string_body> request) {
    api::Fields headers;
    for (const auto& field : request) {
      headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    // assign() keeps the strings' buffers from one request to the next.
    m_method.assign(request.method_string());
    // Never the query: whatever a client put there stays out of the log.
    const std::string_view target = request.target();
    m_path.assign(target.substr(0, std::min(target.find('?'), k_longest_logged_path)));
    auto made = api::make_request(std::string(request.method_string()), target, std::move(headers),
                                  std::move(request.body()));
    const unsigned version = request.version();
    const bool keep_alive = request.keep_alive();
    const bool head = request.method() == http::verb::head;
    if (!made) {
      send(api::error_response(made.problems()), version, keep_alive, head);
      return;
    }
    m_request = std::move(made).value();
    // The callback holds the session: the connection waits for it.
    m_server->handler(
        *m_request, [self = shared_from_this(), version, keep_alive, head](api::Response response) {
          self->send(std::move(response), version, keep_alive, head);
        });
  }

  // Answer a request that could not be read, then close: after a framing
  // error nothing more on the connection can be trusted.
  void reject(domain::Code code, std::string_view field, std::string message) {
    // Debug, not info: anyone who can connect could otherwise fill the journal.
    SLATED_LOG(LogLevel::debug, m_peer + ": rejected request: " + message);
    send(api::error_response(domain::Problem{code, std::string(field), std::move(message)}), 11,
         false, false);
  }

  void send(api::Response response, unsigned version, bool keep_alive, bool head) {
    m_status = response.status;
    // The body stays here until it is written; the write only points at it.
    // A cached document is sent from the cache's own bytes.
    m_body = std::move(response.body);
    m_shared_body = std::move(response.shared_body);
    const std::string_view body = m_shared_body ? std::string_view(*m_shared_body) : m_body;
    const bool keep = keep_alive && !m_server->stopping;
    write_head(response, version, body.size(), keep);
    // The header and the body in one gathered write: no copy of the body,
    // and no allocation per header field (what Beast's serializer costs was
    // most of the daemon's own time with thousands of pollers).
    const std::array<asio::const_buffer, 2> buffers{
        asio::buffer(m_head),
        head ? asio::const_buffer{} : asio::const_buffer{body.data(), body.size()}};
    m_deadline = Clock::now() + m_server->limits.timeout;
    asio::async_write(m_socket, buffers,
                      [self = shared_from_this(), keep](beast::error_code ec, std::size_t) {
                        self->on_write(ec, keep);
                      });
  }

  // Write the status line and header of `response` into m_head, whose
  // buffer is kept from one response to the next.
  void write_head(const api::Response& response, unsigned version, std::size_t body_size,
                  bool keep) {
    std::string& out = m_head;
    out.clear();
    out += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
    append_number(out, static_cast<std::size_t>(response.status));
    out += ' ';
    out += http::obsolete_reason(http::int_to_status(static_cast<unsigned>(response.status)));
    out += "\r\nServer: ";
    out += m_server->server_name;
    out += "\r\nDate: ";
    out += m_server->http_date();
    out += "\r\n";
    for (const auto& [name, value] : response.headers) {
      out += name;
      out += ": ";
      append_value(out, value);
      out += "\r\n";
    }
    // RFC 9110 section 8.6: no Content-Length on a 1xx or 204, and on a 304
    // only the length of the representation, which we leave out rather than
    // send the 0 of an empty body. A HEAD gets the length a GET would.
    if (response.status >= 200 && response.status != 204 && response.status != 304) {
      out += "Content-Length: ";
      append_number(out, body_size);
      out += "\r\n";
    }
    // Persistence is HTTP/1.1's default and HTTP/1.0's exception.
    if (version == 10 && keep) {
      out += "Connection: keep-alive\r\n";
    } else if (version != 10 && !keep) {
      out += "Connection: close\r\n";
    }
    out += "\r\n";
  }

  void on_write(beast::error_code ec, bool keep_alive) {
    m_deadline = Clock::time_point::max();
    m_body.clear();
    m_shared_body.reset();
    if (m_server->observer) {
      m_server->observer({m_request ? &*m_request : nullptr, m_method, m_path, m_peer, m_status,
                          std::chrono::steady_clock::now() - m_started});
    }
    m_request.reset();
    if (ec || !keep_alive || m_server->stopping) {
      close();
      return;
    }
    await_request();
  }

  // Wait for the next request on a kept-alive connection through the
  // event loop, then read it. Not read at once: Asio reads speculatively,
  // so a client that had already sent its next request would be answered
  // again ahead of every connection still waiting in the kernel's ready
  // list; with thousands of busy connections the quick ones were served
  // over and over and the others waited seconds (the p99 at 5,000
  // connections, bench/feeds/run). Through epoll each connection takes
  // its turn. A request already in the buffer (pipelined) is read at once:
  // no readiness would ever come for it.
  void await_request() {
    if (m_buffer.size() > 0) {
      read_request();
      return;
    }
    m_deadline = Clock::now() + m_server->limits.timeout;
    m_reading = true;
    m_socket.async_wait(Socket::wait_read, [self = shared_from_this()](beast::error_code ec) {
      self->on_readable(ec);
    });
  }

  void on_readable(beast::error_code ec) {
    m_reading = false;
    if (m_timed_out) {
      SLATED_LOG(LogLevel::debug, m_peer + ": closed after the request timeout");
      close();
      return;
    }
    if (ec) {
      if (ec != asio::error::operation_aborted) {
        SLATED_LOG(LogLevel::debug, m_peer + ": connection error: " + ec.message());
      }
      close();
      return;
    }
    read_request();
  }

  void close() {
    beast::error_code ignored;
    m_socket.shutdown(tcp::socket::shutdown_send, ignored);
    m_socket.close(ignored);
  }

  std::string m_peer;
  Socket m_socket;
  // When the read or write in progress must have finished; max while none
  // is.
  Clock::time_point m_deadline = Clock::time_point::max();
  bool m_timed_out = false;
  beast::flat_buffer m_buffer;
  std::optional<http::request_parser<http::string_body>> m_parser;
  // The status line and header of the response being written.
  std::string m_head;
  // The body being written, whichever of the two holds it.
  std::string m_body;
  std::shared_ptr<const std::string> m_shared_body;
  std::shared_ptr<HttpServerState> m_server;
  bool m_reading = false;
  // The exchange in progress, for the observer.
  std::chrono::steady_clock::time_point m_started;
  std::optional<api::Request> m_request;
  std::string m_method = "-";
  std::string m_path = "-";
  int m_status = 0;
};

} // namespace

void detail::HttpServerState::accept() {
  // Accepted with the io_context's executor type, which Socket wants.
  acceptor.async_accept(io, [self = shared_from_this()](beast::error_code ec, Socket socket) {
    if (self->stopping || ec == asio::error::operation_aborted) {
      return;
    }
    if (ec == asio::error::no_descriptors || ec == asio::error::no_buffer_space) {
      // Out of file descriptors: accepting again at once would spin. Wait
      // for connections to close, and say so once per pause.
      SLATED_LOG(LogLevel::warning,
                 "cannot accept connections: " + ec.message() + "; retrying in 100 ms");
      self->accept_retry.expires_after(std::chrono::milliseconds{100});
      self->accept_retry.async_wait([self](beast::error_code wait_error) {
        if (!wait_error) {
          self->accept();
        }
      });
      return;
    }
    if (!ec) {
      self->start_session(std::move(socket));
      // Take the rest of a burst now, not one connection per turn of the
      // event loop: behind thousands of busy connections each turn is
      // long, and a client's request waits unread until it is accepted.
      // An error (none waiting, or out of descriptors) is left to the
      // asynchronous accept, which reports it.
      for (int i = 0; i < k_accept_batch; ++i) {
        Socket next(self->io);
        beast::error_code accept_error;
        self->acceptor.accept(next, accept_error);
        if (accept_error) {
          break;
        }
        self->start_session(std::move(next));
      }
    }
    self->accept();
  });
}

void detail::HttpServerState::start_session(Socket socket) {
  // A response goes out in one write; Nagle's algorithm would only hold
  // back its last segment while a previous one awaits its ACK.
  beast::error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);
  std::make_shared<Session>(std::move(socket), shared_from_this())->start();
}

void detail::HttpServerState::schedule_sweep() {
  // Also while stopping: a response still being written must finish
  // within the timeout, as stop() promises.
  if (sweeping) {
    return;
  }
  sweeping = true;
  sweeper.expires_after(k_sweep_interval);
  sweeper.async_wait([self = shared_from_this()](beast::error_code ec) {
    self->sweeping = false;
    if (!ec) {
      self->sweep();
    }
  });
}

void detail::HttpServerState::sweep() {
  const auto now = Clock::now();
  // Closing only cancels operations; no session is destroyed while we
  // iterate.
  for (Session* session : sessions) {
    session->expire_if_late(now);
  }
  // Idle (no connections): no timer either, until the next connection.
  if (!sessions.empty()) {
    schedule_sweep();
  }
}

HttpServer::HttpServer(asio::io_context& io, Limits limits, Handler handler,
                       std::string server_name, Observer observer)
    : m_state(std::make_shared<detail::HttpServerState>(
          io, limits, std::move(handler), std::move(server_name), std::move(observer))) {}

HttpServer::~HttpServer() {
  stop({});
  // The io_context may outlive this server and destroy the last sessions
  // itself; nothing may be posted to it then.
  m_state->on_drained = nullptr;
}

tcp::endpoint HttpServer::listen(const tcp::endpoint& endpoint) {
  auto& acceptor = m_state->acceptor;
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen(asio::socket_base::max_listen_connections);
  // The batch accept must find an empty queue, not wait on it.
  acceptor.non_blocking(true);
  m_state->accept();
  return acceptor.local_endpoint();
}

void HttpServer::stop(std::function<void()> on_drained) {
  if (m_state->stopping) {
    return;
  }
  m_state->stopping = true;
  if (m_state->sessions.empty()) {
    if (on_drained) {
      asio::post(m_state->io, std::move(on_drained));
    }
  } else {
    m_state->on_drained = std::move(on_drained);
  }
  beast::error_code ignored;
  m_state->acceptor.close(ignored);
  m_state->accept_retry.cancel();
  // stop() only closes sockets; no session is destroyed while we iterate.
  const std::vector<Session*> sessions(m_state->sessions.begin(), m_state->sessions.end());
  for (Session* session : sessions) {
    session->stop();
  }
}

} // namespace slate::daemon
