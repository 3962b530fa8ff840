#include <slated/log.hpp>

#include <array>
#include <atomic>
#include <cstdio>
#include <string>
#include <utility>

namespace slate::daemon {
namespace {

std::atomic<LogLevel> g_level{LogLevel::info};

} // namespace

std::optional<LogLevel> parse_log_level(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, LogLevel>, 5> k_levels{{
      {"error", LogLevel::error},
      {"warning", LogLevel::warning},
      {"notice", LogLevel::notice},
      {"info", LogLevel::info},
      {"debug", LogLevel::debug},
  }};
  for (const auto& [level_name, level] : k_levels) {
    if (level_name == name) {
      return level;
    }
  }
  return std::nullopt;
}

void set_log_level(LogLevel level) {
  g_level.store(level);
}

bool log_enabled(LogLevel level) {
  return level <= g_level.load();
}

void log_write(LogLevel level, std::string_view message) {
  std::string line = "<" + std::to_string(static_cast<int>(level)) + ">slated: ";
  line.reserve(line.size() + message.size() + 1);
  for (const char c : message) {
    const auto byte = static_cast<unsigned char>(c);
    line += (byte < 0x20 || byte == 0x7f) ? ' ' : c;
  }
  line += '\n';
  // One write per line: journald and the system tests read whole lines, and
  // a single fwrite on unbuffered stderr is not interleaved with another's.
  std::fwrite(line.data(), 1, line.size(), stderr);
}

} // namespace slate::daemon
