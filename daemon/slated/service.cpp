#include <slated/service.hpp>

#include <slated/http_server.hpp>
#include <slated/log.hpp>

#include <common/configuration.hpp>
#include <common/token_file.hpp>
#include <slate/api/router.hpp>
#include <slate/app/scheduler.hpp>
#include <slate/app/snapshot.hpp>
#include <slate/store/database.hpp>

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
  Service(const Options& options, store::Database& database)
      : m_options(options), m_signals(m_io, SIGTERM, SIGINT, SIGHUP), m_stop_deadline(m_io),
        m_scheduler(database,
                    [this](app::SnapshotPtr snapshot) { m_snapshot.store(std::move(snapshot)); }),
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
    auto configuration = load_configuration(m_options.calendars, m_options.policy);
    if (!configuration) {
      for (const auto& problem : configuration.problems()) {
        SLATED_LOG(LogLevel::error, problem.message);
      }
      SLATED_LOG(LogLevel::error, "cannot start: the calendars in " + m_options.calendars.string() +
                                      " or the policy " + m_options.policy.string() +
                                      " are invalid");
      return 1;
    }
    if (!load_tokens()) {
      SLATED_LOG(LogLevel::error,
                 "cannot start: the tokens file " + m_options.tokens.string() + " is invalid");
      return 1;
    }
    m_router.set_writer(&m_scheduler,
                        [this](std::string_view token) { return m_tokens.name_for(token); });
    m_scheduler.start(std::move(configuration->regions), std::move(configuration->policy),
                      m_options.home_zone);
    // Not inside SLATED_LOG: the macro skips its argument at higher levels.
    const std::string serving = describe(*m_snapshot.load());
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
  std::string describe(const app::Snapshot& snapshot) const {
    return "serving " + std::to_string(snapshot.regions.size()) + " regions from " +
           m_options.calendars.string() + " under policy '" + snapshot.policy.name + "', " +
           std::to_string(snapshot.maintenances.size()) + " maintenances and " +
           std::to_string(snapshot.blackouts.size()) + " blackouts (snapshot version " +
           std::to_string(snapshot.version) + ")";
  }

  // Read the tokens file into m_tokens. A missing file means no writes; a
  // broken one is an error (the old tokens stay in force on a reload).
  bool load_tokens() {
    std::error_code error;
    if (!std::filesystem::exists(m_options.tokens, error)) {
      m_tokens = TokenBook();
      SLATED_LOG(LogLevel::notice,
                 "no tokens file at " + m_options.tokens.string() +
                     ": every write is refused; create a token with 'slatectl token new NAME' "
                     "and add its second line to that file");
      return true;
    }
    auto tokens = TokenBook::read(m_options.tokens);
    if (!tokens) {
      for (const auto& problem : tokens.problems()) {
        SLATED_LOG(LogLevel::error, problem.message);
      }
      return false;
    }
    for (const auto& warning : tokens->warnings()) {
      SLATED_LOG(LogLevel::warning, m_options.tokens.string() + ": " + warning);
    }
    m_tokens = std::move(tokens).value();
    return true;
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
    domain::Result<Configuration> configuration =
        domain::Problem{"reload_failed", "", "the calendars could not be read"};
    try {
      configuration = load_configuration(m_options.calendars, m_options.policy);
    } catch (const std::exception& error) {
      configuration =
          domain::Problem{"reload_failed", "", m_options.calendars.string() + ": " + error.what()};
    }
    if (!configuration) {
      const auto current = m_snapshot.load();
      SLATED_LOG(LogLevel::error, "reload failed on SIGHUP, keeping snapshot version " +
                                      std::to_string(current->version) + " with " +
                                      std::to_string(current->regions.size()) +
                                      " regions: " + joined(configuration.problems()));
      return;
    }
    if (!load_tokens()) {
      SLATED_LOG(LogLevel::error,
                 "reload of the tokens file failed on SIGHUP; keeping the tokens already loaded");
    }
    m_scheduler.reconfigure(std::move(configuration->regions), std::move(configuration->policy));
    const std::string serving = describe(*m_snapshot.load());
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
  app::Scheduler m_scheduler;
  TokenBook m_tokens;
  api::Router m_router;
  HttpServer m_server;
};

} // namespace

int serve(const Options& options) {
  // A client that disconnects must cost a failed write, not the process.
  std::signal(SIGPIPE, SIG_IGN);
  std::unique_ptr<store::Database> database;
  try {
    database = store::open_sqlite_database(options.db);
  } catch (const store::StoreError& error) {
    SLATED_LOG(LogLevel::error, std::string("cannot start: ") + error.what());
    return 1;
  }
  Service service(options, *database);
  return service.run();
}

int check_calendars(const Options& options) {
  auto configuration = load_configuration(options.calendars, options.policy);
  if (!configuration) {
    for (const auto& problem : configuration.problems()) {
      std::cerr << problem.message << '\n';
    }
    return 1;
  }
  if (std::filesystem::exists(options.tokens)) {
    auto tokens = TokenBook::read(options.tokens);
    if (!tokens) {
      for (const auto& problem : tokens.problems()) {
        std::cerr << problem.message << '\n';
      }
      return 1;
    }
  }
  std::cout << "slated: configuration OK: " << configuration->regions.size() << " regions in "
            << options.calendars.string() << ", policy '" << configuration->policy.name << "' from "
            << options.policy.string() << '\n';
  return 0;
}

} // namespace slate::daemon
