// Replicas: three slated on one PostgreSQL database, whatever
// SLATE_TEST_STORE says. Each answers reads from its own snapshot and
// follows the others' writes (LISTEN/NOTIFY); writes take a lock in the
// database, so the booking rules hold across replicas as on one machine,
// and an Idempotency-Key is replayed by whichever replica the retry reaches.
// Each transition happens once, and each webhook delivery is claimed with
// a lease: a replica killed or stopped with a request out leaves it to
// another, and one that continues late records nothing.

#include "daemon_fixture.hpp"
#include "test_clock.hpp"
#include "webhook_receiver.hpp"

#include <support/postgres_cluster.hpp>

#include <slate/store/pg_connection.hpp>

#include <slate/formats/rfc3339.hpp>

#include <doctest/doctest.h>

#include <array>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <latch>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using slate::formats::format_rfc3339_utc;
using namespace std::chrono_literals;

namespace {

constexpr std::size_t k_replicas = 3;

// How soon a write on one replica must show on the others.
constexpr auto k_visible_within = 1s;

using slate::test::instant;

const auto k_t0 = instant("2030-01-01T00:00:00Z");

// Three slated on one new PostgreSQL database, on one test clock, with one
// token. The periodic check is off in effect (an hour), so that only the
// notifications can make a write show on the other replicas within
// k_visible_within.
class Replicas {
public:
  // `extra`: more arguments for every replica.
  explicit Replicas(const std::vector<std::string>& extra = {})
      : m_uri(slate::test::shared_postgres_cluster().create_database()), m_clock(k_t0) {
    const auto tokens = m_dir.path() / "tokens";
    m_token = slate::test::mint_token("replicas", tokens);
    for (std::size_t i = 0; i < k_replicas; ++i) {
      std::vector<std::string> arguments{"--listen",
                                         "127.0.0.1:0",
                                         "--calendars",
                                         slate::test::shipped_calendars().string(),
                                         "--policy",
                                         SLATE_SOURCE_DIR "/etc/policies/uniphore.toml",
                                         "--db",
                                         m_uri,
                                         "--tokens",
                                         tokens.string(),
                                         "--state-check-interval",
                                         "3600",
                                         "--log-level",
                                         "debug"};
      const auto clock = m_clock.arguments();
      arguments.insert(arguments.end(), clock.begin(), clock.end());
      arguments.insert(arguments.end(), extra.begin(), extra.end());
      m_processes.push_back(std::make_unique<slate::test::SlatedProcess>(SLATED_BINARY, arguments));
    }
  }

  slate::test::SlatedProcess& process(std::size_t i) { return *m_processes.at(i); }

  // A new client of replica `i` (each thread needs its own).
  std::unique_ptr<httplib::Client> client(std::size_t i) {
    auto made = std::make_unique<httplib::Client>("127.0.0.1", process(i).port());
    made->set_connection_timeout(5);
    made->set_read_timeout(10);
    return made;
  }

  nlohmann::json get_json(std::size_t i, const std::string& target) {
    const auto response = client(i)->Get(target.c_str());
    if (!response || response->status != 200) {
      throw std::runtime_error("GET " + target + " on replica " + std::to_string(i) + " failed: " +
                               (response ? response->body : httplib::to_string(response.error())));
    }
    return nlohmann::json::parse(response->body);
  }

  httplib::Headers headers(const std::string& idempotency_key = "") const {
    httplib::Headers out{{"Authorization", "Bearer " + m_token}};
    if (!idempotency_key.empty()) {
      out.emplace("Idempotency-Key", idempotency_key);
    }
    return out;
  }

  // The start of the first US window at or after `after`, as replica 0
  // sees it.
  slate::domain::Instant next_window(slate::domain::Instant after) {
    const auto body = get_json(0, "/v1/windows/next?region=US&after=" + format_rfc3339_utc(after));
    return instant(body["window"]["start"].get<std::string>());
  }

  slate::domain::Instant now() const { return m_clock.now(); }
  // Move every replica's clock to `now`.
  void set_clock(slate::domain::Instant now) { m_clock.set(now); }
  const std::string& uri() const { return m_uri; }

private:
  slate::test::TempDir m_dir;
  std::string m_uri;
  slate::test::TestClock m_clock;
  std::string m_token;
  std::vector<std::unique_ptr<slate::test::SlatedProcess>> m_processes;
};

// Poll `count` until it returns `expected` or `within` has passed; return
// what it last returned.
template <class Count>
std::size_t eventually(Count count, std::size_t expected, std::chrono::milliseconds within) {
  const auto deadline = std::chrono::steady_clock::now() + within;
  std::size_t seen = count();
  while (seen != expected && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
    seen = count();
  }
  return seen;
}

nlohmann::json booking(slate::domain::Instant start, const std::string& title) {
  return {{"regions", {"US"}},
          {"title", title},
          {"start", format_rfc3339_utc(start)},
          {"end", format_rfc3339_utc(start + 30min)}};
}

} // namespace

TEST_CASE("replicas: a write on one replica shows on the others within a second") {
  Replicas replicas;
  for (std::size_t writer = 0; writer < k_replicas; ++writer) {
    CAPTURE(writer);
    const nlohmann::json blackout{
        {"regions", {"US"}},
        {"start", format_rfc3339_utc(k_t0 + std::chrono::days{30 + static_cast<int>(writer)})},
        {"end", format_rfc3339_utc(k_t0 + std::chrono::days{31 + static_cast<int>(writer)})},
        {"reason", "freeze " + std::to_string(writer)}};
    const auto made = replicas.client(writer)->Post("/v1/blackouts", replicas.headers(),
                                                    blackout.dump(), "application/json");
    REQUIRE(made);
    REQUIRE(made->status == 201);
    for (std::size_t reader = 0; reader < k_replicas; ++reader) {
      CAPTURE(reader);
      const auto count = [&] {
        return replicas.get_json(reader, "/v1/blackouts")["count"].get<std::size_t>();
      };
      CHECK(eventually(count, writer + 1, k_visible_within) == writer + 1);
    }
  }
}

TEST_CASE("replicas: of one slot booked on every replica at the same instant, one wins") {
  Replicas replicas;
  constexpr std::size_t k_rounds = 20;
  auto start = replicas.next_window(replicas.now() + std::chrono::days{8});
  for (std::size_t round = 0; round < k_rounds; ++round) {
    CAPTURE(round);
    const auto body = booking(start, "race " + std::to_string(round)).dump();
    std::array<std::unique_ptr<httplib::Client>, k_replicas> clients;
    for (std::size_t i = 0; i < k_replicas; ++i) {
      clients[i] = replicas.client(i);
    }
    std::array<int, k_replicas> statuses{};
    std::array<std::string, k_replicas> bodies;
    std::latch ready(static_cast<std::ptrdiff_t>(k_replicas));
    std::vector<std::thread> posts;
    for (std::size_t i = 0; i < k_replicas; ++i) {
      posts.emplace_back([&, i] {
        ready.arrive_and_wait(); // released together
        const auto answer =
            clients[i]->Post("/v1/maintenances", replicas.headers(), body, "application/json");
        statuses[i] = answer ? answer->status : -1;
        bodies[i] = answer ? answer->body : httplib::to_string(answer.error());
      });
    }
    for (auto& post : posts) {
      post.join();
    }
    int created = 0;
    for (std::size_t i = 0; i < k_replicas; ++i) {
      CAPTURE(i);
      CAPTURE(bodies[i]);
      if (statuses[i] == 201) {
        ++created;
      } else {
        CHECK(statuses[i] == 422);
        CHECK(bodies[i].find("maintenance_overlap") != std::string::npos);
      }
    }
    CHECK(created == 1);
    start = replicas.next_window(start + 1min);
  }
  // Every replica holds exactly the winners.
  for (std::size_t i = 0; i < k_replicas; ++i) {
    CAPTURE(i);
    const auto count = [&] {
      return replicas.get_json(i, "/v1/maintenances")["maintenances"].size();
    };
    CHECK(eventually(count, k_rounds, k_visible_within) == k_rounds);
  }
}

TEST_CASE("replicas: an Idempotency-Key retry is replayed by another replica") {
  Replicas replicas;
  const auto start = replicas.next_window(replicas.now() + std::chrono::days{8});
  const auto body = booking(start, "retried").dump();
  const auto first = replicas.client(0)->Post("/v1/maintenances", replicas.headers("retry-1"), body,
                                              "application/json");
  REQUIRE(first);
  REQUIRE(first->status == 201);
  const auto made = nlohmann::json::parse(first->body)["maintenance"];
  for (std::size_t i = 1; i < k_replicas; ++i) {
    CAPTURE(i);
    // At once: a retry may reach a replica before the notification does.
    const auto retry = replicas.client(i)->Post("/v1/maintenances", replicas.headers("retry-1"),
                                                body, "application/json");
    REQUIRE(retry);
    CAPTURE(retry->body);
    CHECK(retry->status == 200);
    CHECK(nlohmann::json::parse(retry->body)["maintenance"]["id"] == made["id"]);
  }
  CHECK(replicas.get_json(2, "/v1/maintenances")["maintenances"].size() == 1);
}

namespace {

// How many lines of `process`'s log contain `text`.
std::size_t lines_with(const slate::test::SlatedProcess& process, const std::string& text) {
  std::istringstream log(process.log());
  std::size_t count = 0;
  for (std::string line; std::getline(log, line);) {
    if (line.find(text) != std::string::npos) {
      ++count;
    }
  }
  return count;
}

// The replica that logged, after `marks`, that it is sending a request:
// the one holding the claim on the delivery in flight. Its log is read on
// another thread, so the line may come a moment after the request.
std::size_t sender(Replicas& replicas, const std::array<std::size_t, k_replicas>& marks) {
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  do {
    for (std::size_t i = 0; i < k_replicas; ++i) {
      std::istringstream lines(replicas.process(i).log());
      std::size_t index = 0;
      for (std::string line; std::getline(lines, line); ++index) {
        if (index >= marks[i] && line.find("sending maintenance/") != std::string::npos) {
          return i;
        }
      }
    }
    std::this_thread::sleep_for(10ms);
  } while (std::chrono::steady_clock::now() < deadline);
  throw std::runtime_error("no replica logged the request in flight");
}

std::array<std::size_t, k_replicas> log_marks(Replicas& replicas) {
  std::array<std::size_t, k_replicas> marks{};
  for (std::size_t i = 0; i < k_replicas; ++i) {
    marks[i] = replicas.process(i).log_mark();
  }
  return marks;
}

// A short lease, so that a dead replica's claims pass on after a few
// seconds of the test clock; no reminders, to keep to the transitions.
std::vector<std::string> with_webhook(const slate::test::WebhookReceiver& receiver) {
  return {"--webhook", receiver.url(), "--lease", "3", "--reminders", "none"};
}

} // namespace

TEST_CASE("replicas: twenty maintenances start and complete once while a replica is killed "
          "holding a delivery") {
  slate::test::WebhookReceiver receiver;
  Replicas replicas(with_webhook(receiver));
  constexpr std::size_t k_maintenances = 20;
  std::vector<std::int64_t> ids;
  std::vector<std::pair<slate::domain::Instant, slate::domain::Instant>> spans;
  auto start = replicas.next_window(replicas.now() + std::chrono::days{8});
  for (std::size_t i = 0; i < k_maintenances; ++i) {
    const auto made =
        replicas.client(i % k_replicas)
            ->Post("/v1/maintenances", replicas.headers(),
                   booking(start, "failover " + std::to_string(i)).dump(), "application/json");
    REQUIRE(made);
    REQUIRE(made->status == 201);
    ids.push_back(nlohmann::json::parse(made->body)["maintenance"]["id"].get<std::int64_t>());
    spans.emplace_back(start, start + 30min);
    start = replicas.next_window(start + 1min);
  }
  std::set<std::string> expected;
  for (const auto id : ids) {
    expected.insert("maintenance/" + std::to_string(id) + "/announced");
  }
  receiver.wait_for_delivered(expected);
  const auto announced = receiver.requests().size();

  // Half of them are due: the replica that sends the first of their
  // notifications is killed while the receiver holds its request.
  receiver.hold();
  const auto marks = log_marks(replicas);
  const auto first_half = spans[k_maintenances / 2 - 1].second;
  replicas.set_clock(first_half);
  receiver.wait_for_arrivals(announced + 1);
  const auto killed = sender(replicas, marks);
  CAPTURE(killed);
  replicas.process(killed).signal(SIGKILL);
  receiver.release();
  // The rest fall due with one replica fewer, long after its lease ended.
  const auto second_half = spans.back().second + 1h;
  replicas.set_clock(second_half);

  for (const auto id : ids) {
    expected.insert("maintenance/" + std::to_string(id) + "/started");
    expected.insert("maintenance/" + std::to_string(id) + "/completed");
  }
  const auto delivered = receiver.wait_for_delivered(expected);
  CHECK(delivered == expected);

  const auto survivor = (killed + 1) % k_replicas;
  for (std::size_t i = 0; i < k_maintenances; ++i) {
    CAPTURE(ids[i]);
    const auto name = "maintenance " + std::to_string(ids[i]) + " ";
    std::size_t started = 0;
    std::size_t completed = 0;
    for (std::size_t r = 0; r < k_replicas; ++r) {
      started += lines_with(replicas.process(r), name + "started by the clock");
      completed += lines_with(replicas.process(r), name + "completed by the clock");
    }
    CHECK(started == 1);
    CHECK(completed == 1);
    const auto maintenance =
        replicas.get_json(survivor, "/v1/maintenances/" + std::to_string(ids[i]))["maintenance"];
    CHECK(maintenance["state"] == "completed");
    // Made late, when the clock jumped past both: the times they were made.
    const auto made_at = i < k_maintenances / 2 ? first_half : second_half;
    CHECK(instant(maintenance["started_at"]) == made_at);
    CHECK(instant(maintenance["finished_at"]) == made_at);
  }
  // Every request was one of the notifications, and a repeat (the killed
  // replica's request, sent again by another) carries the same id and body.
  std::map<std::string, std::string> body_of;
  for (const auto& request : receiver.requests()) {
    CAPTURE(request.event_id);
    CHECK(expected.count(request.event_id) == 1);
    const auto [first, added] = body_of.emplace(request.event_id, request.body);
    CHECK(first->second == request.body);
  }
  CHECK(body_of.size() == expected.size());
  // Claimed: each sent by one replica, once, but for the request the killed
  // replica had out, which another sent again.
  CHECK(receiver.requests().size() == expected.size() + 1);
}

TEST_CASE("replicas: a replica stopped past its lease records nothing when it continues") {
  slate::test::WebhookReceiver receiver;
  Replicas replicas(with_webhook(receiver));
  const auto start = replicas.next_window(replicas.now() + std::chrono::days{8});
  const auto made = replicas.client(0)->Post("/v1/maintenances", replicas.headers(),
                                             booking(start, "stalled").dump(), "application/json");
  REQUIRE(made);
  REQUIRE(made->status == 201);
  const auto id = nlohmann::json::parse(made->body)["maintenance"]["id"].get<std::int64_t>();
  const std::string base = "maintenance/" + std::to_string(id) + "/";
  receiver.wait_for_delivered({base + "announced"});

  // The replica sending "started" is stopped with the request out.
  receiver.hold();
  const auto marks = log_marks(replicas);
  replicas.set_clock(start);
  receiver.wait_for_arrivals(2);
  const auto stalled = sender(replicas, marks);
  CAPTURE(stalled);
  auto& process = replicas.process(stalled);
  process.signal(SIGSTOP);
  const auto mark = process.log_mark();
  // Its answer waits in its socket; past the lease and the end, the others
  // send "started" again, complete the maintenance and send that.
  receiver.release();
  replicas.set_clock(start + 31min);
  receiver.wait_for_delivered({base + "started", base + "completed"});
  slate::store::pg::PgConnection db(replicas.uri());
  const auto row = [&] {
    return db.run("SELECT d.state, d.attempts, d.claimed_by, d.finished_at FROM "
                  "notification_deliveries d JOIN notifications n ON n.id = d.notification_id "
                  "WHERE n.event_id = $1",
                  base + "started");
  };
  const auto eventually_delivered = [&] {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (row().text(0, 0) != "delivered" && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(10ms);
    }
    return row();
  };
  const auto before = eventually_delivered();
  REQUIRE(before.text(0, 0) == "delivered");
  CHECK(before.int32(0, 1) == 1);
  CHECK(before.is_null(0, 2));

  // "started" twice (the stalled replica's request and the other's), the
  // rest once: no replica sent what another held.
  CHECK(receiver.requests().size() == 4);

  process.signal(SIGCONT);
  process.wait_for_log("ended after its claim passed to another replica; not recorded", mark);
  const auto after = row();
  CHECK(after.text(0, 0) == "delivered");
  CHECK(after.int32(0, 1) == 1);
  CHECK(after.text(0, 3) == before.text(0, 3));
  const auto metrics = replicas.client(stalled)->Get("/metrics");
  REQUIRE(metrics);
  CHECK(metrics->body.find("slated_outbox_leases_lost_total 1\n") != std::string::npos);
  // The maintenance was completed once, by another replica, at its end.
  CHECK(lines_with(process, "maintenance " + std::to_string(id) + " completed by the clock") == 0);
  const auto maintenance = replicas.get_json(stalled, "/v1/maintenances/" + std::to_string(id));
  CHECK(maintenance["maintenance"]["state"] == "completed");
  CHECK(instant(maintenance["maintenance"]["finished_at"]) == start + 31min);
  CHECK(db.run("SELECT COUNT(*) FROM audit_log WHERE subject = $1 AND action LIKE '%complete%'",
               "maintenance/" + std::to_string(id))
            .int64(0, 0) == 1);
}
