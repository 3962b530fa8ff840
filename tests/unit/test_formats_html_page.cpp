#include <slate/formats/html_page.hpp>

#include <support/status_sample.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

using slate::formats::html_escape;
using slate::formats::render_html_page;
using slate::test::sample_status;

namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++n;
  }
  return n;
}

slate::formats::StatusModel with_history(slate::formats::StatusModel model) {
  for (const std::string service : {"api", "web"}) {
    slate::formats::AvailabilitySeries series{service, {}};
    for (int i = 0; i < 12; ++i) {
      auto report = slate::test::january_report(
          service, std::nullopt,
          service == "api" && i == 11 ? std::chrono::hours{1} : slate::domain::Seconds{0});
      report.query.month = date::year{2025} / date::February + date::months{i};
      series.months.push_back(report);
    }
    model.history.push_back(series);
  }
  return model;
}

} // namespace

TEST_CASE("formats::html_escape replaces the five characters HTML gives meaning") {
  CHECK(html_escape("a & b < c > d \"e\" 'f'") ==
        "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;");
  CHECK(html_escape("plain – text") == "plain – text");
  CHECK(html_escape("") == "");
}

TEST_CASE("formats::render_html_page: one self-contained document for a phone") {
  const auto page = render_html_page(with_history(sample_status()));
  CHECK(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
  CHECK(has(page, "<meta charset=\"utf-8\">"));
  CHECK(has(page, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
  CHECK(has(page, "<style>"));
  // Nothing is fetched: no script, no stylesheet link, no image, no remote URL.
  CHECK(!has(page, "<script"));
  CHECK(!has(page, "<link"));
  CHECK(!has(page, "<img"));
  CHECK(!has(page, "http://"));
  CHECK(!has(page, "https://"));
  CHECK(!has(page, "url("));
  CHECK(page.ends_with("</html>\n"));
}

TEST_CASE("formats::render_html_page has each section, in order") {
  const auto page = render_html_page(with_history(sample_status()));
  const std::vector<std::string> headings{"<h2>Current status</h2>",
                                          "<h2>Upcoming maintenance</h2>",
                                          "<h2>Maintenance windows</h2>", "<h2>Availability</h2>"};
  std::size_t previous = 0;
  for (const auto& heading : headings) {
    CAPTURE(heading);
    const auto at = page.find(heading);
    REQUIRE(at != std::string::npos);
    CHECK(at > previous);
    previous = at;
  }
  // Current status: the indicator, each region, the work under way with its
  // message, the open outage.
  CHECK(has(page, "<p class=\"banner i-major\">Partial System Outage</p>"));
  CHECK(has(page, "<span class=\"s s-major_outage\">Major outage</span>"));
  CHECK(has(page, "<span class=\"s s-under_maintenance\">Under maintenance</span>"));
  CHECK(has(page, "<article id=\"maintenance-12\">\n<h3>In progress: Database upgrade</h3>"));
  CHECK(has(page, "<li>Europe: Mon 12 Jan 10:00–14:00 GMT (15:30–19:30 IST)</li>"));
  CHECK(has(page, "<p class=\"msg\">Database upgrade is in progress.</p>"));
  CHECK(has(page, "<article class=\"outage\" id=\"outage-3\">"));
  CHECK(has(page, "Since Mon 12 Jan 06:00 EST (16:30 IST)"));
  // Upcoming, per region in local time.
  CHECK(has(page, "<li id=\"maintenance-13\"><strong>Network &lt;switch&gt; &amp; "
                  "&quot;fibre&quot;</strong><br>Mon 19 Jan 01:00–03:00 EST (11:30–13:30 IST)"));
  CHECK(has(page, "<h3>United States</h3>\n<ul>\n<li id=\"maintenance-13\">"));
  CHECK(!has(page, "<h3>Europe</h3>"));
  CHECK(has(page, "<p class=\"muted\">None announced in Europe.</p>"));
  // Windows: a time line with a row per region, and the next ones in words.
  CHECK(count(page, "<svg class=\"timeline\"") == 1);
  CHECK(count(page, "<rect class=\"window\"") == 3);
  CHECK(count(page, "<rect class=\"maintenance\"") == 2);
  CHECK(has(page, "<title>EU maintenance window: Wed 14 Jan 02:30–04:30 GMT (08:00–10:00 "
                  "IST)</title>"));
  CHECK(has(page, "<li><strong>United States</strong>: next window Mon 19 Jan 01:00–03:00 EST "
                  "(11:30–13:30 IST)</li>"));
  CHECK(has(page, "<li><strong>Europe</strong>: a window is open now, Mon 12 Jan 09:00–15:00 "
                  "GMT (14:30–20:30 IST); next window Wed 14 Jan"));
  // Availability: a chart per service, twelve bars each, the target line,
  // and the figures in a table.
  CHECK(count(page, "<svg class=\"availability\"") == 2);
  CHECK(count(page, "</rect><text") == 24);
  CHECK(count(page, "stroke-dasharray") == 4); // the line and its legend
  CHECK(has(page, "target 99.95 %</text>"));
  CHECK(has(page, "<title>2026-01: 99.8655 % (below target)</title>"));
  CHECK(has(page, "<td>2026-01</td><td>99.8655 % (below target)</td><td>100.0000 %</td>"));
  CHECK(has(page, "<td>2025-02</td>"));
}

TEST_CASE("formats::render_html_page escapes everything that comes from operators") {
  auto model = sample_status();
  model.regions[0].name = "<script>alert(1)</script>";
  model.maintenances[0].text = "</p><img src=x onerror=alert(1)>";
  model.maintenances[1].maintenance.message = "'quoted' & \"double\"";
  model.open_outages[0].description = "<b>bold</b>";
  const auto page = render_html_page(model, {"Status & <more>", {}});
  CHECK(!has(page, "<script>"));
  CHECK(!has(page, "<img"));
  CHECK(!has(page, "<b>bold"));
  CHECK(has(page, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK(has(page, "&lt;/p&gt;&lt;img src=x onerror=alert(1)&gt;"));
  CHECK(has(page, "&#39;quoted&#39; &amp; &quot;double&quot;"));
  CHECK(has(page, "<title>Status &amp; &lt;more&gt;</title>"));
  CHECK(has(page, "<h1>Status &amp; &lt;more&gt;</h1>"));
}

TEST_CASE("formats::render_html_page without history or time line says so") {
  auto model = sample_status();
  model.timeline.reset();
  const auto page = render_html_page(model);
  CHECK(!has(page, "<svg"));
  CHECK(has(page, "<h2>Availability</h2>\n<p class=\"muted\">No availability figures.</p>"));
}

TEST_CASE("formats::render_html_page shows the Alertmanager silence of work in progress") {
  auto model = sample_status();
  slate::domain::MaintenanceSilence silence;
  silence.silence_id = "0b7e";
  silence.status = slate::domain::SilenceStatus::active;
  model.maintenances.at(0).silences = {silence};
  const auto page = render_html_page(model);
  CHECK(page.find("<p class=\"silence\">Alertmanager silence 0b7e: active</p>") !=
        std::string::npos);
}

TEST_CASE("formats::render_html_page shows the tz database version in its footer") {
  slate::formats::PageSettings settings;
  settings.tz_database = "2025b";
  const auto page = render_html_page(with_history(sample_status()), settings);
  CHECK(has(page, " Time zone rules: IANA tz database 2025b.</footer>"));
  CHECK(!has(render_html_page(with_history(sample_status())), "tz database"));
}
