#pragma once

// Outages and history, recorded through the app's write use cases: requests
// as a client sends them, and the write context of each (Sat 2026-10-10
// 12:00Z unless a test says otherwise).

#include "app_writer_fixture.hpp"

#include <slate/app/history_import.hpp>
#include <slate/app/outages.hpp>

namespace slate::test::outages {

using slate::app::WriteContext;
using slate::domain::Interval;
using slate::domain::Problems;
using slate::formats::ImportedMaintenance;
using slate::formats::OutageRequest;
using slate::test::utc;

inline WriteContext by(const std::string& actor, const char* now = "2026-10-10T12:00:00Z",
                       std::optional<std::string> key = std::nullopt,
                       const std::string& fingerprint = "") {
  return WriteContext{actor, utc(now), std::move(key), fingerprint};
}

inline OutageRequest outage(const std::string& service, std::vector<std::string> regions,
                            std::optional<const char*> start, std::optional<const char*> end = {}) {
  OutageRequest request;
  request.service = service;
  request.regions = std::move(regions);
  if (start) {
    request.start = utc(*start);
  }
  if (end) {
    request.end = utc(*end);
  }
  return request;
}

inline ImportedMaintenance past(const char* start, const char* end, const char* actual_start,
                                const char* actual_end) {
  ImportedMaintenance item;
  item.title = "Database upgrade";
  item.regions = {"us"};
  item.services = {"api"};
  item.span = Interval{utc(start), utc(end)};
  item.announced_at = utc(start) - std::chrono::days{10};
  item.actual_start = utc(actual_start);
  item.actual_end = utc(actual_end);
  return item;
}

inline std::string fields(const Problems& problems) {
  std::string out;
  for (const auto& problem : problems) {
    out += (out.empty() ? "" : ", ") + problem.field + ":" + problem.code;
  }
  return out;
}

} // namespace slate::test::outages
