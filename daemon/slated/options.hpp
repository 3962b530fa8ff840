#pragma once

#include <slated/log.hpp>

#include <slate/domain/problem.hpp>
#include <slate/domain/zone.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace slate::daemon {

// One setting of slated: its name (as a command-line option "--name" and as
// a config-file key "name = ..."), its default, and its help.
struct SettingSpec {
  std::string_view name;
  std::string_view default_value;
  std::string_view value_name;
  std::string_view help;
};

// The one table of settings and their defaults. etc/slated.conf documents
// the same list; a default is validated like any value a user gives.
inline constexpr std::array k_settings{
    SettingSpec{
        "listen", "127.0.0.1:8080", "HOST:PORT",
        "IP address and port to serve HTTP on ([::1]:8080 for IPv6); port 0 picks a free port"},
    SettingSpec{"db", "./var/slated.db", "PATH",
                "SQLite database file; its directory is created at start if missing"},
    SettingSpec{"calendars", "./calendars", "DIR",
                "directory of *.ics calendars, one region each; re-read on SIGHUP"},
    SettingSpec{"policy", "./etc/policies/uniphore.toml", "FILE",
                "maintenance policy (TOML): notice, overlap, allowed windows, availability target; "
                "re-read on SIGHUP"},
    SettingSpec{"templates", "./etc/templates", "DIR",
                "message templates (Mustache), one <phase>.mustache per phase; re-read on SIGHUP"},
    SettingSpec{
        "tokens", "./var/tokens", "FILE",
        "bearer tokens allowed to write, one 'NAME SHA256HEX' line each (slatectl token new); "
        "if the file does not exist, every write is refused"},
    SettingSpec{"home-zone", "Asia/Kolkata", "ZONE",
                "IANA time zone in which messages also show times (not an abbreviation)"},
    SettingSpec{"public-url", "", "URL",
                "where people reach slated, e.g. https://status.example.com behind a proxy; "
                "the status documents link there (empty: each request's Host)"},
    SettingSpec{"log-level", "info", "LEVEL",
                "least important log lines written: error, warning, "
                "notice, info or debug"},
    SettingSpec{"http-body-limit", "65536", "BYTES",
                "largest request body accepted; a larger one is answered 413"},
    SettingSpec{"http-header-limit", "8192", "BYTES",
                "largest request line plus headers accepted; larger is answered 431"},
    SettingSpec{"http-timeout", "15", "SECONDS",
                "time a client has to send one whole request, or to take one response, "
                "before its connection is closed"},
    SettingSpec{"auto-transitions", "true", "true|false",
                "start planned maintenance at its start and complete it at its end unless an "
                "operator did first; false: operators do both, and an overrun is flagged"},
    SettingSpec{"reminders", "7d,24h,1h", "LIST",
                "offsets before a scheduled start at which subscribers are reminded, e.g. "
                "7d,24h,1h or 2h30m; 'none' for no reminders"},
    SettingSpec{"webhook", "", "URLS",
                "subscriber URLs (http:// or https://) notified of every maintenance event, "
                "separated by commas; prefix one with 'slack+' for a Slack-compatible body"},
    SettingSpec{
        "webhook-secret-file", "", "FILE",
        "file holding the secret that signs each webhook body "
        "(X-Slated-Signature: sha256=HMAC); empty: bodies are not signed; re-read on SIGHUP"},
    SettingSpec{"webhook-attempts", "24", "N",
                "attempts to deliver one notification to one subscriber, with exponential "
                "backoff from 1 s to 15 min between them (24: about 4 hours), before giving up"},
    SettingSpec{"alertmanager-url", "", "URL",
                "Alertmanager (http:// or https://, API v2) in which maintenance gets silences; "
                "repeat the setting (or separate URLs with commas) for peers of one cluster, "
                "tried in order; empty: no silences"},
    SettingSpec{"alertmanager-token-file", "", "FILE",
                "file holding the bearer token Alertmanager's webhook sends to POST "
                "/v1/integrations/alertmanager (its http_config.authorization), accepted for that "
                "route only; empty: any write token; re-read on SIGHUP"},
    SettingSpec{"alertmanager-reconcile", "60", "SECONDS",
                "how often the silences are compared with what Alertmanager holds: a vanished "
                "one is created again, one an operator expired is recorded"},
};

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
  std::size_t http_body_limit = 0;
  std::size_t http_header_limit = 0;
  std::chrono::seconds http_timeout{0};
  bool auto_transitions = true;
  std::vector<domain::Seconds> reminders; // offsets before a start
  // Subscriber URLs as configured, "slack+" prefix included.
  std::vector<std::string> webhooks;
  std::filesystem::path webhook_secret_file; // empty: no signatures
  int webhook_attempts = 0;
  // Alertmanager peers in order; none: no silences are kept.
  std::vector<std::string> alertmanager_urls;
  std::filesystem::path alertmanager_token_file; // empty: write tokens
  std::chrono::seconds alertmanager_reconcile{60};
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
