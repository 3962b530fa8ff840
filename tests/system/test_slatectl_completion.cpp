// The bash completion of slatectl, as slate-manual generates it from
// slatectl's tables, run by bash against a real slated.

#include "daemon_fixture.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using slate::test::Daemon;
using slate::test::run_program;

namespace {

// Return what completing the last of `words` offers, with slatectl on the
// PATH and the generated completion loaded.
std::string complete(const std::vector<std::string>& words) {
  std::string array;
  for (const auto& word : words) {
    array += " '" + word + "'";
  }
  const std::string script =
      "PATH=\"$(dirname '" SLATECTL_BINARY "'):$PATH\"; . '" SLATE_MANUAL_DIR
      "/slatectl.bash'; COMP_WORDS=(" +
      array + "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _slatectl; echo \"${COMPREPLY[*]}\"";
  const auto run = run_program("/bin/bash", {"-c", script});
  REQUIRE(run.exit_status == 0);
  return run.out;
}

} // namespace

TEST_CASE("completion: commands, subcommands and options come from slatectl's tables") {
  CHECK(complete({"slatectl", "ma"}) == "maintenance\n");
  CHECK(complete({"slatectl", "--url", "http://127.0.0.1:1", "maintenance", ""}) ==
        "create list show start complete cancel extend\n");
  CHECK(complete({"slatectl", "blackout", "create", "--rea"}) == "--reason\n");
  CHECK(complete({"slatectl", "report", "--output", ""}) == "table json csv\n");
}

TEST_CASE("completion: region and maintenance ids come from the running slated") {
  Daemon daemon;
  const std::string url = "http://127.0.0.1:" + std::to_string(daemon.process.port());
  std::string regions;
  const auto body = daemon.get_json("/v1/regions");
  for (const auto& region : body["regions"]) {
    regions += (regions.empty() ? "" : " ") + region["id"].get<std::string>();
  }
  CHECK(regions == "AU DC EU IN UK US");
  CHECK(complete({"slatectl", "--url", url, "maintenance", "list", "--region", ""}) ==
        regions + "\n");
  const auto token = daemon.authorise();
  const auto booked =
      run_program(SLATECTL_BINARY, {"--url", url, "--token", token, "maintenance", "create",
                                    "--emergency", "--region", "UK", "--title", "Disk", "--start",
                                    "2031-01-01T00:00:00Z", "--end", "2031-01-01T01:00:00Z"});
  CAPTURE(booked.err);
  REQUIRE(booked.exit_status == 0);
  CHECK(complete({"slatectl", "maintenance", "show", "--url", url, ""}) == "1\n");
  // No daemon there: nothing is offered, and nothing hangs.
  CHECK(complete({"slatectl", "--url", "http://127.0.0.1:1", "maintenance", "cancel", ""}) == "\n");
}
