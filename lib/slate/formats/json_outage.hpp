#pragma once

#include <slate/domain/maintenance.hpp>
#include <slate/domain/outage.hpp>
#include <slate/domain/problem.hpp>
#include <slate/formats/json_text.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slate::formats {

// {"id", "service", "regions", "start", "end" (null while open), "open",
// "impact", "cause", "exclusion" (the policy's exclusion category of its
// cause, or null when it counts), "description", "created_at",
// "created_by", "imported"}
Json outage_json(const domain::Outage& outage, const std::optional<std::string>& exclusion);

// A request to record an outage, as the client sent it. Without `start` the
// outage starts when the request arrives; without `end` it is open.
struct OutageRequest {
  std::string service;
  std::vector<std::string> regions;
  std::optional<domain::Instant> start;
  std::optional<domain::Instant> end;
  domain::OutageImpact impact = domain::OutageImpact::major;
  domain::OutageCause cause = domain::OutageCause::internal;
  std::string description;
};

// A request to resolve an open outage: its end (default: when the request
// arrives) and, now that it is known, optionally its cause, impact and
// description.
struct ResolveRequest {
  std::optional<domain::Instant> end;
  std::optional<domain::OutageImpact> impact;
  std::optional<domain::OutageCause> cause;
  std::optional<std::string> description;
};

// A past maintenance, as a history import gives it: what was booked
// (`span`), when it was announced, and what actually happened.
struct ImportedMaintenance {
  domain::MaintenanceKind kind = domain::MaintenanceKind::scheduled;
  domain::MaintenanceState state = domain::MaintenanceState::completed;
  std::string title;
  std::string message;
  std::vector<std::string> regions;
  std::vector<std::string> services;
  domain::Interval span;
  domain::Instant announced_at;
  std::optional<domain::Instant> actual_start; // both or neither
  std::optional<domain::Instant> actual_end;
  bool disruptive = true;
};

// POST /v1/import: past maintenance and past (or ongoing) outages.
struct ImportRequest {
  std::vector<ImportedMaintenance> maintenances;
  std::vector<OutageRequest> outages; // `start` always set
};

// The most items one import may hold, per list.
inline constexpr std::size_t k_max_import_items = 10000;

// Parse a request body, refusing malformed JSON, unknown members, wrong
// types, missing members and out-of-range values, each problem naming the
// member, why, and what is allowed. Problems of an item of an import name
// it by its index: "maintenances[3].start", "outages[0].cause".
domain::Result<OutageRequest> parse_outage_request(std::string_view body);
domain::Result<ResolveRequest> parse_resolve_request(std::string_view body);
domain::Result<ImportRequest> parse_import_request(std::string_view body);

} // namespace slate::formats
