#pragma once

#include <support/slated_process.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace slate::test {

// Where Debian's postgresql-15 package puts the server's programs (a pg_ctl
// elsewhere on PATH may be another build).
inline const std::filesystem::path k_postgres_bin = "/usr/lib/postgresql/15/bin";

// A throwaway PostgreSQL 15 server for one test binary run: a cluster made
// with initdb in a new temporary directory, listening on a free loopback
// port (its Unix socket in that directory), stopped and removed with the
// object. fsync is off: nothing in it has to outlive the run. When the
// tests run as root, which initdb refuses, the server runs as the
// `postgres` user the package creates (or `nobody`), via runuser. Every
// step has a timeout.
class PostgresCluster {
public:
  // Create and start the cluster. Throws std::runtime_error with what
  // failed (and the server's log) if it cannot; if the server's programs
  // are missing, the message says to run scripts/setup.
  PostgresCluster();
  // Stop the server (immediately: its data is thrown away) and remove it.
  ~PostgresCluster();
  PostgresCluster(const PostgresCluster&) = delete;
  PostgresCluster& operator=(const PostgresCluster&) = delete;

  int port() const { return m_port; }

  // Create a new, empty database and return its libpq URI.
  std::string create_database();

  // Return the URI of database `name` on this server.
  std::string uri(const std::string& name) const;

  // Return the server's log so far, for a failing test's message.
  std::string log() const;

  // Stop the server as an outage would (pg_ctl stop -m fast: sessions are
  // ended, the data kept) and return once it is down. Throws
  // std::runtime_error if it cannot.
  void stop();
  // Start the stopped server again, on the same port with the same data,
  // and return once it takes connections. Throws std::runtime_error if it
  // cannot (the port may have been taken meanwhile).
  void start_again();

private:
  void start();
  // Start the server on m_port; return pg_ctl's output if it failed.
  std::optional<std::string> launch();
  ProgramRun as_server(const std::string& program, std::vector<std::string> arguments) const;

  std::filesystem::path m_dir; // owned by the server's user
  std::string m_user;          // "" when the server runs as we do
  int m_port = 0;
  int m_databases = 0;
  bool m_running = false;
};

// Return the cluster shared by every test of this run, started at its
// first use and stopped when the run ends. Throws std::runtime_error (each
// time it is called) if it could not be started.
PostgresCluster& shared_postgres_cluster();

} // namespace slate::test
