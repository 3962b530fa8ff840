#pragma once

#include <slated/log.hpp>
#include <slated/settings.hpp>

#include <slate/domain/problem.hpp>
#include <slate/domain/zone.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace slate::daemon {

// Settings that may be given more than once (on the command line and in
// the config file); their values are joined with commas.
inline constexpr std::array k_repeatable_settings{std::string_view("alertmanager-url")};

// The daemon's settings after parsing, defaults and validation.
struct Options {
  std::filesystem::path config; // empty when no config file was read
  std::string listen_host;
  std::uint16_t listen_port = 0;
  std::filesystem::path db;
  std::filesystem::path calendars;
  std::filesystem::path policy;
  std::filesystem::path templates;
  std::filesystem::path tokens;
  domain::Zone home_zone = domain::Zone::utc();
  std::string public_url; // no trailing '/'; empty: from each request's Host
  LogLevel log_level = LogLevel::info;
  // Where request lines go: nowhere (empty and not journal), stderr for
  // journald, or a file.
  bool access_log_journal = false;
  std::filesystem::path access_log_file;
  std::size_t http_body_limit = 0;
  std::size_t http_header_limit = 0;
  std::chrono::seconds http_timeout{0};
  bool auto_transitions = true;
  std::vector<domain::Seconds> reminders; // offsets before a start
  // Subscriber URLs as configured, "slack+" prefix included.
  std::vector<std::string> webhooks;
  std::filesystem::path webhook_secret_file; // empty: no signatures
  int webhook_attempts = 0;
  std::chrono::seconds lease{30};
  // Alertmanager peers in order; none: no silences are kept.
  std::vector<std::string> alertmanager_urls;
  std::filesystem::path alertmanager_token_file; // empty: write tokens
  std::chrono::seconds alertmanager_reconcile{60};
  // With PostgreSQL: how often to look for other replicas' writes, in case
  // a notification was lost.
  std::chrono::seconds state_check_interval{5};
  // For tests only (--test-clock-file): read the time from this file
  // instead of the system clock; empty in production.
  std::filesystem::path test_clock_file;
};

// What the command line asks slated to do.
enum class Action { serve, check_config, help, version };

// A parsed command line: the action and, for serve and check_config, the
// validated options.
struct Invocation {
  Action action = Action::serve;
  Options options;
};

// Return the invocation for `argc`/`argv`, reading the config file named
// by --config if any (command-line values win over the file's). Fails with
// every problem found, each message a line "where: key: problem" where
// `where` is "FILE:LINE", "command line" or "default".
domain::Result<Invocation> parse_invocation(int argc, const char* const* argv);

// Return the --help text.
std::string usage();

} // namespace slate::daemon
