// The test support's own guarantee: no program a test runs can hang it.

#include <support/slated_process.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <stdexcept>
#include <string>

using slate::test::run_program;
using slate::test::SlatedProcess;
using namespace std::chrono_literals;

TEST_CASE("support: run_program kills a program that runs over its timeout") {
  const auto started = std::chrono::steady_clock::now();
  std::string error;
  try {
    run_program("/bin/sleep", {"60"}, 1s);
  } catch (const std::runtime_error& thrown) {
    error = thrown.what();
  }
  CHECK(error.find("/bin/sleep did not finish within 1 s and was killed") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - started < 20s);
  // A program that finishes in time is unaffected.
  const auto quick = run_program("/bin/sh", {"-c", "echo out; echo err >&2; exit 3"}, 10s);
  CHECK(quick.exit_status == 3);
  CHECK(quick.out == "out\n");
  CHECK(quick.err == "err\n");
}

TEST_CASE("support: a daemon that never says where it listens fails the start in time") {
  const auto started = std::chrono::steady_clock::now();
  std::string error;
  try {
    const SlatedProcess silent("/bin/sleep", {"60"}, 1s);
  } catch (const std::runtime_error& thrown) {
    error = thrown.what();
  }
  CHECK(error.find("did not log 'slated: listening on ' in time") != std::string::npos);
  // stop() sent SIGTERM, which ends sleep at once.
  CHECK(std::chrono::steady_clock::now() - started < 20s);
}
