#pragma once

#include <slate/app/writer.hpp>
#include <slate/formats/json_maintenance.hpp>

#include <cstdint>

// The write use cases of maintenance: booking it (scheduled, or declared as
// an emergency) and moving it through its lifecycle. Each goes the Writer's
// one write path; problems are the rules it breaks (422), a transition the
// lifecycle does not allow (409) or an id that does not exist (404).
namespace slate::app {

// Book the maintenance `request` asks for: scheduled work must keep the
// policy (notice, windows, blackouts, overlap: domain::check_booking);
// emergency work is in progress at once when it has started.
domain::Result<Created<domain::Maintenance>>
book_maintenance(Writer& writer, const formats::MaintenanceRequest& request,
                 const WriteContext& write);

// planned -> in_progress, started now.
domain::Result<domain::Maintenance> start_maintenance(Writer& writer, std::int64_t id,
                                                      const WriteContext& write);
// in_progress -> completed, finished now.
domain::Result<domain::Maintenance> complete_maintenance(Writer& writer, std::int64_t id,
                                                         const WriteContext& write);
// planned or in_progress -> cancelled, finished now.
domain::Result<domain::Maintenance> cancel_maintenance(Writer& writer, std::int64_t id,
                                                       const WriteContext& write);
// Move the end of planned or in-progress work later, to `end`.
domain::Result<domain::Maintenance>
extend_maintenance(Writer& writer, std::int64_t id, domain::Instant end, const WriteContext& write);

} // namespace slate::app
