// The calendar feeds, read by real clients: each feed is fetched from a
// running slated and parsed by two parsers no one here wrote, Debian's
// python3-icalendar with python3-recurring-ical-events and Mozilla's
// ical.js (from npm, installed by scripts/setup), expanded over two years,
// and compared to the second with /v1/windows and /v1/maintenances, DST
// days included; on DST days also with an independent computation of the
// gap and fold rules in Python's zoneinfo (feed_clients/dst_oracle.py).
// Then the feeds' HTTP caching, over real HTTP, and their compressed copies
// as curl --compressed reads them.

#include "daemon_fixture.hpp"
#include "test_clock.hpp"

#include <slate/formats/rfc3339.hpp>

#include <support/raw_http.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <unistd.h>

using slate::domain::Instant;
using slate::test::run_program;
using slate::test::SlatedProcess;
using slate::test::TempDir;
using slate::test::TestClock;
using namespace std::chrono_literals;

namespace {

// Every daemon here runs on a test clock at this instant (mid-November
// 2026), so that the windows and bookings compared do not depend on the day
// the test runs.
Instant now() {
  return Instant{std::chrono::sys_days{std::chrono::November / 16 / 2026}} + std::chrono::hours{12};
}

// A slated over `calendars` under the policy file `policy`, on a free
// loopback port with a temporary state directory and a test clock at now()
// (as test::Daemon, whose policy is fixed).
struct Daemon {
  explicit Daemon(const std::filesystem::path& calendars = slate::test::shipped_calendars(),
                  const std::filesystem::path& policy = SLATE_SOURCE_DIR
                  "/etc/policies/uniphore.toml",
                  Instant at = now())
      : clock(at),
        process(SLATED_BINARY, {"--listen", "127.0.0.1:0", "--calendars", calendars.string(),
                                "--db", (state.path() / "var" / "slated.db").string(), "--policy",
                                policy.string(), "--tokens", (state.path() / "tokens").string(),
                                "--test-clock-file", clock.file().string()}),
        client("127.0.0.1", process.port()) {
    client.set_connection_timeout(5);
    client.set_read_timeout(10);
    // cpp-httplib asks for gzip and brotli by itself and decodes them
    // unseen; these tests compare the feed's own bytes and tags.
    client.set_default_headers({{"Accept-Encoding", "identity"}});
  }

  httplib::Result get(const std::string& target) { return client.Get(target.c_str()); }

  nlohmann::json get_json(const std::string& target) {
    auto response = get(target);
    if (!response || response->status != 200) {
      throw std::runtime_error("GET " + target + " failed: " +
                               (response ? response->body : httplib::to_string(response.error())));
    }
    return nlohmann::json::parse(response->body);
  }

  TestClock clock;
  TempDir state;
  SlatedProcess process;
  httplib::Client client;
};

const std::filesystem::path k_clients = SLATE_SOURCE_DIR "/tests/system/feed_clients";

std::string rfc3339(Instant instant) {
  return slate::formats::format_rfc3339_utc(instant);
}

Instant instant_of(const nlohmann::json& text) {
  const auto parsed = slate::formats::parse_rfc3339(text.get<std::string>(), "test");
  if (!parsed) {
    throw std::runtime_error("not an instant: " + text.dump());
  }
  return parsed.value();
}

long long seconds_of(Instant instant) {
  return static_cast<long long>(instant.time_since_epoch().count());
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) {
    throw std::runtime_error("cannot write " + path.string());
  }
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

// Return `name` found on PATH, or an empty path.
std::filesystem::path on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::istringstream in(path == nullptr ? "/usr/bin:/bin" : path);
  for (std::string dir; std::getline(in, dir, ':');) {
    const auto candidate = std::filesystem::path(dir) / name;
    if (!dir.empty() && ::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return {};
}

// One real client: a program that prints what it reads from a feed file.
struct Client {
  std::string name;
  std::filesystem::path program;
  std::filesystem::path script;
};

std::vector<Client> clients() {
  // /usr/bin/python3: Debian's Python, which sees Debian's packages.
  std::vector<Client> out{
      {"python3-icalendar", "/usr/bin/python3", k_clients / "check_icalendar.py"}};
  const auto node = on_path("node");
  REQUIRE_MESSAGE(!node.empty(), "node is not on PATH; run scripts/setup");
  REQUIRE_MESSAGE(std::filesystem::exists(k_clients / "node_modules" / "ical.js"),
                  "ical.js is not installed in tests/system/feed_clients; run scripts/setup");
  out.push_back({"ical.js", node, k_clients / "check_icaljs.mjs"});
  return out;
}

// What a client saw in a feed, over [from, to).
nlohmann::json read_with(const Client& client, const std::filesystem::path& feed, Instant from,
                         Instant to) {
  const auto run = run_program(client.program,
                               {client.script.string(), feed.string(),
                                std::to_string(seconds_of(from)), std::to_string(seconds_of(to))});
  INFO(client.name << " on " << feed.filename().string() << ":\n" << run.err);
  REQUIRE(run.exit_status == 0);
  auto seen = nlohmann::json::parse(run.out, nullptr, false);
  REQUIRE(!seen.is_discarded());
  return seen;
}

using Span = std::pair<long long, long long>; // Unix seconds [start, end)

std::string describe(const Span& span) {
  return rfc3339(Instant{std::chrono::seconds{span.first}}) + "/" +
         rfc3339(Instant{std::chrono::seconds{span.second}});
}

// Fail with the first differences between what `expected_by` (slated,
// unless said) has and what `seen_by` (a client, unless said) saw.
void compare_spans(const std::string& what, std::vector<Span> expected, std::vector<Span> seen,
                   const std::string& expected_by = "slated",
                   const std::string& seen_by = "the client") {
  std::sort(expected.begin(), expected.end());
  std::sort(seen.begin(), seen.end());
  if (expected == seen) {
    return;
  }
  std::vector<Span> missing;
  std::vector<Span> extra;
  std::set_difference(expected.begin(), expected.end(), seen.begin(), seen.end(),
                      std::back_inserter(missing));
  std::set_difference(seen.begin(), seen.end(), expected.begin(), expected.end(),
                      std::back_inserter(extra));
  std::string report;
  for (std::size_t i = 0; i < missing.size() && i < 5; ++i) {
    report += "\n  " + expected_by + " has, " + seen_by + " not: " + describe(missing[i]);
  }
  for (std::size_t i = 0; i < extra.size() && i < 5; ++i) {
    report += "\n  " + seen_by + " has, " + expected_by + " not: " + describe(extra[i]);
  }
  FAIL_CHECK(what << ": " << expected.size() << " occurrences from " << expected_by << ", "
                  << seen.size() << " from " << seen_by << report);
}

// The occurrences of `region`'s windows that overlap [from, to), as the API lists them.
std::vector<Span> api_windows(Daemon& daemon, const std::string& region, Instant from, Instant to) {
  const auto listing = daemon.get_json("/v1/windows?region=" + region + "&from=" + rfc3339(from) +
                                       "&to=" + rfc3339(to));
  std::vector<Span> out;
  for (const auto& window : listing["windows"]) {
    out.emplace_back(seconds_of(instant_of(window["start"])),
                     seconds_of(instant_of(window["end"])));
  }
  return out;
}

// The window occurrences a client saw that overlap [from, to), by region
// (the part of the UID before the first '-').
std::map<std::string, std::vector<Span>> seen_windows(const nlohmann::json& seen, Instant from,
                                                      Instant to) {
  std::map<std::string, std::vector<Span>> out;
  for (const auto& event : seen["events"]) {
    if (event["categories"] != "Maintenance window") {
      continue;
    }
    const Span span{event["start"].get<long long>(), event["end"].get<long long>()};
    if (span.second > seconds_of(from) && span.first < seconds_of(to)) {
      const std::string uid = event["uid"];
      out[uid.substr(0, uid.find('-'))].push_back(span);
    }
  }
  return out;
}

struct Fetched {
  std::filesystem::path file;
  httplib::Headers headers;
};

Fetched fetch(Daemon& daemon, const TempDir& dir, const std::string& target) {
  const auto response = daemon.get(target);
  REQUIRE_MESSAGE(response, "GET " << target << " failed");
  INFO("GET " << target << ": " << response->body.substr(0, 500));
  REQUIRE(response->status == 200);
  CHECK(response->get_header_value("Content-Type") == "text/calendar; charset=utf-8");
  std::string name = target.substr(target.rfind('/') + 1);
  std::replace_if(
      name.begin(), name.end(), [](char c) { return c == '?' || c == '=' || c == ','; }, '_');
  const auto file = dir.path() / name;
  write_file(file, response->body);
  return {file, response->headers};
}

// Check what both clients read from the feed at `target` against the
// API: the window occurrences of `regions` over two years from now.
void check_windows(Daemon& daemon, const TempDir& dir, const std::string& target,
                   const std::vector<std::string>& regions) {
  const Instant from = now();
  const Instant to = from + std::chrono::days{730};
  std::map<std::string, std::vector<Span>> expected;
  for (const auto& region : regions) {
    expected[region] = api_windows(daemon, region, from, to);
    REQUIRE(!expected[region].empty());
  }
  const auto feed = fetch(daemon, dir, target);
  for (const auto& client : clients()) {
    CAPTURE(client.name);
    CAPTURE(target);
    // A day more on each side: which events a client's expansion keeps at
    // the edges is its own business; the comparison is over [from, to).
    const auto seen = read_with(client, feed.file, from - 24h, to + 24h);
    CHECK(seen["calendar"]["method"] == "PUBLISH");
    CHECK(seen["calendar"]["refresh_interval"] == "PT1H");
    CHECK(seen["calendar"]["published_ttl"] == "PT1H");
    auto windows = seen_windows(seen, from, to);
    for (const auto& region : regions) {
      compare_spans(client.name + " reading " + target + ", region " + region, expected[region],
                    windows[region]);
      windows.erase(region);
    }
    CHECK_MESSAGE(windows.empty(), client.name << " saw windows of other regions in " << target);
  }
}

const std::vector<std::string> k_dst_regions{"NY", "LON", "SYD", "BER", "LHI", "KOL"};
const std::vector<std::string> k_shipped_regions{"AU", "DC", "EU", "IN", "UK", "US"};

// Start using a token: mint one, add it to the daemon's tokens file and reload.
std::string grant_token(Daemon& daemon) {
  const auto minted = run_program(SLATECTL_BINARY, {"token", "new", "feeds"});
  REQUIRE(minted.exit_status == 0);
  const auto lines = lines_of(minted.out);
  REQUIRE(lines.size() == 2);
  const auto tokens = daemon.state.path() / "tokens";
  write_file(tokens, lines[1] + "\n");
  std::filesystem::permissions(tokens, std::filesystem::perms::owner_read |
                                           std::filesystem::perms::owner_write);
  const auto mark = daemon.process.log_mark();
  daemon.process.signal(SIGHUP);
  daemon.process.wait_for_log("reloaded calendars, policy and templates on SIGHUP", mark);
  return lines[0];
}

nlohmann::json post(Daemon& daemon, const std::string& token, const std::string& target,
                    const std::string& body, int status) {
  httplib::Headers headers{{"Authorization", "Bearer " + token}};
  auto response = daemon.client.Post(target, headers, body, "application/json");
  REQUIRE_MESSAGE(response, "POST " << target << " failed");
  INFO("POST " << target << " " << body << " -> " << response->body);
  REQUIRE(response->status == status);
  return nlohmann::json::parse(response->body);
}

// Book a maintenance in the first free `region` hour at least 8 days ahead
// and after `after`; return it.
nlohmann::json book(Daemon& daemon, const std::string& token, const std::string& regions,
                    const std::string& services, const std::string& title,
                    const std::string& message, Instant after) {
  const auto slot = daemon.get_json("/v1/windows/next?regions=" + regions +
                                    "&duration=PT1H&after=" + rfc3339(after));
  REQUIRE(slot["slot"].is_object());
  std::string region_list;
  for (std::size_t start = 0; start <= regions.size();) {
    const auto comma = std::min(regions.find(',', start), regions.size());
    region_list +=
        (region_list.empty() ? "\"" : ", \"") + regions.substr(start, comma - start) + "\"";
    start = comma + 1;
  }
  const std::string body =
      "{\"regions\": [" + region_list + "], \"title\": " + nlohmann::json(title).dump() +
      ", \"message\": " + nlohmann::json(message).dump() + ", \"services\": " + services +
      ", \"start\": " + slot["slot"]["start"].dump() + ", \"end\": " + slot["slot"]["end"].dump() +
      "}";
  return post(daemon, token, "/v1/maintenances", body, 201)["maintenance"];
}

// Check what both clients read of maintenance from the feed at `target`:
// exactly the `expected` ones (by id), with slated's instants, sequence,
// message and, for the cancelled ones, STATUS:CANCELLED.
void check_maintenance(Daemon& daemon, const TempDir& dir, const std::string& target,
                       const std::set<long long>& expected) {
  std::map<std::string, nlohmann::json> by_uid;
  const auto listing = daemon.get_json("/v1/maintenances");
  for (const auto& m : listing["maintenances"]) {
    if (expected.count(m["id"].get<long long>()) != 0) {
      by_uid["maintenance-" + m["id"].dump() + "@slated"] = m;
    }
  }
  REQUIRE(by_uid.size() == expected.size());
  const auto feed = fetch(daemon, dir, target);
  const Instant from = now();
  for (const auto& client : clients()) {
    CAPTURE(client.name);
    CAPTURE(target);
    const auto seen = read_with(client, feed.file, from - 24h, from + std::chrono::days{731});
    std::set<std::string> uids;
    for (const auto& event : seen["events"]) {
      const std::string uid = event["uid"];
      if (uid.rfind("maintenance-", 0) != 0) {
        continue;
      }
      CAPTURE(uid);
      uids.insert(uid);
      const auto found = by_uid.find(uid);
      if (found == by_uid.end()) {
        FAIL_CHECK("the feed lists a maintenance it should not");
        continue;
      }
      const auto& m = found->second;
      CHECK(event["start"] == seconds_of(instant_of(m["start"])));
      CHECK(event["end"] == seconds_of(instant_of(m["end"])));
      CHECK(event["sequence"] == m["sequence"]);
      CHECK(event["status"] == (m["state"] == "cancelled" ? "CANCELLED" : "CONFIRMED"));
      CHECK(event["summary"] ==
            (m["state"] == "cancelled" ? "Cancelled: " : "") + m["title"].get<std::string>());
      if (m["message"].is_string() && !m["message"].get<std::string>().empty()) {
        CHECK(event["description"] == m["message"]);
      } else {
        CHECK(event["description"].is_null());
      }
    }
    CHECK(uids.size() == by_uid.size());
  }
}

// --- The gap and fold rules against an independent computation ----------

// A weekly window for the oracle test: ISO weekday (6 Saturday, 7 Sunday),
// local start and end ("HH:MM:SS"; an end not after the start is on the
// next day), and the traps it is there for ("start gap", "end fold", ...),
// each of which must happen in every year compared.
struct TrapWindow {
  const char* uid;
  int weekday;
  const char* start;
  const char* end;
  std::vector<std::string> traps;
};

struct TrapZone {
  const char* region;
  const char* zone;
  std::vector<TrapWindow> windows;
};

// Zones whose changes are each unusual in their own way, with windows whose
// start or end lands in the gap or the fold of every year. The comments
// give the local clock change of these years (from the tz database).
const std::vector<TrapZone> k_trap_zones{
    // 02:00 -> 03:00 in March, 02:00 -> 01:00 in November.
    {"NYC",
     "America/New_York",
     {{"nycgap", 7, "02:30:00", "04:00:00", {"start gap"}},
      {"nycfold", 7, "01:30:00", "03:00:00", {"start fold"}}}},
    // A 30-minute change: 02:00 -> 02:30 in October, 02:00 -> 01:30 in April.
    {"LHI",
     "Australia/Lord_Howe",
     {{"lhigap", 7, "02:15:00", "03:30:00", {"start gap"}},
      {"lhifold", 7, "01:45:00", "03:00:00", {"start fold"}}}},
    // +12:45 / +13:45: 02:45 -> 03:45 in September, 03:45 -> 02:45 in April.
    {"CHA",
     "Pacific/Chatham",
     {{"chastart", 7, "03:00:00", "04:30:00", {"start gap", "start fold"}},
      {"chaend", 6, "23:00:00", "03:15:00", {"end gap", "end fold"}}}},
    // Negative DST in the tz database (IST in summer is the standard
    // time): 01:00 -> 02:00 in March, 02:00 -> 01:00 in October.
    {"DUB",
     "Europe/Dublin",
     {{"dubstart", 7, "01:30:00", "03:00:00", {"start gap", "start fold"}},
      {"dubend", 6, "23:30:00", "01:15:00", {"end gap", "end fold"}}}},
    // At midnight: Saturday 24:00 -> Sunday 01:00 in September, Saturday
    // 24:00 -> 23:00 in April.
    {"SCL",
     "America/Santiago",
     {{"sclgap", 7, "00:30:00", "02:00:00", {"start gap"}},
      {"sclfold", 6, "23:30:00", "01:00:00", {"start fold"}},
      {"sclmidnight", 6, "22:00:00", "00:00:00", {"end gap"}}}},
};

// The six-zone DST calendars: windows whose start or end is in a
// spring-forward gap or a fall-back fold, windows across the change, one
// across midnight into it, a 30-minute DST (Lord Howe), and India's zone
// without DST.
const std::vector<TrapZone> k_dst_zones{
    {"NY",
     "America/New_York",
     {{"ny-gap", 7, "02:30:00", "04:00:00", {"start gap"}},
      {"ny-fold", 7, "01:30:00", "02:30:00", {"start fold"}},
      {"ny-across", 7, "00:30:00", "04:00:00", {}},
      {"ny-midnight", 6, "23:00:00", "02:30:00", {"end gap"}}}},
    {"LON",
     "Europe/London",
     {{"lon-start", 7, "01:30:00", "03:00:00", {"start gap", "start fold"}},
      {"lon-end", 7, "00:30:00", "01:30:00", {"end gap", "end fold"}}}},
    {"SYD",
     "Australia/Sydney",
     {{"syd-start", 7, "02:30:00", "04:00:00", {"start gap", "start fold"}},
      {"syd-end", 7, "01:00:00", "02:15:00", {"end gap", "end fold"}}}},
    {"BER",
     "Europe/Berlin",
     {{"ber-start", 7, "02:00:00", "03:30:00", {"start gap", "start fold"}}}},
    {"LHI",
     "Australia/Lord_Howe",
     {{"lhi-short", 7, "01:45:00", "02:15:00", {"start fold", "end gap"}}}},
    {"KOL", "Asia/Kolkata", {{"kol-midnight", 7, "23:30:00", "01:30:00", {}}}},
};

std::string compact_time(const std::string& text) {
  std::string out;
  std::copy_if(text.begin(), text.end(), std::back_inserter(out), [](char c) { return c != ':'; });
  return out;
}

// One calendar per zone of `zones` in `dir`, each window a weekly VEVENT
// from a day of January 2024, so that every compared year is its recurrence.
void write_trap_calendars(const std::filesystem::path& dir, const std::vector<TrapZone>& zones) {
  for (const auto& zone : zones) {
    std::string text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//slated tests//EN\r\n"
                       "X-SLATE-REGION:" +
                       std::string(zone.region) + "\r\nX-WR-CALNAME:" + zone.region +
                       " DST traps\r\n";
    for (const auto& window : zone.windows) {
      REQUIRE((window.weekday == 6 || window.weekday == 7));
      // Saturday 6 and Sunday 7 January 2024, and the day after each.
      const std::string day = window.weekday == 6 ? "20240106" : "20240107";
      const std::string next_day = window.weekday == 6 ? "20240107" : "20240108";
      const std::string start = compact_time(window.start);
      const std::string end = compact_time(window.end);
      text += "BEGIN:VEVENT\r\nUID:" + std::string(window.uid) +
              "\r\nDTSTAMP:20240101T000000Z\r\nSUMMARY:" + window.uid +
              "\r\nDTSTART;TZID=" + zone.zone + ":" + day + "T" + start +
              "\r\nDTEND;TZID=" + zone.zone + ":" + (end <= start ? next_day : day) + "T" + end +
              "\r\nRRULE:FREQ=WEEKLY;BYDAY=" + (window.weekday == 6 ? "SA" : "SU") +
              "\r\nEND:VEVENT\r\n";
    }
    text += "END:VCALENDAR\r\n";
    write_file(dir / (std::string(zone.region) + ".ics"), text);
  }
}

// What tests/system/feed_clients/dst_oracle.py computes for the windows of
// `zones` over [from, to): Python's zoneinfo, not slated, applying
// docs/domain.md's rules. Returns its occurrences.
nlohmann::json oracle(const TempDir& dir, const std::vector<TrapZone>& zones, Instant from,
                      Instant to) {
  nlohmann::json spec = nlohmann::json::array();
  for (const auto& zone : zones) {
    for (const auto& window : zone.windows) {
      spec.push_back({{"uid", window.uid},
                      {"zone", zone.zone},
                      {"weekday", window.weekday},
                      {"start", window.start},
                      {"end", window.end}});
    }
  }
  const auto file = dir.path() / "trap-windows.json";
  write_file(file, spec.dump());
  const auto run = run_program("/usr/bin/python3",
                               {(k_clients / "dst_oracle.py").string(), file.string(),
                                std::to_string(seconds_of(from)), std::to_string(seconds_of(to))});
  INFO("dst_oracle.py:\n" << run.err);
  REQUIRE(run.exit_status == 0);
  auto out = nlohmann::json::parse(run.out, nullptr, false);
  REQUIRE(!out.is_discarded());
  return out["occurrences"];
}

// The oracle's occurrences overlapping [from, to), by window uid.
std::map<std::string, std::vector<Span>> oracle_spans(const nlohmann::json& occurrences,
                                                      Instant from, Instant to) {
  std::map<std::string, std::vector<Span>> out;
  for (const auto& occurrence : occurrences) {
    const Span span{occurrence["start"].get<long long>(), occurrence["end"].get<long long>()};
    if (span.second > seconds_of(from) && span.first < seconds_of(to)) {
      out[occurrence["uid"]].push_back(span);
    }
  }
  return out;
}

// The window occurrences a client saw that overlap [from, to), by window
// uid (the part of the event's UID after REGION-YYYYMMDD-).
std::map<std::string, std::vector<Span>> seen_by_window(const nlohmann::json& seen, Instant from,
                                                        Instant to) {
  std::map<std::string, std::vector<Span>> out;
  for (const auto& event : seen["events"]) {
    if (event["categories"] != "Maintenance window") {
      continue;
    }
    const Span span{event["start"].get<long long>(), event["end"].get<long long>()};
    if (span.second > seconds_of(from) && span.first < seconds_of(to)) {
      const std::string uid = event["uid"];
      const auto second_dash = uid.find('-', uid.find('-') + 1);
      out[uid.substr(second_dash + 1)].push_back(span);
    }
  }
  return out;
}

// Compare, window by window, what `seen_by` saw (`seen`) with what the
// oracle says of the windows of `zones` (`expected`).
void compare_with_oracle(const std::string& seen_by, const std::vector<TrapZone>& zones,
                         const std::map<std::string, std::vector<Span>>& expected,
                         std::map<std::string, std::vector<Span>> seen) {
  for (const auto& zone : zones) {
    for (const auto& window : zone.windows) {
      const auto found = expected.find(window.uid);
      REQUIRE(found != expected.end());
      compare_spans(std::string("window ") + window.uid + " (" + zone.zone + ")", found->second,
                    seen[window.uid], "zoneinfo", seen_by);
      seen.erase(window.uid);
    }
  }
  CHECK_MESSAGE(seen.empty(), seen_by << " has windows the oracle does not know");
}

// Check each window's traps: its start or end is in the gap or the fold it
// is there for, in every year of [first_year, last_year], by the oracle.
void check_traps(const std::vector<TrapZone>& zones, const nlohmann::json& occurrences,
                 int first_year, int last_year) {
  for (const auto& zone : zones) {
    for (const auto& window : zone.windows) {
      for (const auto& trap : window.traps) {
        const auto space = trap.find(' ');
        const auto end = trap.substr(0, space) + "_kind";
        const auto kind = trap.substr(space + 1);
        for (int year = first_year; year <= last_year; ++year) {
          CAPTURE(window.uid);
          CAPTURE(trap);
          CAPTURE(year);
          CHECK(std::count_if(occurrences.begin(), occurrences.end(), [&](const auto& o) {
                  return o["uid"] == window.uid && o[end] == kind &&
                         o["day"].template get<std::string>().rfind(std::to_string(year), 0) == 0;
                }) == 1);
        }
      }
    }
  }
}

Instant year_start(int year) {
  return Instant{std::chrono::sys_days{std::chrono::year{year} / 1 / 1}};
}

std::string header(const httplib::Result& response, const std::string& name) {
  return response->has_header(name) ? response->get_header_value(name) : "(none)";
}

} // namespace

TEST_CASE("feeds: both real parsers read the shipped regions' windows to the second") {
  Daemon daemon;
  TempDir dir;
  for (const auto& region : k_shipped_regions) {
    check_windows(daemon, dir, "/calendars/" + region + ".ics", {region});
  }
  check_windows(daemon, dir, "/calendars/all.ics", k_shipped_regions);
}

TEST_CASE("feeds: both real parsers read windows on DST days to the second, in six zones") {
  TempDir calendars;
  write_trap_calendars(calendars.path(), k_dst_zones);
  // The shipped policy names the shipped regions; these have their own.
  write_file(calendars.path() / "policy.toml", "name = \"dst-traps\"\nnotice = \"P7D\"\n");
  Daemon daemon(calendars.path(), calendars.path() / "policy.toml");
  TempDir dir;

  // The two years do hold DST days: occurrences whose length is not the
  // window's usual one, in every zone that has DST.
  const Instant from = now();
  for (const auto& region : k_dst_regions) {
    CAPTURE(region);
    const auto listing = daemon.get_json("/v1/windows?region=" + region + "&from=" + rfc3339(from) +
                                         "&to=" + rfc3339(from + std::chrono::days{730}));
    std::map<std::string, std::map<long long, int>> lengths; // window -> length -> count
    for (const auto& window : listing["windows"]) {
      ++lengths[window["window"]][window["duration_seconds"].get<long long>()];
    }
    std::size_t unusual = 0;
    for (const auto& [window, counts] : lengths) {
      unusual += counts.size() - 1;
    }
    CHECK((region == "KOL" ? unusual == 0 : unusual > 0));
  }

  for (const auto& region : k_dst_regions) {
    check_windows(daemon, dir, "/calendars/" + region + ".ics", {region});
  }
  check_windows(daemon, dir, "/calendars/all.ics", k_dst_regions);

  // Agreeing with slated is not enough: both clients against an
  // independent computation of the rules, window by window.
  const Instant to = from + std::chrono::days{730};
  const auto occurrences = oracle(dir, k_dst_zones, from, to);
  check_traps(k_dst_zones, occurrences, 2027, 2027);
  const auto expected = oracle_spans(occurrences, from, to);
  const auto feed = fetch(daemon, dir, "/calendars/all.ics");
  for (const auto& client : clients()) {
    const auto seen = read_with(client, feed.file, from - 24h, to + 24h);
    compare_with_oracle(client.name + " reading /calendars/all.ics", k_dst_zones, expected,
                        seen_by_window(seen, from, to));
  }
}

TEST_CASE("feeds: both real parsers agree with zoneinfo on the gap and fold rules, 2026-2029") {
  TempDir calendars;
  write_trap_calendars(calendars.path(), k_trap_zones);
  write_file(calendars.path() / "policy.toml", "name = \"dst-oracle\"\nnotice = \"P7D\"\n");
  TempDir dir;
  const Instant from = year_start(2026);
  const Instant to = year_start(2030);
  const auto occurrences = oracle(dir, k_trap_zones, from, to);
  // The test is only as good as its traps: each window's start or end is
  // in the gap or the fold it is there for, in every year.
  check_traps(k_trap_zones, occurrences, 2026, 2029);

  // A feed reaches 800 days ahead: one daemon for each half of the years.
  for (const int year : {2026, 2028}) {
    const Instant half_from = year_start(year);
    const Instant half_to = year_start(year + 2);
    CAPTURE(year);
    const auto expected = oracle_spans(occurrences, half_from, half_to);
    Daemon daemon(calendars.path(), calendars.path() / "policy.toml", half_from + 24h * 14);

    // The API, window by window.
    std::map<std::string, std::vector<Span>> api;
    for (const auto& zone : k_trap_zones) {
      const auto listing =
          daemon.get_json(std::string("/v1/windows?region=") + zone.region +
                          "&from=" + rfc3339(half_from) + "&to=" + rfc3339(half_to));
      for (const auto& window : listing["windows"]) {
        api[window["window"]].emplace_back(seconds_of(instant_of(window["start"])),
                                           seconds_of(instant_of(window["end"])));
      }
    }
    compare_with_oracle("/v1/windows", k_trap_zones, expected, api);

    // Both clients, reading each region's feed and the whole one.
    std::vector<std::string> targets{"/calendars/all.ics"};
    for (const auto& zone : k_trap_zones) {
      targets.push_back(std::string("/calendars/") + zone.region + ".ics");
    }
    for (const auto& target : targets) {
      const auto feed = fetch(daemon, dir, target);
      for (const auto& client : clients()) {
        CAPTURE(client.name);
        const auto seen = read_with(client, feed.file, half_from - 24h, half_to + 24h);
        auto windows = seen_by_window(seen, half_from, half_to);
        if (target == "/calendars/all.ics") {
          compare_with_oracle(client.name + " reading " + target, k_trap_zones, expected, windows);
        } else {
          // A region's feed: that region's windows, and no other.
          const auto zone =
              std::find_if(k_trap_zones.begin(), k_trap_zones.end(), [&](const TrapZone& z) {
                return target == std::string("/calendars/") + z.region + ".ics";
              });
          REQUIRE(zone != k_trap_zones.end());
          compare_with_oracle(client.name + " reading " + target, {*zone}, expected, windows);
        }
      }
    }
  }
}

TEST_CASE("feeds: both real parsers read booked maintenance, a cancelled one as cancelled") {
  Daemon daemon;
  TempDir dir;
  const std::string token = grant_token(daemon);
  const Instant start = now() + std::chrono::days{8};

  const auto api = book(daemon, token, "US", "[\"api\"]", "Database upgrade",
                        "We upgrade the database; the API answers 503, briefly.", start);
  const auto web = book(daemon, token, "US", "[\"web\"]", "Web tier", "", instant_of(api["end"]));
  // EU and UK share their window; a long message with commas and UTF-8.
  const auto both = book(daemon, token, "EU,UK", "null", "Network change",
                         std::string("Router firmware, ") + std::string(80, 'x') +
                             "; \xc3\xa4\xc3\xb6\xc3\xbc \xe2\x80\x93 done",
                         start);
  const auto eu =
      book(daemon, token, "EU", "[\"web\"]", "EU web tier", "Only EU", instant_of(both["end"]));
  const std::string api_id = api["id"].dump();
  // Extended, then the web tier work cancelled: both raise SEQUENCE.
  post(daemon, token, "/v1/maintenances/" + api_id + "/extend",
       "{\"end\": " + nlohmann::json(rfc3339(instant_of(api["end"]) + 30min)).dump() + "}", 200);
  post(daemon, token, "/v1/maintenances/" + web["id"].dump() + "/cancel", "", 200);
  // Emergency maintenance in the UK, under way now.
  const auto emergency =
      post(daemon, token, "/v1/maintenances",
           "{\"kind\": \"emergency\", \"regions\": [\"UK\"], \"title\": \"Disk "
           "failure\", \"start\": \"" +
               rfc3339(now() - 10min) + "\", \"end\": \"" + rfc3339(now() + 50min) + "\"}",
           201)["maintenance"];

  const auto id = [](const nlohmann::json& m) { return m["id"].get<long long>(); };
  check_maintenance(daemon, dir, "/calendars/US.ics", {id(api), id(web)});
  check_maintenance(daemon, dir, "/calendars/EU.ics", {id(both), id(eu)});
  check_maintenance(daemon, dir, "/calendars/UK.ics", {id(both), id(emergency)});
  check_maintenance(daemon, dir, "/calendars/all.ics",
                    {id(api), id(web), id(both), id(eu), id(emergency)});
  // A maintenance that names no service covers them all.
  check_maintenance(daemon, dir, "/calendars/all.ics?services=api",
                    {id(api), id(both), id(emergency)});
  check_maintenance(daemon, dir, "/calendars/us.ics?services=web", {id(web)});
  // The windows are still all there beside the maintenance.
  check_windows(daemon, dir, "/calendars/all.ics?services=api", k_shipped_regions);
}

TEST_CASE("feeds: HTTP caching over real HTTP, never a 304 for a stale copy") {
  Daemon daemon;
  const std::string token = grant_token(daemon);
  const auto maintenance =
      book(daemon, token, "US", "null", "Patch", "Patching", now() + std::chrono::days{8});

  // Accept-Encoding: identity (the client's default header): the feed as
  // rendered (the compressed copies are the next test's).
  auto first = daemon.client.Get("/calendars/US.ics");
  REQUIRE(first);
  REQUIRE(first->status == 200);
  CHECK(header(first, "Content-Type") == "text/calendar; charset=utf-8");
  CHECK(header(first, "Content-Encoding") == "(none)");
  CHECK(header(first, "Vary") == "Accept-Encoding");
  CHECK(header(first, "Content-Disposition") == "(none)");
  CHECK(header(first, "Cache-Control") == "public, max-age=300");
  const std::string tag = header(first, "ETag");
  const std::string date = header(first, "Last-Modified");
  REQUIRE(tag != "(none)");
  REQUIRE(date != "(none)");
  CHECK(first->body.find("UID:maintenance-" + maintenance["id"].dump() + "@slated") !=
        std::string::npos);

  auto head = daemon.client.Head("/calendars/US.ics");
  REQUIRE(head);
  CHECK(head->status == 200);
  CHECK(head->body.empty());
  CHECK(header(head, "Content-Length") == std::to_string(first->body.size()));
  CHECK(header(head, "ETag") == tag);

  auto by_tag = daemon.client.Get("/calendars/US.ics", {{"If-None-Match", tag}});
  REQUIRE(by_tag);
  CHECK(by_tag->status == 304);
  CHECK(by_tag->body.empty());
  // RFC 9110 section 8.6: a 304's Content-Length could only be the feed's
  // length; slated sends none, never the 0 of the empty body.
  CHECK(header(by_tag, "Content-Length") == "(none)");
  CHECK(header(by_tag, "ETag") == tag);
  CHECK(header(by_tag, "Last-Modified") == date);
  CHECK(header(by_tag, "Cache-Control") == "public, max-age=300");
  auto by_date = daemon.client.Get("/calendars/US.ics", {{"If-Modified-Since", date}});
  REQUIRE(by_date);
  CHECK(by_date->status == 304);
  // Without a Content-Length the 304 still ends at its header (it never has
  // a body), so the connection carries on: a second request on it is
  // answered too.
  const std::string both = slate::test::raw_exchange(
      daemon.process.port(), "GET /calendars/US.ics HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + tag +
                                 "\r\n\r\n"
                                 "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  CHECK(slate::test::status_of(both) == 304);
  const auto second = both.find("\r\n\r\nHTTP/1.1 200 OK\r\n");
  REQUIRE(second != std::string::npos);
  std::string first_header = both.substr(0, second);
  std::transform(first_header.begin(), first_header.end(), first_header.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  CHECK(first_header.find("content-length") == std::string::npos);
  CHECK(first_header.find("etag: " + tag) != std::string::npos);
  auto other_tag =
      daemon.client.Get("/calendars/US.ics", {{"If-None-Match", "\"something-else\""}});
  REQUIRE(other_tag);
  CHECK(other_tag->status == 200);

  // A change: the old tag and the old date both get the new feed, whose
  // date is not earlier.
  post(daemon, token, "/v1/maintenances/" + maintenance["id"].dump() + "/cancel", "", 200);
  auto stale_tag = daemon.client.Get("/calendars/US.ics", {{"If-None-Match", tag}});
  REQUIRE(stale_tag);
  CHECK(stale_tag->status == 200);
  CHECK(header(stale_tag, "ETag") != tag);
  CHECK(stale_tag->body.find("STATUS:CANCELLED") != std::string::npos);
  auto stale_date = daemon.client.Get("/calendars/US.ics", {{"If-Modified-Since", date}});
  REQUIRE(stale_date);
  CHECK(stale_date->status == 200);
  const auto parse_date = [](const std::string& text) {
    std::istringstream in(text);
    date::sys_seconds t;
    in >> date::parse("%a, %d %b %Y %H:%M:%S GMT", t);
    REQUIRE_FALSE(in.fail());
    return t;
  };
  CHECK(parse_date(header(stale_date, "Last-Modified")) > parse_date(date));

  // The other feeds: ETag and 304 too.
  for (const char* target : {"/calendars/all.ics", "/calendars/EU.ics?services=api"}) {
    CAPTURE(target);
    auto response = daemon.client.Get(target);
    REQUIRE(response);
    REQUIRE(response->status == 200);
    auto again = daemon.client.Get(target, {{"If-None-Match", header(response, "ETag")}});
    REQUIRE(again);
    CHECK(again->status == 304);
  }
}

TEST_CASE("feeds: curl --compressed reads the feed and the status document, the same bytes") {
  Daemon daemon;
  TempDir out;
  const std::string base = "http://127.0.0.1:" + std::to_string(daemon.process.port());
  const auto read_file = [](const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const auto lowercase = [](std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
  };
  // Run curl; return what it printed for -w.
  const auto curl = [](const std::vector<std::string>& arguments) {
    const auto run = run_program("/usr/bin/curl", arguments, 60s);
    INFO("curl: " << run.err);
    REQUIRE(run.exit_status == 0);
    return run.out;
  };
  for (const std::string path : {"/calendars/US.ics", "/v1/status"}) {
    CAPTURE(path);
    auto identity = daemon.get(path);
    REQUIRE(identity);
    REQUIRE(identity->status == 200);
    REQUIRE(header(identity, "Content-Encoding") == "(none)");
    const std::string identity_tag = header(identity, "ETag");
    for (const std::string coding : {"gzip", "br"}) {
      CAPTURE(coding);
      const auto headers = out.path() / "headers";
      const auto body = out.path() / "body";
      // --compressed decodes what comes; the field asks for one coding.
      const std::string wire_bytes =
          curl({"-sS", "--compressed", "-H", "Accept-Encoding: " + coding, "-D", headers.string(),
                "-o", body.string(), "-w", "%{size_download}", base + path});
      CHECK(read_file(body) == identity->body);
      const std::string fields = lowercase(read_file(headers));
      CHECK(fields.find("content-encoding: " + coding + "\r\n") != std::string::npos);
      CHECK(fields.find("vary: accept-encoding\r\n") != std::string::npos);
      // It pays: the feed and the status document shrink to under a third.
      CHECK(std::stoul(wire_bytes) * 3 < identity->body.size());
      // Its own tag, which gives a 304 (with Vary and the tag) for that
      // coding and for HEAD the same fields as GET.
      const auto tag_at = fields.find("etag: ");
      REQUIRE(tag_at != std::string::npos);
      const std::string tag =
          read_file(headers).substr(tag_at + 6, fields.find("\r\n", tag_at) - tag_at - 6);
      CHECK(tag != identity_tag);
      CHECK(curl({"-sS", "--compressed", "-H", "Accept-Encoding: " + coding, "-H",
                  "If-None-Match: " + tag, "-D", headers.string(), "-o", body.string(), "-w",
                  "%{http_code}", base + path}) == "304");
      const std::string not_modified = lowercase(read_file(headers));
      CHECK(not_modified.find("vary: accept-encoding\r\n") != std::string::npos);
      CHECK(not_modified.find(lowercase("etag: " + tag + "\r\n")) != std::string::npos);
      CHECK(curl({"-sS", "-H", "Accept-Encoding: " + coding, "-H", "If-None-Match: " + tag, "-o",
                  "/dev/null", "-w", "%{http_code}", base + path}) == "304");
      // The identity tag is not this coding's: the whole document.
      CHECK(curl({"-sS", "--compressed", "-H", "Accept-Encoding: " + coding, "-H",
                  "If-None-Match: " + identity_tag, "-o", body.string(), "-w", "%{http_code}",
                  base + path}) == "200");
      CHECK(read_file(body) == identity->body);
      curl({"-sS", "-I", "-H", "Accept-Encoding: " + coding, "-D", headers.string(), "-o",
            "/dev/null", base + path});
      const std::string head = lowercase(read_file(headers));
      CHECK(head.find("content-encoding: " + coding + "\r\n") != std::string::npos);
      CHECK(head.find("content-length: " + wire_bytes + "\r\n") != std::string::npos);
      CHECK(head.find(lowercase("etag: " + tag + "\r\n")) != std::string::npos);
      CHECK(head.find("vary: accept-encoding\r\n") != std::string::npos);
    }
  }
}
