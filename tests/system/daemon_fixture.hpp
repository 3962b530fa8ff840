#pragma once

#include <common/token_file.hpp>
#include <support/slated_process.hpp>
#include <support/temp_dir.hpp>

#include <slate/formats/rfc3339.hpp>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace slate::test {

// The repository's shipped calendars.
inline std::filesystem::path shipped_calendars() {
  return SLATE_SOURCE_DIR "/calendars";
}

// The instant an RFC 3339 text names; throws if it names none.
inline domain::Instant instant(const std::string& text) {
  const auto parsed = formats::parse_rfc3339(text, "test");
  if (!parsed) {
    throw std::runtime_error("not an instant: " + text);
  }
  return parsed.value();
}

// Mint a token named `name` as an operator does (slatectl token new), add
// its line to a new tokens file at `tokens` (owner-only, as slated
// requires), and return the bearer token.
inline std::string mint_token(const std::string& name, const std::filesystem::path& tokens) {
  const auto minted = run_program(SLATECTL_BINARY, {"token", "new", name});
  if (minted.exit_status != 0) {
    throw std::runtime_error("slatectl token new failed: " + minted.err);
  }
  std::istringstream lines(minted.out);
  std::string token;
  std::string line;
  std::getline(lines, token);
  std::getline(lines, line);
  std::ofstream(tokens) << line << "\n";
  std::filesystem::permissions(tokens, std::filesystem::perms::owner_read |
                                           std::filesystem::perms::owner_write);
  return token;
}

// A slated started on a free loopback port with a temporary state
// directory and the given calendars, stopped when the test ends.
struct Daemon {
  explicit Daemon(const std::filesystem::path& calendars = shipped_calendars(),
                  std::vector<std::string> extra = {})
      : process(SLATED_BINARY, arguments(calendars, std::move(extra))),
        client("127.0.0.1", process.port()) {
    client.set_connection_timeout(5);
    client.set_read_timeout(10);
  }

  // Write a tokens file with one new token named `name`, have the daemon
  // reload it, and return the token.
  std::string authorise(const std::string& name = "tests") {
    const std::string token = slate::daemon::new_token();
    const auto tokens = state.path() / "tokens";
    std::ofstream(tokens) << name << " " << slate::daemon::sha256_hex(token) << "\n";
    std::filesystem::permissions(tokens, std::filesystem::perms::owner_read |
                                             std::filesystem::perms::owner_write);
    const auto mark = process.log_mark();
    process.signal(SIGHUP);
    process.wait_for_log("reloaded calendars, policy and templates on SIGHUP", mark);
    return token;
  }

  // Return the response to GET `target`; fails the test on a transport error.
  httplib::Result get(const std::string& target) { return client.Get(target.c_str()); }

  // Return the body of GET `target`, which must answer `status`, as JSON.
  nlohmann::json get_json(const std::string& target, int status = 200) {
    auto response = get(target);
    if (!response) {
      throw std::runtime_error("GET " + target +
                               " failed: " + httplib::to_string(response.error()));
    }
    if (response->status != status) {
      throw std::runtime_error("GET " + target + " answered " + std::to_string(response->status) +
                               ", not " + std::to_string(status) + ": " + response->body);
    }
    return nlohmann::json::parse(response->body);
  }

  TempDir state;
  SlatedProcess process;
  httplib::Client client;

private:
  std::vector<std::string> arguments(const std::filesystem::path& calendars,
                                     std::vector<std::string> extra) const {
    std::vector<std::string> out{"--listen",    "127.0.0.1:0",
                                 "--calendars", calendars.string(),
                                 "--db",        (state.path() / "var" / "slated.db").string(),
                                 "--policy",    SLATE_SOURCE_DIR "/etc/policies/uniphore.toml",
                                 "--tokens",    (state.path() / "tokens").string()};
    out.insert(out.end(), extra.begin(), extra.end());
    return out;
  }
};

} // namespace slate::test
