#pragma once

#include <slate/app/snapshot.hpp>
#include <slate/formats/json_maintenance.hpp>

namespace slate::app {

// Return how the API shows `maintenance` in `snapshot`: with each region's
// clock and, for scheduled maintenance, the longest part of it that lies
// outside the allowed windows of one of its regions (its overrun).
formats::MaintenanceView view_of(const domain::Maintenance& maintenance, const Snapshot& snapshot);

// Return the JSON text of `maintenance` as the API shows it in `snapshot`:
// what the audit log keeps of it.
std::string maintenance_text(const domain::Maintenance& maintenance, const Snapshot& snapshot);

} // namespace slate::app
