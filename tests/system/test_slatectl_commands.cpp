// slatectl's commands, run as a user runs them: argument errors, token new,
// an unreachable daemon, and a whole booking flow against a real slated.

#include "daemon_fixture.hpp"
#include "test_clock.hpp"

#include <common/token_file.hpp>
#include <slate/formats/rfc3339.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

using slate::test::Daemon;
using slate::test::ProgramRun;
using slate::test::run_program;
using slate::test::SlatedProcess;
using slate::test::TempDir;
using slate::test::TestClock;

namespace {

ProgramRun slatectl(const std::vector<std::string>& arguments) {
  return run_program(SLATECTL_BINARY, arguments);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The environment of the person running the tests must not choose the
// daemon or the token for slatectl.
void clear_slatectl_environment() {
  ::unsetenv("SLATED_URL");
  ::unsetenv("SLATED_TOKEN");
}

// Set an environment variable for one scope.
class ScopedEnvironment {
public:
  ScopedEnvironment(const char* name, const std::string& value) : m_name(name) {
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnvironment() { ::unsetenv(m_name); }
  ScopedEnvironment(const ScopedEnvironment&) = delete;
  ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;

private:
  const char* m_name;
};

// A loopback port that is bound but never listened on: a connection to it
// is refused, and no other process can take it while this object lives.
class RefusingPort {
public:
  RefusingPort() {
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    socklen_t length = sizeof address;
    if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      throw std::runtime_error("cannot bind a loopback port");
    }
    m_port = ntohs(address.sin_port);
  }
  ~RefusingPort() { ::close(m_fd); }
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }

private:
  int m_fd = -1;
  int m_port = 0;
};

// The daemons here run on a test clock at this instant (mid-November 2026),
// so that no answer depends on the day the test runs.
slate::domain::Instant now() {
  return slate::domain::Instant{std::chrono::sys_days{std::chrono::November / 16 / 2026}} +
         std::chrono::hours{12};
}

std::string rfc3339(slate::domain::Instant instant) {
  return slate::formats::format_rfc3339_utc(instant);
}

slate::domain::Instant instant_of(const std::string& text) {
  const auto parsed = slate::formats::parse_rfc3339(text, "test");
  if (!parsed) {
    throw std::runtime_error("not an RFC 3339 time: '" + text + "'");
  }
  return *parsed;
}

std::string lowercase(std::string text) {
  for (auto& c : text) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return text;
}

// The JSON slatectl printed for --json; fails the test if it is not JSON.
nlohmann::json json_of(const ProgramRun& run) {
  CAPTURE(run.out);
  CAPTURE(run.err);
  return nlohmann::json::parse(run.out);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t from = 0;
  for (auto newline = text.find('\n', from); newline != std::string::npos;
       newline = text.find('\n', from)) {
    lines.push_back(text.substr(from, newline - from));
    from = newline + 1;
  }
  if (from < text.size()) {
    lines.push_back(text.substr(from));
  }
  return lines;
}

std::filesystem::path write_private_file(const std::filesystem::path& path,
                                         const std::string& text) {
  std::ofstream(path) << text;
  std::filesystem::permissions(path, std::filesystem::perms::owner_read |
                                         std::filesystem::perms::owner_write);
  return path;
}

} // namespace

TEST_CASE("slatectl argument errors exit 2 with a message and the usage") {
  clear_slatectl_environment();
  struct Row {
    std::vector<std::string> arguments;
    std::string message;
  };
  const Row rows[] = {
      {{}, "usage: slatectl [GLOBAL OPTIONS] COMMAND"},
      {{"frobnicate"}, "unknown command 'frobnicate'"},
      {{"maintenance"}, "slatectl maintenance: which subcommand? (one of create, list, show"},
      {{"maintenance", "reschedule", "4"}, "unknown subcommand 'reschedule'"},
      {{"maintenance", "create", "--bogus"},
       "slatectl maintenance create: unknown option '--bogus'"},
      {{"maintenance", "create", "--region", "US", "--title"}, "--title needs a value"},
      {{"maintenance", "create", "--region", "US", "--title", "--start", "x"},
       "--title needs a value"},
      {{"maintenance", "create", "--title", "x", "--start", "2030-01-01T00:00:00Z"},
       "missing --region --end"},
      {{"maintenance", "create", "--emergency=yes"}, "--emergency takes no value"},
      {{"maintenance", "list", "--json", "--json"}, "--json is given twice"},
      {{"maintenance", "list", "extra"}, "unexpected argument 'extra'"},
      {{"maintenance", "show"}, "slatectl maintenance show: give the maintenance ID"},
      {{"maintenance", "show", "1", "2"}, "unexpected argument '2'"},
      {{"maintenance", "extend", "7"}, "slatectl maintenance extend: missing --end"},
      {{"maintenance", "cancel"}, "give the maintenance ID"},
      {{"windows"}, "slatectl windows: which subcommand? (one of next)"},
      {{"windows", "next"}, "slatectl windows next: give at least one --region"},
      {{"windows", "next", "--region", "US", "--url", "ftp://example.org"},
       "URL 'ftp://example.org' must start with http:// or https://"},
      {{"windows", "next", "--region", "US", "--url", "http://127.0.0.1:99999"},
       "has port '99999'; a port is a number from 1 to 65535"},
      {{"windows", "next", "--region", "US", "--url", "http://user:pw@127.0.0.1:8080"},
       "must not hold credentials"},
      {{"windows", "next", "--region", "US", "--token", "a", "--token-file", "b"},
       "give --token or --token-file, not both"},
      {{"windows", "next", "--region", "US", "--token-file", "/nonexistent/token"},
       "--token-file: '/nonexistent/token' gives no token: No such file or directory"},
      {{"maintenance", "list", "--token", "two words"}, "the token holds a space"},
      {{"maintenance", "create", "--region", "US", "--title", "t", "--start", "a", "--end", "b",
        "--token", "t", "--idempotency-key", "a b"},
       "--idempotency-key must be printable ASCII without spaces"},
      {{"blackout", "create", "--start", "2030-01-01T00:00:00Z", "--end", "2030-01-02T00:00:00Z"},
       "slatectl blackout create: missing --reason"},
      {{"blackout", "delete"}, "slatectl blackout delete: give the blackout ID"},
      {{"token", "new"}, "slatectl token new: give the NAME"},
      {{"token", "new", "two words"}, "NAME 'two words' must be 1 to 64 characters"},
      {{"token", "new", "a", "b"}, "unexpected argument 'b'"},
  };
  for (const auto& row : rows) {
    std::string command = "slatectl";
    for (const auto& argument : row.arguments) {
      command += " " + argument;
    }
    CAPTURE(command);
    const auto run = slatectl(row.arguments);
    CAPTURE(run.err);
    CHECK(run.exit_status == 2);
    CHECK(run.out.empty());
    CHECK(contains(run.err, row.message));
    CHECK(contains(run.err, "usage:"));
  }
}

TEST_CASE("slatectl --help shows every command, and each command's usage") {
  const auto help = slatectl({"--help"});
  CHECK(help.exit_status == 0);
  for (const char* command : {"lint", "windows next", "maintenance create", "blackout create",
                              "token new", "--url", "SLATED_URL", "SLATED_TOKEN"}) {
    CAPTURE(command);
    CHECK(contains(help.out, command));
  }
  const auto group = slatectl({"maintenance", "--help"});
  CHECK(group.exit_status == 0);
  for (const char* subcommand :
       {"create", "list", "show", "start", "complete", "cancel", "extend"}) {
    CAPTURE(subcommand);
    CHECK(contains(group.out, "slatectl maintenance " + std::string(subcommand)));
  }
  const auto one = slatectl({"blackout", "create", "--help"});
  CHECK(one.exit_status == 0);
  CHECK(contains(one.out, "usage: slatectl blackout create [--region R ...] --start RFC3339"));
}

TEST_CASE("slatectl token new prints the token, then the line for the tokens file") {
  const auto first = slatectl({"token", "new", "ops-team"});
  CAPTURE(first.err);
  REQUIRE(first.exit_status == 0);
  const auto lines = lines_of(first.out);
  REQUIRE(lines.size() == 2);
  const std::string& token = lines[0];
  CHECK(token.rfind("slt_", 0) == 0);
  CHECK(token.size() >= 40);
  CHECK(lines[1] == "ops-team " + slate::daemon::sha256_hex(token));
  CHECK(contains(first.err, "store the token"));
  CHECK(contains(first.err, "not kept"));

  // The line is what a tokens file holds: the token then authenticates.
  TempDir dir;
  const auto book =
      slate::daemon::TokenBook::read(write_private_file(dir.path() / "tokens", lines[1] + "\n"));
  REQUIRE(book.ok());
  CHECK(book->name_for(token) == "ops-team");

  const auto second = slatectl({"token", "new", "ops-team"});
  REQUIRE(second.exit_status == 0);
  CHECK(lines_of(second.out).at(0) != token);
}

TEST_CASE("slatectl writes without a token fail before anything is sent") {
  clear_slatectl_environment();
  const RefusingPort port;
  const std::vector<std::vector<std::string>> writes = {
      {"maintenance", "create", "--region", "US", "--title", "t", "--start", "2030-01-07T06:00:00Z",
       "--end", "2030-01-07T07:00:00Z"},
      {"maintenance", "start", "1"},
      {"maintenance", "complete", "1"},
      {"maintenance", "cancel", "1"},
      {"maintenance", "extend", "1", "--end", "2030-01-07T08:00:00Z"},
      {"blackout", "create", "--start", "2030-01-01T00:00:00Z", "--end", "2030-01-02T00:00:00Z",
       "--reason", "freeze"},
      {"blackout", "delete", "1"},
  };
  for (auto arguments : writes) {
    arguments.insert(arguments.end(), {"--url", port.url()});
    CAPTURE(arguments.at(0) + " " + arguments.at(1));
    const auto run = slatectl(arguments);
    CAPTURE(run.err);
    CHECK(run.exit_status == 2);
    CHECK(contains(run.err, "needs a token; give --token TOKEN or --token-file FILE, or set "
                            "SLATED_TOKEN (nothing was sent)"));
    CHECK_FALSE(contains(run.err, "cannot reach"));
  }
}

TEST_CASE("slatectl exits 2 and names the URL when slated cannot be reached") {
  clear_slatectl_environment();
  const RefusingPort port;
  const std::string url = port.url();

  SUBCASE("--url") {
    const auto run = slatectl({"windows", "next", "--region", "US", "--url", url});
    CAPTURE(run.err);
    CHECK(run.exit_status == 2);
    CHECK(run.out.empty());
    CHECK(contains(run.err, "slatectl windows next: cannot reach slated at " + url +
                                ": cannot connect: Connection refused"));
  }
  SUBCASE("SLATED_URL, with a path prefix") {
    const ScopedEnvironment environment("SLATED_URL", url + "/slated/");
    const auto run = slatectl({"maintenance", "list"});
    CAPTURE(run.err);
    CHECK(run.exit_status == 2);
    CHECK(contains(run.err, "cannot reach slated at " + url + "/slated/: cannot connect"));
  }
  SUBCASE("a booking is tried twice, then given up") {
    const auto run = slatectl({"maintenance", "create", "--region", "US", "--title", "t", "--start",
                               "2030-01-07T06:00:00Z", "--end", "2030-01-07T07:00:00Z", "--token",
                               "slt_x", "--url", url});
    CAPTURE(run.err);
    CHECK(run.exit_status == 2);
    CHECK(contains(run.err, "cannot reach slated at " + url));
    CHECK(contains(run.err, "tried twice"));
  }
}

TEST_CASE("slatectl books, refuses, freezes and lists against a real slated, across a restart") {
  clear_slatectl_environment();
  const TestClock clock(now());
  Daemon daemon(slate::test::shipped_calendars(), clock.arguments());
  const std::string url = "http://127.0.0.1:" + std::to_string(daemon.process.port());

  // The operator's way in: make a token, add its line to the tokens file
  // the daemon was started with, and have the daemon read it again.
  const auto minted = slatectl({"token", "new", "ops"});
  REQUIRE(minted.exit_status == 0);
  const auto minted_lines = lines_of(minted.out);
  REQUIRE(minted_lines.size() == 2);
  const std::string token = minted_lines[0];
  const auto tokens = write_private_file(daemon.state.path() / "tokens", minted_lines[1] + "\n");
  const auto token_file = write_private_file(daemon.state.path() / "ops.token", token + "\n");
  const auto mark = daemon.process.log_mark();
  daemon.process.signal(SIGHUP);
  daemon.process.wait_for_log("reloaded calendars, policy and templates on SIGHUP", mark);

  const auto started = now();
  // Returns slatectl `arguments` --url URL [--token-file FILE].
  const auto run = [&](std::vector<std::string> arguments, bool with_token = false) {
    arguments.insert(arguments.end(), {"--url", url});
    if (with_token) {
      arguments.insert(arguments.end(), {"--token-file", token_file.string()});
    }
    return slatectl(arguments);
  };

  // 1. The next US slot of an hour with a week's notice (the policy's P7D),
  //    an hour's margin for the time the test takes.
  const std::string after = rfc3339(started + std::chrono::days{7} + std::chrono::hours{1});
  const auto next =
      run({"windows", "next", "--region", "US", "--duration", "PT1H", "--after", after, "--json"});
  REQUIRE(next.exit_status == 0);
  const auto slot = json_of(next).at("slot");
  REQUIRE(slot.is_object());
  const std::string start = slot.at("start").get<std::string>();
  const std::string end = slot.at("end").get<std::string>();
  CHECK(instant_of(end) - instant_of(start) == std::chrono::hours{1});
  CHECK(instant_of(start) >= instant_of(after));

  const auto next_text =
      run({"windows", "next", "--region", "US", "--duration", "PT1H", "--after", after});
  CAPTURE(next_text.err);
  CHECK(next_text.exit_status == 0);
  CHECK(contains(next_text.out, "next slot: " + start + " to " + end));
  CHECK(contains(next_text.out, "US  America/New_York  "));

  // 2. Book it, with a key; the same request again is a replay, not a second booking.
  const std::vector<std::string> booking{"maintenance",
                                         "create",
                                         "--region",
                                         "US",
                                         "--title",
                                         "Kernel upgrade",
                                         "--message",
                                         "Expect a short outage",
                                         "--service",
                                         "api",
                                         "--start",
                                         start,
                                         "--end",
                                         end,
                                         "--idempotency-key",
                                         "kernel-2030-1"};
  const auto booked = run(booking, true);
  CAPTURE(booked.err);
  REQUIRE(booked.exit_status == 0);
  CHECK(contains(booked.out, "booked maintenance "));
  CHECK(contains(booked.out, "(scheduled, planned): Kernel upgrade"));
  CHECK(contains(booked.out, start + " to " + end));
  CHECK(contains(booked.out, "America/New_York"));
  auto booking_json = booking;
  booking_json.push_back("--json");
  const auto replayed = run(booking_json, true);
  CAPTURE(replayed.err);
  REQUIRE(replayed.exit_status == 0);
  const auto scheduled = json_of(replayed).at("maintenance");
  const std::string scheduled_id = scheduled.at("id").dump();
  CHECK(contains(booked.out, "booked maintenance " + scheduled_id + " "));
  CHECK(scheduled.at("created_by") == "ops");

  // A wrong token is refused by slated: exit 1 and its message.
  const auto wrong =
      slatectl({"maintenance", "cancel", scheduled_id, "--url", url, "--token", "slt_not-a-token"});
  CAPTURE(wrong.err);
  CHECK(wrong.exit_status == 1);
  CHECK(contains(wrong.err, "slatectl maintenance cancel: slated refused the request (HTTP 401)"));
  CHECK(contains(wrong.err, "the bearer token is not valid"));

  // 3. Starting tomorrow is too late under a week's notice.
  const auto tomorrow = std::chrono::floor<std::chrono::hours>(started + std::chrono::days{1});
  const auto late =
      run({"maintenance", "create", "--region", "US", "--title", "Too late", "--start",
           rfc3339(tomorrow), "--end", rfc3339(tomorrow + std::chrono::hours{1})},
          true);
  CAPTURE(late.err);
  CHECK(late.exit_status == 1);
  CHECK(late.out.empty());
  CHECK(contains(late.err, "slatectl maintenance create: slated refused the request (HTTP 4"));
  CHECK(contains(lowercase(late.err), "notice"));
  // With --json the refusal's body is printed as slated sent it, too.
  const auto late_json =
      run({"maintenance", "create", "--region", "US", "--title", "Too late", "--start",
           rfc3339(tomorrow), "--end", rfc3339(tomorrow + std::chrono::hours{1}), "--json"},
          true);
  CHECK(late_json.exit_status == 1);
  CHECK(json_of(late_json).at("error").contains("message"));
  CHECK(contains(lowercase(late_json.err), "notice"));

  // 4. A freeze over the following US slot refuses a booking across it.
  const auto following = run({"windows", "next", "--region", "US", "--duration", "PT1H", "--after",
                              rfc3339(instant_of(end) + std::chrono::hours{1}), "--json"});
  REQUIRE(following.exit_status == 0);
  const auto frozen_slot = json_of(following).at("slot");
  REQUIRE(frozen_slot.is_object());
  const std::string frozen_start = frozen_slot.at("start").get<std::string>();
  const std::string frozen_end = frozen_slot.at("end").get<std::string>();
  const auto freeze =
      run({"blackout", "create", "--region", "US", "--start",
           rfc3339(instant_of(frozen_start) - std::chrono::hours{2}), "--end",
           rfc3339(instant_of(frozen_end) + std::chrono::hours{2}), "--reason", "Year-end freeze"},
          true);
  CAPTURE(freeze.err);
  REQUIRE(freeze.exit_status == 0);
  CHECK(contains(freeze.out, "created blackout "));
  CHECK(contains(freeze.out, "(US)"));
  CHECK(contains(freeze.out, "reason: Year-end freeze"));
  const auto across = run({"maintenance", "create", "--region", "US", "--title", "In the freeze",
                           "--start", frozen_start, "--end", frozen_end},
                          true);
  CAPTURE(across.err);
  CHECK(across.exit_status == 1);
  CHECK(contains(lowercase(across.err), "blackout"));

  // 5. An emergency needs no notice.
  const auto soon = started + std::chrono::minutes{10};
  const auto emergency =
      run({"maintenance", "create", "--emergency", "--region", "US", "--title", "Hotfix", "--start",
           rfc3339(soon), "--end", rfc3339(soon + std::chrono::hours{1}), "--json"},
          true);
  CAPTURE(emergency.err);
  REQUIRE(emergency.exit_status == 0);
  const auto urgent = json_of(emergency).at("maintenance");
  CHECK(urgent.at("kind") == "emergency");
  const std::string emergency_id = urgent.at("id").dump();

  // 6. After a restart on the same database, slatectl lists all of it.
  const auto db = daemon.state.path() / "var" / "slated.db";
  CHECK(daemon.process.stop() == 0);
  SlatedProcess again(SLATED_BINARY,
                      {"--listen", "127.0.0.1:0", "--calendars",
                       slate::test::shipped_calendars().string(), "--db", db.string(), "--policy",
                       SLATE_SOURCE_DIR "/etc/policies/uniphore.toml", "--tokens", tokens.string(),
                       "--test-clock-file", clock.file().string()});
  const std::string url_again = "http://127.0.0.1:" + std::to_string(again.port());

  const auto listed = slatectl({"maintenance", "list", "--url", url_again});
  CAPTURE(listed.out);
  CAPTURE(listed.err);
  REQUIRE(listed.exit_status == 0);
  const auto rows = lines_of(listed.out);
  REQUIRE(rows.size() == 3); // heading and two maintenances
  CHECK(rows[0].rfind("ID  ", 0) == 0);
  CHECK(contains(listed.out, "Kernel upgrade"));
  CHECK(contains(listed.out, "Hotfix"));
  CHECK_FALSE(contains(listed.out, "Too late"));
  CHECK_FALSE(contains(listed.out, "In the freeze"));

  const auto listed_json = slatectl({"maintenance", "list", "--url", url_again, "--json"});
  REQUIRE(listed_json.exit_status == 0);
  const auto all = json_of(listed_json);
  CHECK(all.at("count") == 2);
  std::vector<std::string> ids;
  for (const auto& maintenance : all.at("maintenances")) {
    ids.push_back(maintenance.at("id").dump());
  }
  CHECK(std::find(ids.begin(), ids.end(), scheduled_id) != ids.end());
  CHECK(std::find(ids.begin(), ids.end(), emergency_id) != ids.end());

  const auto shown = slatectl({"maintenance", "show", scheduled_id, "--url", url_again});
  CAPTURE(shown.err);
  CHECK(shown.exit_status == 0);
  CHECK(
      contains(shown.out, "maintenance " + scheduled_id + " (scheduled, planned): Kernel upgrade"));
  CHECK(contains(shown.out, "message: Expect a short outage"));
  CHECK(contains(shown.out, "services: api"));
  CHECK(contains(shown.out, "created by: ops"));

  const auto missing = slatectl({"maintenance", "show", "999999", "--url", url_again});
  CHECK(missing.exit_status == 1);
  CHECK(contains(missing.err, "(HTTP 404)"));

  const auto blackouts = slatectl({"blackout", "list", "--url", url_again});
  CAPTURE(blackouts.err);
  CHECK(blackouts.exit_status == 0);
  CHECK(contains(blackouts.out, "Year-end freeze"));
  CHECK(lines_of(blackouts.out).size() == 2);
}
