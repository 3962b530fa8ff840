// bench_availability: how long slated takes to answer "availability of
// every service for one month" over many outage records, and how that grows
// with the records. It prints figures and the machine they came from; it
// passes or fails nothing.
//
//   bench_availability [--records N ...] [--services S] [--repeat R]
//
// The data: S services (default 1,000), N outages (default 10k, 100k and
// 1M) spread evenly over the 24 months 2025-01..2026-12, 1 minute to 4 hours
// long, a tenth partial, a fifth with an excluded cause, in the shipped
// calendars' regions; plus, in every region, scheduled maintenance every
// other week inside its window (every fourth one overrunning by 30 minutes)
// and one emergency a month. Timed (best and median of R runs):
//   compute  the reports of every service for 2026-06
//            (app::availability_reports, the use case the handler calls)
//   answer   GET /v1/availability?month=2026-06 through the router: the
//            same plus rendering the JSON document
//   snapshot building the outage index a snapshot holds, from the records

#include <common/calendar_directory.hpp>

#include <slate/api/router.hpp>
#include <slate/app/availability_reports.hpp>
#include <slate/app/snapshot.hpp>
#include <slate/domain/window_rule.hpp>

#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

using slate::domain::Instant;
using slate::domain::Seconds;
using Clock = std::chrono::steady_clock;

struct Options {
  std::vector<std::size_t> records{10'000, 100'000, 1'000'000};
  std::size_t services = 1000;
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

std::string memory_total() {
  std::ifstream in("/proc/meminfo");
  std::string line;
  std::getline(in, line);
  return line.empty() ? "unknown" : line.substr(line.find_first_not_of(" ", 9));
}

void print_machine() {
  utsname system{};
  uname(&system);
  std::printf("machine: %s, %ld CPUs online (nproc), %s %s %s, memory %s\n", cpu_model().c_str(),
              sysconf(_SC_NPROCESSORS_ONLN), system.sysname, system.release, system.machine,
              memory_total().c_str());
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
}

Instant at(date::year_month_day day, Seconds time = Seconds{0}) {
  return Instant{date::sys_days{day}} + time;
}

// Scheduled maintenance every other week in each region's first window,
// one in four overrunning; and an emergency a month in the first region.
std::vector<slate::domain::Maintenance>
maintenance(const std::vector<slate::domain::Region>& regions, Instant from, Instant to) {
  std::vector<slate::domain::Maintenance> out;
  std::int64_t id = 0;
  for (const auto& region : regions) {
    if (region.windows.empty()) {
      continue;
    }
    const auto occurrences = region.windows.front().rule.occurrences({from, to});
    for (std::size_t i = 0; i < occurrences.size(); i += 2) {
      slate::domain::Maintenance m;
      m.id = ++id;
      m.state = slate::domain::MaintenanceState::completed;
      m.title = "Fortnightly upgrade";
      m.regions = {region.id};
      m.booked = occurrences[i].interval;
      m.end = m.booked.end + (i % 8 == 0 ? Seconds{1800} : Seconds{0});
      m.announced_at = m.booked.start - std::chrono::days{14};
      m.started_at = m.booked.start;
      m.finished_at = m.end;
      m.updated_at = m.end;
      out.push_back(std::move(m));
    }
  }
  for (auto month = date::year{2025} / date::January; month <= date::year{2026} / date::December;
       month += date::months{1}) {
    slate::domain::Maintenance m;
    m.id = ++id;
    m.kind = slate::domain::MaintenanceKind::emergency;
    m.state = slate::domain::MaintenanceState::completed;
    m.title = "Emergency patch";
    m.regions = {regions.front().id};
    m.booked = {at(month / 15, Seconds{36000}), at(month / 15, Seconds{37800})};
    m.end = m.booked.end;
    m.announced_at = m.booked.start;
    m.started_at = m.booked.start;
    m.finished_at = m.end;
    m.updated_at = m.end;
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return out;
}

std::vector<slate::domain::Outage> outages(std::size_t count, std::size_t services,
                                           const std::vector<slate::domain::Region>& regions,
                                           Instant from, Instant to) {
  std::mt19937_64 random(20261001);
  const auto span = (to - from).count();
  std::uniform_int_distribution<std::int64_t> start(0, span - 1);
  std::uniform_int_distribution<std::int64_t> length(60, 4 * 3600);
  std::uniform_int_distribution<int> percent(0, 99);
  const auto& causes = slate::domain::all_outage_causes();
  std::vector<slate::domain::Outage> out;
  out.reserve(count);
  char name[32];
  for (std::size_t i = 0; i < count; ++i) {
    slate::domain::Outage o;
    o.id = static_cast<std::int64_t>(i + 1);
    std::snprintf(name, sizeof name, "svc-%04zu", i % services);
    o.service = name;
    o.regions = {regions[i % regions.size()].id};
    o.start = from + Seconds{start(random)};
    o.end = o.start + Seconds{length(random)};
    o.impact = percent(random) < 10 ? slate::domain::OutageImpact::partial
                                    : slate::domain::OutageImpact::major;
    const int roll = percent(random);
    o.cause = roll < 80 ? slate::domain::OutageCause::internal
                        : causes[1 + static_cast<std::size_t>(roll) % (causes.size() - 1)];
    o.created_at = *o.end;
    o.created_by = "bench";
    out.push_back(std::move(o));
  }
  return out;
}

struct Timing {
  double best_ms = 0;
  double median_ms = 0;
};

template <class Run> Timing time(int repeat, Run run) {
  std::vector<double> runs;
  for (int i = 0; i < repeat; ++i) {
    const auto started = Clock::now();
    run();
    runs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - started).count());
  }
  std::sort(runs.begin(), runs.end());
  return Timing{runs.front(), runs[runs.size() / 2]};
}

bool parse(int argc, char** argv, Options& options) {
  bool records_given = false;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    const bool has_value = i + 1 < argc;
    if (argument == "--records" && has_value) {
      if (!records_given) {
        options.records.clear();
        records_given = true;
      }
      options.records.push_back(std::stoul(argv[++i]));
    } else if (argument == "--services" && has_value) {
      options.services = std::max<std::size_t>(1, std::stoul(argv[++i]));
    } else if (argument == "--repeat" && has_value) {
      options.repeat = std::max(1, std::stoi(argv[++i]));
    } else {
      std::fprintf(stderr,
                   "usage: bench_availability [--records N ...] [--services S] [--repeat R]\n");
      return false;
    }
  }
  return true;
}

} // namespace

int main(int argc, char** argv) {
  Options options;
  try {
    if (!parse(argc, argv, options)) {
      return 2;
    }
  } catch (const std::exception&) {
    std::fprintf(stderr, "bench_availability: numbers, please\n");
    return 2;
  }
  print_machine();

  auto loaded = slate::daemon::load_calendar_directory(SLATE_SOURCE_DIR "/calendars");
  if (!loaded) {
    std::fprintf(stderr, "bench_availability: cannot read the shipped calendars: %s\n",
                 loaded.problems().front().message.c_str());
    return 2;
  }
  const auto regions = std::move(loaded).value();
  const Instant from = at(date::year{2025} / date::January / 1);
  const Instant to = at(date::year{2027} / date::January / 1);
  const Instant now = at(date::year{2027} / date::January / 15);
  const auto maintenances = maintenance(regions, from, to);
  const auto month = date::year{2026} / date::June;
  std::printf("data: %zu services, 24 months (2025-01..2026-12), %zu regions, %zu maintenances; "
              "report: every service for 2026-06 (UTC); %d runs each, best / median\n\n",
              options.services, regions.size(), maintenances.size(), options.repeat);
  std::printf("%10s  %12s  %12s  %12s  %10s  %14s\n", "records", "compute ms", "answer ms",
              "snapshot ms", "JSON MB", "ledger entries");

  for (const auto count : options.records) {
    auto records = outages(count, options.services, regions, from, to);
    auto snapshot = std::make_shared<slate::app::Snapshot>();
    snapshot->version = 1;
    snapshot->regions = regions;
    snapshot->maintenances = maintenances;
    const auto indexing = time(1, [&] { snapshot->outages = slate::app::OutageBook(records); });
    records.clear();
    records.shrink_to_fit();

    slate::app::AvailabilityRequest request{slate::app::reported_services(*snapshot), std::nullopt,
                                            month, month};
    std::size_t entries = 0;
    const auto compute = time(options.repeat, [&] {
      const auto views = slate::app::availability_reports(*snapshot, request, now);
      entries = 0;
      for (const auto& view : views) {
        entries += view.report.ledger.size();
      }
    });

    const slate::app::SnapshotPtr shared = snapshot;
    const auto router = slate::api::make_api_router([&] { return shared; }, [now] { return now; });
    auto made = slate::api::make_request("GET", "/v1/availability?month=2026-06", {}, "");
    std::size_t bytes = 0;
    int status = 0;
    const auto answer = time(options.repeat, [&] {
      const auto response = router.handle(made.value());
      bytes = response.body.size();
      status = response.status;
    });
    if (status != 200) {
      std::printf("(the answer was HTTP %d, not 200: the figure below measures an error)\n",
                  status);
    }
    std::printf("%10zu  %5.0f / %4.0f  %5.0f / %4.0f  %12.0f  %10.1f  %14zu\n", count,
                compute.best_ms, compute.median_ms, answer.best_ms, answer.median_ms,
                indexing.best_ms, static_cast<double>(bytes) / 1e6, entries);
    std::fflush(stdout);
  }
  return 0;
}
