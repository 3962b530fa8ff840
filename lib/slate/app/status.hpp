#pragma once

#include <slate/app/snapshot.hpp>
#include <slate/formats/status_model.hpp>

#include <optional>

namespace slate::app {

// What a model is built with besides the snapshot.
struct StatusOptions {
  int history_months = 0;                   // availability history, ending with this month
  std::optional<domain::Interval> timeline; // windows to list per region for a time line
};

// A status model and the first instant at which the same snapshot would
// give another one (a window opens or closes, planned work passes, a month
// ends; a minute on while an outage is open or work is under way, as
// availability then changes by the second).
struct BuiltStatus {
  formats::StatusModel model;
  domain::Instant expires;
};

// Return the status of `snapshot` at `now`: see formats::StatusModel. The
// maintenance shown is what is in progress and what is planned and not
// over; messages come from the snapshot's templates; components are region x service,
// services being those the policy lists, outages name and maintenance names
// (see reported_services).
BuiltStatus build_status(const Snapshot& snapshot, domain::Instant now,
                         const StatusOptions& options = {});

} // namespace slate::app
