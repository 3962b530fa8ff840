// Replicas: three slated on one PostgreSQL database, whatever
// SLATE_TEST_STORE says. Each answers reads from its own snapshot and
// follows the others' writes (LISTEN/NOTIFY); writes take a lock in the
// database, so the booking rules hold across replicas as on one machine,
// and an Idempotency-Key is replayed by whichever replica the retry reaches.

#include "daemon_fixture.hpp"
#include "test_clock.hpp"

#include <support/postgres_cluster.hpp>

#include <slate/formats/rfc3339.hpp>

#include <doctest/doctest.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <latch>
#include <memory>
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

slate::domain::Instant instant(const std::string& text) {
  const auto parsed = slate::formats::parse_rfc3339(text, "test");
  if (!parsed) {
    throw std::runtime_error("not an instant: " + text);
  }
  return parsed.value();
}

const auto k_t0 = instant("2030-01-01T00:00:00Z");

// Three slated on one new PostgreSQL database, on one test clock, with one
// token. The periodic check is off in effect (an hour), so that only the
// notifications can make a write show on the other replicas within
// k_visible_within.
class Replicas {
public:
  Replicas() : m_uri(slate::test::shared_postgres_cluster().create_database()), m_clock(k_t0) {
    const auto minted = slate::test::run_program(SLATECTL_BINARY, {"token", "new", "replicas"});
    if (minted.exit_status != 0) {
      throw std::runtime_error("slatectl token new failed: " + minted.err);
    }
    std::istringstream lines(minted.out);
    std::string line;
    std::getline(lines, m_token);
    std::getline(lines, line);
    const auto tokens = m_dir.path() / "tokens";
    std::ofstream(tokens) << line << "\n";
    std::filesystem::permissions(tokens, std::filesystem::perms::owner_read |
                                             std::filesystem::perms::owner_write);
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
