#pragma once

#include <slate/app/snapshot.hpp>
#include <slate/domain/problem.hpp>
#include <slate/formats/json_maintenance.hpp>
#include <slate/formats/json_outage.hpp>
#include <slate/store/database.hpp>

#include <functional>
#include <optional>
#include <string>

namespace slate::app {

// Stable codes of scheduling problems that are not booking rules.
namespace problem_code {
inline constexpr const char* invalid_transition = "invalid_transition";     // 409
inline constexpr const char* idempotency_reused = "idempotency_key_reused"; // 422
inline constexpr const char* not_found = "not_found";                       // 404
inline constexpr const char* invalid_extension = "invalid_extension";       // 422
inline constexpr const char* unknown_service = "unknown_service";           // 400
inline constexpr const char* time_in_future = "time_in_future";             // 400
} // namespace problem_code

// Return the exclusion category `policy` gives the cause of `outage`, or
// std::nullopt when the outage counts as downtime.
std::optional<std::string> exclusion_of(const domain::Outage& outage, const domain::Policy& policy);

// Who writes, when, and how to recognise a retry.
struct WriteContext {
  std::string actor; // token name
  domain::Instant now;
  std::optional<std::string> idempotency_key;
  std::string fingerprint; // of the request, to refuse a key reused for another one
};

template <class T> struct Created {
  T value;
  bool replayed = false; // an earlier request with the same Idempotency-Key made it
};

// The one writer. Every change is checked against the policy, committed to
// the store in one transaction with its audit entry, and only then
// published as a new snapshot: a failed write changes nothing anywhere.
// Not thread-safe: the daemon calls it from its event loop only.
class Scheduler {
public:
  using Publish = std::function<void(SnapshotPtr)>;

  Scheduler(store::Database& database, Publish publish);

  // Load the stored maintenance and blackouts and publish the first snapshot.
  void start(std::vector<domain::Region> regions, domain::Policy policy, domain::Zone home_zone,
             formats::MessageTemplates templates);

  // Publish a snapshot with new calendars, policy and templates (SIGHUP).
  void reconfigure(std::vector<domain::Region> regions, domain::Policy policy,
                   formats::MessageTemplates templates);

  SnapshotPtr snapshot() const { return m_snapshot; }

  domain::Result<Created<domain::Maintenance>>
  create_maintenance(const formats::MaintenanceRequest& request, const WriteContext& write);
  domain::Result<domain::Maintenance> start_maintenance(std::int64_t id, const WriteContext& write);
  domain::Result<domain::Maintenance> complete_maintenance(std::int64_t id,
                                                           const WriteContext& write);
  domain::Result<domain::Maintenance> cancel_maintenance(std::int64_t id,
                                                         const WriteContext& write);
  domain::Result<domain::Maintenance> extend_maintenance(std::int64_t id, domain::Instant end,
                                                         const WriteContext& write);

  domain::Result<Created<domain::Blackout>> create_blackout(const formats::BlackoutRequest& request,
                                                            const WriteContext& write);
  domain::Result<domain::Blackout> delete_blackout(std::int64_t id, const WriteContext& write);

  // Record an outage: its regions must be known, its service one the
  // policy lists (when it lists any), its start and end not after
  // `write.now`. Without a start it starts at `write.now`.
  domain::Result<Created<domain::Outage>> create_outage(const formats::OutageRequest& request,
                                                        const WriteContext& write);
  // End an open outage at `request.end` (default `write.now`), optionally
  // correcting its cause, impact and description. 409 if already resolved.
  domain::Result<domain::Outage> resolve_outage(std::int64_t id,
                                                const formats::ResolveRequest& request,
                                                const WriteContext& write);
  // Store past maintenance and outages, all or nothing, each marked imported
  // and audited as "import". Each item is checked as a live one is for its
  // shape, regions, service and times (nothing after `write.now`); notice,
  // windows, blackouts and overlaps are not refused here but decide, in
  // reports, what is excluded. Problems name the item: "outages[2].regions".
  domain::Result<Created<store::History>> import_history(const formats::ImportRequest& request,
                                                         const WriteContext& write);

private:
  using Transition =
      std::function<std::optional<domain::Problem>(domain::Maintenance&, domain::Instant)>;

  domain::Result<domain::Maintenance> change(std::int64_t id, const char* action,
                                             const WriteContext& write,
                                             const Transition& transition);
  std::optional<domain::Problem> replay_check(const WriteContext& write, const std::string& kind,
                                              std::string& resource) const;
  std::string render(const domain::Maintenance& maintenance) const;
  void publish_next(std::vector<domain::Maintenance> maintenances,
                    std::vector<domain::Blackout> blackouts);
  void publish_change(const std::function<void(Snapshot&)>& change);
  std::string render(const domain::Outage& outage) const;
  domain::Problems check_outage(const formats::OutageRequest& request, domain::Instant now,
                                const std::string& prefix) const;

  store::Database& m_database;
  Publish m_publish;
  SnapshotPtr m_snapshot;
};

} // namespace slate::app
