#include <support/postgres_cluster.hpp>
#include <support/slated_process.hpp>

#include <slate/store/pg_connection.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace slate::test {
namespace {

constexpr std::chrono::seconds k_step_timeout{120};
constexpr int k_start_attempts = 3;

// Return a loopback port nobody listens on now. Another process may take
// it before the server does: start() then tries another.
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    throw std::runtime_error("cannot create a socket: " + std::string(std::strerror(errno)));
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    const int error = errno;
    ::close(fd);
    throw std::runtime_error("cannot find a free port: " + std::string(std::strerror(error)));
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

// The user to run the server as when we are root: initdb and postgres
// refuse to run as root.
std::optional<passwd> unprivileged_user() {
  if (::geteuid() != 0) {
    return std::nullopt;
  }
  for (const char* name : {"postgres", "nobody"}) {
    if (const passwd* user = ::getpwnam(name)) {
      return *user;
    }
  }
  throw std::runtime_error("the tests run as root and there is neither a 'postgres' nor a "
                           "'nobody' user to run PostgreSQL as");
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

PostgresCluster::PostgresCluster() {
  for (const char* program : {"initdb", "pg_ctl", "postgres"}) {
    if (!std::filesystem::exists(k_postgres_bin / program)) {
      throw std::runtime_error((k_postgres_bin / program).string() +
                               " is missing: the PostgreSQL tests need the postgresql-15 "
                               "package; run scripts/setup");
    }
  }
  std::string pattern = (std::filesystem::temp_directory_path() / "slated-pg-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("cannot create a temporary directory: " +
                             std::string(std::strerror(errno)));
  }
  m_dir = pattern;
  try {
    if (const auto user = unprivileged_user()) {
      m_user = user->pw_name;
      if (::chown(m_dir.c_str(), user->pw_uid, user->pw_gid) != 0) {
        throw std::runtime_error("cannot give " + m_dir.string() + " to " + m_user + ": " +
                                 std::strerror(errno));
      }
    }
    start();
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove_all(m_dir, ignored);
    throw;
  }
}

ProgramRun PostgresCluster::as_server(const std::string& program,
                                      std::vector<std::string> arguments) const {
  if (m_user.empty()) {
    return run_program(k_postgres_bin / program, arguments, k_step_timeout);
  }
  arguments.insert(arguments.begin(), {"-u", m_user, "--", (k_postgres_bin / program).string()});
  return run_program("/usr/sbin/runuser", arguments, k_step_timeout);
}

std::optional<std::string> PostgresCluster::launch() {
  const auto started = as_server(
      "pg_ctl", {"-D", (m_dir / "data").string(), "-l", (m_dir / "server.log").string(), "-w", "-t",
                 "60", "-o",
                 "-p " + std::to_string(m_port) + " -k " + m_dir.string() +
                     " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off "
                     "-c synchronous_commit=off",
                 "start"});
  if (started.exit_status == 0) {
    m_running = true;
    return std::nullopt;
  }
  return "pg_ctl start on port " + std::to_string(m_port) + " failed:\n" + started.out +
         started.err + "\n";
}

void PostgresCluster::stop() {
  const auto stopped = as_server(
      "pg_ctl", {"-D", (m_dir / "data").string(), "-m", "fast", "-w", "-t", "60", "stop"});
  if (stopped.exit_status != 0) {
    throw std::runtime_error("pg_ctl stop failed:\n" + stopped.out + stopped.err);
  }
  m_running = false;
}

void PostgresCluster::start_again() {
  if (auto failure = launch()) {
    throw std::runtime_error(*failure + "server log:\n" + log());
  }
}

void PostgresCluster::start() {
  const auto data = (m_dir / "data").string();
  // --no-sync and fsync=off: a throwaway cluster; C locale: the same on
  // every machine.
  const auto init = as_server("initdb", {"-D", data, "-A", "trust", "-U", "slate", "-E", "UTF8",
                                         "--no-locale", "--no-sync"});
  if (init.exit_status != 0) {
    throw std::runtime_error("initdb failed (" + std::to_string(init.exit_status) + "):\n" +
                             init.out + init.err);
  }
  std::string failures;
  for (int attempt = 0; attempt < k_start_attempts; ++attempt) {
    m_port = free_port();
    const auto failure = launch();
    if (!failure) {
      return;
    }
    failures += *failure;
  }
  throw std::runtime_error("cannot start PostgreSQL in " + m_dir.string() + ":\n" + failures +
                           "server log:\n" + log());
}

PostgresCluster::~PostgresCluster() {
  if (m_running) {
    std::vector<std::string> arguments{
        "-D", (m_dir / "data").string(), "-m", "immediate", "-w", "-t", "30", "stop"};
    try {
      if (m_user.empty()) {
        run_program(k_postgres_bin / "pg_ctl", arguments, k_step_timeout);
      } else {
        arguments.insert(arguments.begin(),
                         {"-u", m_user, "--", (k_postgres_bin / "pg_ctl").string()});
        run_program("/usr/sbin/runuser", arguments, k_step_timeout);
      }
    } catch (...) {
      // Killed after its timeout; removing its directory is all that is left.
    }
  }
  std::error_code ignored;
  std::filesystem::remove_all(m_dir, ignored);
}

std::string PostgresCluster::uri(const std::string& name) const {
  return "postgresql://slate@127.0.0.1:" + std::to_string(m_port) + "/" + name +
         "?connect_timeout=10";
}

std::string PostgresCluster::create_database() {
  const auto name = "slated_" + std::to_string(++m_databases);
  store::pg::PgConnection admin(uri("postgres"));
  admin.exec_script("CREATE DATABASE " + name);
  return uri(name);
}

std::string PostgresCluster::log() const {
  return read_text(m_dir / "server.log");
}

PostgresCluster& shared_postgres_cluster() {
  static std::unique_ptr<PostgresCluster> cluster;
  static std::string failure;
  if (!cluster && failure.empty()) {
    try {
      cluster = std::make_unique<PostgresCluster>();
    } catch (const std::exception& e) {
      failure = e.what();
    }
  }
  if (!cluster) {
    throw std::runtime_error("no PostgreSQL for the tests: " + failure);
  }
  return *cluster;
}

} // namespace slate::test
