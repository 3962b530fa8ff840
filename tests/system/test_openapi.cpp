// docs/openapi.yaml: a valid OpenAPI 3.0 document, and what a real slated
// answers, error cases included, matches it. tests/system/openapi_check.pl
// does the checking with JSON::Validator (Debian's libjson-validator-perl,
// installed by scripts/setup).

#include "daemon_fixture.hpp"
#include "test_clock.hpp"

#include <slate/formats/rfc3339.hpp>
#include <support/raw_http.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

using slate::test::Daemon;
using slate::test::ProgramRun;
using slate::test::run_program;
using slate::test::TempDir;
using slate::test::TestClock;

namespace {

const std::filesystem::path k_spec = SLATE_SOURCE_DIR "/docs/openapi.yaml";
const std::filesystem::path k_checker = SLATE_SOURCE_DIR "/tests/system/openapi_check.pl";

// Run the checker on `arguments` (the document, then optionally the file of
// exchanges). /usr/bin/perl: Debian's Perl, which sees Debian's modules.
ProgramRun check(const std::vector<std::string>& arguments) {
  std::vector<std::string> all{k_checker.string()};
  all.insert(all.end(), arguments.begin(), arguments.end());
  return run_program("/usr/bin/perl", all);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) {
    throw std::runtime_error("cannot write " + path.string());
  }
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

// The daemon runs on a test clock at this instant (mid-November 2026, so
// that October's imported history is past whatever day the test runs).
slate::domain::Instant now() {
  return slate::domain::Instant{std::chrono::sys_days{std::chrono::November / 16 / 2026}} +
         std::chrono::hours{12};
}

std::string rfc3339(slate::domain::Instant instant) {
  return slate::formats::format_rfc3339_utc(instant);
}

slate::domain::Instant instant_of(const nlohmann::json& text) {
  const auto parsed = slate::formats::parse_rfc3339(text.get<std::string>(), "test");
  if (!parsed) {
    throw std::runtime_error("not an instant: " + text.dump());
  }
  return parsed.value();
}

// One answer of slated, as the tests read it.
struct Answer {
  int status = 0;
  std::string body;
  nlohmann::json json; // null when the body is empty or not JSON

  std::string id() const { return json.begin().value().at("id").dump(); }
};

// Sends requests to a daemon and writes each exchange as one JSON line:
// {"label", "method", "path" (the document's template, "*" for none),
// "status", "content_type", "headers", "body"}, for openapi_check.pl.
class Recorder {
public:
  Recorder(Daemon& daemon, std::filesystem::path file)
      : m_daemon(daemon), m_file(std::move(file)), m_out(m_file) {}

  const std::filesystem::path& file() const { return m_file; }
  void close() { m_out.close(); }

  // Send `method` `target` with `headers` and `body` (as JSON when not
  // empty), record it under `path` and check that it answered `expected`.
  Answer send(const std::string& label, const std::string& method, const std::string& target,
              const std::string& path, int expected, httplib::Headers headers = {},
              const std::string& body = "") {
    httplib::Request request;
    request.method = method;
    request.path = target;
    request.headers = std::move(headers);
    if (!body.empty()) {
      request.headers.emplace("Content-Type", "application/json");
      request.body = body;
    }
    auto result = m_daemon.client.send(request);
    if (!result) {
      throw std::runtime_error(label + ": " + method + " " + target +
                               " failed: " + httplib::to_string(result.error()));
    }
    nlohmann::json headers_json = nlohmann::json::object();
    for (const auto& [name, value] : result->headers) {
      headers_json[name] = value;
    }
    return record(label, method, path, result->status, result->get_header_value("Content-Type"),
                  headers_json, result->body, expected);
  }

  // Record an exchange made some other way.
  Answer record(const std::string& label, const std::string& method, const std::string& path,
                int status, const std::string& content_type, const nlohmann::json& headers,
                const std::string& body, int expected) {
    m_out << nlohmann::json{{"label", label},
                            {"method", method},
                            {"path", path},
                            {"status", status},
                            {"content_type", content_type},
                            {"headers", headers},
                            {"body", body}}
                 .dump()
          << '\n';
    CAPTURE(label);
    CAPTURE(body);
    CHECK(status == expected);
    Answer answer{status, body, nullptr};
    answer.json = nlohmann::json::parse(body, nullptr, false);
    if (answer.json.is_discarded()) {
      answer.json = nullptr;
    }
    return answer;
  }

private:
  Daemon& m_daemon;
  std::filesystem::path m_file;
  std::ofstream m_out;
};

httplib::Headers bearer(const std::string& token, const std::string& key = "") {
  httplib::Headers headers{{"Authorization", "Bearer " + token}};
  if (!key.empty()) {
    headers.emplace("Idempotency-Key", key);
  }
  return headers;
}

// A response read off a raw socket: its headers, by name as sent.
nlohmann::json raw_headers(const std::string& received) {
  nlohmann::json headers = nlohmann::json::object();
  const auto end = received.find("\r\n\r\n");
  std::istringstream in(received.substr(0, end));
  std::string line;
  std::getline(in, line); // the status line
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
      headers[line.substr(0, colon)] = line.substr(line.find_first_not_of(' ', colon + 1));
    }
  }
  return headers;
}

} // namespace

TEST_CASE("openapi: docs/openapi.yaml is a valid OpenAPI 3.0 document") {
  const auto run = check({k_spec.string()});
  CAPTURE(run.out);
  CAPTURE(run.err);
  CHECK(run.exit_status == 0);
  CHECK(contains(run.out, ": 0 problems"));
}

TEST_CASE("openapi: the checker refuses a broken document, listing each problem") {
  TempDir dir;
  std::string text = read_file(k_spec);
  REQUIRE(contains(text, "$ref: \"#/components/schemas/Health\""));
  REQUIRE(contains(text, "      required: [status]\n"));
  // A $ref to nothing, a required member that is not a property, a type
  // that OpenAPI does not have.
  SUBCASE("a dangling $ref") {
    text.replace(text.find("#/components/schemas/Health\""), 27, "#/components/schemas/Nothing");
    write_file(dir.path() / "broken.yaml", text);
    const auto run = check({(dir.path() / "broken.yaml").string()});
    CAPTURE(run.out);
    CHECK(run.exit_status == 1);
    CHECK(contains(run.out, "#/components/schemas/Nothing"));
  }
  SUBCASE("a required member without a property, and a type OpenAPI does not have") {
    text.replace(text.find("      required: [status]\n"), 25, "      required: [state]\n");
    text.replace(text.find("          type: boolean\n"), 24, "          type: bool\n");
    write_file(dir.path() / "broken.yaml", text);
    const auto run = check({(dir.path() / "broken.yaml").string()});
    CAPTURE(run.out);
    CHECK(run.exit_status == 1);
    CHECK(contains(run.out, "/components/schemas/Health: required member 'state'"));
    CHECK(contains(run.out, "Not in enum list: array, boolean, integer, number, object, string"));
  }
}

TEST_CASE("openapi: the checker reports every response that does not match the document") {
  TempDir dir;
  const nlohmann::json json_type = "application/json";
  std::string lines;
  const auto add = [&](const std::string& label, const std::string& method, const std::string& path,
                       int status, const nlohmann::json& body,
                       nlohmann::json headers = nlohmann::json::object()) {
    lines += nlohmann::json{{"label", label},     {"method", method},          {"path", path},
                            {"status", status},   {"content_type", json_type}, {"headers", headers},
                            {"body", body.dump()}}
                 .dump() +
             "\n";
  };
  add("extra member", "GET", "/healthz", 200, {{"status", "ok"}, {"version", 3}});
  add("missing member", "GET", "/v1/regions", 200, {{"regions", nlohmann::json::array()}});
  add("wrong type", "GET", "/v1/blackouts", 200,
      {{"blackouts", nlohmann::json::array()}, {"count", "0"}});
  add("undocumented status", "GET", "/v1/regions", 409,
      {{"error", {{"code", "x"}, {"message", "m"}, {"field", nullptr}}}});
  add("wrong error code", "POST", "/v1/maintenances", 401,
      {{"error", {{"code", "forbidden"}, {"message", "m"}, {"field", "Authorization"}}}},
      {{"WWW-Authenticate", "Bearer realm=\"slated\""}});
  add("missing header", "POST", "/v1/blackouts", 401,
      {{"error", {{"code", "unauthorized"}, {"message", "m"}, {"field", "Authorization"}}}});
  add("wrong Allow", "PUT", "/v1/regions", 405,
      {{"error", {{"code", "method_not_allowed"}, {"message", "m"}, {"field", "method"}}}},
      {{"Allow", "GET, POST"}});
  write_file(dir.path() / "exchanges.jsonl", lines);

  const auto run = check({k_spec.string(), (dir.path() / "exchanges.jsonl").string()});
  CAPTURE(run.out);
  CAPTURE(run.err);
  CHECK(run.exit_status == 1);
  CHECK(contains(run.out,
                 "extra member: GET /healthz -> 200: /body: Properties not allowed: version"));
  CHECK(contains(run.out,
                 "missing member: GET /v1/regions -> 200: /body/home_zone: Missing property"));
  CHECK(contains(run.out, "wrong type: GET /v1/blackouts -> 200: /body/count: Expected integer"));
  CHECK(contains(run.out,
                 "undocumented status: GET /v1/regions -> 409: status 409 is not documented"));
  CHECK(contains(run.out, "wrong error code: POST /v1/maintenances -> 401: /body/error/code"));
  CHECK(contains(run.out, "missing header: POST /v1/blackouts -> 401: /WWW-Authenticate"));
  CHECK(contains(run.out, "wrong Allow: PUT /v1/regions -> 405: Allow is 'GET, POST'"));
  CHECK(contains(run.out, "coverage: GET /v1/windows was never exercised"));
  CHECK(contains(run.out, "7 responses checked"));
}

TEST_CASE("openapi: every response of a running slated matches docs/openapi.yaml") {
  const TestClock clock(now());
  Daemon daemon(slate::test::shipped_calendars(), clock.arguments());
  TempDir dir;
  Recorder r(daemon, dir.path() / "exchanges.jsonl");
  const std::string json_start = "{\"regions\": [\"US\"], \"title\": \"openapi\", ";

  // Writes before the daemon has a tokens file: refused.
  r.send("write without a tokens file", "POST", "/v1/blackouts", "/v1/blackouts", 401,
         bearer("slt_unknown"), "{}");

  // A token, and its line in the tokens file the daemon re-reads on SIGHUP.
  const auto minted = run_program(SLATECTL_BINARY, {"token", "new", "openapi"});
  REQUIRE(minted.exit_status == 0);
  const auto minted_lines = lines_of(minted.out);
  REQUIRE(minted_lines.size() == 2);
  const std::string token = minted_lines[0];
  const auto tokens = daemon.state.path() / "tokens";
  write_file(tokens, minted_lines[1] + "\n");
  std::filesystem::permissions(tokens, std::filesystem::perms::owner_read |
                                           std::filesystem::perms::owner_write);
  const auto mark = daemon.process.log_mark();
  daemon.process.signal(SIGHUP);
  daemon.process.wait_for_log("reloaded calendars, policy and templates on SIGHUP", mark);
  const auto auth = bearer(token);

  // --- Reads that need no data.
  r.send("health", "GET", "/healthz", "/healthz", 200);
  r.send("health head", "HEAD", "/healthz", "/healthz", 200);
  r.send("health with a parameter", "GET", "/healthz?verbose=1", "/healthz", 400);
  r.send("health head with a parameter", "HEAD", "/healthz?verbose=1", "/healthz", 400);
  r.send("readiness", "GET", "/readyz", "/readyz", 200);
  r.send("readiness head", "HEAD", "/readyz", "/readyz", 200);
  r.send("readiness with a parameter", "GET", "/readyz?verbose=1", "/readyz", 400);
  r.send("about", "GET", "/v1/about", "/v1/about", 200);
  r.send("about head", "HEAD", "/v1/about", "/v1/about", 200);
  r.send("about with a parameter", "GET", "/v1/about?verbose=1", "/v1/about", 400);
  r.send("about head with a parameter", "HEAD", "/v1/about?verbose=1", "/v1/about", 400);
  r.send("metrics", "GET", "/metrics", "/metrics", 200);
  r.send("metrics head", "HEAD", "/metrics", "/metrics", 200);
  r.send("metrics with a parameter", "GET", "/metrics?name=x", "/metrics", 400);
  r.send("metrics head with a parameter", "HEAD", "/metrics?name=x", "/metrics", 400);
  r.send("regions", "GET", "/v1/regions", "/v1/regions", 200);
  r.send("regions head", "HEAD", "/v1/regions", "/v1/regions", 200);
  r.send("regions with a parameter", "GET", "/v1/regions?region=US", "/v1/regions", 400);
  r.send("regions head with a parameter", "HEAD", "/v1/regions?region=US", "/v1/regions", 400);
  r.send("windows in 2026 shown in IST", "GET",
         "/v1/windows?region=US&from=2026-01-01T00:00:00Z&to=2026-04-01T00:00:00Z&tz=Asia/Kolkata",
         "/v1/windows", 200);
  r.send("windows, defaults", "GET", "/v1/windows?region=in", "/v1/windows", 200);
  r.send("windows of a region with several", "GET", "/v1/windows?region=DC", "/v1/windows", 200);
  r.send("windows head", "HEAD", "/v1/windows?region=US", "/v1/windows", 200);
  r.send("windows without region", "GET", "/v1/windows", "/v1/windows", 400);
  auto several = r.send("windows, every parameter wrong", "GET",
                        "/v1/windows?region=XX&from=yesterday&to=2026-13-01T00:00:00Z&tz=EST",
                        "/v1/windows", 400);
  CHECK(several.json["errors"].size() == 4);
  r.send("windows, reversed range", "GET",
         "/v1/windows?region=US&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "/v1/windows",
         400);
  r.send("windows, repeated parameter", "GET", "/v1/windows?region=US&region=EU", "/v1/windows",
         400);
  r.send("windows head without region", "HEAD", "/v1/windows", "/v1/windows", 400);
  r.send("next window", "GET", "/v1/windows/next?region=US", "/v1/windows/next", 200);
  r.send("next window shown in London", "GET",
         "/v1/windows/next?region=IN&after=2026-06-01T00:00:00Z&tz=Europe/London",
         "/v1/windows/next", 200);
  r.send("next window head", "HEAD", "/v1/windows/next?region=US", "/v1/windows/next", 200);
  r.send("slot for two regions", "GET", "/v1/windows/next?regions=EU,UK&duration=PT30M",
         "/v1/windows/next", 200);
  auto no_slot = r.send("slot longer than any window", "GET",
                        "/v1/windows/next?region=US&duration=PT5H", "/v1/windows/next", 200);
  CHECK(no_slot.json["slot"].is_null());
  r.send("slot, region and regions", "GET", "/v1/windows/next?region=US&regions=EU",
         "/v1/windows/next", 400);
  r.send("slot, bad duration and unknown region", "GET",
         "/v1/windows/next?regions=US,XX&duration=1h", "/v1/windows/next", 400);
  r.send("next window, unknown parameter", "GET", "/v1/windows/next?region=US&when=now",
         "/v1/windows/next", 400);
  r.send("next window head, bad after", "HEAD", "/v1/windows/next?region=US&after=x",
         "/v1/windows/next", 400);
  r.send("no maintenance yet", "GET", "/v1/maintenances", "/v1/maintenances", 200);
  r.send("no blackouts yet", "GET", "/v1/blackouts", "/v1/blackouts", 200);

  // --- 401 for every write, in each way a token can be wrong.
  r.send("create maintenance without a token", "POST", "/v1/maintenances", "/v1/maintenances", 401,
         {}, "{}");
  r.send("create maintenance with Basic", "POST", "/v1/maintenances", "/v1/maintenances", 401,
         {{"Authorization", "Basic b3BzOnB3"}}, "{}");
  r.send("create maintenance with a wrong token", "POST", "/v1/maintenances", "/v1/maintenances",
         401, bearer("slt_not-a-token"), "{}");
  for (const char* action : {"start", "complete", "cancel", "extend"}) {
    r.send(std::string(action) + " without a token", "POST",
           "/v1/maintenances/1/" + std::string(action),
           "/v1/maintenances/{id}/" + std::string(action), 401);
  }
  r.send("create blackout without a token", "POST", "/v1/blackouts", "/v1/blackouts", 401, {},
         "{}");
  r.send("delete blackout without a token", "DELETE", "/v1/blackouts/1", "/v1/blackouts/{id}", 401);

  // --- Malformed writes: 400.
  r.send("create maintenance, not JSON", "POST", "/v1/maintenances", "/v1/maintenances", 400, auth,
         "{\"title\": ");
  r.send("create maintenance, not an object", "POST", "/v1/maintenances", "/v1/maintenances", 400,
         auth, "[1, 2]");
  auto missing = r.send("create maintenance, members missing", "POST", "/v1/maintenances",
                        "/v1/maintenances", 400, auth, "{}");
  CHECK(missing.json["errors"].size() == 4);
  r.send("create maintenance, unknown member", "POST", "/v1/maintenances", "/v1/maintenances", 400,
         auth,
         json_start + "\"start\": \"2030-01-07T06:00:00Z\", \"end\": \"2030-01-07T07:00:00Z\", "
                      "\"priority\": 1}");
  r.send("create maintenance, end before start and a bad kind", "POST", "/v1/maintenances",
         "/v1/maintenances", 400, auth,
         json_start + "\"kind\": \"urgent\", \"start\": \"2030-01-07T07:00:00Z\", \"end\": "
                      "\"2030-01-07T06:00:00Z\"}");
  r.send("create maintenance, Idempotency-Key with a space", "POST", "/v1/maintenances",
         "/v1/maintenances", 400, bearer(token, "two words"), "{}");
  r.send("create blackout, members missing", "POST", "/v1/blackouts", "/v1/blackouts", 400, auth,
         "{\"regions\": \"EU\"}");

  // --- 422: rules a booking breaks.
  const auto started = now();
  r.send("create maintenance, unknown region", "POST", "/v1/maintenances", "/v1/maintenances", 422,
         auth,
         "{\"regions\": [\"XX\"], \"title\": \"t\", \"start\": \"" +
             rfc3339(started + std::chrono::days{30}) + "\", \"end\": \"" +
             rfc3339(started + std::chrono::days{30} + std::chrono::hours{1}) + "\"}");
  auto short_notice = r.send(
      "create maintenance, a day's notice", "POST", "/v1/maintenances", "/v1/maintenances", 422,
      auth,
      json_start + "\"start\": \"" + rfc3339(started + std::chrono::days{1}) + "\", \"end\": \"" +
          rfc3339(started + std::chrono::days{1} + std::chrono::hours{1}) + "\"}");
  CHECK(short_notice.json["error"]["code"] == "insufficient_notice");

  // The earliest US hour with the policy's 7 days of notice (and 10 minutes
  // to spare, as the daemon's clock moves on between the two requests).
  const auto after = rfc3339(started + std::chrono::days{7} + std::chrono::minutes{10});
  auto slot =
      r.send("slot for one region", "GET",
             "/v1/windows/next?region=US&duration=PT1H&after=" + after, "/v1/windows/next", 200);
  REQUIRE(slot.json["slot"].is_object());
  const auto start = instant_of(slot.json["slot"]["start"]);
  const auto end = instant_of(slot.json["slot"]["end"]);
  const std::string booking = json_start +
                              "\"message\": \"Database upgrade\", \"services\": "
                              "[\"api\", \"web\"], \"start\": \"" +
                              rfc3339(start) + "\", \"end\": \"" + rfc3339(end) + "\"}";
  r.send("create maintenance, outside the window", "POST", "/v1/maintenances", "/v1/maintenances",
         422, auth,
         json_start + "\"start\": \"" + rfc3339(start + std::chrono::hours{12}) +
             "\", \"end\": \"" + rfc3339(end + std::chrono::hours{12}) + "\"}");

  // --- Booking, idempotent replay, and the overlap it then causes.
  auto created = r.send("create maintenance", "POST", "/v1/maintenances", "/v1/maintenances", 201,
                        bearer(token, "openapi-1"), booking);
  REQUIRE(created.json.is_object());
  const std::string id = created.id();
  const std::string base = "/v1/maintenances/" + id;
  auto replayed = r.send("create maintenance, replayed", "POST", "/v1/maintenances",
                         "/v1/maintenances", 200, bearer(token, "openapi-1"), booking);
  CHECK(replayed.id() == id);
  r.send("create maintenance, key reused for another request", "POST", "/v1/maintenances",
         "/v1/maintenances", 422, bearer(token, "openapi-1"), booking + " ");
  r.send("create maintenance, overlap", "POST", "/v1/maintenances", "/v1/maintenances", 422, auth,
         booking);

  // --- Reads of what is booked.
  r.send("one maintenance", "GET", base, "/v1/maintenances/{id}", 200);
  r.send("one maintenance head", "HEAD", base, "/v1/maintenances/{id}", 200);
  r.send("one maintenance, a parameter", "GET", base + "?verbose=1", "/v1/maintenances/{id}", 400);
  r.send("one maintenance head, a parameter", "HEAD", base + "?verbose=1", "/v1/maintenances/{id}",
         400);
  r.send("no such maintenance", "GET", "/v1/maintenances/999999", "/v1/maintenances/{id}", 404);
  r.send("maintenance id not a number", "GET", "/v1/maintenances/abc", "/v1/maintenances/{id}",
         404);
  r.send("no such maintenance head", "HEAD", "/v1/maintenances/999999", "/v1/maintenances/{id}",
         404);
  r.send("maintenances filtered", "GET",
         "/v1/maintenances?region=us&state=planned&from=" + rfc3339(started) +
             "&to=" + rfc3339(started + std::chrono::days{60}),
         "/v1/maintenances", 200);
  r.send("maintenances head", "HEAD", "/v1/maintenances?state=planned", "/v1/maintenances", 200);
  r.send("maintenances, bad state and region", "GET", "/v1/maintenances?state=done&region=XX",
         "/v1/maintenances", 400);
  r.send("maintenances head, bad from", "HEAD", "/v1/maintenances?from=soon", "/v1/maintenances",
         400);

  // --- Blackouts, and a booking one of them refuses.
  auto next_slot = r.send("the next free US hour", "GET",
                          "/v1/windows/next?region=US&duration=PT1H&after=" + rfc3339(end),
                          "/v1/windows/next", 200);
  REQUIRE(next_slot.json["slot"].is_object());
  const std::string frozen_start = next_slot.json["slot"]["start"];
  const std::string frozen_end = next_slot.json["slot"]["end"];
  const std::string freeze = "{\"regions\": [\"us\"], \"start\": \"" + frozen_start +
                             "\", \"end\": \"" + frozen_end + "\", \"reason\": \"Release freeze\"}";
  auto blackout = r.send("create blackout", "POST", "/v1/blackouts", "/v1/blackouts", 201,
                         bearer(token, "openapi-freeze"), freeze);
  REQUIRE(blackout.json.is_object());
  const std::string blackout_path = "/v1/blackouts/" + blackout.id();
  r.send("create blackout, replayed", "POST", "/v1/blackouts", "/v1/blackouts", 200,
         bearer(token, "openapi-freeze"), freeze);
  r.send("create blackout, key of a maintenance", "POST", "/v1/blackouts", "/v1/blackouts", 422,
         bearer(token, "openapi-1"), freeze);
  r.send("create blackout, unknown regions", "POST", "/v1/blackouts", "/v1/blackouts", 422, auth,
         "{\"regions\": [\"XX\", \"YY\"], \"start\": \"" + frozen_start + "\", \"end\": \"" +
             frozen_end + "\", \"reason\": \"r\"}");
  r.send("create blackout, unknown member", "POST", "/v1/blackouts", "/v1/blackouts", 400, auth,
         "{\"region\": \"EU\", \"start\": \"" + frozen_start + "\", \"end\": \"" + frozen_end +
             "\", \"reason\": \"r\"}");
  auto global =
      r.send("create global blackout", "POST", "/v1/blackouts", "/v1/blackouts", 201, auth,
             "{\"start\": \"2031-12-24T00:00:00Z\", \"end\": "
             "\"2032-01-02T00:00:00Z\", \"reason\": \"Year-end freeze\"}");
  CHECK(global.json["blackout"]["global"] == true);
  r.send("create maintenance in the blackout", "POST", "/v1/maintenances", "/v1/maintenances", 422,
         auth,
         json_start + "\"start\": \"" + frozen_start + "\", \"end\": \"" + frozen_end + "\"}");
  r.send("blackouts", "GET", "/v1/blackouts", "/v1/blackouts", 200);
  r.send("blackouts head", "HEAD", "/v1/blackouts", "/v1/blackouts", 200);
  r.send("blackouts, a parameter", "GET", "/v1/blackouts?region=US", "/v1/blackouts", 400);
  r.send("blackouts head, a parameter", "HEAD", "/v1/blackouts?region=US", "/v1/blackouts", 400);
  r.send("one blackout", "GET", blackout_path, "/v1/blackouts/{id}", 200);
  r.send("one blackout head", "HEAD", blackout_path, "/v1/blackouts/{id}", 200);
  r.send("one blackout, bad escape in the query", "GET", blackout_path + "?x=%zz",
         "/v1/blackouts/{id}", 400);
  r.send("one blackout head, bad escape in the query", "HEAD", blackout_path + "?x=%zz",
         "/v1/blackouts/{id}", 400);
  r.send("no such blackout head", "HEAD", "/v1/blackouts/0", "/v1/blackouts/{id}", 404);
  r.send("delete blackout, bad Idempotency-Key", "DELETE", blackout_path, "/v1/blackouts/{id}", 400,
         bearer(token, std::string(256, 'k')));
  r.send("delete blackout", "DELETE", blackout_path, "/v1/blackouts/{id}", 200, auth);
  r.send("delete blackout again", "DELETE", blackout_path, "/v1/blackouts/{id}", 404, auth);
  r.send("deleted blackout", "GET", blackout_path, "/v1/blackouts/{id}", 404);

  // --- The lifecycle: 409 for what it does not allow, 422 for a shorter "extension".
  r.send("complete before start", "POST", base + "/complete", "/v1/maintenances/{id}/complete", 409,
         auth);
  r.send("extend, not later", "POST", base + "/extend", "/v1/maintenances/{id}/extend", 422, auth,
         "{\"end\": \"" + rfc3339(end - std::chrono::minutes{30}) + "\"}");
  r.send("extend, bad end and unknown member", "POST", base + "/extend",
         "/v1/maintenances/{id}/extend", 400, auth, "{\"end\": \"later\", \"by\": \"PT1H\"}");
  r.send("extend, no body", "POST", base + "/extend", "/v1/maintenances/{id}/extend", 400, auth);
  r.send("extend", "POST", base + "/extend", "/v1/maintenances/{id}/extend", 200, auth,
         "{\"end\": \"" + rfc3339(end + std::chrono::minutes{30}) + "\"}");
  r.send("complete with a body member", "POST", base + "/complete",
         "/v1/maintenances/{id}/complete", 400, auth, "{\"at\": \"now\"}");
  r.send("cancel with a body that is not JSON", "POST", base + "/cancel",
         "/v1/maintenances/{id}/cancel", 400, auth, "cancel");
  r.send("start with a body member", "POST", base + "/start", "/v1/maintenances/{id}/start", 400,
         auth, "{\"at\": \"now\"}");
  r.send("start with a bad Idempotency-Key", "POST", base + "/start", "/v1/maintenances/{id}/start",
         400, bearer(token, "a b"));
  auto in_progress =
      r.send("start", "POST", base + "/start", "/v1/maintenances/{id}/start", 200, auth, "{}");
  CHECK(in_progress.json["maintenance"]["state"] == "in_progress");
  r.send("start again", "POST", base + "/start", "/v1/maintenances/{id}/start", 409, auth);

  // --- Status documents, with work under way: 200, HEAD, and 304 for the
  // entity tag or the date the first answer gave.
  for (const std::string path :
       {"/", "/v1/status", "/api/v2/summary.json", "/api/v2/status.json", "/api/v2/components.json",
        "/api/v2/scheduled-maintenances/upcoming.json",
        "/api/v2/scheduled-maintenances/active.json", "/api/v2/incidents/unresolved.json"}) {
    r.send("status document " + path, "GET", path + "?_=1", path, path == "/v1/status" ? 400 : 200);
    r.send("status document " + path, "GET", path, path, 200);
    r.send("status document head " + path, "HEAD", path, path, 200);
    const auto fresh = daemon.client.Get(path);
    REQUIRE(fresh);
    r.send("status document, If-None-Match " + path, "GET", path, path, 304,
           {{"If-None-Match", fresh->get_header_value("ETag")}});
    r.send("status document head, If-None-Match " + path, "HEAD", path, path, 304,
           {{"If-None-Match", fresh->get_header_value("ETag")}});
    r.send("status document, If-Modified-Since " + path, "GET", path, path, 304,
           {{"If-Modified-Since", fresh->get_header_value("Last-Modified")}});
    r.send("status document, stale tag " + path, "GET", path, path, 200,
           {{"If-None-Match", "\"stale\""}});
  }
  r.send("status head, a parameter", "HEAD", "/v1/status?region=US", "/v1/status", 400);
  r.send("POST status", "POST", "/v1/status", "/v1/status", 405, {}, "{}");
  r.send("DELETE the page", "DELETE", "/", "/", 405);
  r.send("PUT summary", "PUT", "/api/v2/summary.json", "/api/v2/summary.json", 405, {}, "{}");

  // --- Calendar feeds, with maintenance booked and under way: 200, HEAD,
  // 304 for the entity tag or the date the first answer gave, and refusals.
  for (const std::string path : {"/calendars/all.ics", "/calendars/{region}.ics"}) {
    const std::string target = path == "/calendars/all.ics" ? path : "/calendars/us.ics";
    r.send("feed " + target, "GET", target, path, 200);
    r.send("feed, services " + target, "GET", target + "?services=api,web", path, 200);
    r.send("feed head " + target, "HEAD", target, path, 200);
    const auto fresh = daemon.client.Get(target);
    REQUIRE(fresh);
    r.send("feed, If-None-Match " + target, "GET", target, path, 304,
           {{"If-None-Match", fresh->get_header_value("ETag")}});
    r.send("feed head, If-None-Match " + target, "HEAD", target, path, 304,
           {{"If-None-Match", fresh->get_header_value("ETag")}});
    r.send("feed, If-Modified-Since " + target, "GET", target, path, 304,
           {{"If-Modified-Since", fresh->get_header_value("Last-Modified")}});
    r.send("feed, stale tag " + target, "GET", target, path, 200, {{"If-None-Match", "\"stale\""}});
    r.send("feed, unknown parameter " + target, "GET", target + "?region=US", path, 400);
    r.send("feed head, no services " + target, "HEAD", target + "?services=", path, 400);
  }
  r.send("feed of no region", "GET", "/calendars/XX.ics", "/calendars/{region}.ics", 404);
  r.send("feed head of no region", "HEAD", "/calendars/XX.ics", "/calendars/{region}.ics", 404);
  r.send("POST a feed", "POST", "/calendars/US.ics", "/calendars/{region}.ics", 405, {}, "{}");
  r.send("DELETE the feed of all", "DELETE", "/calendars/all.ics", "/calendars/all.ics", 405);
  r.send("complete", "POST", base + "/complete", "/v1/maintenances/{id}/complete", 200, auth);
  r.send("complete again", "POST", base + "/complete", "/v1/maintenances/{id}/complete", 409, auth);
  r.send("cancel completed", "POST", base + "/cancel", "/v1/maintenances/{id}/cancel", 409, auth);
  r.send("extend completed", "POST", base + "/extend", "/v1/maintenances/{id}/extend", 409, auth,
         "{\"end\": \"" + rfc3339(end + std::chrono::hours{2}) + "\"}");
  for (const char* action : {"start", "complete", "cancel", "extend"}) {
    const std::string template_path = "/v1/maintenances/{id}/" + std::string(action);
    r.send(std::string(action) + " of no maintenance", "POST",
           "/v1/maintenances/424242/" + std::string(action), template_path, 404, auth);
    r.send(std::string(action) + " of a non-number", "POST",
           "/v1/maintenances/-1/" + std::string(action), template_path, 404, auth);
  }

  // --- Emergency maintenance: in progress at once, then cancelled.
  auto emergency = r.send(
      "declare emergency maintenance", "POST", "/v1/maintenances", "/v1/maintenances", 201, auth,
      "{\"kind\": \"emergency\", \"regions\": [\"UK\"], \"title\": \"Disk failure\", \"message\": "
      "null, \"services\": null, \"start\": \"" +
          rfc3339(now() - std::chrono::minutes{10}) + "\", \"end\": \"" +
          rfc3339(now() + std::chrono::minutes{50}) + "\"}");
  REQUIRE(emergency.json.is_object());
  CHECK(emergency.json["maintenance"]["state"] == "in_progress");
  r.send("cancel emergency maintenance", "POST", "/v1/maintenances/" + emergency.id() + "/cancel",
         "/v1/maintenances/{id}/cancel", 200, auth);
  r.send("every maintenance", "GET", "/v1/maintenances", "/v1/maintenances", 200);

  // --- Outages: recorded, listed, resolved; the history import; availability.
  const std::string an_outage = "{\"service\": \"api\", \"regions\": [\"US\"], \"start\": \"" +
                                rfc3339(now() - std::chrono::hours{2}) + "\"}";
  r.send("record outage without a token", "POST", "/v1/outages", "/v1/outages", 401, {}, an_outage);
  r.send("record outage, members missing", "POST", "/v1/outages", "/v1/outages", 400, auth, "{}");
  r.send("record outage, unknown region", "POST", "/v1/outages", "/v1/outages", 422, auth,
         "{\"service\": \"api\", \"regions\": [\"XX\"]}");
  auto outage = r.send("record outage", "POST", "/v1/outages", "/v1/outages", 201,
                       bearer(token, "openapi-outage"), an_outage);
  REQUIRE(outage.json.is_object());
  const std::string outage_path = "/v1/outages/" + outage.id();
  r.send("record outage, replayed", "POST", "/v1/outages", "/v1/outages", 200,
         bearer(token, "openapi-outage"), an_outage);
  r.send("outages", "GET", "/v1/outages", "/v1/outages", 200);
  r.send("outages filtered", "GET",
         "/v1/outages?service=api&region=us&state=open&from=" +
             rfc3339(now() - std::chrono::days{1}) + "&to=" + rfc3339(now()) + "&limit=5",
         "/v1/outages", 200);
  r.send("outages head", "HEAD", "/v1/outages?limit=1", "/v1/outages", 200);
  r.send("outages, bad state and limit", "GET", "/v1/outages?state=closed&limit=0", "/v1/outages",
         400);
  r.send("outages head, bad limit", "HEAD", "/v1/outages?limit=x", "/v1/outages", 400);
  r.send("one outage", "GET", outage_path, "/v1/outages/{id}", 200);
  r.send("one outage head", "HEAD", outage_path, "/v1/outages/{id}", 200);
  r.send("one outage, a parameter", "GET", outage_path + "?x=1", "/v1/outages/{id}", 400);
  r.send("one outage head, a parameter", "HEAD", outage_path + "?x=1", "/v1/outages/{id}", 400);
  r.send("no such outage", "GET", "/v1/outages/999999", "/v1/outages/{id}", 404);
  r.send("no such outage head", "HEAD", "/v1/outages/999999", "/v1/outages/{id}", 404);
  r.send("resolve outage without a token", "POST", outage_path + "/resolve",
         "/v1/outages/{id}/resolve", 401);
  r.send("resolve outage, bad end", "POST", outage_path + "/resolve", "/v1/outages/{id}/resolve",
         400, auth, "{\"end\": \"now\"}");
  r.send("resolve no outage", "POST", "/v1/outages/999999/resolve", "/v1/outages/{id}/resolve", 404,
         auth);
  auto resolved = r.send("resolve outage", "POST", outage_path + "/resolve",
                         "/v1/outages/{id}/resolve", 200, auth, "{\"cause\": \"third_party\"}");
  CHECK(resolved.json["outage"]["open"] == false);
  r.send("resolve outage again", "POST", outage_path + "/resolve", "/v1/outages/{id}/resolve", 409,
         auth);

  const std::string history =
      "{\"maintenances\": [{\"title\": \"Past upgrade\", \"regions\": [\"US\"], \"services\": "
      "[\"api\"], \"start\": \"2026-10-12T05:00:00Z\", \"end\": \"2026-10-12T06:00:00Z\", "
      "\"announced_at\": \"2026-09-01T00:00:00Z\", \"actual_start\": \"2026-10-12T05:00:00Z\", "
      "\"actual_end\": \"2026-10-12T07:30:00Z\"}], \"outages\": [{\"service\": \"api\", "
      "\"regions\": [\"US\"], \"start\": \"2026-10-03T10:00:00Z\", \"end\": "
      "\"2026-10-03T11:00:00Z\", \"cause\": \"force_majeure\"}]}";
  r.send("import without a token", "POST", "/v1/import", "/v1/import", 401, {}, history);
  r.send("import, an item without its start", "POST", "/v1/import", "/v1/import", 400, auth,
         "{\"outages\": [{\"service\": \"api\", \"regions\": [\"US\"]}]}");
  r.send("import, an unknown region", "POST", "/v1/import", "/v1/import", 422, auth,
         "{\"outages\": [{\"service\": \"api\", \"regions\": [\"XX\"], \"start\": "
         "\"2026-10-03T10:00:00Z\"}]}");
  r.send("import", "POST", "/v1/import", "/v1/import", 201, bearer(token, "openapi-import"),
         history);
  r.send("import, replayed", "POST", "/v1/import", "/v1/import", 200,
         bearer(token, "openapi-import"), history);
  auto report =
      r.send("availability of one service in one month", "GET",
             "/v1/availability?service=api&region=US&month=2026-10", "/v1/availability", 200);
  CHECK(report.json["excluded_seconds"] == 10800);
  r.send("availability this month, every service", "GET", "/v1/availability", "/v1/availability",
         200);
  r.send("availability over months", "GET", "/v1/availability?service=api&from=2026-09&to=2026-10",
         "/v1/availability", 200);
  r.send("availability head", "HEAD", "/v1/availability?service=api", "/v1/availability", 200);
  r.send("availability, bad month and region", "GET", "/v1/availability?month=2026-13&region=XX",
         "/v1/availability", 400);
  r.send("availability head, bad month", "HEAD", "/v1/availability?month=soon", "/v1/availability",
         400);
  r.send("PUT availability", "PUT", "/v1/availability", "/v1/availability", 405, auth, "{}");
  r.send("GET import", "GET", "/v1/import", "/v1/import", 405);

  // --- Alertmanager: the windows as time intervals, and its webhook.
  const std::string intervals = "/v1/integrations/alertmanager/time-intervals.yaml";
  r.send("alertmanager time intervals", "GET", intervals, intervals, 200);
  r.send("alertmanager time intervals head", "HEAD", intervals, intervals, 200);
  r.send("alertmanager time intervals, a parameter", "GET", intervals + "?x=1", intervals, 400);
  const std::string webhook = "/v1/integrations/alertmanager";
  const std::string notification =
      R"({"version": "4", "status": "firing", "alerts": [{"status": "firing", )"
      R"("labels": {"alertname": "ApiDown", "service": "api", "region": "US"}, )"
      R"("startsAt": ")" +
      rfc3339(now() - std::chrono::minutes{5}) + R"(", "fingerprint": "0123abcd"}]})";
  r.send("alertmanager webhook without a token", "POST", webhook, webhook, 401, {}, notification);
  r.send("alertmanager webhook, not version 4", "POST", webhook, webhook, 400, auth,
         R"({"version": "3", "alerts": []})");
  r.send("alertmanager webhook", "POST", webhook, webhook, 200, auth, notification);
  r.send("GET alertmanager webhook", "GET", webhook, webhook, 405);

  // --- Paths and methods the API does not have.
  r.send("no such path", "GET", "/v1/nothing", "*", 404);
  r.send("no such path head", "HEAD", "/v1/maintenances/1/bogus", "*", 404);
  r.send("no such path post", "POST", "/v2/maintenances", "*", 404, auth, "{}");
  r.send("PUT regions", "PUT", "/v1/regions", "/v1/regions", 405, {}, "{}");
  r.send("POST healthz", "POST", "/healthz", "/healthz", 405);
  r.send("DELETE windows", "DELETE", "/v1/windows?region=US", "/v1/windows", 405);
  r.send("PATCH next window", "PATCH", "/v1/windows/next", "/v1/windows/next", 405, {}, "{}");
  r.send("DELETE maintenances", "DELETE", "/v1/maintenances", "/v1/maintenances", 405, auth);
  r.send("DELETE one maintenance", "DELETE", base, "/v1/maintenances/{id}", 405, auth);
  r.send("GET start", "GET", base + "/start", "/v1/maintenances/{id}/start", 405);
  r.send("OPTIONS blackouts", "OPTIONS", "/v1/blackouts", "/v1/blackouts", 405);
  r.send("PUT one blackout", "PUT", "/v1/blackouts/1", "/v1/blackouts/{id}", 405, auth, "{}");

  // --- A body over the daemon's limit (64 KiB): 413, before anything else.
  for (const auto& [method, target, path] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"POST", "/v1/maintenances", "/v1/maintenances"},
           {"POST", base + "/start", "/v1/maintenances/{id}/start"},
           {"POST", base + "/complete", "/v1/maintenances/{id}/complete"},
           {"POST", base + "/cancel", "/v1/maintenances/{id}/cancel"},
           {"POST", base + "/extend", "/v1/maintenances/{id}/extend"},
           {"POST", "/v1/blackouts", "/v1/blackouts"},
           {"POST", "/v1/outages", "/v1/outages"},
           {"POST", "/v1/outages/1/resolve", "/v1/outages/{id}/resolve"},
           {"POST", "/v1/import", "/v1/import"},
           {"DELETE", blackout_path, "/v1/blackouts/{id}"}}) {
    const auto received = slate::test::raw_exchange(
        daemon.process.port(),
        method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
            "\r\nContent-Type: application/json\r\nContent-Length: "
            "100000\r\n\r\n{\"title\": \"");
    const auto headers = raw_headers(received);
    r.record("body too large: " + method + " " + path, method, path,
             slate::test::status_of(received),
             headers.value("Content-Type", headers.value("content-type", "")), headers,
             slate::test::body_of(received), 413);
  }

  // --- Support tickets, deadlines and compliance (uniphore.toml has [support]).
  const auto opened_at = rfc3339(now() - std::chrono::hours{2});
  auto ticket = r.send("open a ticket", "POST", "/v1/tickets", "/v1/tickets", 201, auth,
                       "{\"ref\": \"INC-1\", \"title\": \"openapi\", \"severity\": \"Sev1\", "
                       "\"opened_at\": \"" +
                           opened_at + "\"}");
  CHECK(ticket.json["ticket"]["clocks"].size() >= 2);
  r.send("open a ticket, default severity", "POST", "/v1/tickets", "/v1/tickets", 201, auth,
         "{\"ref\": \"INC-2\", \"title\": \"openapi\"}");
  r.send("open a ticket again", "POST", "/v1/tickets", "/v1/tickets", 409, auth,
         "{\"ref\": \"INC-1\", \"title\": \"openapi\"}");
  r.send("open a ticket, unknown severity", "POST", "/v1/tickets", "/v1/tickets", 422, auth,
         "{\"ref\": \"INC-3\", \"title\": \"openapi\", \"severity\": \"P1\"}");
  r.send("open a ticket, local time", "POST", "/v1/tickets", "/v1/tickets", 400, auth,
         "{\"ref\": \"INC-3\", \"title\": \"t\", \"opened_at\": \"2026-01-01T10:00:00\"}");
  r.send("open a ticket without a token", "POST", "/v1/tickets", "/v1/tickets", 401, {}, "{}");
  r.send("ticket event", "POST", "/v1/tickets/INC-1/events", "/v1/tickets/{ref}/events", 200, auth,
         "{\"type\": \"paused\", \"note\": \"awaiting customer\"}");
  r.send("ticket event, unknown type", "POST", "/v1/tickets/INC-1/events",
         "/v1/tickets/{ref}/events", 400, auth, "{\"type\": \"escalated\"}");
  r.send("ticket event, before the opening", "POST", "/v1/tickets/INC-1/events",
         "/v1/tickets/{ref}/events", 422, auth,
         "{\"type\": \"responded\", \"at\": \"2020-01-01T00:00:00Z\"}");
  r.send("ticket event, no such ticket", "POST", "/v1/tickets/NOPE/events",
         "/v1/tickets/{ref}/events", 404, auth, "{\"type\": \"responded\"}");
  r.send("ticket", "GET", "/v1/tickets/INC-1", "/v1/tickets/{ref}", 200);
  r.send("ticket head", "HEAD", "/v1/tickets/INC-1", "/v1/tickets/{ref}", 200);
  r.send("no such ticket", "GET", "/v1/tickets/NOPE", "/v1/tickets/{ref}", 404);
  r.send("tickets", "GET", "/v1/tickets?state=open&severity=Sev1", "/v1/tickets", 200);
  r.send("tickets head", "HEAD", "/v1/tickets", "/v1/tickets", 200);
  r.send("tickets, bad state", "GET", "/v1/tickets?state=closed", "/v1/tickets", 400);
  r.send("tickets, unknown severity", "GET", "/v1/tickets?severity=P9", "/v1/tickets", 422);
  r.send("deadlines", "GET", "/v1/sla/deadlines?severity=Sev1&opened_at=2026-03-20T16:30:00Z",
         "/v1/sla/deadlines", 200);
  r.send("deadlines head", "HEAD", "/v1/sla/deadlines?severity=Sev2&opened_at=2026-03-20T16:30:00Z",
         "/v1/sla/deadlines", 200);
  r.send("deadlines without opened_at", "GET", "/v1/sla/deadlines?severity=Sev1",
         "/v1/sla/deadlines", 400);
  r.send("deadlines, unknown plan", "GET",
         "/v1/sla/deadlines?severity=Sev1&opened_at=2026-03-20T16:30:00Z&plan=gold",
         "/v1/sla/deadlines", 422);
  r.send("compliance", "GET", "/v1/sla/compliance", "/v1/sla/compliance", 200);
  r.send("compliance head", "HEAD", "/v1/sla/compliance?month=2026-01", "/v1/sla/compliance", 200);
  r.send("compliance as CSV", "GET", "/v1/sla/compliance?format=csv", "/v1/sla/compliance", 200);
  r.send("compliance, bad month", "GET", "/v1/sla/compliance?month=2026-13", "/v1/sla/compliance",
         400);

  r.close();
  const auto run = check({k_spec.string(), r.file().string()});
  INFO("openapi_check.pl output:\n" << run.out << run.err);
  CHECK(run.exit_status == 0);
  CHECK(contains(run.out, " 0 mismatches"));
}
