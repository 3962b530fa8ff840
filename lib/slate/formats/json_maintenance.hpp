#pragma once

#include <slate/domain/blackout.hpp>
#include <slate/domain/maintenance.hpp>
#include <slate/domain/maintenance_silence.hpp>
#include <slate/domain/problem.hpp>
#include <slate/domain/zone.hpp>
#include <slate/formats/json_text.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slate::formats {

// A maintenance as the API shows it: the stored facts plus, per region, its
// times on that region's clock and the part that overran its window.
struct MaintenanceView {
  domain::Maintenance maintenance;
  struct RegionClock {
    std::string region;
    domain::Zone zone;
  };
  std::vector<RegionClock> clocks;
  domain::Seconds overrun{0}; // longest part outside a window over the regions
  // Its Alertmanager silences (none without Alertmanager).
  std::vector<domain::MaintenanceSilence> silences;
};

// {"id", "kind", "state", "title", "message", "regions", "services",
// "start", "end", "booked_end", "announced_at", "started_at",
// "finished_at", "updated_at", "sequence", "created_by", "unscheduled",
// "overrun_seconds", "local": [{"region", "zone", "start", "end"}],
// "silences": [{"id", "state", "alertmanager", ...}]} (see
// json_maintenance_silence.hpp)
Json maintenance_json(const MaintenanceView& view);

// {"id", "regions", "global", "start", "end", "reason", "created_at", "created_by"}
Json blackout_json(const domain::Blackout& blackout);

// A request to create a maintenance, as the client sent it.
struct MaintenanceRequest {
  domain::MaintenanceKind kind = domain::MaintenanceKind::scheduled;
  std::string title;
  std::string message;
  std::vector<std::string> regions;
  std::vector<std::string> services;
  domain::Interval span;
};

struct ExtendRequest {
  domain::Instant end;
};

struct BlackoutRequest {
  std::vector<std::string> regions;
  domain::Interval period;
  std::string reason;
};

// Parse a request body, refusing malformed JSON, unknown members, wrong
// types, missing members and out-of-range values, each problem naming the
// member, why, and what is allowed.
domain::Result<MaintenanceRequest> parse_maintenance_request(std::string_view body);
domain::Result<ExtendRequest> parse_extend_request(std::string_view body);
domain::Result<BlackoutRequest> parse_blackout_request(std::string_view body);
// For start, complete and cancel: an empty body or an empty object.
domain::Problems check_empty_request(std::string_view body);

class MemberReader;

// Return the optional member "kind" ("scheduled" or "emergency") that
// `reader` reads, or std::nullopt (with a problem if it is something else).
std::optional<domain::MaintenanceKind> read_maintenance_kind(MemberReader& reader);

} // namespace slate::formats
