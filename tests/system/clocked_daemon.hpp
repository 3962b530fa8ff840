#pragma once

// A slated on a test clock (--test-clock-file) with a token to write with,
// which a test can stop, kill -9 and start again on the same database.

#include "daemon_fixture.hpp"

#include <slate/formats/rfc3339.hpp>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace slate::test {

class ClockedDaemon {
public:
  // Set the clock to `now` and start slated with `extra` arguments (the
  // usual state directory, shipped calendars and the default policy).
  ClockedDaemon(domain::Instant now, std::vector<std::string> extra) : m_extra(std::move(extra)) {
    m_token = mint_token("timers", tokens());
    set_clock(now);
    start();
  }

  std::filesystem::path clock_file() const { return m_dir.path() / "clock"; }
  std::filesystem::path db() const { return m_dir.path() / "var" / "slated.db"; }
  std::filesystem::path tokens() const { return m_dir.path() / "tokens"; }
  const TempDir& dir() const { return m_dir; }

  void start() {
    std::vector<std::string> arguments{"--listen",
                                       "127.0.0.1:0",
                                       "--calendars",
                                       shipped_calendars().string(),
                                       "--db",
                                       db().string(),
                                       "--tokens",
                                       tokens().string(),
                                       "--test-clock-file",
                                       clock_file().string(),
                                       "--log-level",
                                       "debug"};
    if (std::find(m_extra.begin(), m_extra.end(), "--policy") == m_extra.end()) {
      arguments.insert(arguments.end(),
                       {"--policy", SLATE_SOURCE_DIR "/etc/policies/uniphore.toml"});
    }
    arguments.insert(arguments.end(), m_extra.begin(), m_extra.end());
    m_client.reset();
    m_process.reset();
    m_process = std::make_unique<SlatedProcess>(SLATED_BINARY, arguments);
    m_client = std::make_unique<httplib::Client>("127.0.0.1", m_process->port());
    m_client->set_connection_timeout(5);
    m_client->set_read_timeout(10);
  }

  // SIGKILL: no chance to finish anything.
  void kill9() {
    m_process->signal(SIGKILL);
    m_process->stop();
  }

  // SIGTERM, and the exit status.
  int stop() { return m_process->stop(); }

  SlatedProcess& process() { return *m_process; }

  // Move the test clock to `now`. The file is replaced whole (rename), so
  // the daemon never reads half a time.
  void set_clock(domain::Instant now) {
    m_now = now;
    const auto next = m_dir.path() / "clock.new";
    write(next, formats::format_rfc3339_utc(now) + "\n");
    std::filesystem::rename(next, clock_file());
  }

  // Move the clock to `now` and return once the daemon has looked at it:
  // then every transition and notification due at `now` has been made and
  // queued. Returns the log mark from before the move.
  std::size_t advance_to(domain::Instant now) {
    const auto mark = m_process->log_mark();
    set_clock(now);
    m_process->wait_for_log("clock at " + formats::format_rfc3339_utc(now), mark);
    return mark;
  }

  domain::Instant now() const { return m_now; }

  // Return the lines of the log from `mark` on that contain `text`.
  std::vector<std::string> log_lines(std::size_t mark, const std::string& text) const {
    std::vector<std::string> found;
    std::istringstream in(m_process->log());
    std::string line;
    for (std::size_t i = 0; std::getline(in, line); ++i) {
      if (i >= mark && line.find(text) != std::string::npos) {
        found.push_back(line);
      }
    }
    return found;
  }

  nlohmann::json get_json(const std::string& target) {
    auto response = m_client->Get(target.c_str());
    if (!response || response->status != 200) {
      throw std::runtime_error("GET " + target + " failed: " +
                               (response ? response->body : httplib::to_string(response.error())));
    }
    return nlohmann::json::parse(response->body);
  }

  // POST `body` to `target` with the token and the `extra` headers; return
  // the JSON answer, which must have status `expected`.
  nlohmann::json post(const std::string& target, const nlohmann::json& body, int expected,
                      const httplib::Headers& extra = {}) {
    httplib::Headers headers{{"Authorization", "Bearer " + m_token}};
    headers.insert(extra.begin(), extra.end());
    auto response = m_client->Post(target.c_str(), headers, body.dump(), "application/json");
    if (!response || response->status != expected) {
      throw std::runtime_error("POST " + target + " failed: " +
                               (response ? std::to_string(response->status) + " " + response->body
                                         : httplib::to_string(response.error())));
    }
    return nlohmann::json::parse(response->body);
  }

  // Return the start of the first window of `region` at or after `after`.
  domain::Instant next_window(const std::string& region, domain::Instant after) {
    const auto body = get_json("/v1/windows/next?region=" + region +
                               "&after=" + formats::format_rfc3339_utc(after));
    return instant(body["window"]["start"]);
  }

  // Book a scheduled maintenance of `region` over [start, end) and return
  // its id once its announcement is queued (so that moving the clock next
  // cannot overtake it).
  std::int64_t book(const std::string& region, domain::Instant start, domain::Instant end,
                    const std::string& title = "timer test") {
    const auto mark = m_process->log_mark();
    const auto made = post("/v1/maintenances",
                           {{"regions", {region}},
                            {"title", title},
                            {"start", formats::format_rfc3339_utc(start)},
                            {"end", formats::format_rfc3339_utc(end)}},
                           201);
    const auto id = made["maintenance"]["id"].get<std::int64_t>();
    m_process->wait_for_log("notification maintenance/" + std::to_string(id) + "/announced queued",
                            mark);
    return id;
  }

  std::string state_of(std::int64_t id) {
    return get_json("/v1/maintenances/" + std::to_string(id))["maintenance"]["state"];
  }

  static domain::Instant instant(const nlohmann::json& text) {
    return test::instant(text.get<std::string>());
  }

private:
  static void write(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::trunc);
    out << text;
    if (!out) {
      throw std::runtime_error("cannot write " + path.string());
    }
  }

  TempDir m_dir;
  std::vector<std::string> m_extra;
  std::string m_token;
  domain::Instant m_now{};
  std::unique_ptr<SlatedProcess> m_process;
  std::unique_ptr<httplib::Client> m_client;
};

} // namespace slate::test
