// The database away: two slated on one PostgreSQL server of their own,
// under a small load of reads and writes, while the server is stopped and
// started again. Reads never fail (they answer from the snapshot, marked
// stale), writes answer 503 with Retry-After, /readyz says not ready and
// /healthz stays up; once the server is back everything resumes by itself,
// and every write that was acknowledged is in the database. One replica
// connects through a two-host URI whose first host is a closed port, with
// target_session_attrs=read-write, as a client of a primary and a standby
// does: libpq chooses the host, at the start and again at each reconnect.
// Named "replicas: ..." so that the system_postgresql run leaves it out
// (it makes its own server, whatever SLATE_TEST_STORE says).

#include "daemon_fixture.hpp"
#include "test_clock.hpp"

#include <support/postgres_cluster.hpp>

#include <slate/formats/rfc3339.hpp>

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using slate::formats::format_rfc3339_utc;
using namespace std::chrono_literals;

namespace {

constexpr std::size_t k_replicas = 2;

// Within how long each change must show: the replicas notice a lost
// connection at once and try to connect again every second or two.
constexpr auto k_within = 15s;

using slate::test::instant;

const auto k_t0 = instant("2030-01-01T00:00:00Z");

// A loopback port that nobody listens on (bound, then closed).
int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  const bool bound = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                     ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  ::close(fd);
  REQUIRE(bound);
  return ntohs(address.sin_port);
}

// What a client was answered: the status (-1: no answer) and what matters.
struct Answer {
  int status = -1;
  std::string body;
  std::string warning;
  std::string stale_seconds;
  std::string retry_after;
};

Answer answer_of(const httplib::Result& result) {
  Answer out;
  if (!result) {
    out.body = httplib::to_string(result.error());
    return out;
  }
  out.status = result->status;
  out.body = result->body;
  out.warning = result->get_header_value("Warning");
  out.stale_seconds = result->get_header_value("X-Slated-Stale-Seconds");
  out.retry_after = result->get_header_value("Retry-After");
  return out;
}

// The server, a database on it and two slated, one through a two-host URI.
class AwayRig {
public:
  AwayRig() : m_clock(k_t0) {
    const auto uri = m_cluster.create_database();
    const auto name = uri.substr(uri.rfind('/') + 1, uri.find('?') - uri.rfind('/') - 1);
    const std::string two_hosts = "postgresql://slate@127.0.0.1:" + std::to_string(closed_port()) +
                                  ",127.0.0.1:" + std::to_string(m_cluster.port()) + "/" + name +
                                  "?target_session_attrs=read-write&connect_timeout=5";
    const auto tokens = m_dir.path() / "tokens";
    m_token = slate::test::mint_token("away", tokens);
    for (const auto& db : {uri, two_hosts}) {
      // The periodic check is off in effect (an hour): the replicas must
      // come back by themselves, from their lost and re-made connections.
      std::vector<std::string> arguments{"--listen",
                                         "127.0.0.1:0",
                                         "--calendars",
                                         slate::test::shipped_calendars().string(),
                                         "--policy",
                                         SLATE_SOURCE_DIR "/etc/policies/uniphore.toml",
                                         "--db",
                                         db,
                                         "--tokens",
                                         tokens.string(),
                                         "--state-check-interval",
                                         "3600"};
      const auto clock = m_clock.arguments();
      arguments.insert(arguments.end(), clock.begin(), clock.end());
      m_processes.push_back(std::make_unique<slate::test::SlatedProcess>(SLATED_BINARY, arguments));
    }
  }

  slate::test::PostgresCluster& cluster() { return m_cluster; }
  slate::test::SlatedProcess& process(std::size_t i) { return *m_processes.at(i); }

  // A new client of replica `i` (each thread needs its own).
  std::unique_ptr<httplib::Client> client(std::size_t i) {
    auto made = std::make_unique<httplib::Client>("127.0.0.1", process(i).port());
    made->set_connection_timeout(5);
    made->set_read_timeout(15);
    return made;
  }

  Answer get(std::size_t i, const std::string& target) {
    return answer_of(client(i)->Get(target.c_str()));
  }

  // Post the blackout numbered `n` to replica `i`.
  Answer post_blackout(httplib::Client& client, int n) {
    const nlohmann::json body{
        {"regions", {"US"}},
        {"start", format_rfc3339_utc(k_t0 + std::chrono::days{30} + std::chrono::hours{n})},
        {"end", format_rfc3339_utc(k_t0 + std::chrono::days{30} + std::chrono::hours{n + 1})},
        {"reason", reason(n)}};
    const httplib::Headers headers{{"Authorization", "Bearer " + m_token},
                                   {"Idempotency-Key", "away-" + std::to_string(n)}};
    return answer_of(client.Post("/v1/blackouts", headers, body.dump(), "application/json"));
  }

  static std::string reason(int n) { return "away " + std::to_string(n); }

  // The reasons of the blackouts replica `i` lists.
  std::set<std::string> reasons(std::size_t i) {
    const auto listed = get(i, "/v1/blackouts");
    std::set<std::string> out;
    if (listed.status != 200) {
      MESSAGE("GET /v1/blackouts on replica " << i << ": " << listed.status << " " << listed.body);
    }
    if (listed.status == 200) {
      const auto document = nlohmann::json::parse(listed.body);
      for (const auto& blackout : document["blackouts"]) {
        out.insert(blackout["reason"].get<std::string>());
      }
    }
    return out;
  }

private:
  slate::test::PostgresCluster m_cluster; // first: the daemons go before it
  slate::test::TempDir m_dir;
  slate::test::TestClock m_clock;
  std::string m_token;
  std::vector<std::unique_ptr<slate::test::SlatedProcess>> m_processes;
};

// Poll `holds` every 20 ms until it is true or `within` has passed; return
// whether it became true.
bool eventually(const std::function<bool()>& holds, std::chrono::milliseconds within) {
  const auto deadline = std::chrono::steady_clock::now() + within;
  while (!holds()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      return false;
    }
    std::this_thread::sleep_for(20ms);
  }
  return true;
}

// A small steady load on both replicas: one thread reads /v1/status, one
// posts blackouts, each remembering what it was answered.
class Load {
public:
  explicit Load(AwayRig& rig) : m_rig(rig) {
    m_reader = std::thread([this] { read(); });
    m_writer = std::thread([this] { write(); });
  }
  ~Load() { stop(); }
  Load(const Load&) = delete;
  Load& operator=(const Load&) = delete;

  void stop() {
    m_stopping = true;
    if (m_reader.joinable()) {
      m_reader.join();
    }
    if (m_writer.joinable()) {
      m_writer.join();
    }
  }

  // Reads answered other than 200, as "status body".
  std::vector<std::string> failed_reads() const {
    const std::lock_guard lock(m_mutex);
    return m_failed_reads;
  }
  std::size_t reads() const { return m_reads; }
  std::size_t stale_reads() const { return m_stale_reads; }
  // The writes answered 201, by number.
  std::vector<int> acknowledged() const {
    const std::lock_guard lock(m_mutex);
    return m_acknowledged;
  }
  // Writes answered 503 database_unavailable with a Retry-After.
  std::size_t refused() const { return m_refused; }
  // Writes answered anything else, as "status body".
  std::vector<std::string> odd_writes() const {
    const std::lock_guard lock(m_mutex);
    return m_odd_writes;
  }

private:
  void read() {
    std::vector<std::unique_ptr<httplib::Client>> clients;
    for (std::size_t i = 0; i < k_replicas; ++i) {
      clients.push_back(m_rig.client(i));
    }
    for (std::size_t n = 0; !m_stopping; ++n) {
      const auto got = answer_of(clients[n % k_replicas]->Get("/v1/status"));
      ++m_reads;
      if (got.status != 200) {
        const std::lock_guard lock(m_mutex);
        m_failed_reads.push_back(std::to_string(got.status) + " " + got.body);
      } else if (!got.warning.empty()) {
        ++m_stale_reads;
      }
      std::this_thread::sleep_for(5ms); // a steady load, not a flood
    }
  }

  void write() {
    std::vector<std::unique_ptr<httplib::Client>> clients;
    for (std::size_t i = 0; i < k_replicas; ++i) {
      clients.push_back(m_rig.client(i));
    }
    for (int n = 0; !m_stopping; ++n) {
      const auto got = m_rig.post_blackout(*clients[static_cast<std::size_t>(n) % k_replicas], n);
      const std::lock_guard lock(m_mutex);
      if (got.status == 201) {
        m_acknowledged.push_back(n);
      } else if (got.status == 503 && !got.retry_after.empty() &&
                 got.body.find("\"database_unavailable\"") != std::string::npos) {
        ++m_refused;
      } else {
        m_odd_writes.push_back(std::to_string(got.status) + " " + got.body);
      }
      std::this_thread::sleep_for(20ms);
    }
  }

  AwayRig& m_rig;
  std::atomic<bool> m_stopping{false};
  mutable std::mutex m_mutex; // guards the vectors
  std::vector<std::string> m_failed_reads;
  std::vector<int> m_acknowledged;
  std::vector<std::string> m_odd_writes;
  std::atomic<std::size_t> m_reads{0};
  std::atomic<std::size_t> m_stale_reads{0};
  std::atomic<std::size_t> m_refused{0};
  std::thread m_reader;
  std::thread m_writer;
};

bool all_replicas(const std::function<bool(std::size_t)>& holds) {
  for (std::size_t i = 0; i < k_replicas; ++i) {
    if (!holds(i)) {
      return false;
    }
  }
  return true;
}

} // namespace

TEST_CASE("replicas: while the database is away reads answer stale, writes 503, and all resumes") {
  AwayRig rig;
  // Both serve, the two-host one through its second host.
  for (std::size_t i = 0; i < k_replicas; ++i) {
    CAPTURE(i);
    const auto ready = rig.get(i, "/readyz");
    CHECK(ready.status == 200);
    const auto status = rig.get(i, "/v1/status");
    REQUIRE(status.status == 200);
    CHECK(status.warning.empty());
    CHECK(nlohmann::json::parse(status.body)["database"] ==
          nlohmann::json{{"reachable", true}, {"stale_seconds", 0}});
  }
  Load load(rig);
  REQUIRE(eventually([&] { return load.acknowledged().size() >= 4; }, k_within));

  rig.cluster().stop();
  // Each replica finds the database away without a write of its own: its
  // listening connection ends with the server.
  CHECK(eventually(
      [&] {
        return all_replicas([&](std::size_t i) { return rig.get(i, "/readyz").status == 503; });
      },
      k_within));
  CHECK(eventually([&] { return load.refused() >= 3; }, k_within));
  for (std::size_t i = 0; i < k_replicas; ++i) {
    CAPTURE(i);
    const auto ready = rig.get(i, "/readyz");
    CHECK(ready.status == 503);
    CHECK(ready.body.find("\"database_unavailable\"") != std::string::npos);
    CHECK(rig.get(i, "/healthz").status == 200);
    const auto status = rig.get(i, "/v1/status");
    REQUIRE(status.status == 200);
    CHECK(status.warning == "110 - \"Response is Stale\"");
    CHECK(!status.stale_seconds.empty());
    const auto database = nlohmann::json::parse(status.body)["database"];
    CHECK(database["reachable"] == false);
    CHECK(database["stale_seconds"].get<std::int64_t>() >= 0);
    // What was written before is still read.
    CHECK(!rig.reasons(i).empty());
    const auto metrics = rig.get(i, "/metrics");
    CHECK(metrics.body.find("\nslated_database_reachable 0\n") != std::string::npos);
  }
  const auto refused_while_away = load.refused();

  rig.cluster().start_again();
  // Back by themselves: ready, and taking writes again (the load's).
  CHECK(eventually(
      [&] {
        return all_replicas([&](std::size_t i) { return rig.get(i, "/readyz").status == 200; });
      },
      k_within));
  const auto acknowledged_before = load.acknowledged().size();
  CHECK(
      eventually([&] { return load.acknowledged().size() >= acknowledged_before + 4; }, k_within));
  load.stop();
  CHECK(load.refused() >= refused_while_away);

  // Reads never failed; some were marked stale.
  CHECK(load.failed_reads().empty());
  CHECK(load.stale_reads() > 0);
  CHECK(load.odd_writes().empty());
  for (const auto& odd : load.odd_writes()) {
    MESSAGE("a write was answered: " << odd);
  }
  for (const auto& failed : load.failed_reads()) {
    MESSAGE("a read was answered: " << failed);
  }
  // Nothing acknowledged was lost: every replica lists every one of them.
  const auto acknowledged = load.acknowledged();
  for (std::size_t i = 0; i < k_replicas; ++i) {
    CAPTURE(i);
    std::set<std::string> missing;
    const bool all_listed = eventually(
        [&] {
          const auto listed = rig.reasons(i);
          missing.clear();
          for (const int n : acknowledged) {
            if (!listed.contains(AwayRig::reason(n))) {
              missing.insert(AwayRig::reason(n));
            }
          }
          return missing.empty();
        },
        k_within);
    CHECK(all_listed);
    for (const auto& reason : missing) {
      MESSAGE("acknowledged but not listed: " << reason);
    }
    const auto status = rig.get(i, "/v1/status");
    CHECK(status.warning.empty());
    CHECK(nlohmann::json::parse(status.body)["database"]["reachable"] == true);
    // Each heard the other's writes (the load alternates between them).
    const auto metrics = rig.get(i, "/metrics").body;
    CHECK(metrics.find("\nslated_database_reachable 1\n") != std::string::npos);
    CHECK(metrics.find("\nslated_database_stale_seconds 0\n") != std::string::npos);
    CHECK(metrics.find("\nslated_state_notifications_total 0\n") == std::string::npos);
  }
  INFO("replica 1's log:\n" << rig.process(1).log());
  CHECK(rig.process(1).log().find("the database answers again") != std::string::npos);
}
