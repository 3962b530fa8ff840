#include <support/slated_process.hpp>

#include <support/postgres_cluster.hpp>
#include <support/temp_dir.hpp>

#include <slate/store/store.hpp>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <poll.h>
#include <spawn.h>
#include <sstream>
#include <stdexcept>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace slate::test {
namespace {

constexpr std::string_view k_listening = "slated: listening on ";

// posix_spawn wants mutable char*; the strings outlive the call.
std::vector<char*> argv_of(std::vector<std::string>& arguments) {
  std::vector<char*> argv;
  for (auto& argument : arguments) {
    argv.push_back(argument.data());
  }
  argv.push_back(nullptr);
  return argv;
}

int exit_status_of(int status) {
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

// With SLATE_TEST_STORE=postgresql, each --db PATH becomes a database of
// this run's PostgreSQL server (shared_postgres_cluster), one per path, so
// that a daemon restarted on the same path finds its data again: the
// system tests then run every daemon on PostgreSQL. Unset or "sqlite"
// changes nothing.
void use_test_store(std::vector<std::string>& arguments) {
  for (std::size_t i = 0; i + 1 < arguments.size(); ++i) {
    if (arguments[i] == "--db" && !store::is_postgresql_uri(arguments[i + 1])) {
      if (auto uri = test_store_database(arguments[i + 1]); !uri.empty()) {
        arguments[i + 1] = uri;
      }
    }
  }
}

} // namespace

std::string test_store_database(const std::filesystem::path& db) {
  const char* store = std::getenv("SLATE_TEST_STORE");
  if (store == nullptr || std::string_view(store).empty() || std::string_view(store) == "sqlite") {
    return "";
  }
  if (std::string_view(store) != "postgresql") {
    throw std::runtime_error("SLATE_TEST_STORE is '" + std::string(store) +
                             "'; it may be sqlite or postgresql");
  }
  static std::mutex mutex;
  static std::map<std::string, std::string> databases;
  const std::lock_guard guard(mutex);
  auto& uri = databases[db.string()];
  if (uri.empty()) {
    uri = shared_postgres_cluster().create_database();
  }
  return uri;
}

SlatedProcess::SlatedProcess(const std::filesystem::path& binary,
                             std::vector<std::string> arguments, std::chrono::seconds timeout) {
  use_test_store(arguments);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe2 failed");
  }
  arguments.insert(arguments.begin(), binary.string());
  auto argv = argv_of(arguments);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
  const int spawned =
      ::posix_spawn(&m_pid, binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  if (spawned != 0) {
    ::close(fds[0]);
    throw std::runtime_error("cannot start " + binary.string());
  }
  m_reader = std::thread([this, fd = fds[0]] { read_log(fd); });
  try {
    const std::string line = wait_for_log(k_listening, 0, timeout);
    m_port = std::stoi(line.substr(line.rfind(':') + 1));
  } catch (...) {
    stop();
    throw;
  }
}

SlatedProcess::~SlatedProcess() {
  if (!m_exited) {
    stop();
  }
}

void SlatedProcess::read_log(int fd) {
  std::string partial;
  char buffer[4096];
  while (true) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got <= 0) {
      break;
    }
    partial.append(buffer, static_cast<std::size_t>(got));
    std::lock_guard lock(m_mutex);
    for (auto newline = partial.find('\n'); newline != std::string::npos;
         newline = partial.find('\n')) {
      m_lines.push_back(partial.substr(0, newline));
      partial.erase(0, newline + 1);
    }
    m_changed.notify_all();
  }
  ::close(fd);
  std::lock_guard lock(m_mutex);
  if (!partial.empty()) {
    m_lines.push_back(partial);
  }
  m_log_closed = true;
  m_changed.notify_all();
}

void SlatedProcess::signal(int signal) const {
  ::kill(m_pid, signal);
}

std::size_t SlatedProcess::log_mark() const {
  std::lock_guard lock(m_mutex);
  return m_lines.size();
}

std::string SlatedProcess::wait_for_log(std::string_view text, std::size_t from,
                                        std::chrono::seconds timeout) const {
  std::unique_lock lock(m_mutex);
  std::string found;
  const auto seen = [&] {
    for (std::size_t i = from; i < m_lines.size(); ++i) {
      if (m_lines[i].find(text) != std::string::npos) {
        found = m_lines[i];
        return true;
      }
    }
    return m_log_closed;
  };
  // The timeout only bounds a failing test; a passing one returns as soon
  // as the line is read.
  m_changed.wait_for(lock, timeout, seen);
  if (found.empty()) {
    std::string log;
    for (const auto& line : m_lines) {
      log += line + "\n";
    }
    throw std::runtime_error("slated did not log '" + std::string(text) + "'" +
                             (m_log_closed ? " before exiting" : " in time") + "; its log:\n" +
                             log);
  }
  return found;
}

std::string SlatedProcess::log() const {
  std::lock_guard lock(m_mutex);
  std::string out;
  for (const auto& line : m_lines) {
    out += line + "\n";
  }
  return out;
}

int SlatedProcess::stop() {
  if (m_exited) {
    return m_exit_status;
  }
  ::kill(m_pid, SIGTERM);
  {
    std::unique_lock lock(m_mutex);
    // The log closes when the daemon exits: that is the signal to reap it.
    if (!m_changed.wait_for(lock, std::chrono::seconds{10}, [this] { return m_log_closed; })) {
      ::kill(m_pid, SIGKILL);
      // The caller sees only -1: say what the daemon was doing.
      std::cerr << "slated (pid " << m_pid
                << ") was still running 10 s after SIGTERM and was killed; its log:\n";
      for (const auto& line : m_lines) {
        std::cerr << line << "\n";
      }
    }
  }
  int status = 0;
  ::waitpid(m_pid, &status, 0);
  if (m_reader.joinable()) {
    m_reader.join();
  }
  m_exited = true;
  m_exit_status = exit_status_of(status);
  return m_exit_status;
}

ProgramRun run_program(const std::filesystem::path& binary,
                       const std::vector<std::string>& arguments, std::chrono::seconds timeout) {
  TempDir output;
  const auto out_path = output.path() / "out";
  const auto err_path = output.path() / "err";
  std::vector<std::string> all{binary.string()};
  all.insert(all.end(), arguments.begin(), arguments.end());
  auto argv = argv_of(all);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  pid_t pid = -1;
  const int spawned = ::posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    throw std::runtime_error("cannot start " + binary.string());
  }
  // Wait for the exit on a pidfd, which poll() can time out; a program
  // that has not finished by then is killed and the test fails.
  const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (pidfd < 0) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    throw std::runtime_error("pidfd_open failed for " + binary.string());
  }
  pollfd exited{pidfd, POLLIN, 0};
  int ready = 0;
  do {
    ready = ::poll(&exited, 1, static_cast<int>(std::chrono::milliseconds{timeout}.count()));
  } while (ready < 0 && errno == EINTR);
  ::close(pidfd);
  if (ready <= 0) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    throw std::runtime_error(binary.string() + " did not finish within " +
                             std::to_string(timeout.count()) + " s and was killed; its output:\n" +
                             read_file(out_path) + read_file(err_path));
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return {exit_status_of(status), read_file(out_path), read_file(err_path)};
}

} // namespace slate::test
