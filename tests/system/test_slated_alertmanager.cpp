// slated with a real Alertmanager (Debian's 0.25, support/alertmanager_process):
// maintenance silences its alerts, alerts open and resolve outages, and
// both survive crashes of either side. The daemon runs on a test clock set
// just ahead of the real time, since Alertmanager keeps the real one.
// Skipped only when Alertmanager is not installed (scripts/setup installs it).

#include "clocked_daemon.hpp"

#include <slate/domain/observed_silence.hpp>
#include <slate/formats/json_alertmanager_silence.hpp>
#include <slate/formats/rfc3339.hpp>

#include <support/alertmanager_process.hpp>

#include <doctest/doctest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace domain = slate::domain;
namespace formats = slate::formats;
using slate::test::AlertmanagerProcess;
using slate::test::ClockedDaemon;
using namespace std::chrono_literals;

namespace {

constexpr const char* k_token = "alertmanager-test-token";

domain::Instant real_now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

// Poll `done` until it holds, for at most `timeout`: Alertmanager and the
// daemon's workers act asynchronously and give no other signal.
bool eventually(const std::function<bool()>& done, std::chrono::seconds timeout = 20s) {
  // A look that throws (a list still empty, an answer not yet there) is
  // a look that failed: look again.
  const auto holds = [&] {
    try {
      return done();
    } catch (const std::exception&) {
      return false;
    }
  };
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (holds()) {
      return true;
    }
    std::this_thread::sleep_for(50ms);
  }
  return holds();
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The shipped policy with an [alertmanager] section.
std::filesystem::path write_policy(const std::filesystem::path& dir) {
  const auto path = dir / "policy.toml";
  std::ofstream out(path);
  out << read_text(SLATE_SOURCE_DIR "/etc/policies/uniphore.toml")
      << "\n[alertmanager]\nlead = \"PT5M\"\ngrace = \"PT15M\"\n"
         "[alertmanager.regions.US]\nmatchers = ['region=\"US\"']\n"
         "[alertmanager.services.api]\nmatchers = ['service=\"api\"']\n"
         "[alertmanager.alerts]\nmatch = ['slo=\"availability\"']\n"
         "service_label = \"service\"\nregion_label = \"region\"\n";
  return path;
}

// A route that sends every alert to slated's webhook, resolutions too, and
// repeats quickly.
std::string alertmanager_config(int slated_port) {
  return "route:\n"
         "  receiver: \"slated\"\n"
         "  group_by: [\"alertname\"]\n"
         "  group_wait: 200ms\n"
         "  group_interval: 1s\n"
         "  repeat_interval: 2s\n"
         "receivers:\n"
         "  - name: \"slated\"\n"
         "    webhook_configs:\n"
         "      - url: \"http://127.0.0.1:" +
         std::to_string(slated_port) +
         "/v1/integrations/alertmanager\"\n"
         "        send_resolved: true\n"
         "        http_config:\n"
         "          authorization:\n"
         "            credentials: \"" +
         std::string(k_token) + "\"\n";
}

struct AlertmanagerClient {
  explicit AlertmanagerClient(int port) : client("127.0.0.1", port) {
    client.set_connection_timeout(5);
    client.set_read_timeout(10);
  }

  std::vector<domain::ObservedSilence> silences() {
    const auto answer = client.Get("/api/v2/silences");
    if (!answer || answer->status != 200) {
      return {};
    }
    auto listed = formats::parse_silence_list(answer->body);
    REQUIRE_MESSAGE(listed.ok(), answer->body);
    return listed.value();
  }

  // The silences slated made for maintenance `id` that are not expired.
  std::vector<domain::ObservedSilence> live(std::int64_t id) {
    std::vector<domain::ObservedSilence> out;
    const std::string tag = "slated maintenance/" + std::to_string(id) + " ";
    for (const auto& silence : silences()) {
      if (silence.state != domain::SilenceState::expired && silence.comment.rfind(tag, 0) == 0) {
        out.push_back(silence);
      }
    }
    return out;
  }

  void post_alert(const nlohmann::json& labels, std::optional<domain::Instant> ends_at = {}) {
    nlohmann::json alert{{"labels", labels}};
    if (ends_at) {
      alert["endsAt"] = formats::format_rfc3339_utc(*ends_at);
    }
    const auto answer =
        client.Post("/api/v2/alerts", nlohmann::json::array({alert}).dump(), "application/json");
    REQUIRE(answer);
    REQUIRE(answer->status == 200);
  }

  std::string alert_state(const std::string& name) {
    const auto answer = client.Get("/api/v2/alerts");
    if (!answer || answer->status != 200) {
      return "";
    }
    for (const auto& alert : nlohmann::json::parse(answer->body)) {
      if (alert["labels"].value("alertname", "") == name) {
        return alert["status"]["state"];
      }
    }
    return "";
  }

  httplib::Client client;
};

// An emergency maintenance of api in US, from a minute ago for an hour.
std::int64_t declare(ClockedDaemon& slated) {
  const auto made = slated.post("/v1/maintenances",
                                {{"kind", "emergency"},
                                 {"regions", {"US"}},
                                 {"services", {"api"}},
                                 {"title", "database failover"},
                                 {"start", formats::format_rfc3339_utc(slated.now() - 1min)},
                                 {"end", formats::format_rfc3339_utc(slated.now() + 1h)}},
                                201);
  return made["maintenance"]["id"].get<std::int64_t>();
}

nlohmann::json silences_in_slated(ClockedDaemon& slated, std::int64_t id) {
  return slated.get_json("/v1/maintenances/" + std::to_string(id))["maintenance"]["silences"];
}

} // namespace

TEST_CASE("alertmanager: a maintenance's silence follows it, and silences its alerts") {
  REQUIRE_MESSAGE(AlertmanagerProcess::installed(),
                  "prometheus-alertmanager is not installed: run scripts/setup");
  slate::test::TempDir dir;
  AlertmanagerProcess alertmanager(alertmanager_config(1));
  AlertmanagerClient am(alertmanager.port());
  ClockedDaemon slated(real_now() + 1min, {"--policy", write_policy(dir.path()).string(),
                                           "--alertmanager-url", alertmanager.url()});
  const auto id = declare(slated);

  std::vector<domain::ObservedSilence> live;
  REQUIRE_MESSAGE(eventually([&] { return (live = am.live(id)).size() == 1; }),
                  slated.process().log());
  const auto silence = live.front();
  CHECK(silence.created_by == "slated");
  CHECK(silence.state == domain::SilenceState::active);
  CHECK(silence.ends_at == slated.now() + 1h + 15min);
  std::vector<std::string> matchers;
  for (const auto& matcher : silence.matchers) {
    matchers.push_back(matcher.to_string());
  }
  std::sort(matchers.begin(), matchers.end());
  CHECK(matchers == std::vector<std::string>{R"(region="US")", R"(service="api")"});
  REQUIRE(eventually([&] {
    const auto shown = silences_in_slated(slated, id);
    return shown.size() == 1 && shown[0]["id"] == silence.id && shown[0]["state"] == "active";
  }));

  am.post_alert({{"alertname", "ApiDown"}, {"region", "US"}, {"service", "api"}});
  CHECK(eventually([&] { return am.alert_state("ApiDown") == "suppressed"; }));
  am.post_alert({{"alertname", "WebDown"}, {"region", "US"}, {"service", "web"}});
  CHECK(eventually([&] { return am.alert_state("WebDown") == "active"; }));

  // Extending moves endsAt, keeping the id.
  slated.post("/v1/maintenances/" + std::to_string(id) + "/extend",
              {{"end", formats::format_rfc3339_utc(slated.now() + 2h)}}, 200);
  CHECK(eventually([&] {
    const auto now_live = am.live(id);
    return now_live.size() == 1 && now_live[0].id == silence.id &&
           now_live[0].ends_at == slated.now() + 2h + 15min;
  }));

  // Completing expires it.
  slated.post("/v1/maintenances/" + std::to_string(id) + "/complete", nlohmann::json::object(),
              200);
  CHECK(eventually([&] { return am.live(id).empty(); }));
  CHECK(eventually([&] { return silences_in_slated(slated, id)[0]["state"] == "expired"; }));

  // Scheduled work a week ahead gets a pending silence from its start less
  // the lead to its end plus the grace.
  const auto start = slated.next_window("US", slated.now() + std::chrono::days{8});
  const auto booked = slated.post("/v1/maintenances",
                                  {{"regions", {"US"}},
                                   {"services", {"api"}},
                                   {"title", "kernel updates"},
                                   {"start", formats::format_rfc3339_utc(start)},
                                   {"end", formats::format_rfc3339_utc(start + 1h)}},
                                  201);
  const auto scheduled = booked["maintenance"]["id"].get<std::int64_t>();
  REQUIRE(eventually([&] { return am.live(scheduled).size() == 1; }));
  const auto pending = am.live(scheduled).front();
  CHECK(pending.state == domain::SilenceState::pending);
  CHECK(pending.starts_at == start - 5min);
  CHECK(pending.ends_at == start + 1h + 15min);

  httplib::Client client("127.0.0.1", slated.process().port());
  const auto metrics = client.Get("/metrics");
  REQUIRE(metrics);
  CHECK(metrics->body.find(
            "slated_alertmanager_silence_operations_total{operation=\"create\"} 2\n") !=
        std::string::npos);
  CHECK(metrics->body.find(
            "slated_alertmanager_silence_operations_total{operation=\"expire\"} 1\n") !=
        std::string::npos);
}

TEST_CASE("alertmanager: a firing alert opens one outage and its resolution resolves it") {
  REQUIRE_MESSAGE(AlertmanagerProcess::installed(),
                  "prometheus-alertmanager is not installed: run scripts/setup");
  slate::test::TempDir dir;
  const auto token_file = dir.path() / "alertmanager.token";
  std::ofstream(token_file) << k_token << "\n";
  ClockedDaemon slated(real_now() + 1min, {"--policy", write_policy(dir.path()).string(),
                                           "--alertmanager-token-file", token_file.string()});
  AlertmanagerProcess alertmanager(alertmanager_config(slated.process().port()));
  AlertmanagerClient am(alertmanager.port());

  const nlohmann::json labels{{"alertname", "ApiAvailability"},
                              {"slo", "availability"},
                              {"region", "US"},
                              {"service", "api"}};
  const auto mark = slated.process().log_mark();
  am.post_alert(labels);
  nlohmann::json outages;
  REQUIRE_MESSAGE(eventually([&] {
                    outages = slated.get_json("/v1/outages?service=api")["outages"];
                    return outages.size() == 1;
                  }),
                  slated.process().log());
  CHECK(outages[0]["open"] == true);
  CHECK(outages[0]["created_by"] == "alertmanager");
  // Alertmanager repeats the notification every 2 s: nothing changes.
  slated.process().wait_for_log("1 unchanged", mark);
  CHECK(slated.get_json("/v1/outages?service=api")["outages"].size() == 1);

  am.post_alert(labels, real_now());
  CHECK(eventually([&] {
    outages = slated.get_json("/v1/outages?service=api")["outages"];
    return outages.size() == 1 && outages[0]["open"] == false;
  }));
  CHECK(slated.get_json("/v1/outages?service=api")["outages"].size() == 1);
  httplib::Client metrics_client("127.0.0.1", slated.process().port());
  const auto metrics = metrics_client.Get("/metrics");
  REQUIRE(metrics);
  CHECK(metrics->body.find("slated_alertmanager_alerts_received_total 0\n") == std::string::npos);
  CHECK(metrics->body.find("slated_alertmanager_alerts_mapped_total 0\n") == std::string::npos);
  CHECK(
      metrics->body.find("slated_alertmanager_alerts_ignored_total{reason=\"not_matched\"} 0\n") !=
      std::string::npos);

  // Another token is refused, and the Alertmanager token writes nothing else.
  httplib::Client client("127.0.0.1", slated.process().port());
  const auto wrong =
      client.Post("/v1/integrations/alertmanager", {{"Authorization", "Bearer not-the-token"}},
                  R"({"version":"4","alerts":[]})", "application/json");
  REQUIRE(wrong);
  CHECK(wrong->status == 401);
  const auto elsewhere =
      client.Post("/v1/outages", {{"Authorization", std::string("Bearer ") + k_token}},
                  R"({"service":"api","regions":["US"]})", "application/json");
  REQUIRE(elsewhere);
  CHECK(elsewhere->status == 401);
}

TEST_CASE("alertmanager: a silence is made once across a SIGKILL of slated") {
  REQUIRE_MESSAGE(AlertmanagerProcess::installed(),
                  "prometheus-alertmanager is not installed: run scripts/setup");
  slate::test::TempDir dir;
  AlertmanagerProcess alertmanager(alertmanager_config(1));
  AlertmanagerClient am(alertmanager.port());
  ClockedDaemon slated(real_now() + 1min, {"--policy", write_policy(dir.path()).string(),
                                           "--alertmanager-url", alertmanager.url()});

  SUBCASE("killed while Alertmanager is down: the change waits in the outbox") {
    alertmanager.stop();
    const auto id = declare(slated);
    slated.process().wait_for_log("not delivered");
    slated.kill9();
    alertmanager.restart();
    slated.start();
    REQUIRE_MESSAGE(eventually([&] { return am.live(id).size() == 1; }), slated.process().log());
    CHECK(eventually([&] { return silences_in_slated(slated, id)[0]["state"] == "active"; }));
    CHECK(am.live(id).size() == 1);
  }
  SUBCASE("killed as soon as the silence exists: it is adopted, not made twice") {
    const auto id = declare(slated);
    REQUIRE(eventually([&] { return am.live(id).size() == 1; }, 20s));
    slated.kill9();
    slated.start();
    REQUIRE(eventually([&] {
      const auto shown = silences_in_slated(slated, id);
      return shown[0]["state"] == "active" && shown[0]["id"] == am.live(id).at(0).id;
    }));
    CHECK(am.live(id).size() == 1);
  }
}

TEST_CASE("alertmanager: the reconciler makes a vanished silence again") {
  REQUIRE_MESSAGE(AlertmanagerProcess::installed(),
                  "prometheus-alertmanager is not installed: run scripts/setup");
  slate::test::TempDir dir;
  AlertmanagerProcess alertmanager(alertmanager_config(1));
  AlertmanagerClient am(alertmanager.port());
  ClockedDaemon slated(real_now() + 1min,
                       {"--policy", write_policy(dir.path()).string(), "--alertmanager-url",
                        alertmanager.url(), "--alertmanager-reconcile", "1"});
  const auto id = declare(slated);
  REQUIRE(eventually([&] { return silences_in_slated(slated, id)[0]["state"] == "active"; }));
  const std::string first = silences_in_slated(slated, id)[0]["id"];

  alertmanager.restart(AlertmanagerProcess::Storage::empty);
  REQUIRE_MESSAGE(eventually([&] { return am.live(id).size() == 1; }), slated.process().log());
  CHECK(am.live(id).at(0).id != first);
  CHECK(
      eventually([&] { return silences_in_slated(slated, id)[0]["id"] == am.live(id).at(0).id; }));

  SUBCASE("one an operator expires is recorded, not made again") {
    const auto current = am.live(id).at(0).id;
    const auto expired = am.client.Delete(("/api/v2/silence/" + current).c_str());
    REQUIRE(expired);
    REQUIRE(expired->status == 200);
    CHECK(eventually(
        [&] { return silences_in_slated(slated, id)[0]["state"] == "expired_by_operator"; }));
    CHECK(am.live(id).empty());
  }
}

TEST_CASE("alertmanager: new matchers on SIGHUP replace the silence, under a new id") {
  REQUIRE_MESSAGE(AlertmanagerProcess::installed(),
                  "prometheus-alertmanager is not installed: run scripts/setup");
  slate::test::TempDir dir;
  AlertmanagerProcess alertmanager(alertmanager_config(1));
  AlertmanagerClient am(alertmanager.port());
  const auto policy = write_policy(dir.path());
  ClockedDaemon slated(real_now() + 1min,
                       {"--policy", policy.string(), "--alertmanager-url", alertmanager.url()});
  const auto id = declare(slated);
  REQUIRE(eventually([&] { return silences_in_slated(slated, id)[0]["state"] == "active"; }));
  const std::string first = silences_in_slated(slated, id)[0]["id"];

  auto text = read_text(policy);
  const std::string old_matcher = "matchers = ['region=\"US\"']";
  text.replace(text.find(old_matcher), old_matcher.size(), "matchers = ['region=~\"US|us-.*\"']");
  std::ofstream(policy) << text;
  const auto mark = slated.process().log_mark();
  slated.process().signal(SIGHUP);
  slated.process().wait_for_log("queued 1 silence changes", mark);

  REQUIRE_MESSAGE(eventually([&] {
                    const auto live = am.live(id);
                    return live.size() == 1 && live[0].id != first;
                  }),
                  slated.process().log());
  const auto live = am.live(id).front();
  bool regex = false;
  for (const auto& matcher : live.matchers) {
    regex = regex || matcher.to_string() == R"(region=~"US|us-.*")";
  }
  CHECK(regex);
  CHECK(eventually([&] { return silences_in_slated(slated, id)[0]["id"] == live.id; }));
}

TEST_CASE("alertmanager: a peer that does not answer is passed over for the next") {
  REQUIRE_MESSAGE(AlertmanagerProcess::installed(),
                  "prometheus-alertmanager is not installed: run scripts/setup");
  slate::test::TempDir dir;
  AlertmanagerProcess alertmanager(alertmanager_config(1));
  AlertmanagerClient am(alertmanager.port());
  // Port 1 on loopback: nothing listens, the connection is refused.
  ClockedDaemon slated(real_now() + 1min,
                       {"--policy", write_policy(dir.path()).string(), "--alertmanager-url",
                        "http://127.0.0.1:1", "--alertmanager-url", alertmanager.url()});
  const auto id = declare(slated);
  REQUIRE_MESSAGE(eventually([&] { return am.live(id).size() == 1; }), slated.process().log());
  CHECK(eventually([&] {
    const auto shown = silences_in_slated(slated, id);
    return shown[0]["state"] == "active" && shown[0]["alertmanager"] == alertmanager.url();
  }));
}

TEST_CASE("alertmanager: the settings are checked, and alertmanager-url may repeat") {
  slate::test::TempDir dir;
  const std::vector<std::string> base{"--check-config", "--calendars",
                                      slate::test::shipped_calendars().string(), "--policy",
                                      write_policy(dir.path()).string()};
  const auto with = [&](std::vector<std::string> extra) {
    auto arguments = base;
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return slate::test::run_program(SLATED_BINARY, arguments);
  };

  const auto peers = with({"--alertmanager-url", "http://127.0.0.1:9093", "--alertmanager-url",
                           "http://127.0.0.1:9094/"});
  CHECK(peers.exit_status == 0);
  CHECK(peers.out.find("2 Alertmanager URLs") != std::string::npos);
  // Only US and api have matchers: the other regions would get no silence.
  CHECK(peers.out.find("slated: warning: ") != std::string::npos);
  CHECK(peers.out.find("EU") != std::string::npos);

  const auto config = dir.path() / "slated.conf";
  std::ofstream(config) << "alertmanager-url = http://a:9093\nalertmanager-url = http://b:9093\n";
  const auto from_file = with({"--config", config.string()});
  CHECK(from_file.exit_status == 0);
  CHECK(from_file.out.find("2 Alertmanager URLs") != std::string::npos);

  const auto bad = with({"--alertmanager-url", "ftp://127.0.0.1:9093"});
  CHECK(bad.exit_status == 1);
  CHECK(bad.err.find("command line: --alertmanager-url: 'ftp://127.0.0.1:9093' is not an "
                     "http:// or https:// URL") != std::string::npos);

  const auto twice =
      with({"--alertmanager-url", "http://a:9093", "--alertmanager-url", "http://a:9093"});
  CHECK(twice.exit_status == 1);
  CHECK(twice.err.find("is listed twice") != std::string::npos);

  const auto no_token = with({"--alertmanager-token-file", (dir.path() / "missing").string()});
  CHECK(no_token.exit_status == 1);
  CHECK(no_token.err.find("alertmanager-token-file: cannot be read") != std::string::npos);

  const auto reconcile = with({"--alertmanager-reconcile", "0"});
  CHECK(reconcile.exit_status == 1);
  CHECK(reconcile.err.find("--alertmanager-reconcile") != std::string::npos);
}
