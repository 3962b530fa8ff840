#pragma once

#include <optional>
#include <string_view>

namespace slate::daemon {

// How important a log line is; the values are syslog/journald priorities,
// written as the "<N>" prefix that journald reads from a service's stderr.
enum class LogLevel {
  error = 3,
  warning = 4,
  notice = 5,
  info = 6,
  debug = 7,
};

// Return the level called `name` ("error", "warning", "notice", "info",
// "debug"), or std::nullopt.
std::optional<LogLevel> parse_log_level(std::string_view name);

// Write only lines at `level` or more important from now on.
void set_log_level(LogLevel level);

// True if a line at `level` would be written; SLATED_LOG checks this before
// building the message.
bool log_enabled(LogLevel level);

// Write `message` as one line to stderr: "<N>slated: message". Line breaks
// and other control characters in `message` become spaces, so that one
// event is always one line.
void log_write(LogLevel level, std::string_view message);

} // namespace slate::daemon

// Log `message` (any expression convertible to std::string_view) at `level`,
// evaluating it only if that level is enabled.
#define SLATED_LOG(level, message)                                                                 \
  do {                                                                                             \
    if (::slate::daemon::log_enabled(level)) {                                                     \
      ::slate::daemon::log_write(level, (message));                                                \
    }                                                                                              \
  } while (false)
