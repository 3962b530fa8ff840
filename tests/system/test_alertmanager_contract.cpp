// What slated relies on in a real Alertmanager (Debian's 0.25, started by
// support/alertmanager_process): the silences slated builds are accepted
// and listed back as slated reads them, updates keep their id, silenced
// alerts are suppressed, expiring works, and the webhook notifications are
// what slated parses. Skipped only when Alertmanager is not installed
// (scripts/setup installs it; CI has it).

#include <slate/domain/alert_outage.hpp>
#include <slate/domain/alertmanager_time_interval.hpp>
#include <slate/domain/observed_silence.hpp>
#include <slate/domain/silence_plan.hpp>
#include <slate/formats/alertmanager_time_intervals.hpp>
#include <slate/formats/json_alertmanager_silence.hpp>
#include <slate/formats/json_alertmanager_webhook.hpp>
#include <slate/formats/rfc3339.hpp>

#include <common/calendar_directory.hpp>
#include <support/alertmanager_process.hpp>
#include <support/slated_process.hpp>
#include <support/temp_dir.hpp>

#include "webhook_receiver.hpp"

#include <doctest/doctest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <unistd.h>
#include <variant>
#include <vector>

namespace domain = slate::domain;
namespace formats = slate::formats;
using slate::test::AlertmanagerProcess;
using slate::test::WebhookReceiver;
using namespace std::chrono_literals;

namespace {

constexpr const char* k_amtool = "/usr/bin/amtool";
constexpr const char* k_token = "contract-test-token";

domain::Instant now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

const std::vector<domain::Region>& shipped_regions() {
  static const std::vector<domain::Region> regions = [] {
    auto loaded = slate::daemon::load_calendar_directory(SLATE_SOURCE_DIR "/calendars");
    if (!loaded) {
      throw std::runtime_error("the shipped calendars do not load: " +
                               loaded.problems().front().message);
    }
    return loaded.value();
  }();
  return regions;
}

// The shipped calendars' windows as Alertmanager time intervals.
std::string shipped_time_intervals() {
  const auto intervals = domain::alertmanager_time_intervals(shipped_regions(), now());
  REQUIRE(intervals.ok());
  return formats::time_intervals_yaml(intervals.value());
}

// A route to one webhook receiver (slated's, here the test's) that sends
// resolutions and repeats quickly, with the shipped time intervals.
std::string config(const std::string& webhook_url) {
  return "route:\n"
         "  receiver: \"slated\"\n"
         "  group_by: [\"alertname\"]\n"
         "  group_wait: 200ms\n"
         "  group_interval: 1s\n"
         "  repeat_interval: 2s\n"
         "receivers:\n"
         "  - name: \"slated\"\n"
         "    webhook_configs:\n"
         "      - url: \"" +
         webhook_url +
         "\"\n"
         "        send_resolved: true\n"
         "        http_config:\n"
         "          authorization:\n"
         "            credentials: \"" +
         k_token + "\"\n" + shipped_time_intervals();
}

domain::Matcher matcher(const std::string& text) {
  auto parsed = domain::parse_matcher(text, "m");
  REQUIRE_MESSAGE(parsed.ok(), text);
  return parsed.value();
}

domain::AlertmanagerPolicy silence_policy() {
  domain::AlertmanagerPolicy policy;
  policy.regions["US"] = {matcher(R"(region="US")")};
  policy.services["api"] = {matcher(R"(service=~"api|gateway")")};
  return policy;
}

// Maintenance 12 on api in US over [start, end).
domain::Maintenance maintenance(domain::Instant start, domain::Instant end) {
  domain::Maintenance m;
  m.id = 12;
  m.title = "DB upgrade";
  m.regions = {"US"};
  m.services = {"api"};
  m.booked = {start, end};
  m.end = end;
  return m;
}

domain::DesiredSilence desired(const domain::Maintenance& m) {
  const auto plan = domain::plan_silences(m, silence_policy(), "https://slated.example.com", now());
  REQUIRE(plan.silences.size() == 1);
  return plan.silences.front();
}

// One Alertmanager and a client for its API.
struct Contract {
  WebhookReceiver receiver;
  AlertmanagerProcess alertmanager{config(receiver.url())};
  httplib::Client client{"127.0.0.1", alertmanager.port()};

  Contract() {
    client.set_connection_timeout(5);
    client.set_read_timeout(10);
  }

  // POST /api/v2/silences; returns the answer's status and the id (or "").
  std::pair<int, std::string> post_silence(const std::string& body) {
    const auto answer = client.Post("/api/v2/silences", body, "application/json");
    REQUIRE(answer);
    if (answer->status != 200) {
      return {answer->status, ""};
    }
    const auto id = formats::parse_silence_id(answer->body);
    REQUIRE(id.ok());
    return {answer->status, id.value()};
  }

  std::vector<domain::ObservedSilence> silences() {
    const auto answer = client.Get("/api/v2/silences");
    REQUIRE(answer);
    REQUIRE(answer->status == 200);
    const auto listed = formats::parse_silence_list(answer->body);
    REQUIRE_MESSAGE(listed.ok(), answer->body);
    return listed.value();
  }

  domain::ObservedSilence silence(const std::string& id) {
    const auto answer = client.Get("/api/v2/silence/" + id);
    REQUIRE(answer);
    REQUIRE(answer->status == 200);
    const auto parsed = formats::parse_silence(answer->body);
    REQUIRE_MESSAGE(parsed.ok(), answer->body);
    return parsed.value();
  }

  int delete_silence(const std::string& id) {
    const auto answer = client.Delete("/api/v2/silence/" + id);
    REQUIRE(answer);
    return answer->status;
  }

  void post_alert(const nlohmann::json& labels, std::optional<domain::Instant> ends_at = {}) {
    nlohmann::json alert{{"labels", labels},
                         {"annotations", {{"summary", "api answers 5xx"}}},
                         {"generatorURL", "http://prometheus.example.com/graph"}};
    if (ends_at) {
      alert["endsAt"] = formats::format_rfc3339_utc(*ends_at);
    }
    const auto answer =
        client.Post("/api/v2/alerts", nlohmann::json::array({alert}).dump(), "application/json");
    REQUIRE(answer);
    REQUIRE(answer->status == 200);
  }

  // GET /api/v2/alerts until the alert with `name` has `state`; returns the
  // alert. Alertmanager takes an alert in asynchronously, so this polls,
  // with a deadline.
  nlohmann::json wait_for_alert(const std::string& name, const std::string& state) {
    const auto deadline = std::chrono::steady_clock::now() + 15s;
    std::string last;
    while (std::chrono::steady_clock::now() < deadline) {
      const auto answer = client.Get("/api/v2/alerts");
      REQUIRE(answer);
      last = answer->body;
      for (const auto& alert : nlohmann::json::parse(answer->body)) {
        if (alert["labels"].value("alertname", "") == name && alert["status"]["state"] == state) {
          return alert;
        }
      }
      std::this_thread::sleep_for(50ms);
    }
    FAIL("alert " << name << " never became " << state << "; last answer: " << last);
    return {};
  }
};

const domain::ObservedSilence* find_by_id(const std::vector<domain::ObservedSilence>& listed,
                                          const std::string& id) {
  for (const auto& silence : listed) {
    if (silence.id == id) {
      return &silence;
    }
  }
  return nullptr;
}

} // namespace

TEST_CASE("alertmanager: a silence slated builds is accepted and listed back as slated reads it") {
  REQUIRE_MESSAGE(AlertmanagerProcess::installed(),
                  "prometheus-alertmanager is not installed: run scripts/setup");
  Contract am;
  // Booked an hour ahead: the silence is pending.
  const auto start = now() + 1h;
  const auto wanted = desired(maintenance(start, start + 1h));
  const auto [status, id] = am.post_silence(formats::silence_post_body(wanted));
  REQUIRE(status == 200);
  const auto listed = am.silences();
  const auto* found = domain::find_tagged_silence(listed, wanted.tag);
  REQUIRE(found != nullptr);
  CHECK(found->id == id);
  CHECK(found->state == domain::SilenceState::pending);
  CHECK(found->matchers == wanted.matchers);
  CHECK(found->starts_at == wanted.span.start);
  CHECK(found->ends_at == wanted.span.end);
  CHECK(found->created_by == "slated");
  CHECK(found->comment == "slated maintenance/12 region US service api: DB upgrade "
                          "(https://slated.example.com/v1/maintenances/12)");
  CHECK(domain::next_silence_step(wanted, found, now()) == domain::SilenceStep::none);
  CHECK(am.silence(id) == *found);
}

TEST_CASE("alertmanager: an update with the id and a later end keeps the id") {
  REQUIRE_MESSAGE(AlertmanagerProcess::installed(),
                  "prometheus-alertmanager is not installed: run scripts/setup");
  Contract am;
  SUBCASE("pending") {
    const auto start = now() + 1h;
    const auto m = maintenance(start, start + 1h);
    const auto [status, id] = am.post_silence(formats::silence_post_body(desired(m)));
    REQUIRE(status == 200);
    auto extended = m;
    extended.end = m.end + 30min;
    const auto current = am.silence(id);
    CHECK(domain::next_silence_step(desired(extended), &current, now()) ==
          domain::SilenceStep::update);
    const auto [again, same] =
        am.post_silence(formats::silence_post_body(desired(extended), &current));
    REQUIRE(again == 200);
    CHECK(same == id);
    CHECK(am.silence(id).ends_at == desired(extended).span.end);
    CHECK(am.silences().size() == 1);
  }
  SUBCASE("active, its start in the past moved by Alertmanager") {
    // An emergency declared now: the silence starts 5 minutes ago, which
    // Alertmanager moves to the moment it creates it.
    const auto m = maintenance(now(), now() + 1h);
    const auto [status, id] = am.post_silence(formats::silence_post_body(desired(m)));
    REQUIRE(status == 200);
    const auto current = am.silence(id);
    CHECK(current.state == domain::SilenceState::active);
    CHECK(current.starts_at > desired(m).span.start);
    CHECK(domain::next_silence_step(desired(m), &current, now()) == domain::SilenceStep::none);
    auto extended = m;
    extended.end = m.end + 30min;
    const auto [again, same] =
        am.post_silence(formats::silence_post_body(desired(extended), &current));
    REQUIRE(again == 200);
    CHECK(same == id);
    const auto after = am.silence(id);
    CHECK(after.state == domain::SilenceState::active);
    CHECK(after.ends_at == desired(extended).span.end);
    CHECK(after.starts_at_text == current.starts_at_text);
  }
  SUBCASE("active: sending slated's own start replaces the silence") {
    // Why silence_post_body sends Alertmanager's start back: a started
    // silence whose start changes is expired and replaced under a new id.
    const auto m = maintenance(now(), now() + 1h);
    const auto [status, id] = am.post_silence(formats::silence_post_body(desired(m)));
    REQUIRE(status == 200);
    auto body = nlohmann::json::parse(formats::silence_post_body(desired(m)));
    body["id"] = id;
    const auto [again, other] = am.post_silence(body.dump());
    REQUIRE(again == 200);
    CHECK(other != id);
    CHECK(am.silence(id).state == domain::SilenceState::expired);
  }
  SUBCASE("other matchers replace the silence") {
    const auto start = now() + 1h;
    const auto m = maintenance(start, start + 1h);
    const auto [status, id] = am.post_silence(formats::silence_post_body(desired(m)));
    REQUIRE(status == 200);
    const auto current = am.silence(id);
    auto wider = desired(m);
    wider.matchers.pop_back();
    CHECK(domain::next_silence_step(wider, &current, now()) == domain::SilenceStep::update);
    const auto [again, other] = am.post_silence(formats::silence_post_body(wider, &current));
    REQUIRE(again == 200);
    CHECK(other != id);
    CHECK(am.silence(id).state == domain::SilenceState::expired);
    CHECK(am.silence(other).matchers == wider.matchers);
  }
}

TEST_CASE("alertmanager: an alert the silence matches is suppressed, others are not") {
  REQUIRE_MESSAGE(AlertmanagerProcess::installed(),
                  "prometheus-alertmanager is not installed: run scripts/setup");
  Contract am;
  const auto [status, id] =
      am.post_silence(formats::silence_post_body(desired(maintenance(now(), now() + 1h))));
  REQUIRE(status == 200);
  am.post_alert({{"alertname", "GatewayDown"}, {"region", "US"}, {"service", "gateway"}});
  am.post_alert({{"alertname", "WebDown"}, {"region", "US"}, {"service", "web"}});
  const auto suppressed = am.wait_for_alert("GatewayDown", "suppressed");
  CHECK(suppressed["status"]["silencedBy"] == nlohmann::json::array({id}));
  am.wait_for_alert("WebDown", "active");
}

TEST_CASE("alertmanager: DELETE expires a silence; 0.25 answers 500 for an unknown id") {
  REQUIRE_MESSAGE(AlertmanagerProcess::installed(),
                  "prometheus-alertmanager is not installed: run scripts/setup");
  Contract am;
  const auto wanted = desired(maintenance(now(), now() + 1h));
  const auto [status, id] = am.post_silence(formats::silence_post_body(wanted));
  REQUIRE(status == 200);
  CHECK(am.delete_silence(id) == 200);
  const auto expired = am.silence(id);
  CHECK(expired.state == domain::SilenceState::expired);
  // Expiring sets endsAt and updatedAt to the moment: how slated tells an
  // operator's expiry from a silence that ran out.
  CHECK(expired.updated_at == expired.ends_at);
  CHECK(domain::next_silence_step(wanted, &expired, now()) ==
        domain::SilenceStep::expired_by_operator);
  // Repeating is harmless.
  CHECK(am.delete_silence(id) == 200);
  // Later versions answer 404; slated treats 200, 404 and this 500 as done.
  const auto unknown = am.client.Delete("/api/v2/silence/6d2b1c0e-0000-4000-8000-000000000000");
  REQUIRE(unknown);
  CHECK(unknown->status == 500);
  CHECK(unknown->body.find("not found") != std::string::npos);
  // Updating a silence Alertmanager does not know: 404 (create it instead).
  domain::ObservedSilence gone;
  gone.id = "6d2b1c0e-0000-4000-8000-000000000000";
  gone.state = domain::SilenceState::pending;
  CHECK(am.post_silence(formats::silence_post_body(wanted, &gone)).first == 404);
  CHECK(am.client.Get("/api/v2/silence/" + gone.id)->status == 404);
}

TEST_CASE("alertmanager: it refuses exactly the matcher sets check_silence_matchers refuses") {
  REQUIRE_MESSAGE(AlertmanagerProcess::installed(),
                  "prometheus-alertmanager is not installed: run scripts/setup");
  Contract am;
  const std::vector<std::vector<std::string>> sets{
      {R"(region="US")"},
      {R"(region="")"},
      {R"(region=~".*")"},
      {R"(region=~"x*")"},
      {R"(region=~"US|")"},
      {R"(region=~"US")"},
      {R"(region=~".+")"},
      {R"(region!="US")"},
      {R"(region!~".*")"},
      {R"(region=~".*")", R"(service="")"},
      {R"(region=~".*")", R"(service="api")"},
  };
  auto wanted = desired(maintenance(now() + 1h, now() + 2h));
  for (const auto& set : sets) {
    wanted.matchers.clear();
    std::string text;
    for (const auto& item : set) {
      wanted.matchers.push_back(matcher(item));
      text += item + " ";
    }
    CAPTURE(text);
    const bool slated_accepts = domain::check_silence_matchers(wanted.matchers, "m").empty();
    const auto [status, id] = am.post_silence(formats::silence_post_body(wanted));
    CHECK(status == (slated_accepts ? 200 : 400));
  }
}

TEST_CASE("alertmanager: silences survive SIGTERM, not SIGKILL nor an empty storage") {
  REQUIRE_MESSAGE(AlertmanagerProcess::installed(),
                  "prometheus-alertmanager is not installed: run scripts/setup");
  Contract am;
  const auto wanted = desired(maintenance(now() + 1h, now() + 2h));
  const auto [status, id] = am.post_silence(formats::silence_post_body(wanted));
  REQUIRE(status == 200);
  // SIGTERM: Alertmanager writes its silences out and reads them back.
  am.alertmanager.restart(AlertmanagerProcess::Storage::keep);
  CHECK(find_by_id(am.silences(), id) != nullptr);
  // SIGKILL: what came since its last snapshot (every 15 minutes) is lost,
  // the silence made before the SIGTERM is not.
  const auto [status2, later] = am.post_silence(formats::silence_post_body(wanted));
  REQUIRE(status2 == 200);
  am.alertmanager.kill();
  am.alertmanager.restart(AlertmanagerProcess::Storage::keep);
  CHECK(find_by_id(am.silences(), id) != nullptr);
  CHECK(find_by_id(am.silences(), later) == nullptr);
  // An empty storage: nothing; slated must create the silence again.
  am.alertmanager.restart(AlertmanagerProcess::Storage::empty);
  CHECK(am.silences().empty());
  CHECK(am.client.Get("/api/v2/silence/" + id)->status == 404);
  CHECK(domain::next_silence_step(wanted, nullptr, now()) == domain::SilenceStep::create);
}

TEST_CASE("alertmanager: its webhook notifications are version 4 payloads slated maps") {
  REQUIRE_MESSAGE(AlertmanagerProcess::installed(),
                  "prometheus-alertmanager is not installed: run scripts/setup");
  Contract am;
  domain::Policy policy;
  domain::AlertMapping mapping;
  mapping.match = {matcher(R"(slo="availability")")};
  mapping.cause_label = "cause";
  policy.alertmanager.alerts = mapping;
  const nlohmann::json labels{{"alertname", "ApiDown"},
                              {"slo", "availability"},
                              {"service", "api"},
                              {"region", "US"},
                              {"cause", "third_party"}};
  am.post_alert(labels);

  // The first notification, and a repeat (repeat_interval 2s): the same
  // fingerprint and start, so the same outage.
  const auto firing = am.receiver.wait_for(2, 30s);
  std::vector<std::string> keys;
  for (const auto& request : firing) {
    CHECK(request.authorization == std::string("Bearer ") + k_token);
    CHECK(request.content_type == "application/json");
    const auto notification = formats::parse_alertmanager_notification(request.body);
    REQUIRE_MESSAGE(notification.ok(), request.body);
    CHECK(notification->version == "4");
    CHECK(notification->status == "firing");
    CHECK(notification->receiver == "slated");
    CHECK(notification->group_labels == domain::Labels{{"alertname", "ApiDown"}});
    CHECK(notification->rejected.empty());
    REQUIRE(notification->alerts.size() == 1);
    const auto& alert = notification->alerts.front();
    CHECK(alert.status == domain::AlertStatus::firing);
    CHECK_FALSE(alert.ends_at.has_value());
    CHECK(alert.labels.at("service") == "api");
    CHECK(alert.annotations.at("summary") == "api answers 5xx");
    CHECK(alert.generator_url == "http://prometheus.example.com/graph");
    CHECK_FALSE(alert.fingerprint.empty());
    const auto decision = domain::map_alert(alert, policy, shipped_regions());
    REQUIRE(std::holds_alternative<domain::AlertOutage>(decision));
    const auto& outage = std::get<domain::AlertOutage>(decision);
    CHECK(outage.change == domain::OutageChange::open);
    CHECK(outage.service == "api");
    CHECK(outage.regions == std::vector<std::string>{"US"});
    CHECK(outage.cause == domain::OutageCause::third_party);
    keys.push_back(outage.key);
  }
  CHECK(keys[0] == keys[1]);

  // Resolved: posted again with an end; sent because send_resolved is set.
  const auto resolved_at = now();
  am.post_alert(labels, resolved_at);
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  std::optional<formats::AlertmanagerNotification> resolved;
  for (std::size_t count = firing.size() + 1; !resolved; ++count) {
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    const auto requests = am.receiver.wait_for(count, 30s);
    auto notification = formats::parse_alertmanager_notification(requests.back().body);
    REQUIRE(notification.ok());
    if (notification->status == "resolved") {
      resolved = std::move(notification).value();
    }
  }
  REQUIRE(resolved->alerts.size() == 1);
  const auto& alert = resolved->alerts.front();
  CHECK(alert.status == domain::AlertStatus::resolved);
  REQUIRE(alert.ends_at.has_value());
  CHECK(*alert.ends_at == resolved_at);
  const auto decision = domain::map_alert(alert, policy, shipped_regions());
  REQUIRE(std::holds_alternative<domain::AlertOutage>(decision));
  const auto& outage = std::get<domain::AlertOutage>(decision);
  CHECK(outage.change == domain::OutageChange::resolve);
  CHECK(outage.key == keys[0]);
  CHECK(outage.end == resolved_at);
}

TEST_CASE("alertmanager: amtool check-config passes the time intervals of every calendar") {
  REQUIRE_MESSAGE(::access(k_amtool, X_OK) == 0,
                  "amtool (prometheus-alertmanager) is not installed: run scripts/setup");
  slate::test::TempDir dir;
  const auto check = [&](const std::string& intervals) {
    const auto path = dir.path() / "alertmanager.yml";
    std::ofstream(path) << "route:\n"
                           "  receiver: \"null\"\n"
                           "  routes:\n"
                           "    - matchers: ['region=\"US\"']\n"
                           "      receiver: \"null\"\n"
                           "      mute_time_intervals: [\"slated-window-US\"]\n"
                           "receivers:\n"
                           "  - name: \"null\"\n"
                        << intervals;
    return slate::test::run_program(k_amtool, {"check-config", path.string()});
  };
  const auto yaml = shipped_time_intervals();
  for (const auto& region : shipped_regions()) {
    CHECK(yaml.find("- name: \"slated-window-" + region.id + "\"") != std::string::npos);
  }
  const auto passed = check(yaml);
  CHECK_MESSAGE(passed.exit_status == 0, passed.out << passed.err << yaml);
  CHECK(passed.out.find("SUCCESS") != std::string::npos);
  // The check can fail: India's window unsplit crosses midnight.
  const auto refused = check("time_intervals:\n"
                             "  - name: \"slated-window-US\"\n"
                             "    time_intervals:\n"
                             "      - weekdays: [\"monday\"]\n"
                             "        times:\n"
                             "          - start_time: \"23:30\"\n"
                             "            end_time: \"01:30\"\n"
                             "        location: \"Asia/Kolkata\"\n");
  CHECK(refused.exit_status != 0);
  CHECK((refused.out + refused.err).find("start time cannot be equal or greater than end time") !=
        std::string::npos);
}
