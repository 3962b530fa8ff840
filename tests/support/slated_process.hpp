#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace slate::test {

// With SLATE_TEST_STORE=postgresql, the URI of the PostgreSQL database that
// stands in for the SQLite file `db` (made on first use; a daemon started
// with --db `db` uses it); otherwise "". Tests that read a daemon's rows
// directly ask it which database to read.
std::string test_store_database(const std::filesystem::path& db);

// A running slated, started for one test and stopped at its end. The log
// on its stderr is collected line by line; the line "slated: listening on
// HOST:PORT" is how the start is known to be complete (no sleeping).
class SlatedProcess {
public:
  // Start `binary` with `arguments` (which should include --listen
  // 127.0.0.1:0) and return once it has logged where it listens. Throws
  // std::runtime_error, with the log so far, if it exits first or has not
  // said so within `timeout`.
  SlatedProcess(const std::filesystem::path& binary, std::vector<std::string> arguments,
                std::chrono::seconds timeout = std::chrono::seconds{30});
  // Stop the daemon (SIGTERM, then SIGKILL if it has not gone after 10 s).
  ~SlatedProcess();
  SlatedProcess(const SlatedProcess&) = delete;
  SlatedProcess& operator=(const SlatedProcess&) = delete;

  // Return the port the daemon reported it listens on.
  int port() const { return m_port; }

  // Send `signal` to the daemon.
  void signal(int signal) const;

  // Return how many log lines have been read so far; pass it to
  // wait_for_log to wait only for lines written after this point.
  std::size_t log_mark() const;

  // Return the first log line at or after index `from` that contains
  // `text`, waiting up to `timeout` for it; throws std::runtime_error with
  // the whole log if it does not come (or the daemon exits first).
  std::string wait_for_log(std::string_view text, std::size_t from = 0,
                           std::chrono::seconds timeout = std::chrono::seconds{30}) const;

  // Return every log line read so far, joined with newlines.
  std::string log() const;

  // Send SIGTERM and return the exit status once the daemon has exited
  // (-1 if it did not exit normally).
  int stop();

private:
  void read_log(int fd);

  pid_t m_pid = -1;
  int m_port = 0;
  std::thread m_reader;
  mutable std::mutex m_mutex;
  mutable std::condition_variable m_changed;
  std::vector<std::string> m_lines;
  bool m_log_closed = false;
  int m_exit_status = -1;
  bool m_exited = false;
};

// What a run of a program to its end printed, and how it ended.
struct ProgramRun {
  int exit_status = -1; // -1 when it did not exit normally
  std::string out;
  std::string err;
};

// Run `binary` with `arguments` to its end and return its output and exit
// status. A program still running after `timeout` is killed and
// std::runtime_error thrown: no test waits for ever on a hung program. The
// default is far beyond any passing run on the slowest CI machine.
ProgramRun run_program(const std::filesystem::path& binary,
                       const std::vector<std::string>& arguments,
                       std::chrono::seconds timeout = std::chrono::seconds{300});

} // namespace slate::test
