// slatectl as operators type it: global options before the command, one
// --output table|json|csv for every command, colour only on a terminal and
// never with NO_COLOR, and the documented exit statuses.

#include "daemon_fixture.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <vector>

using slate::test::Daemon;
using slate::test::ProgramRun;
using slate::test::run_program;

namespace {

ProgramRun slatectl(const std::vector<std::string>& arguments) {
  return run_program(SLATECTL_BINARY, arguments);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string url_of(const Daemon& daemon) {
  return "http://127.0.0.1:" + std::to_string(daemon.process.port());
}

// Run `command` under script(1), on a pseudo-terminal, and return what the
// terminal showed (stdout and stderr together).
ProgramRun on_terminal(const std::string& command) {
  return run_program("/usr/bin/script", {"-qec", command, "/dev/null"});
}

} // namespace

TEST_CASE("slatectl takes global options before the command as well as after it") {
  ::unsetenv("SLATED_URL");
  ::unsetenv("SLATED_TOKEN");
  Daemon daemon;
  const auto token = daemon.authorise();
  const auto url = url_of(daemon);
  const auto created = slatectl({"--url", url, "--token=" + token, "blackout", "create", "--region",
                                 "US", "--start", "2031-01-01T00:00:00Z", "--end",
                                 "2031-01-02T00:00:00Z", "--reason", "freeze, \"year\" end"});
  CAPTURE(created.err);
  CHECK(created.exit_status == 0);
  const auto before = slatectl({"--url", url, "blackout", "list"});
  const auto after = slatectl({"blackout", "list", "--url", url});
  CHECK(before.exit_status == 0);
  CHECK(before.out == after.out);
  CHECK(contains(before.out, "freeze, \"year\" end"));

  SUBCASE("--output csv: the same table as CSV, quoted where it must be") {
    const auto csv = slatectl({"--output", "csv", "--url", url, "blackout", "list"});
    CHECK(csv.exit_status == 0);
    CHECK(csv.out.rfind("ID,", 0) == 0);
    CHECK(contains(csv.out, ",\"freeze, \"\"year\"\" end\"\r\n"));
  }
  SUBCASE("--output json is --json: slated's answer as it is") {
    const auto json = slatectl({"blackout", "list", "--url", url, "--output", "json"});
    const auto legacy = slatectl({"--json", "blackout", "list", "--url", url});
    CHECK(json.exit_status == 0);
    CHECK(json.out == legacy.out);
    CHECK(nlohmann::json::parse(json.out)["blackouts"].size() == 1);
  }
  SUBCASE("an unknown --output, or --json with --output csv, is a usage error (exit 2)") {
    const auto xml = slatectl({"--output", "xml", "blackout", "list", "--url", url});
    CHECK(xml.exit_status == 2);
    CHECK(contains(xml.err, "--output 'xml' is not one of table, json, csv"));
    const auto both = slatectl({"--json", "--output", "csv", "blackout", "list", "--url", url});
    CHECK(both.exit_status == 2);
  }
}

TEST_CASE("slatectl colours a refusal on a terminal only, and never with NO_COLOR") {
  ::unsetenv("NO_COLOR");
  Daemon daemon;
  daemon.authorise();
  const std::string refused = std::string(SLATECTL_BINARY) + " --url " + url_of(daemon) +
                              " --token not-a-token blackout delete 1";
  const auto terminal = on_terminal(refused);
  CHECK(contains(terminal.out, "\033[31mslatectl blackout delete: slated refused the request"));
  const auto no_colour = on_terminal("NO_COLOR=1 " + refused);
  CHECK(contains(no_colour.out, "slatectl blackout delete: slated refused the request"));
  CHECK_FALSE(contains(no_colour.out, "\033["));
  const auto piped =
      slatectl({"--url", url_of(daemon), "--token", "not-a-token", "blackout", "delete", "1"});
  CHECK(piped.exit_status == 1);
  CHECK(contains(piped.err, "slated refused the request (HTTP 401)"));
  CHECK_FALSE(contains(piped.err, "\033["));
}

TEST_CASE("slatectl --help documents the global options and the exit statuses") {
  const auto help = slatectl({"--help"});
  CHECK(help.exit_status == 0);
  for (const char* text :
       {"--url URL", "--output table|json|csv", "--json", "NO_COLOR", "exit status:", "  0  done",
        "  1  slated refused", "  2  bad arguments"}) {
    CAPTURE(text);
    CHECK(contains(help.out, text));
  }
}
