#pragma once

#include <support/temp_dir.hpp>

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>

namespace slate::test {

// A real Alertmanager (Debian's prometheus-alertmanager, 0.25) for one
// test: on a free loopback port, with its own storage directory in a
// temporary directory, clustering off, and the configuration the test
// gives. It can be killed and started again, on the same port, with its
// storage or without; it is stopped when the object goes.
class AlertmanagerProcess {
public:
  // Where Debian installs it.
  static constexpr const char* k_binary = "/usr/bin/prometheus-alertmanager";

  // Return whether the binary is installed (scripts/setup installs it).
  static bool installed();

  // Start Alertmanager with `config` (YAML) and return once GET /-/ready
  // answers 200. Throws std::runtime_error, with its log, if it exits
  // first or is not ready within `timeout`.
  explicit AlertmanagerProcess(const std::string& config,
                               std::chrono::seconds timeout = std::chrono::seconds{30});
  // Stop it (SIGTERM, then SIGKILL after 10 s).
  ~AlertmanagerProcess();
  AlertmanagerProcess(const AlertmanagerProcess&) = delete;
  AlertmanagerProcess& operator=(const AlertmanagerProcess&) = delete;

  int port() const { return m_port; }
  // "http://127.0.0.1:PORT", without a trailing '/'.
  std::string url() const;
  const std::filesystem::path& storage() const { return m_storage; }
  bool running() const { return m_pid > 0; }

  // Kill it with SIGKILL (nothing is flushed) and wait for it to be gone.
  void kill();
  // Stop it with SIGTERM (it writes its state out), SIGKILL after 10 s.
  void stop();

  enum class Storage { keep, empty };
  // Stop it if it runs (SIGTERM: it saves its silences; call kill() first
  // to lose those made since its last snapshot), then start it again on
  // the same port, keeping its storage directory or starting with an empty
  // one, and wait until it is ready. Throws as the constructor does.
  void restart(Storage storage = Storage::keep);

  // Replace the configuration with `config` and have Alertmanager re-read
  // it (POST /-/reload); throws if it does not answer 200.
  void reload(const std::string& config);

  // Return everything it has logged so far.
  std::string log() const;

private:
  void spawn();
  void wait_ready();
  void write_config(const std::string& config) const;

  TempDir m_dir;
  std::filesystem::path m_config;
  std::filesystem::path m_storage;
  std::filesystem::path m_log;
  std::chrono::seconds m_timeout;
  pid_t m_pid = -1;
  int m_port = 0;
};

} // namespace slate::test
