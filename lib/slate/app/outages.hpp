#pragma once

#include <slate/app/writer.hpp>
#include <slate/formats/json_outage.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// The write use cases of outages, on the Writer's one write path.
namespace slate::app {

// Return the exclusion category `policy` gives the cause of `outage`, or
// std::nullopt when the outage counts as downtime.
std::optional<std::string> exclusion_of(const domain::Outage& outage, const domain::Policy& policy);

// Record an outage: its regions must be known, its service one the policy
// lists (when it lists any), its start and end not after `write.now`.
// Without a start it starts at `write.now`.
domain::Result<Created<domain::Outage>>
record_outage(Writer& writer, const formats::OutageRequest& request, const WriteContext& write);

// End open outage `id` at `request.end` (default `write.now`), optionally
// correcting its cause, impact and description. 409 if already resolved.
domain::Result<domain::Outage> resolve_outage(Writer& writer, std::int64_t id,
                                              const formats::ResolveRequest& request,
                                              const WriteContext& write);

// Return the problems of outage `request` against `snapshot` at `now`, each
// field named after `prefix` ("outages[2]."): what record_outage and an
// import check alike.
domain::Problems check_outage(const formats::OutageRequest& request, const Snapshot& snapshot,
                              domain::Instant now, const std::string& prefix);

// Return the outage `request` describes as recorded by `write`: regions
// spelt as `snapshot` spells them, starting now when it gives no start.
domain::Outage outage_of(const formats::OutageRequest& request, const Snapshot& snapshot,
                         const WriteContext& write);

// Add an unknown_region problem for `field` to `problems` for each of `ids`
// that `snapshot` does not have; the message lists the known regions.
void check_known_regions(const std::vector<std::string>& ids, const Snapshot& snapshot,
                         const std::string& field, domain::Problems& problems);

// Add a time_in_future problem for `field` to `problems` if `instant` is
// after `now`, ending with `what` to do instead: outages and history are
// what happened, not what will.
void check_not_future(const std::optional<domain::Instant>& instant, domain::Instant now,
                      const std::string& field, const std::string& what,
                      domain::Problems& problems);

// Return the JSON text of `outage` as the API shows it under `policy`: what
// the audit log keeps of it.
std::string outage_text(const domain::Outage& outage, const domain::Policy& policy);

} // namespace slate::app
