// GET / loaded in a real browser: Debian's Chromium, headless, against a
// running slated. Its DOM must hold every section and the SVG charts, with
// operators' text escaped; its screenshots, on a phone's and a desktop's
// screen, must show a page (not a blank) in the page's own colours.
// tests/system/png_check.py reads the screenshots.

#include "daemon_fixture.hpp"
#include "test_clock.hpp"

#include <common/token_file.hpp>
#include <slate/formats/rfc3339.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

using slate::test::Daemon;
using slate::test::ProgramRun;
using slate::test::run_program;
using slate::test::TempDir;
using slate::test::TestClock;

namespace {

const std::filesystem::path k_chromium = "/usr/bin/chromium";
const std::filesystem::path k_png_check = SLATE_SOURCE_DIR "/tests/system/png_check.py";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++n;
  }
  return n;
}

// The daemon runs on a test clock at this instant (mid-November 2026), so
// that the page does not depend on the day the test runs.
slate::domain::Instant now() {
  return slate::domain::Instant{std::chrono::sys_days{std::chrono::November / 16 / 2026}} +
         std::chrono::hours{12};
}

std::string rfc3339(slate::domain::Instant instant) {
  return slate::formats::format_rfc3339_utc(instant);
}

void post(Daemon& daemon, const std::string& token, const std::string& path,
          const nlohmann::json& body) {
  const auto response = daemon.client.Post(path.c_str(), {{"Authorization", "Bearer " + token}},
                                           body.dump(), "application/json");
  REQUIRE(response);
  CAPTURE(response->body);
  REQUIRE(response->status == 201);
}

// Run headless Chromium on `arguments`, with a profile of its own.
ProgramRun chromium(const TempDir& profile, std::vector<std::string> arguments) {
  std::vector<std::string> all{"--headless",
                               "--no-sandbox", // as root in a container; the page is our own
                               "--disable-gpu",
                               "--disable-dev-shm-usage",
                               "--no-first-run",
                               "--hide-scrollbars",
                               "--force-color-profile=srgb",
                               "--user-data-dir=" + profile.path().string()};
  all.insert(all.end(), arguments.begin(), arguments.end());
  return run_program(k_chromium, all);
}

} // namespace

TEST_CASE("page: headless Chromium shows every section of GET /") {
  REQUIRE_MESSAGE(std::filesystem::exists(k_chromium),
                  "Chromium is missing: run scripts/setup (Debian's chromium package)");
  const TestClock clock(now());
  Daemon daemon(slate::test::shipped_calendars(), clock.arguments());
  const auto token = daemon.authorise("page");
  // Something in every section: planned work, work under way, an outage.
  const auto after = rfc3339(now() + std::chrono::days{7} + std::chrono::minutes{10});
  const auto slot = daemon.get_json("/v1/windows/next?region=EU&duration=PT1H&after=" + after);
  REQUIRE(slot["slot"].is_object());
  post(daemon, token, "/v1/maintenances",
       {{"regions", {"EU"}},
        {"title", "<b>Router</b> & \"core\" swap"},
        {"message", "<script>alert('x')</script>"},
        {"start", slot["slot"]["start"]},
        {"end", slot["slot"]["end"]}});
  const auto started = now();
  post(daemon, token, "/v1/maintenances",
       {{"kind", "emergency"},
        {"regions", {"US"}},
        {"title", "Disk replacement"},
        {"services", {"api"}},
        {"start", rfc3339(started - std::chrono::minutes{5})},
        {"end", rfc3339(started + std::chrono::hours{2})}});
  post(daemon, token, "/v1/outages",
       {{"service", "web"}, {"regions", {"UK"}}, {"impact", "partial"}, {"description", "Slow"}});
  const std::string url = "http://127.0.0.1:" + std::to_string(daemon.process.port()) + "/";

  TempDir profile;
  SUBCASE("the DOM holds each section, the charts, and escaped text") {
    const auto run = chromium(profile, {"--dump-dom", url});
    CAPTURE(run.err);
    REQUIRE(run.exit_status == 0);
    const std::string& dom = run.out;
    CAPTURE(dom.substr(0, 2000));
    for (const char* heading : {"<h2>Current status</h2>", "<h2>Upcoming maintenance</h2>",
                                "<h2>Maintenance windows</h2>", "<h2>Availability</h2>"}) {
      CAPTURE(heading);
      CHECK(contains(dom, heading));
    }
    CHECK(contains(dom, "<meta name=\"viewport\""));
    CHECK(contains(dom, "Partial outage of web in UK"));
    CHECK(contains(dom, "In progress: Disk replacement"));
    // The time line and one availability chart per service (api, web).
    CHECK(count(dom, "<svg class=\"timeline\"") == 1);
    CHECK(count(dom, "<svg class=\"availability\"") == 2);
    CHECK(count(dom, "<rect class=\"window\"") >= 6);
    // The browser parsed the operator's markup as text, not as elements.
    CHECK(contains(dom, "&lt;b&gt;Router&lt;/b&gt; &amp; \"core\" swap"));
    CHECK(!contains(dom, "<b>Router</b>"));
    CHECK(contains(dom, "&lt;script&gt;alert('x')&lt;/script&gt;"));
    CHECK(!contains(dom, "<script"));
  }
  SUBCASE("screenshots on a phone and a desktop show the page in its colours") {
    struct Screen {
      const char* name;
      const char* size;
      int width;
    };
    // Tall enough for the whole page: the screenshot is of the window.
    for (const Screen& screen :
         {Screen{"phone", "412,3600", 412}, Screen{"desktop", "1280,2600", 1280}}) {
      CAPTURE(screen.name);
      const auto file = profile.path() / (std::string(screen.name) + ".png");
      const auto run = chromium(profile, {"--window-size=" + std::string(screen.size),
                                          "--screenshot=" + file.string(), url});
      CAPTURE(run.err);
      REQUIRE(run.exit_status == 0);
      REQUIRE(std::filesystem::exists(file));
      // The banner (minor: a partial outage), the windows on the time line,
      // the availability bars.
      const auto check = run_program("/usr/bin/python3", {k_png_check.string(), file.string(),
                                                          "#9a6700", "#54aeff", "#2da44e"});
      CAPTURE(check.out);
      REQUIRE(check.exit_status == 0);
      std::smatch match;
      REQUIRE(std::regex_search(check.out, match,
                                std::regex(R"(png: (\d+)x(\d+), (\d+) colours, ([0-9.]+)%)")));
      CHECK(std::stoi(match[1]) == screen.width);
      CHECK(std::stoi(match[3]) > 50);  // text, charts: not a blank
      CHECK(std::stod(match[4]) > 5.0); // much of it is not background
      CHECK(contains(check.out, "colours found: #9a6700 #54aeff #2da44e"));
    }
  }
}
