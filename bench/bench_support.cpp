// bench_support: how long slated takes to compute support-clock deadlines
// and a month of support compliance. It prints figures, the machine and the
// commit they came from; it passes or fails nothing.
//
//   bench_support [--clocks N] [--tickets T] [--repeat R]
//
// The policy is etc/policies/enghouse.toml with its holiday file (office
// hours 08:00-18:00 Europe/London, Monday to Friday, bank holidays of
// England and Wales; Premium Support 24x7). Timed (best and median of R
// runs):
//   deadline  the due instant of N clocks (default 1,000,000) on the office
//             calendar: starts spread over 2025-2030, targets PT30M to P2D
//             (BusinessCalendar::add). Target: under 2 us per deadline.
//   clock     the same for 100,000 full clocks of the calculator, each with
//             its ledger (domain::deadlines for one severity).
//   month     the compliance of June 2026 over T tickets (default 100,000)
//             opened that month, 10 events each: a response, updates, a
//             pause and its end, restoration, resolution, some severity
//             changes and reopenings (domain::support_compliance). Target:
//             under 1 s.

#include <slate/domain/support_clock.hpp>
#include <slate/domain/support_compliance.hpp>
#include <slate/formats/policy_file.hpp>

#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

using slate::domain::Instant;
using slate::domain::Seconds;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

struct Options {
  std::size_t clocks = 1'000'000;
  std::size_t tickets = 100'000;
  int repeat = 5;
};

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      return colon == std::string::npos ? line : line.substr(colon + 2);
    }
  }
  return "unknown (no model name in /proc/cpuinfo)";
}

std::string command_output(const std::string& command) {
  std::string out;
  const std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) {
    return "unknown";
  }
  std::array<char, 256> buffer{};
  while (std::fgets(buffer.data(), static_cast<int>(buffer.size()), pipe.get()) != nullptr) {
    out += buffer.data();
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) {
    out.pop_back();
  }
  return out.empty() ? "unknown" : out;
}

void print_machine() {
  utsname system{};
  uname(&system);
  std::printf("machine: %s, %ld CPUs online (nproc), %s %s %s\n", cpu_model().c_str(),
              sysconf(_SC_NPROCESSORS_ONLN), system.sysname, system.release, system.machine);
  std::printf("load average: %s\n", command_output("cut -d' ' -f1-3 /proc/loadavg").c_str());
#if defined(__clang__)
  const char* compiler = "clang";
#else
  const char* compiler = "g++";
#endif
#if defined(__OPTIMIZE__)
  const char* optimised = "optimised";
#else
  const char* optimised =
      "NOT optimised: figures are not representative, use -DCMAKE_BUILD_TYPE=Release";
#endif
  std::printf("build: %s %s, CMAKE_BUILD_TYPE '%s', %s\n", compiler, __VERSION__, SLATE_BUILD_TYPE,
              optimised);
  std::printf(
      "commit: %s\n",
      command_output("git -C '" SLATE_SOURCE_DIR "' rev-parse --short HEAD 2>/dev/null").c_str());
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    std::exit(2);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

slate::domain::Policy enghouse() {
  const slate::formats::HolidayReader holidays =
      [](const std::string& path) -> slate::domain::Result<std::string> {
    return read_file(SLATE_SOURCE_DIR "/calendars/" + path);
  };
  auto policy = slate::formats::read_policy(
      read_file(SLATE_SOURCE_DIR "/etc/policies/enghouse.toml"), "enghouse.toml", {}, holidays);
  if (!policy) {
    std::fprintf(stderr, "%s\n", policy.problems().front().message.c_str());
    std::exit(2);
  }
  return policy.value();
}

struct Timing {
  double best = 0;
  double median = 0;
};

template <class F> Timing time_runs(int repeat, F&& run) {
  std::vector<double> seconds;
  for (int i = 0; i < repeat; ++i) {
    const auto start = Clock::now();
    run();
    seconds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  return {seconds.front(), seconds[seconds.size() / 2]};
}

Instant at(int year, unsigned month, unsigned day) {
  return Instant{date::sys_days{date::year{year} / date::month{month} / date::day{day}}};
}

// The tickets of one month: each opened in June 2026 with 10 events.
std::vector<slate::domain::Ticket> month_of_tickets(std::size_t count, std::mt19937_64& random) {
  using slate::domain::TicketEventType;
  const std::array<const char*, 4> severities{"P1", "P2", "P3", "P4"};
  const Instant month_start = at(2026, 6, 1) - 1h; // 1 June 00:00 BST
  std::uniform_int_distribution<std::int64_t> opening(0, 30 * 86400 - 1);
  std::uniform_int_distribution<std::int64_t> minutes(5, 240);
  std::vector<slate::domain::Ticket> tickets;
  tickets.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    slate::domain::Ticket ticket;
    ticket.ref = "INC-" + std::to_string(i);
    ticket.severity = severities[i % severities.size()];
    ticket.plan = i % 5 == 0 ? "premium" : "standard";
    ticket.opened_at = month_start + Seconds{opening(random)};
    Instant t = ticket.opened_at;
    const auto next = [&] {
      t += std::chrono::minutes{minutes(random)};
      return t;
    };
    auto& events = ticket.events;
    events.push_back({TicketEventType::responded, next(), "", ""});
    events.push_back({TicketEventType::updated, next(), "", ""});
    events.push_back({TicketEventType::paused, next(), "", "awaiting customer"});
    events.push_back({TicketEventType::resumed, next(), "", ""});
    events.push_back({TicketEventType::updated, next(), "", ""});
    if (i % 7 == 0) {
      events.push_back({TicketEventType::severity_changed, next(), "P2", ""});
    } else {
      events.push_back({TicketEventType::updated, next(), "", ""});
    }
    events.push_back({TicketEventType::restored, next(), "", ""});
    events.push_back({TicketEventType::resolved, next(), "", ""});
    if (i % 11 == 0) {
      events.push_back({TicketEventType::reopened, next(), "", ""});
      events.push_back({TicketEventType::resolved, next(), "", ""});
    } else {
      events.push_back({TicketEventType::updated, ticket.opened_at + 30min, "", "late"});
      events.push_back({TicketEventType::paused, ticket.opened_at + 45min, "", "late"});
    }
    tickets.push_back(std::move(ticket));
  }
  return tickets;
}

} // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const auto value = std::strtoull(argv[i + 1], nullptr, 10);
    if (flag == "--clocks") {
      options.clocks = value;
    } else if (flag == "--tickets") {
      options.tickets = value;
    } else if (flag == "--repeat") {
      options.repeat = static_cast<int>(std::max<unsigned long long>(1, value));
    } else {
      std::fprintf(stderr, "usage: bench_support [--clocks N] [--tickets T] [--repeat R]\n");
      return 2;
    }
  }
  print_machine();
  const auto policy = enghouse();
  const auto& support = policy.support;
  const auto& office = support.calendars.at("office");
  std::printf("calendar: office, %zu holidays\n", office.holidays().size());

  std::mt19937_64 random(20260401);
  const Instant from = at(2025, 1, 1);
  std::uniform_int_distribution<std::int64_t> offset(0, (at(2030, 12, 1) - from).count());
  const std::array<Seconds, 6> targets{30min, 1h, 4h, 8h, 10h, 20h};
  std::vector<std::pair<Instant, Seconds>> clocks(options.clocks);
  for (std::size_t i = 0; i < clocks.size(); ++i) {
    clocks[i] = {from + Seconds{offset(random)}, targets[i % targets.size()]};
  }
  std::int64_t checksum = 0;
  const auto deadline = time_runs(options.repeat, [&] {
    for (const auto& [start, target] : clocks) {
      checksum += office.add(start, target).value_or(start).time_since_epoch().count() & 1;
    }
  });
  const double per_deadline = deadline.best / static_cast<double>(clocks.size()) * 1e6;
  std::printf("deadline: %zu due instants, best %.3f s (%.3f us each), median %.3f s (%.3f us "
              "each); target < 2 us: %s\n",
              clocks.size(), deadline.best, per_deadline, deadline.median,
              deadline.median / static_cast<double>(clocks.size()) * 1e6,
              per_deadline < 2.0 ? "met" : "NOT met");

  const std::size_t calculator = std::min<std::size_t>(100'000, clocks.size());
  const auto full = time_runs(options.repeat, [&] {
    for (std::size_t i = 0; i < calculator; ++i) {
      const auto answer =
          deadlines(support, i % 2 == 0 ? "P2" : "P3", std::nullopt, clocks[i].first);
      checksum += static_cast<std::int64_t>(answer->size());
    }
  });
  std::printf("clock: %zu calculator answers (P2: 3 clocks, P3: 1) with ledgers, best %.3f s "
              "(%.3f us each), median %.3f s\n",
              calculator, full.best, full.best / static_cast<double>(calculator) * 1e6,
              full.median);

  const auto tickets = month_of_tickets(options.tickets, random);
  const Instant now = at(2026, 7, 15);
  std::size_t rows = 0;
  std::int64_t counted = 0;
  const auto month = time_runs(options.repeat, [&] {
    const auto report = support_compliance(support, tickets, date::year{2026} / 6, now);
    rows = report.rows.size();
    counted = 0;
    for (const auto& row : report.rows) {
      counted += row.clocks;
    }
  });
  std::printf("month: compliance of 2026-06 over %zu tickets (10 events each, %lld clocks, %zu "
              "rows), best %.3f s, median %.3f s; target < 1 s: %s\n",
              tickets.size(), static_cast<long long>(counted), rows, month.best, month.median,
              month.best < 1.0 ? "met" : "NOT met");
  std::printf("(checksum %lld)\n", static_cast<long long>(checksum));
  return 0;
}
