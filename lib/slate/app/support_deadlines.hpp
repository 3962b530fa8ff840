#pragma once

#include <slate/app/snapshot.hpp>
#include <slate/domain/support_clock.hpp>

#include <optional>
#include <string>
#include <vector>

// The deadline calculator: when each clock of a ticket would be due,
// without a ticket being stored.
namespace slate::app {

// The clocks of a ticket that would open at `opened_at`, and the plan they
// run under.
struct SupportDeadlines {
  std::string severity;
  std::string plan; // as asked, else the policy's default plan
  domain::Instant opened_at;
  std::vector<domain::SupportClock> clocks; // each with its ledger to its due instant
};

// Return the deadlines of a ticket opened at `opened_at` with `severity`
// under `plan` (default: the policy's default plan) under the snapshot's
// policy, or a problem: support_not_configured (422), severity_unknown and
// plan_unknown (fields "severity" and "plan").
domain::Result<SupportDeadlines> support_deadlines(const Snapshot& snapshot,
                                                   const std::string& severity,
                                                   const std::optional<std::string>& plan,
                                                   domain::Instant opened_at);

} // namespace slate::app
