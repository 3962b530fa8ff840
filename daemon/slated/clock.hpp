#pragma once

#include <slate/domain/instant.hpp>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <string>

namespace slate::daemon {

// The daemon's one source of the current time: the system clock, or for
// tests a file holding an RFC 3339 instant that the test rewrites to move
// time on (--test-clock-file). Everything below the daemon takes `now` from
// here. Thread-safe.
class Clock {
public:
  // The time written in `file`, re-read on every call; with an empty path,
  // the system clock.
  explicit Clock(std::filesystem::path file = {});

  // Return the current time, in whole seconds. A test clock file that
  // cannot be read or parsed keeps the last time read (the epoch at first)
  // and logs why once.
  domain::Instant now() const;

  // Return the longest the daemon may wait before looking at the clock
  // again: a wall clock can jump (NTP, a suspended machine), and a test
  // clock moves whenever its file is rewritten.
  std::chrono::milliseconds recheck_interval() const;

  bool is_test_clock() const { return !m_file.empty(); }

private:
  std::filesystem::path m_file;
  mutable std::mutex m_mutex;
  mutable domain::Instant m_last{};
  mutable std::string m_last_problem;
};

} // namespace slate::daemon
