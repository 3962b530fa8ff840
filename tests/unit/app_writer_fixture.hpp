#pragma once

// The app's write use cases over sample_regions() and the default policy (a
// week of notice), on a SQLite file in a fresh directory; every published
// snapshot is kept. The clock is whatever each write says; most read Tue
// 2026-03-03 12:00Z, so that the first usable US window is Mon 2026-03-16
// 05:00-07:00Z.

#include <slate/app/blackouts.hpp>
#include <slate/app/maintenance_view.hpp>
#include <slate/app/maintenances.hpp>
#include <slate/app/writer.hpp>
#include <slate/domain/booking_rules.hpp>
#include <slate/formats/json_text.hpp>
#include <slate/formats/message_text.hpp>

#include <support/api_fixture.hpp>
#include <support/store_steps.hpp>
#include <support/temp_dir.hpp>
#include <support/time_literals.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace slate::test::writes {

using slate::app::SnapshotPtr;
using slate::app::view_of;
using slate::app::WriteContext;
using slate::app::Writer;
using slate::domain::Interval;
using slate::domain::MaintenanceKind;
using slate::domain::Policy;
using slate::domain::Problems;
using slate::formats::BlackoutRequest;
using slate::formats::MaintenanceRequest;

// The writer over sample_regions() and the default policy (a week of
// notice), on a SQLite file in a fresh directory; every published snapshot
// is kept. The clock is whatever each write says; most read Tue 2026-03-03
// 12:00Z, so that the first usable US window is Mon 2026-03-16 05:00-07:00Z.
struct Fixture {
  explicit Fixture(Policy policy = Policy{}) : m_policy(std::move(policy)) { start(); }

  void start() {
    writer = std::make_unique<Writer>(database->store(), [this](SnapshotPtr snapshot) {
      published.push_back(std::move(snapshot));
    });
    writer->start(sample_regions(), m_policy, zone("Asia/Kolkata"),
                  slate::formats::MessageTemplates::defaults());
  }

  // Drop the writer and the store and open both again on the same file.
  void restart() {
    writer.reset();
    database.reset();
    database = open_store_steps(path);
    published.clear();
    start();
  }

  Policy m_policy;
  TempDir dir;
  std::filesystem::path path = dir.path() / "state" / "slated.db";
  // The store, with the steps the tests use to look into it.
  std::unique_ptr<StoreSteps> database = open_store_steps(path);
  std::vector<SnapshotPtr> published;
  std::unique_ptr<Writer> writer;
};

inline WriteContext by(const std::string& actor, const char* now = "2026-03-03T12:00:00Z",
                       std::optional<std::string> key = std::nullopt,
                       const std::string& fingerprint = "") {
  return WriteContext{actor, utc(now), std::move(key), fingerprint};
}

inline MaintenanceRequest work(std::vector<std::string> regions, const char* start, const char* end,
                               MaintenanceKind kind = MaintenanceKind::scheduled) {
  MaintenanceRequest request;
  request.kind = kind;
  request.title = "Kernel updates";
  request.message = "Hosts reboot one at a time.";
  request.regions = std::move(regions);
  request.services = {"api", "web"};
  request.span = Interval{utc(start), utc(end)};
  return request;
}

inline BlackoutRequest freeze(std::vector<std::string> regions, const char* start,
                              const char* end) {
  return BlackoutRequest{std::move(regions), Interval{utc(start), utc(end)}, "release freeze"};
}

// The problems' codes, ", "-separated: a failed check shows them all.
inline std::string codes(const Problems& problems) {
  std::string out;
  for (const auto& problem : problems) {
    out += (out.empty() ? "" : ", ") + problem.code;
  }
  return out;
}

inline nlohmann::json parsed(const std::string& text) {
  return nlohmann::json::parse(text);
}

} // namespace slate::test::writes
