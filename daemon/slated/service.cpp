#include <slated/service.hpp>

#include <slated/http_server.hpp>
#include <slated/log.hpp>

#include <common/calendar_directory.hpp>
#include <slate/api/router.hpp>
#include <slate/app/snapshot.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <csignal>
#include <iostream>
#include <sstream>

namespace slate::daemon {
namespace {

namespace asio = boost::asio;

// After SIGTERM, how long in-flight responses get before the loop is stopped
// regardless; each one also has the HTTP timeout.
constexpr std::chrono::seconds k_stop_deadline{10};

std::string joined(const domain::Problems& problems) {
  std::string out;
  for (const auto& problem : problems) {
    out += (out.empty() ? "" : "; ") + problem.message;
  }
  return out;
}

domain::Instant wall_clock() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

// The daemon while it runs: one io_context for HTTP and signals, and the
// current snapshot, replaced whole on a successful reload.
class Service {
public:
  explicit Service(const Options& options)
      : m_options(options), m_signals(m_io, SIGTERM, SIGINT, SIGHUP), m_stop_deadline(m_io),
        m_router(api::make_api_router([this] { return m_snapshot.load(); }, wall_clock,
                                      [](std::string_view what) {
                                        SLATED_LOG(LogLevel::error,
                                                   "internal error answering a request: " +
                                                       std::string(what));
                                      })),
        m_server(
            m_io, {options.http_body_limit, options.http_header_limit, options.http_timeout},
            [this](const api::Request& request) { return m_router.handle(request); },
            "slated/" SLATED_VERSION) {}

  int run() {
    auto regions = load_calendar_directory(m_options.calendars);
    if (!regions) {
      for (const auto& problem : regions.problems()) {
        SLATED_LOG(LogLevel::error, problem.message);
      }
      SLATED_LOG(LogLevel::error,
                 "cannot start: the calendars in " + m_options.calendars.string() + " are invalid");
      return 1;
    }
    // Not inside SLATED_LOG: the macro skips its argument at higher levels.
    const std::string serving = publish(std::move(regions).value());
    SLATED_LOG(LogLevel::info, serving);

    const asio::ip::tcp::endpoint wanted(asio::ip::make_address(m_options.listen_host),
                                         m_options.listen_port);
    asio::ip::tcp::endpoint bound;
    try {
      bound = m_server.listen(wanted);
    } catch (const boost::system::system_error& error) {
      std::ostringstream where;
      where << wanted;
      throw std::runtime_error("cannot listen on " + where.str() + ": " + error.code().message());
    }
    std::ostringstream where;
    where << bound;
    // Written at every log level: it is how tests, scripts and operators
    // learn that the daemon is ready and on which port.
    log_write(LogLevel::notice, "listening on " + where.str());
    wait_for_signal();
    m_io.run();
    SLATED_LOG(LogLevel::notice, "stopped");
    return 0;
  }

private:
  // Publish `regions` as the next snapshot; return a description for the log.
  std::string publish(std::vector<domain::Region> regions) {
    auto snapshot = std::make_shared<app::Snapshot>();
    const auto previous = m_snapshot.load();
    snapshot->version = previous ? previous->version + 1 : 1;
    snapshot->home_zone = m_options.home_zone;
    snapshot->regions = std::move(regions);
    std::string description = "serving " + std::to_string(snapshot->regions.size()) +
                              " regions from " + m_options.calendars.string() +
                              " (snapshot version " + std::to_string(snapshot->version) + ")";
    m_snapshot.store(std::move(snapshot));
    return description;
  }

  void wait_for_signal() {
    m_signals.async_wait([this](const boost::system::error_code& ec, int signal) {
      if (ec) {
        return;
      }
      if (signal == SIGHUP) {
        reload();
        wait_for_signal();
        return;
      }
      stop(signal == SIGTERM ? "SIGTERM" : "SIGINT");
    });
  }

  // The new calendars replace the old only if every file loads: a half-edited
  // directory must not take windows away from customers.
  void reload() {
    // A reload must never end the daemon, whatever the loader throws.
    domain::Result<std::vector<domain::Region>> regions =
        domain::Problem{"reload_failed", "", "the calendars could not be read"};
    try {
      regions = load_calendar_directory(m_options.calendars);
    } catch (const std::exception& error) {
      regions =
          domain::Problem{"reload_failed", "", m_options.calendars.string() + ": " + error.what()};
    }
    if (!regions) {
      const auto current = m_snapshot.load();
      SLATED_LOG(LogLevel::error, "reload failed on SIGHUP, keeping snapshot version " +
                                      std::to_string(current->version) + " with " +
                                      std::to_string(current->regions.size()) +
                                      " regions: " + joined(regions.problems()));
      return;
    }
    const std::string serving = publish(std::move(regions).value());
    SLATED_LOG(LogLevel::notice, "reloaded calendars on SIGHUP: " + serving);
  }

  void stop(const char* why) {
    SLATED_LOG(LogLevel::notice, std::string("stopping on ") + why +
                                     ": no new connections, finishing responses in flight");
    m_signals.cancel();
    // The deadline timer would keep the loop alive on its own: cancel it as
    // soon as the last connection has closed, so that a clean stop is quick.
    m_server.stop([this] { m_stop_deadline.cancel(); });
    m_stop_deadline.expires_after(k_stop_deadline);
    m_stop_deadline.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) {
        SLATED_LOG(LogLevel::warning, "connections still open after the stop deadline; closing");
        m_io.stop();
      }
    });
  }

  const Options& m_options;
  asio::io_context m_io;
  asio::signal_set m_signals;
  asio::steady_timer m_stop_deadline;
  std::atomic<app::SnapshotPtr> m_snapshot;
  api::Router m_router;
  HttpServer m_server;
};

} // namespace

int serve(const Options& options) {
  // A client that disconnects must cost a failed write, not the process.
  std::signal(SIGPIPE, SIG_IGN);
  if (const auto parent = options.db.parent_path(); !parent.empty()) {
    // The store comes later; its directory is already the daemon's to make.
    std::filesystem::create_directories(parent);
  }
  Service service(options);
  return service.run();
}

int check_calendars(const Options& options) {
  auto regions = load_calendar_directory(options.calendars);
  if (!regions) {
    for (const auto& problem : regions.problems()) {
      std::cerr << problem.message << '\n';
    }
    return 1;
  }
  std::cout << "slated: configuration OK: " << regions.value().size() << " regions in "
            << options.calendars.string() << '\n';
  return 0;
}

} // namespace slate::daemon
