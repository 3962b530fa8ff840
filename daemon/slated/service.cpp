#include <slated/service.hpp>

#include <slated/access_log.hpp>
#include <slated/clock.hpp>
#include <slated/database_watch.hpp>
#include <slated/descriptor_limit.hpp>
#include <slated/http_server.hpp>
#include <slated/log.hpp>
#include <slated/metrics.hpp>
#include <slated/notifier.hpp>
#include <slated/replica_follower.hpp>
#include <slated/signal_block.hpp>
#include <slated/signal_reader.hpp>
#include <slated/silencer.hpp>
#include <slated/systemd_notify.hpp>
#include <slated/timekeeper.hpp>

#include <slated/build_info.hpp>

#include <common/configuration.hpp>
#include <common/token_file.hpp>
#include <common/tz_database_version.hpp>
#include <slate/api/about_handler.hpp>
#include <slate/api/alertmanager_handler.hpp>
#include <slate/api/router.hpp>
#include <slate/app/lifecycle.hpp>
#include <slate/app/notification_queue.hpp>
#include <slate/app/silences.hpp>
#include <slate/app/snapshot.hpp>
#include <slate/app/writer.hpp>
#include <slate/store/store.hpp>
#include <slate/store/store_check.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <array>
#include <atomic>
#include <cctype>
#include <csignal>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

namespace slate::daemon {
namespace {

namespace asio = boost::asio;

// After SIGTERM, how long in-flight responses and webhook requests get
// before they are closed regardless; each one also has its own timeout. A
// second short of the 10 s the stop announces, for joining the threads and
// flushing the logs.
constexpr std::chrono::seconds k_stop_deadline{9};

// Probes and scrapers ask every few seconds: their requests are logged at
// debug, everything else at info.
constexpr std::array<std::string_view, 2> k_quiet_routes{"/healthz", "/metrics"};

// Methods counted by name; anything else a client sends is "other", so that
// it cannot grow the number of series.
constexpr std::array<std::string_view, 7> k_methods{"GET",    "HEAD",  "POST",   "PUT",
                                                    "DELETE", "PATCH", "OPTIONS"};

// Return the secret in `path` (trailing white space dropped), "" when no
// file is configured, or a problem naming the file and the `setting`.
domain::Result<std::string> read_secret(const std::filesystem::path& path,
                                        const std::string& setting = "webhook-secret-file") {
  if (path.empty()) {
    return std::string();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return domain::Problem{domain::Code::config_invalid, setting,
                           path.string() + ": " + setting + ": cannot be read"};
  }
  std::stringstream text;
  text << in.rdbuf();
  std::string secret = text.str();
  while (!secret.empty() && std::isspace(static_cast<unsigned char>(secret.back())) != 0) {
    secret.pop_back();
  }
  if (secret.empty()) {
    return domain::Problem{domain::Code::config_invalid, setting,
                           path.string() + ": " + setting + ": is empty"};
  }
  return secret;
}

ConfigurationPaths configuration_paths(const Options& options) {
  return {options.calendars, options.policy, options.templates};
}

api::StatusSettings status_settings(const Options& options) {
  api::StatusSettings settings;
  settings.statuspage.url = options.public_url;
  settings.page.tz_database = tz_database_version();
  return settings;
}

std::vector<app::Subscriber> subscribers(const Options& options) {
  std::vector<app::Subscriber> out;
  for (const auto& configured : options.webhooks) {
    out.push_back(app::subscriber_of(configured));
  }
  return out;
}

// Compare without leaking, through the time taken, how much of a token matched.
bool same_token(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || b.empty()) {
    return false;
  }
  unsigned char difference = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return difference == 0;
}

app::LifecycleSettings lifecycle_settings(const Options& options) {
  app::LifecycleSettings settings;
  settings.auto_transitions = options.auto_transitions;
  settings.notifications.reminders = options.reminders;
  return settings;
}

std::string milliseconds(std::chrono::steady_clock::duration latency) {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(latency).count();
  std::string text = std::to_string(micros / 1000) + ".";
  const auto fraction = std::to_string(micros % 1000);
  text += std::string(3 - fraction.size(), '0') + fraction;
  return text + " ms";
}

// The daemon while it runs: two io_contexts, each on its own thread, and the
// current snapshot, replaced whole on every write and successful reload.
// The HTTP loop (the main thread) accepts connections, answers reads from
// the snapshot and handles signals. The writer (one thread) runs everything
// that may commit to SQLite: write requests, one at a time, the lifecycle
// timers, the webhook outbox and reloads. They share the snapshot (atomic),
// the metrics (locked), the router (const, its cache locked) and the clock.
// What authenticates a write: the tokens file and Alertmanager's token.
struct Credentials {
  TokenBook tokens;
  bool tokens_file_exists = false;
  std::string alertmanager_token;
};

class Service {
public:
  // `store` reports to `database` (DatabaseWatch::observe).
  Service(const Options& options, store::Store& store, const DatabaseWatch& database,
          std::string secret)
      : m_options(options), m_database(database), m_clock(options.test_clock_file),
        m_access_log(options.access_log_journal, options.access_log_file),
        m_writer_work(asio::make_work_guard(m_writer_io)), m_signals(m_io, daemon_signals()),
        m_stop_deadline(m_io), m_watchdog(m_io), m_queue(store, subscribers(options)),
        m_support_alerts(store, subscribers(options)),
        m_notifier(m_writer_io, store,
                   {subscribers(options), std::move(secret), options.webhook_attempts,
                    lifecycle_settings(options).notifications, replica_name(), options.lease},
                   m_clock, m_metrics),
        m_app_writer(store,
                     [this](app::SnapshotPtr snapshot) {
                       m_snapshot.store(std::move(snapshot));
                       // Writes and reloads may make something due (an
                       // announcement, a start moved into the past).
                       m_timekeeper.poke();
                       // ...or queue a silence change.
                       m_silencer.poke();
                     }),
        m_timekeeper(m_writer_io, m_app_writer, m_queue, m_support_alerts, m_notifier, m_clock,
                     m_metrics, lifecycle_settings(options)),
        m_silencer(m_writer_io, m_app_writer,
                   {options.alertmanager_urls, options.alertmanager_reconcile}, m_clock, m_metrics),
        m_router(api::make_api_router(
            [this] { return m_snapshot.load(); }, [this] { return m_clock.now(); },
            [](std::string_view what) {
              SLATED_LOG(LogLevel::error,
                         "internal error answering a request: " + std::string(what));
            },
            status_settings(options))),
        m_server(
            m_io, {options.http_body_limit, options.http_header_limit, options.http_timeout},
            [this](const api::Request& request, HttpServer::Respond respond) {
              dispatch(request, std::move(respond));
            },
            "slated/" SLATED_VERSION,
            [this](const HttpServer::Exchange& exchange) { observe(exchange); }) {}

  int run() {
    auto configuration = load_configuration(configuration_paths(m_options));
    if (!configuration) {
      for (const auto& problem : configuration.problems()) {
        SLATED_LOG(LogLevel::error, problem.message);
      }
      SLATED_LOG(LogLevel::error, "cannot start: the calendars in " + m_options.calendars.string() +
                                      ", the policy " + m_options.policy.string() +
                                      " or the templates in " + m_options.templates.string() +
                                      " are invalid");
      return 1;
    }
    if (!load_tokens()) {
      SLATED_LOG(LogLevel::error,
                 "cannot start: the tokens file " + m_options.tokens.string() + " is invalid");
      return 1;
    }
    m_access_log.open();
    if (m_clock.is_test_clock()) {
      SLATED_LOG(LogLevel::warning, "the time is read from the test clock file " +
                                        m_options.test_clock_file.string() +
                                        ", not the system clock: for tests only");
    }
    m_router.set_writer(&m_app_writer,
                        [this](std::string_view token) { return authenticate(token); });
    m_router.set_database_state([&database = m_database] { return database.state(); });
    if (!load_alertmanager_token()) {
      SLATED_LOG(LogLevel::error, "cannot start: the Alertmanager token file " +
                                      m_options.alertmanager_token_file.string() +
                                      " cannot be read");
      return 1;
    }
    m_router.add(
        "POST", "/v1/integrations/alertmanager",
        [this](std::string_view token) { return authenticate_alertmanager(token); },
        std::make_unique<api::AlertmanagerWebhookHandler>(
            [this](const app::AlertReport& report, std::size_t rejected) {
              observe_alerts(report, rejected);
            }));
    m_app_writer.set_silence_settings({!m_options.alertmanager_urls.empty(), m_options.public_url});
    m_router.add("/v1/about", std::make_unique<api::AboutHandler>(formats::About{
                                  std::string(slated_version()), std::string(slated_commit()),
                                  tz_database_version(), m_clock.now()}));
    m_router.add("/metrics", std::make_unique<MetricsHandler>(
                                 m_metrics, [this] { return m_notifier.counts(); },
                                 m_notifier.subscriber_count()));
    m_app_writer.start(std::move(configuration->regions), std::move(configuration->policy),
                       m_options.home_zone, std::move(configuration->templates));
    // Not inside SLATED_LOG: the macro skips its argument at higher levels.
    const std::string serving = describe(*m_snapshot.load());
    SLATED_LOG(LogLevel::info, serving);
    replan_silences();

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
    // Catch up on what was missed while stopped before saying we are ready:
    // the first look makes every overdue transition and queues every due
    // notification, and the notifier resends what was pending.
    SLATED_LOG(LogLevel::info,
               std::to_string(m_notifier.subscriber_count()) + " webhook subscribers; " +
                   (m_options.auto_transitions ? "the clock starts and completes maintenance"
                                               : "operators start and complete maintenance"));
    // Derivation never looks further back than the catch-up time; a day more
    // covers a clock that was set back since.
    m_queue.load_known(m_clock.now() - lifecycle_settings(m_options).notifications.catch_up -
                       std::chrono::days{1});
    m_support_alerts.load_known();
    m_notifier.start();
    m_timekeeper.start();
    if (!m_options.alertmanager_urls.empty()) {
      SLATED_LOG(
          LogLevel::info,
          "maintenance silences in Alertmanager at " + m_options.alertmanager_urls.front() +
              (m_options.alertmanager_urls.size() > 1
                   ? " (and " + std::to_string(m_options.alertmanager_urls.size() - 1) + " peers)"
                   : std::string()));
    }
    m_silencer.start();
    // Other slated may share a PostgreSQL database: follow their writes.
    if (auto listener = m_app_writer.store().listen_for_changes()) {
      m_follower = std::make_unique<ReplicaFollower>(
          std::move(listener), m_options.state_check_interval, [this] { queue_catch_up(); },
          [this] { m_metrics.count_state_notification(); });
    }
    m_writer = std::thread([this] { run_writer(); });
    if (m_follower) {
      m_follower->start();
    }
    try {
      std::ostringstream where;
      where << bound;
      // Written at every log level: it is how tests, scripts and operators
      // learn that the daemon is ready and on which port.
      // The line ends with the port: scripts read it from there.
      log_write(LogLevel::notice, "listening on " + where.str());
      notify_ready("listening on " + where.str());
      start_watchdog();
      wait_for_signal();
      m_io.run();
    } catch (...) {
      // The writer must end before its thread is destroyed.
      m_writer_work.reset();
      m_writer_io.stop();
      m_writer.join();
      throw;
    }
    m_writer.join();
    if (m_follower) {
      m_follower->stop();
    }
    m_access_log.flush();
    if (m_writer_failed) {
      return 1;
    }
    SLATED_LOG(LogLevel::notice, "stopped");
    return 0;
  }

private:
  // A request to a write route may commit to SQLite (and wait for its
  // fsync): it runs on the writer thread, one at a time, and its response
  // is posted back, while the HTTP loop goes on answering everything else
  // from the snapshot.
  void dispatch(const api::Request& request, HttpServer::Respond respond) {
    // GET and HEAD first: the hot path (feeds, status polls) skips the
    // route lookup.
    const bool read = request.method == "GET" || request.method == "HEAD";
    if (read || !m_router.writes(request)) {
      respond(m_router.handle(request));
      return;
    }
    // A write without a valid token is refused here, so that a flood of
    // them cannot queue behind real writes; the writer checks again, since
    // a reload may take a token away in between.
    if (auto refusal = m_router.refuse_unauthorised(request)) {
      respond(std::move(*refusal));
      return;
    }
    asio::post(m_writer_io, [this, request, respond = std::move(respond)]() mutable {
      SLATED_LOG(LogLevel::debug, "writer: " + request.method + " " + request.path);
      auto response = m_router.handle(request);
      asio::post(m_io, [respond = std::move(respond), response = std::move(response)]() mutable {
        respond(std::move(response));
      });
    });
  }

  // Called on the follower's thread: hand the catch-up to the writer thread,
  // which alone may use the app's writer. Once queued is enough: a burst of
  // notifications needs one look at the store.
  void queue_catch_up() {
    if (m_catch_up_queued.exchange(true)) {
      return;
    }
    asio::post(m_writer_io, [this] {
      m_catch_up_queued = false;
      try {
        if (m_app_writer.catch_up()) {
          SLATED_LOG(LogLevel::debug,
                     "caught up with the writes of other slated: " + describe(*m_snapshot.load()));
        }
      } catch (const std::exception& error) {
        // The next notification or check tries again; reads meanwhile
        // answer from the snapshot as it is.
        SLATED_LOG(LogLevel::warning,
                   std::string("cannot catch up with the writes of other slated: ") + error.what());
      }
    });
  }

  // The writer thread: the app's writer, the lifecycle timers and the webhook
  // outbox. It ends once stop() has released it and the last webhook
  // request in flight is recorded.
  void run_writer() {
    try {
      m_writer_io.run();
      m_notifier.release_claims();
      // Stopped and done: nothing is left for the stop deadline to close.
      asio::post(m_io, [this] { m_stop_deadline.cancel(); });
    } catch (const std::exception& error) {
      // Nothing should escape a handler; if something does, stop rather
      // than serve on without a writer.
      SLATED_LOG(LogLevel::error,
                 std::string("internal error on the writer thread, stopping: ") + error.what());
      m_writer_failed = true;
      m_io.stop();
    } catch (...) {
      SLATED_LOG(LogLevel::error, "internal error on the writer thread, stopping");
      m_writer_failed = true;
      m_io.stop();
    }
  }

  std::string describe(const app::Snapshot& snapshot) const {
    return "serving " + std::to_string(snapshot.regions.size()) + " regions from " +
           m_options.calendars.string() + " under policy '" + snapshot.policy.name + "', " +
           std::to_string(snapshot.maintenances.size()) + " maintenances and " +
           std::to_string(snapshot.blackouts.size()) + " blackouts (snapshot version " +
           std::to_string(snapshot.version) + ")";
  }

  // Count the exchange and, if the access log is on, log it: method, path (never the query, never a
  // header, so never a token), status, latency and peer.
  void observe(const HttpServer::Exchange& exchange) {
    const std::string_view route =
        exchange.request != nullptr ? m_router.route_of(*exchange.request) : "";
    const bool known_method =
        std::find(k_methods.begin(), k_methods.end(), exchange.method) != k_methods.end();
    m_metrics.observe_request(route, known_method ? exchange.method : "other", exchange.status,
                              exchange.latency);
    const bool quiet =
        std::find(k_quiet_routes.begin(), k_quiet_routes.end(), route) != k_quiet_routes.end();
    const LogLevel level = quiet ? LogLevel::debug : LogLevel::info;
    if (m_access_log.wants(level)) {
      m_access_log.write(level, std::string(exchange.method) + " " + std::string(exchange.path) +
                                    " " + std::to_string(exchange.status) + " " +
                                    milliseconds(exchange.latency) + " " +
                                    std::string(exchange.peer));
    }
  }

  domain::Result<std::string> authenticate(std::string_view token) const {
    const auto credentials = m_credentials.load();
    if (!credentials->tokens_file_exists) {
      return domain::Problem{domain::Code::unauthorized, "Authorization",
                             "this slated has no tokens file (" + m_options.tokens.string() +
                                 "), so it accepts no writes; create a token with 'slatectl "
                                 "token new NAME', add its second line to that file and send "
                                 "SIGHUP (systemctl reload slated)"};
    }
    if (auto name = credentials->tokens.name_for(token)) {
      return std::move(*name);
    }
    return domain::Problem{domain::Code::unauthorized, "Authorization",
                           "the bearer token is not valid: it matches no line of the tokens file"};
  }

  // The token of POST /v1/integrations/alertmanager: the one in
  // --alertmanager-token-file, else any write token.
  domain::Result<std::string> authenticate_alertmanager(std::string_view token) const {
    if (m_options.alertmanager_token_file.empty()) {
      return authenticate(token);
    }
    if (same_token(token, m_credentials.load()->alertmanager_token)) {
      return std::string(app::k_alert_actor);
    }
    return domain::Problem{domain::Code::unauthorized, "Authorization",
                           "the bearer token is not the one in the Alertmanager token file (" +
                               m_options.alertmanager_token_file.string() + ")"};
  }

  bool load_alertmanager_token() {
    auto token = read_secret(m_options.alertmanager_token_file, "alertmanager-token-file");
    if (!token) {
      SLATED_LOG(LogLevel::error, domain::messages_of(token.problems()));
      return false;
    }
    auto credentials = std::make_shared<Credentials>(*m_credentials.load());
    credentials->alertmanager_token = std::move(token).value();
    m_credentials.store(std::move(credentials));
    return true;
  }

  void observe_alerts(const app::AlertReport& report, std::size_t rejected) {
    std::map<std::string, std::size_t, std::less<>> ignored;
    for (const auto& alert : report.ignored) {
      ++ignored[alert.reason];
      SLATED_LOG(LogLevel::info, "alert ignored (" + alert.reason + "): " + alert.detail);
    }
    if (rejected > 0) {
      ignored["unreadable"] += rejected;
    }
    m_metrics.count_alerts(report.received + rejected, report.mapped(), ignored);
    SLATED_LOG(LogLevel::info,
               "alerts from Alertmanager: " + std::to_string(report.received + rejected) +
                   " received, " + std::to_string(report.opened) + " opened, " +
                   std::to_string(report.resolved) + " resolved, " +
                   std::to_string(report.unchanged) + " unchanged, " +
                   std::to_string(report.ignored.size() + rejected) + " ignored");
  }

  // Queue the silences open maintenance should have now: Alertmanager may
  // have been configured, or the policy's matchers changed, since it was booked.
  void replan_silences() {
    try {
      if (const auto queued = app::replan_silences(m_app_writer, m_clock.now()); queued > 0) {
        SLATED_LOG(LogLevel::notice,
                   "queued " + std::to_string(queued) + " silence changes for open maintenance");
      }
    } catch (const std::exception& error) {
      SLATED_LOG(LogLevel::error,
                 std::string("cannot queue the silences of open maintenance: ") + error.what());
    }
  }

  // Read the tokens file into the credentials. A missing file means no writes; a
  // broken one is an error (the old tokens stay in force on a reload).
  bool load_tokens() {
    std::error_code error;
    if (!std::filesystem::exists(m_options.tokens, error)) {
      replace_tokens(TokenBook(), false);
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
    replace_tokens(std::move(tokens).value(), true);
    return true;
  }

  void replace_tokens(TokenBook tokens, bool file_exists) {
    auto credentials = std::make_shared<Credentials>(*m_credentials.load());
    credentials->tokens = std::move(tokens);
    credentials->tokens_file_exists = file_exists;
    m_credentials.store(std::move(credentials));
  }

  // Keep-alives at half systemd's WatchdogSec, from the loops themselves:
  // a loop that hangs stops them, and systemd restarts the daemon.
  void start_watchdog() {
    const auto interval = watchdog_interval();
    if (!interval) {
      return;
    }
    SLATED_LOG(LogLevel::info, "systemd watchdog on: keep-alive every " +
                                   std::to_string((*interval / 2).count() / 1000) + " ms");
    keep_alive(*interval / 2);
  }

  // A keep-alive goes through the writer thread and back, so that either
  // one hanging stops them.
  void keep_alive(std::chrono::microseconds every) {
    asio::post(m_writer_io, [this] { asio::post(m_io, [] { notify_watchdog(); }); });
    m_watchdog.expires_after(every);
    m_watchdog.async_wait([this, every](const boost::system::error_code& ec) {
      // A wait that completed just as stop() cancelled it must not re-arm:
      // it would keep the loop alive after the last connection.
      if (!ec && !m_stopping) {
        keep_alive(every);
      }
    });
  }

  void wait_for_signal() {
    m_signals.async_wait([this](const boost::system::error_code& ec, int signal) {
      if (ec) {
        // Cancelled by stop(); anything else means the signals go unread.
        if (ec != asio::error::operation_aborted) {
          SLATED_LOG(LogLevel::error, "cannot read signals (" + ec.message() +
                                          "): SIGTERM and SIGHUP are not acted on");
        }
        return;
      }
      if (signal == SIGHUP) {
        // For log rotation: the file was moved away, or is to be.
        m_access_log.reopen();
        // The app's writer, the tokens and the notifier live on the writer thread.
        asio::post(m_writer_io, [this] {
          notify_reloading();
          reload();
          notify_ready(describe(*m_snapshot.load()));
        });
        wait_for_signal();
        return;
      }
      stop(signal == SIGTERM ? "SIGTERM" : "SIGINT");
    });
  }

  // The new calendars and policy replace the old only if every file loads:
  // a half-edited directory must not take windows away from customers.
  void reload() {
    // A reload must never end the daemon, whatever the loader throws.
    domain::Result<Configuration> configuration =
        domain::Problem{domain::Code::reload_failed, "", "the calendars could not be read"};
    try {
      configuration = load_configuration(configuration_paths(m_options));
    } catch (const std::exception& error) {
      configuration = domain::Problem{domain::Code::reload_failed, "",
                                      m_options.calendars.string() + ": " + error.what()};
    }
    if (!configuration) {
      const auto current = m_snapshot.load();
      SLATED_LOG(LogLevel::error, "reload failed on SIGHUP, keeping snapshot version " +
                                      std::to_string(current->version) + " with " +
                                      std::to_string(current->regions.size()) +
                                      " regions and policy '" + current->policy.name +
                                      "': " + domain::messages_of(configuration.problems()));
      return;
    }
    if (!load_tokens()) {
      SLATED_LOG(LogLevel::error,
                 "reload of the tokens file failed on SIGHUP; keeping the tokens already loaded");
    }
    if (!load_alertmanager_token()) {
      SLATED_LOG(LogLevel::error,
                 "reload of the Alertmanager token failed on SIGHUP; keeping the one loaded");
    }
    // A rotated webhook secret takes effect without a restart.
    if (auto secret = read_secret(m_options.webhook_secret_file)) {
      m_notifier.set_secret(std::move(secret).value());
    } else {
      SLATED_LOG(LogLevel::error, "reload of the webhook secret failed on SIGHUP, keeping the one "
                                  "already loaded: " +
                                      domain::messages_of(secret.problems()));
    }
    m_app_writer.reconfigure(std::move(configuration->regions), std::move(configuration->policy),
                             std::move(configuration->templates));
    const std::string serving = describe(*m_snapshot.load());
    SLATED_LOG(LogLevel::notice, "reloaded calendars, policy and templates on SIGHUP: " + serving);
    replan_silences();
  }

  void stop(const char* why) {
    m_stopping = true;
    notify_stopping();
    SLATED_LOG(LogLevel::notice, std::string("stopping on ") + why +
                                     ": no new connections, finishing responses and webhook "
                                     "requests in flight (for at most 10 s)");
    m_signals.cancel();
    if (m_follower) {
      m_follower->request_stop();
    }
    // The writer finishes what it was given (a write in flight commits and
    // is answered), then stops its timers; released, its thread ends once
    // the last webhook request in flight is recorded.
    asio::post(m_writer_io, [this] {
      m_timekeeper.stop();
      m_notifier.stop();
      m_silencer.stop();
    });
    m_watchdog.cancel();
    // The deadline timer would keep the loop alive on its own: cancel it as
    // soon as the last connection has closed, so that a clean stop is quick.
    // The writer is released once the last connection is gone: until then a
    // request read just before the stop may still hand it a write.
    // The deadline stays until the writer thread has ended (run_writer
    // cancels it), so that a webhook receiver answering slowly cannot hold
    // the stop past it either.
    m_server.stop([this] { m_writer_work.reset(); });
    m_stop_deadline.expires_after(k_stop_deadline);
    m_stop_deadline.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) {
        SLATED_LOG(LogLevel::warning,
                   "connections or webhook requests still open after the stop deadline; closing "
                   "them (a webhook in flight stays in the outbox and is sent again, with the "
                   "same event id, at the next start)");
        m_notifier.abandon_in_flight();
        m_io.stop();
        m_writer_io.stop();
      }
    });
  }

  const Options& m_options;
  const DatabaseWatch& m_database;
  Clock m_clock;
  AccessLog m_access_log;       // HTTP loop only
  asio::io_context m_io;        // HTTP, signals, the watchdog
  asio::io_context m_writer_io; // the app's writer, lifecycle timers, webhooks
  asio::executor_work_guard<asio::io_context::executor_type> m_writer_work;
  SignalReader m_signals;
  asio::steady_timer m_stop_deadline;
  asio::steady_timer m_watchdog;
  std::atomic<app::SnapshotPtr> m_snapshot;
  Metrics m_metrics;
  app::NotificationQueue m_queue;
  app::SupportAlertQueue m_support_alerts;
  Notifier m_notifier;
  app::Writer m_app_writer;
  Timekeeper m_timekeeper;
  Silencer m_silencer;
  // Read by both threads (the HTTP thread refuses bad tokens before a write
  // reaches the writer), replaced whole by the writer thread on reload.
  std::atomic<std::shared_ptr<const Credentials>> m_credentials{
      std::make_shared<const Credentials>()};
  api::Router m_router;
  HttpServer m_server;
  std::thread m_writer;
  bool m_stopping = false; // HTTP loop only
  std::atomic<bool> m_writer_failed{false};
  std::atomic<bool> m_catch_up_queued{false};
  // With PostgreSQL: follows the other slated on the database (its thread
  // only queues catch-ups on the writer thread); last, so destroyed, and
  // its thread joined, before anything it uses.
  std::unique_ptr<ReplicaFollower> m_follower;
};

} // namespace

int serve(const Options& options) {
  // A client that disconnects must cost a failed write, not the process.
  std::signal(SIGPIPE, SIG_IGN);
  // Each client connection holds a descriptor: a status page polled by
  // thousands would otherwise meet the soft limit (often 1024) long before
  // the hard one.
  SLATED_LOG(LogLevel::notice, describe(raise_descriptor_limit()));
  auto secret = read_secret(options.webhook_secret_file);
  if (!secret) {
    SLATED_LOG(LogLevel::error, "cannot start: " + domain::messages_of(secret.problems()));
    return 1;
  }
  std::unique_ptr<store::Store> store;
  try {
    store = store::open_store(options.db.string());
  } catch (const store::StoreError& error) {
    SLATED_LOG(LogLevel::error, std::string("cannot start: ") + error.what());
    return 1;
  }
  // Every transaction tells whether the database answers: what readers,
  // /readyz and /metrics are told.
  DatabaseWatch database;
  const auto observed = database.observe(*store);
  // Before the service makes any thread, so that no thread ever takes the
  // signals: the HTTP loop reads them (signal_block.hpp).
  block_daemon_signals();
  Service service(options, *observed, database, std::move(secret).value());
  return service.run();
}

int check_configuration(const Options& options) {
  domain::Problems problems;
  auto configuration = load_configuration(configuration_paths(options));
  if (!configuration) {
    problems = configuration.problems();
  }
  if (std::filesystem::exists(options.tokens)) {
    auto tokens = TokenBook::read(options.tokens);
    problems.insert(problems.end(), tokens.problems().begin(), tokens.problems().end());
  }
  auto secret = read_secret(options.webhook_secret_file);
  problems.insert(problems.end(), secret.problems().begin(), secret.problems().end());
  auto token = read_secret(options.alertmanager_token_file, "alertmanager-token-file");
  problems.insert(problems.end(), token.problems().begin(), token.problems().end());
  if (!options.test_clock_file.empty() && !std::filesystem::exists(options.test_clock_file)) {
    problems.push_back({domain::Code::config_invalid, "test-clock-file",
                        options.test_clock_file.string() + ": test-clock-file: does not exist"});
  }
  // What the database would do at a start, without starting: no migration,
  // no new file, no lock taken.
  store::StoreCheck database;
  try {
    database = store::check_store(options.db.string());
  } catch (const store::StoreError& error) {
    problems.push_back({domain::Code::config_invalid, "db", std::string("db: ") + error.what()});
  }
  if (!problems.empty()) {
    for (const auto& problem : problems) {
      std::cerr << problem.message << '\n';
    }
    return 1;
  }
  std::cout << "slated: configuration OK: " << configuration->regions.size() << " regions in "
            << options.calendars.string() << ", policy '" << configuration->policy.name << "' from "
            << options.policy.string() << ", templates from " << options.templates.string() << ", "
            << options.webhooks.size() << " webhook subscribers, "
            << options.alertmanager_urls.size() << " Alertmanager URLs\n";
  std::cout << "slated: " << database.state << '\n';
  if (!database.warning.empty()) {
    std::cout << "slated: warning: " << database.warning << '\n';
  }
  if (!options.alertmanager_urls.empty()) {
    for (const auto& gap :
         domain::silence_gaps(configuration->policy.alertmanager, configuration->regions,
                              configuration->policy.availability.services)) {
      std::cout << "slated: warning: " << gap << '\n';
    }
  }
  // What the policy assumed where its SLA document is silent: notes, not
  // problems, so that an operator reads them before relying on a deadline.
  for (const auto& assumption : configuration->policy.support.assumptions) {
    std::cout << "note: " << options.policy.string() << ": assumption: " << assumption << "\n";
  }
  return 0;
}

} // namespace slate::daemon
