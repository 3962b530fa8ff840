#pragma once

#include <array>
#include <string>
#include <string_view>

namespace slate::daemon {

// One setting of slated. Its name is both the command-line option "--name"
// and the config-file key "name = ..." (slated.conf(5)); its type is the
// value's placeholder in --help and the man pages; `help` is the one line
// of --help; `description` the paragraph of etc/slated.conf and
// slated.conf(5). Everything that documents a setting is generated from
// this table (slate-manual), so the documents cannot drift from --help.
struct SettingSpec {
  std::string_view name; // also the config-file key
  std::string_view type;
  std::string_view default_value;
  std::string_view help;
  std::string_view description;
};

// The one table of settings, one row per setting, in the order slated.conf
// lists them. A default is validated like any value a user gives.
inline constexpr std::array k_settings{
    SettingSpec{
        "listen", "HOST:PORT", "127.0.0.1:8080",
        "IP address and port to serve HTTP on ([::1]:8080 for IPv6); port 0 picks a free port",
        "IP address and port to serve HTTP on: an IPv4 address, or an IPv6 address in brackets "
        "([::1]:8080). Port 0 picks a free port; the port chosen is in the log line \"slated: "
        "listening on HOST:PORT\". Host names are not accepted."},
    SettingSpec{"db", "PATH|URI", "./var/slated.db",
                "SQLite database file (its directory is created if missing), or a PostgreSQL "
                "URI postgresql://...",
                "SQLite database file, used by this slated alone (a second slated on the same "
                "file refuses to start, naming the process that holds it). Its directory is "
                "created at start if missing. A libpq URI (postgresql://USER@HOST:PORT/DB or "
                "postgres://...) selects PostgreSQL 15 instead; a password is refused there "
                "and comes from a password file (PGPASSFILE, or passfile= in the URI)."},
    SettingSpec{"state-check-interval", "SECONDS", "5",
                "with PostgreSQL: how often slated checks whether another slated on the same "
                "database wrote, in case a notification of it was lost",
                "With a PostgreSQL database that several slated share: how often, in seconds (1 "
                "to 3600), each one checks whether another wrote, in case the notification it "
                "gets of every write was lost. Each slated answers reads from its own copy of "
                "the state, which follows the others' writes within a second when notified, and "
                "within this interval at worst. Writes never depend on it: each one takes a "
                "lock and reads what the others committed first. Unused with SQLite."},
    SettingSpec{"calendars", "DIR", "./calendars",
                "directory of *.ics calendars, one region each; re-read on SIGHUP",
                "Directory of iCalendar files (*.ics), one region each, and of the holiday "
                "calendars. Read at start and again on SIGHUP; a reload that finds any problem "
                "keeps the calendars already loaded and logs why."},
    SettingSpec{"policy", "FILE", "./etc/policies/uniphore.toml",
                "maintenance policy (TOML): notice, overlap, allowed windows, availability target; "
                "re-read on SIGHUP",
                "Maintenance policy: notice, whether maintenance may overlap, which windows may be "
                "used, the availability target. Read at start and on SIGHUP. Shipped: "
                "policies/uniphore.toml (default), policies/enghouse.toml and others."},
    SettingSpec{"templates", "DIR", "./etc/templates",
                "message templates (Mustache), one <phase>.mustache per phase; re-read on SIGHUP",
                "Message templates (Mustache), one file per phase of a maintenance: announced, "
                "reminder, starting, in_progress, extended, completed, cancelled and emergency "
                "(.mustache). Webhooks, the status documents and the page use them. Every file "
                "must be there; a template with a syntax error or an unknown variable is refused "
                "with FILE:LINE. Read at start and on SIGHUP, with the calendars and the policy: "
                "a reload keeps all three old ones if any new file has a problem."},
    SettingSpec{"tokens", "FILE", "./var/tokens",
                "bearer tokens allowed to write, one 'NAME SHA256HEX' line each (slatectl token "
                "new); if the file does not exist, every write is refused",
                "Bearer tokens allowed to write (book, start, cancel...): one line \"NAME "
                "SHA256HEX\" each, as printed by `slatectl token new NAME`. If the file does not "
                "exist every write is refused; reads stay public. Keep it readable by slated only "
                "(chmod 600). Re-read on SIGHUP."},
    SettingSpec{"home-zone", "ZONE", "Asia/Kolkata",
                "IANA time zone in which messages also show times (not an abbreviation)",
                "IANA time zone in which messages also show times. Abbreviations such as IST are "
                "refused: they are ambiguous (India, Ireland or Israel)."},
    SettingSpec{"public-url", "URL", "",
                "where people reach slated, e.g. https://status.example.com behind a proxy; "
                "the status documents link there (empty: each request's Host)",
                "The address people and status pages use to reach slated, when it is not the one "
                "they connect to (behind a reverse proxy): an http:// or https:// URL, e.g. "
                "https://status.example.com. The Statuspage documents (/api/v2/*.json) give it "
                "as the page's url and link into it. Empty: each request's Host header, over "
                "http://."},
    SettingSpec{"log-level", "LEVEL", "info",
                "least important log lines written: error, warning, notice, info or debug",
                "Least important log lines written to stderr: error, warning, notice, info or "
                "debug. Lines carry journald priority prefixes such as <6>. Requests are not "
                "logged here but in the access log (access-log)."},
    SettingSpec{"access-log", "off|journal|FILE", "off",
                "one line per request: off, journal (stderr at info, for journald) or a FILE "
                "(appended, buffered, reopened on SIGHUP)",
                "One line per request (method, path without its query, status, latency, peer): "
                "off (the default: a poll storm then costs no log lines, and journald's rate "
                "limit never drops the important ones), journal (to stderr at info, which "
                "journald reads; probes and scrapes at debug), or the path of a FILE, appended "
                "to, written in blocks rather than line by line, and reopened on SIGHUP for log "
                "rotation. Events and errors are logged whatever this says."},
    SettingSpec{"http-body-limit", "BYTES", "65536",
                "largest request body accepted; a larger one is answered 413",
                "Largest request body accepted, in bytes (1 to 67108864); a larger one is "
                "answered 413 and the connection closed."},
    SettingSpec{"http-header-limit", "BYTES", "8192",
                "largest request line plus headers accepted; larger is answered 431",
                "Largest request line plus headers accepted, in bytes (1 to 1048576); a larger "
                "one is answered 431 and the connection closed."},
    SettingSpec{"http-timeout", "SECONDS", "15",
                "time a client has to send one whole request, or to take one response, before "
                "its connection is closed",
                "Seconds a client has to send one whole request (including waiting on an idle "
                "keep-alive connection), or to take one response, before slated closes the "
                "connection (1 to 3600). This is what stops a slow client (slowloris) from "
                "holding a connection open."},
    SettingSpec{"auto-transitions", "true|false", "true",
                "start planned maintenance at its start and complete it at its end unless an "
                "operator did first; false: operators do both, and an overrun is flagged",
                "Start a planned maintenance at its start and complete it at its end, unless an "
                "operator did first (true or false). With false, operators do both with "
                "`slatectl maintenance start|complete` or the API, and a maintenance still in "
                "progress after its end is flagged: an \"overrun\" notification and the metric "
                "slated_maintenance_overruns_total."},
    SettingSpec{"reminders", "LIST", "7d,24h,1h",
                "offsets before a scheduled start at which subscribers are reminded, e.g. "
                "7d,24h,1h or 2h30m; 'none' for no reminders",
                "When subscribers are reminded before a scheduled start: offsets separated by "
                "commas, each a number with d, h, m or s (7d, 24h, 90m, 2h30m), or \"none\". "
                "After a stop that missed some, only the latest one that passed is sent; a "
                "reminder due before the maintenance was announced is not."},
    SettingSpec{"webhook", "URLS", "",
                "subscriber URLs (http:// or https://) notified of every maintenance event, "
                "separated by commas; prefix one with 'slack+' for a Slack-compatible body",
                "Webhook subscribers, separated by commas: http:// or https:// URLs. Each gets a "
                "POST with a JSON body for every event of every maintenance (announced, "
                "emergency, reminder, started, extended, overrun, completed, cancelled). Prefix "
                "a URL with \"slack+\" (slack+https://hooks.slack.com/...) for a Slack- or "
                "Mattermost-compatible body instead. Empty: no webhooks. Notifications wait in "
                "a durable outbox in the database until each subscriber has answered 2xx."},
    SettingSpec{"webhook-secret-file", "FILE", "",
                "file holding the secret that signs each webhook body (X-Slated-Signature: "
                "sha256=HMAC); empty: bodies are not signed; re-read on SIGHUP",
                "A file holding the secret that signs webhook bodies: each request carries "
                "\"X-Slated-Signature: sha256=HEX\", the HMAC-SHA256 of the body under the "
                "secret (trailing white space and newlines in the file are ignored). Keep the "
                "file readable by slated only. Empty: requests are not signed. Re-read on "
                "SIGHUP, so a secret can be rotated without a restart (a file that cannot be "
                "read then keeps the old secret)."},
    SettingSpec{"webhook-attempts", "N", "24",
                "attempts to deliver one notification to one subscriber, with exponential "
                "backoff from 1 s to 15 min between them (24: about 4 hours), before giving up",
                "Attempts to deliver one notification to one subscriber (1 to 100) before giving "
                "up on it: 1 s after the first failure, then doubling to at most 15 min between "
                "attempts. 24 attempts take about four hours."},
    SettingSpec{"lease", "SECONDS", "30",
                "how long a replica's claim on a webhook delivery keeps the other replicas "
                "sharing its database from sending it (1 to 30 s)",
                "How long, in seconds (1 to 30), a slated's claim on a webhook delivery keeps "
                "the other slated sharing its database from sending it. Each claims a delivery "
                "before sending it; if it dies or stalls, another takes the delivery over when "
                "the claim ends, and the first one's late result is not recorded. Keep it longer "
                "than a webhook request takes (at most 25 s), or a slow request may be sent again "
                "by another slated, with the same event id. With SQLite, one slated sends "
                "everything and the lease only orders its own retries."},
    SettingSpec{"alertmanager-url", "URL", "",
                "Alertmanager (http:// or https://, API v2) in which maintenance gets silences; "
                "repeat the setting (or separate URLs with commas) for peers of one cluster, "
                "tried in order; empty: no silences",
                "Alertmanager (http:// or https://, API v2) in which each maintenance gets "
                "silences for its regions and services, from the policy's [alertmanager] "
                "matchers. Repeat the setting, or separate URLs with commas, for the peers of one "
                "cluster: they are tried in order. Empty: no silences, and nothing changes."},
    SettingSpec{"alertmanager-token-file", "FILE", "",
                "file holding the bearer token Alertmanager's webhook sends to POST "
                "/v1/integrations/alertmanager (its http_config.authorization), accepted for that "
                "route only; empty: any write token; re-read on SIGHUP",
                "File holding the bearer token that Alertmanager's webhook receiver sends to POST "
                "/v1/integrations/alertmanager (its http_config.authorization). It is accepted for "
                "that route only. Empty: any write token is accepted there. Re-read on SIGHUP."},
    SettingSpec{"alertmanager-reconcile", "SECONDS", "60",
                "how often the silences are compared with what Alertmanager holds: a vanished "
                "one is created again, one an operator expired is recorded",
                "How often, in seconds, the silences are compared with what Alertmanager holds: "
                "a silence that vanished (an Alertmanager restarted without its storage) is "
                "created again; one an operator expired by hand is recorded, not undone."},
};

// One option of slated that is not a setting (command line only).
struct CommandOptionSpec {
  std::string_view name;
  std::string_view type; // empty for a flag
  std::string_view help;
};

// The options only the command line takes, in the order --help lists them.
inline constexpr std::array k_command_options{
    CommandOptionSpec{"help", "", "show this help and exit"},
    CommandOptionSpec{"version", "",
                      "show the version, the commit and the tz database version, and exit"},
    CommandOptionSpec{
        "config", "FILE",
        "read settings from FILE (key = value lines, # comments); command-line values win"},
    CommandOptionSpec{"check-config", "",
                      "load and validate the settings and the calendars, print every problem, and "
                      "exit 0 if all is valid or 1 if not"},
    CommandOptionSpec{"test-clock-file", "FILE",
                      "for tests only: read the current time from FILE (an RFC 3339 instant, "
                      "re-read as it changes) instead of the system clock"},
};

// Return whether `name` is a setting of k_settings.
bool is_setting(std::string_view name);

// Return the settings' names separated by ", ", for messages.
std::string setting_names();

// Return etc/slated.conf: every setting's description and, commented out,
// its default.
std::string slated_conf_text();

} // namespace slate::daemon
