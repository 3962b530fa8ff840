// Which time rules are in force: slated --version and GET /v1/about name the
// tz database version, checked against the installed tzdata package as dpkg
// knows it (an independent source), and the status page shows it.

#include "daemon_fixture.hpp"

#include <doctest/doctest.h>

#include <string>

using slate::test::Daemon;
using slate::test::run_program;

namespace {

// Return the upstream version of the tzdata package ("2025b" of
// "2025b-0+deb12u2"), as dpkg records it.
std::string installed_tzdata() {
  const auto run = run_program("/usr/bin/dpkg-query", {"-W", "-f=${Version}", "tzdata"});
  REQUIRE(run.exit_status == 0);
  return run.out.substr(0, run.out.find('-'));
}

} // namespace

TEST_CASE("slated --version gives the version, the commit and the tz database") {
  const auto tzdata = installed_tzdata();
  REQUIRE(tzdata.size() == 5); // "2025b": four digits and a letter
  const auto run = run_program(SLATED_BINARY, {"--version"});
  CHECK(run.exit_status == 0);
  CHECK(run.out.rfind("slated 0.", 0) == 0);
  CHECK(run.out.find("\ncommit ") != std::string::npos);
  CHECK(run.out.find("\ntz database " + tzdata + " (/usr/share/zoneinfo)\n") != std::string::npos);
}

TEST_CASE("GET /v1/about and the status page name the tz database in force") {
  Daemon daemon;
  const auto about = daemon.get_json("/v1/about");
  CHECK(about["tz_database"] == installed_tzdata());
  CHECK(about["policy"] == "uniphore");
  CHECK(about["version"].get<std::string>().rfind("0.", 0) == 0);
  CHECK_FALSE(about["commit"].get<std::string>().empty());
  CHECK(about["started"].get<std::string>().size() == 20); // YYYY-MM-DDTHH:MM:SSZ
  auto page = daemon.get("/");
  REQUIRE(page);
  CHECK(page->body.find("Time zone rules: IANA tz database " + installed_tzdata() + ".") !=
        std::string::npos);
}
