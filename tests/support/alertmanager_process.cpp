#include <support/alertmanager_process.hpp>

#include <support/raw_http.hpp>

#include <arpa/inet.h>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <netinet/in.h>
#include <spawn.h>
#include <sstream>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace slate::test {
namespace {

// Ask the kernel for a free loopback port. Alertmanager does not report
// the port it bound when given :0, so the port is chosen here; another
// process could take it before Alertmanager binds it, which the
// constructor handles by trying again.
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    throw std::runtime_error("socket failed");
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = 0;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  // sockaddr_in is the documented way to give bind() an IPv4 address.
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast)
  auto* generic = reinterpret_cast<sockaddr*>(&address);
  if (::bind(fd, generic, sizeof address) != 0 || ::getsockname(fd, generic, &length) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot find a free port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

// Return the HTTP status of `method` `path` on 127.0.0.1:`port`, or 0 if
// nothing answers.
int status_of_request(int port, const std::string& method, const std::string& path) {
  try {
    return status_of(raw_exchange(port,
                                  method + " " + path +
                                      " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
                                      "0\r\nConnection: close\r\n\r\n",
                                  std::chrono::seconds{5}));
  } catch (const std::runtime_error&) {
    return 0;
  }
}

} // namespace

bool AlertmanagerProcess::installed() {
  return ::access(k_binary, X_OK) == 0;
}

AlertmanagerProcess::AlertmanagerProcess(const std::string& config, std::chrono::seconds timeout)
    : m_config(m_dir.path() / "alertmanager.yml"), m_storage(m_dir.path() / "storage"),
      m_log(m_dir.path() / "alertmanager.log"), m_timeout(timeout) {
  write_config(config);
  std::filesystem::create_directory(m_storage);
  // A port taken between free_port() and Alertmanager's bind makes it exit
  // at once; a few tries make that race harmless.
  constexpr int k_tries = 3;
  for (int attempt = 1;; ++attempt) {
    m_port = free_port();
    try {
      spawn();
      wait_ready();
      return;
    } catch (const std::runtime_error&) {
      kill();
      if (attempt == k_tries) {
        throw;
      }
    }
  }
}

AlertmanagerProcess::~AlertmanagerProcess() {
  stop();
}

std::string AlertmanagerProcess::url() const {
  return "http://127.0.0.1:" + std::to_string(m_port);
}

void AlertmanagerProcess::write_config(const std::string& config) const {
  std::ofstream out(m_config, std::ios::trunc);
  out << config;
  if (!out) {
    throw std::runtime_error("cannot write " + m_config.string());
  }
}

void AlertmanagerProcess::spawn() {
  std::vector<std::string> arguments{k_binary, "--config.file=" + m_config.string(),
                                     "--storage.path=" + m_storage.string(),
                                     "--web.listen-address=127.0.0.1:" + std::to_string(m_port),
                                     // Empty: no gossip listener on 0.0.0.0:9094.
                                     "--cluster.listen-address=", "--log.level=debug"};
  std::vector<char*> argv;
  for (auto& argument : arguments) {
    argv.push_back(argument.data());
  }
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, m_log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  posix_spawn_file_actions_adddup2(&actions, 2, 1);
  const int spawned = ::posix_spawn(&m_pid, k_binary, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    m_pid = -1;
    throw std::runtime_error(std::string("cannot start ") + k_binary +
                             ": run scripts/setup (Debian package prometheus-alertmanager)");
  }
}

void AlertmanagerProcess::wait_ready() {
  const auto deadline = std::chrono::steady_clock::now() + m_timeout;
  while (true) {
    int status = 0;
    if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
      m_pid = -1;
      throw std::runtime_error("Alertmanager exited before it was ready; its log:\n" + log());
    }
    if (status_of_request(m_port, "GET", "/-/ready") == 200) {
      return;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("Alertmanager was not ready in time; its log:\n" + log());
    }
    // Polling a readiness endpoint: Alertmanager gives no other signal.
    std::this_thread::sleep_for(std::chrono::milliseconds{50});
  }
}

void AlertmanagerProcess::kill() {
  if (m_pid <= 0) {
    return;
  }
  ::kill(m_pid, SIGKILL);
  ::waitpid(m_pid, nullptr, 0);
  m_pid = -1;
}

void AlertmanagerProcess::stop() {
  if (m_pid <= 0) {
    return;
  }
  ::kill(m_pid, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10};
  while (::waitpid(m_pid, nullptr, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill();
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{20});
  }
  m_pid = -1;
}

void AlertmanagerProcess::restart(Storage storage) {
  stop();
  if (storage == Storage::empty) {
    std::filesystem::remove_all(m_storage);
    std::filesystem::create_directory(m_storage);
  }
  spawn();
  try {
    wait_ready();
  } catch (...) {
    kill();
    throw;
  }
}

void AlertmanagerProcess::reload(const std::string& config) {
  write_config(config);
  const int status = status_of_request(m_port, "POST", "/-/reload");
  if (status != 200) {
    throw std::runtime_error("Alertmanager answered " + std::to_string(status) +
                             " to POST /-/reload; its log:\n" + log());
  }
}

std::string AlertmanagerProcess::log() const {
  std::ifstream in(m_log);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

} // namespace slate::test
