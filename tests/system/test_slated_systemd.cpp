// slated under systemd: the unit passes `systemd-analyze verify`, its
// `systemd-analyze security` exposure is the one README.md states, the
// daemon speaks sd_notify (READY, RELOADING, STOPPING, WATCHDOG) to a
// NOTIFY_SOCKET, and `cmake --install` puts everything in place.

#include "daemon_fixture.hpp"

#include <doctest/doctest.h>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <poll.h>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

using slate::test::run_program;
using slate::test::SlatedProcess;
using slate::test::TempDir;

namespace {

const std::filesystem::path k_unit = SLATE_SOURCE_DIR "/systemd/slated.service";

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The unit with ExecStart pointing at the binary just built, so that verify
// checks the real executable (the shipped unit names /usr/bin/slated, where
// the Debian package installs it).
std::filesystem::path unit_for_built_binary(const TempDir& dir) {
  std::string unit = read_file(k_unit);
  const std::string installed = "/usr/bin/slated";
  const auto at = unit.find("ExecStart=" + installed);
  REQUIRE(at != std::string::npos);
  unit.replace(at + 10, installed.size(), SLATED_BINARY);
  const auto path = dir.path() / "slated.service";
  std::ofstream(path, std::ios::binary) << unit;
  return path;
}

// A datagram socket standing in for systemd's notification socket.
class NotifySocket {
public:
  explicit NotifySocket(const std::filesystem::path& path) : m_path(path.string()) {
    m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    REQUIRE(m_path.size() < sizeof address.sun_path);
    std::memcpy(address.sun_path, m_path.c_str(), m_path.size() + 1);
    REQUIRE(::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  }
  ~NotifySocket() { ::close(m_fd); }
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  const std::string& path() const { return m_path; }

  // Return the next message that contains `text`, skipping others; throws if
  // none comes within `timeout`.
  std::string wait_for(const std::string& text,
                       std::chrono::milliseconds timeout = std::chrono::seconds{20}) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      pollfd waiting{m_fd, POLLIN, 0};
      if (left.count() <= 0 || ::poll(&waiting, 1, static_cast<int>(left.count())) <= 0) {
        throw std::runtime_error("no sd_notify message with '" + text +
                                 "' in time; got: " + m_seen);
      }
      char buffer[4096];
      const auto got = ::recv(m_fd, buffer, sizeof buffer, 0);
      if (got <= 0) {
        continue;
      }
      const std::string message(buffer, static_cast<std::size_t>(got));
      m_seen += "[" + message + "] ";
      if (contains(message, text)) {
        return message;
      }
    }
  }

private:
  std::string m_path;
  int m_fd = -1;
  std::string m_seen;
};

// Settings only: comments and blank lines aside, in order.
std::vector<std::string> settings_of(const std::string& unit) {
  std::vector<std::string> settings;
  std::istringstream lines(unit);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line[0] != '#') {
      settings.push_back(line);
    }
  }
  return settings;
}

// slated@.service, as `cmake --install` put it under `prefix`, is
// slated.service for instance NAME: every setting is the service's but those
// that make the instances distinct, each its configuration, its state, its
// name in the journal.
void check_instance_template(const std::filesystem::path& prefix) {
  const auto units = prefix / "lib/systemd/system";
  const auto unit = settings_of(read_file(units / "slated.service"));
  const auto instance = settings_of(read_file(units / "slated@.service"));
  REQUIRE(unit.size() == instance.size());
  const auto slated = (prefix / "bin/slated").string();
  const auto config = (prefix / "etc/slated").string();
  const std::map<std::string, std::string> instance_only{
      {"Description=slated maintenance-window and availability scheduler",
       "Description=slated maintenance-window and availability scheduler, instance %i"},
      {"ExecStart=" + slated + " --config " + config + "/slated.conf",
       "ExecStart=" + slated + " --config " + config + "/%i.conf"},
      {"WorkingDirectory=/var/lib/slated", "WorkingDirectory=/var/lib/slated/%i"},
      {"SyslogIdentifier=slated", "SyslogIdentifier=slated@%i"},
      {"StateDirectory=slated", "StateDirectory=slated/%i"}};
  std::size_t differing = 0;
  for (std::size_t i = 0; i < unit.size(); ++i) {
    if (unit[i] == instance[i]) {
      continue;
    }
    ++differing;
    CAPTURE(unit[i]);
    const auto expected = instance_only.find(unit[i]);
    REQUIRE(expected != instance_only.end());
    CHECK(instance[i] == expected->second);
  }
  CHECK(differing == instance_only.size());
}

} // namespace

TEST_CASE("systemd: systemd-analyze verify passes on the unit") {
  TempDir dir;
  const auto unit = unit_for_built_binary(dir);
  const auto run = run_program("/usr/bin/systemd-analyze", {"verify", "--man=no", unit.string()});
  CAPTURE(run.out);
  CAPTURE(run.err);
  REQUIRE_MESSAGE(std::filesystem::exists("/usr/bin/systemd-analyze"),
                  "systemd-analyze is missing: run scripts/setup (Debian package systemd)");
  CHECK(run.exit_status == 0);
  CHECK(run.err == "");

  const std::string text = read_file(k_unit);
  for (const char* setting :
       {"Type=notify", "WatchdogSec=", "StateDirectory=slated", "ConfigurationDirectory=slated",
        "User=_slated", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
        "NoNewPrivileges=yes", "RestrictAddressFamilies=", "SystemCallFilter=@system-service"}) {
    CAPTURE(setting);
    CHECK(contains(text, std::string("\n") + setting));
  }
}

TEST_CASE("systemd: README states the unit's systemd-analyze security exposure") {
  TempDir dir;
  const auto unit = unit_for_built_binary(dir);
  const auto run = run_program("/usr/bin/systemd-analyze",
                               {"security", "--offline=true", "--no-pager", unit.string()});
  CAPTURE(run.out);
  CAPTURE(run.err);
  std::smatch found;
  const std::string output = run.out + run.err;
  REQUIRE(std::regex_search(
      output, found, std::regex(R"(Overall exposure level for slated\.service: ([0-9.]+) (\w+))")));
  const std::string score = found[1].str() + " " + found[2].str();
  CAPTURE(score);
  CHECK(std::stod(found[1].str()) <= 3.0);
  CHECK(contains(read_file(SLATE_SOURCE_DIR "/README.md"), "exposure level " + score));
}

TEST_CASE("systemd: slated tells systemd READY, RELOADING, STOPPING and watchdog keep-alives") {
  TempDir dir;
  NotifySocket socket(dir.path() / "notify");
  ::setenv("NOTIFY_SOCKET", socket.path().c_str(), 1);
  ::setenv("WATCHDOG_USEC", "200000", 1); // keep-alives every 100 ms
  std::unique_ptr<SlatedProcess> process;
  try {
    process = std::make_unique<SlatedProcess>(
        SLATED_BINARY, std::vector<std::string>{"--listen", "127.0.0.1:0", "--db",
                                                (dir.path() / "slated.db").string(), "--tokens",
                                                (dir.path() / "tokens").string()});
  } catch (...) {
    ::unsetenv("NOTIFY_SOCKET");
    ::unsetenv("WATCHDOG_USEC");
    throw;
  }
  ::unsetenv("NOTIFY_SOCKET");
  ::unsetenv("WATCHDOG_USEC");

  const auto ready = socket.wait_for("READY=1");
  CHECK(contains(ready, "STATUS=listening on 127.0.0.1:" + std::to_string(process->port())));
  socket.wait_for("WATCHDOG=1");
  socket.wait_for("WATCHDOG=1");

  process->signal(SIGHUP);
  const auto reloading = socket.wait_for("RELOADING=1");
  CHECK(contains(reloading, "MONOTONIC_USEC="));
  const auto reloaded = socket.wait_for("READY=1");
  CHECK(contains(reloaded, "STATUS=serving 6 regions"));

  process->signal(SIGTERM);
  socket.wait_for("STOPPING=1");
  CHECK(process->stop() == 0);
}

TEST_CASE("systemd: without NOTIFY_SOCKET slated runs as before") {
  slate::test::Daemon daemon;
  CHECK(daemon.process.log().find("watchdog") == std::string::npos);
  CHECK(daemon.process.stop() == 0);
}

TEST_CASE("systemd: cmake --install puts binary, units, config, calendars and policies in place") {
  TempDir prefix;
  // SLATED_BINARY is BUILD/daemon/slated.
  const auto build = std::filesystem::path(SLATED_BINARY).parent_path().parent_path();
  const auto run = run_program("/usr/bin/cmake",
                               {"--install", build.string(), "--prefix", prefix.path().string()});
  CAPTURE(run.out);
  CAPTURE(run.err);
  REQUIRE(run.exit_status == 0);
  const auto& root = prefix.path();
  for (const char* file :
       {"bin/slated", "bin/slatectl", "lib/systemd/system/slated.service",
        "lib/systemd/system/slated@.service", "etc/slated/slated.conf",
        "etc/slated/policies/uniphore.toml", "etc/slated/templates/announced.mustache",
        "etc/slated/calendars/us.ics", "etc/slated/calendars/holidays/us-federal.ics",
        "share/man/man8/slated.8", "share/man/man5/slated.conf.5", "share/man/man1/slatectl.1",
        "share/bash-completion/completions/slatectl"}) {
    CAPTURE(file);
    CHECK(std::filesystem::exists(root / file));
  }
  // The installed configuration names the installed files, so that the
  // installed daemon loads them from any working directory.
  const auto config = root / "etc/slated/slated.conf";
  const auto conf = read_file(config);
  CHECK(contains(conf, "\ncalendars = " + (root / "etc/slated/calendars").string() + "\n"));
  // The unit's StateDirectory, whatever the prefix.
  CHECK(contains(conf, "\ndb = /var/lib/slated/slated.db\n"));
  CHECK(contains(conf, "\ntemplates = " + (root / "etc/slated/templates").string() + "\n"));
  const auto check =
      run_program((root / "bin/slated").string(), {"--config", config.string(), "--check-config"});
  CAPTURE(check.err);
  CHECK(check.exit_status == 0);
  const auto unit = read_file(root / "lib/systemd/system/slated.service");
  CHECK(contains(unit, "\nExecStart=" + (root / "bin/slated").string() + " --config " +
                           config.string() + "\n"));
  CHECK(contains(unit, "\nWorkingDirectory=/var/lib/slated\n"));
  // No user _slated outside the package: systemd makes one up.
  CHECK(contains(unit, "\nDynamicUser=yes\n"));
  CHECK_FALSE(contains(unit, "User=_slated"));
  check_instance_template(root);
}
