#pragma once

#include <slate/app/snapshot.hpp>
#include <slate/domain/support_compliance.hpp>

#include <date/date.h>

// The monthly support compliance: per plan, severity and clock kind, the
// month decided by each ticket's opening in the policy's reporting zone.
namespace slate::app {

// Return the compliance of `month` over the snapshot's tickets as it stands
// at `now`, or 422 support_not_configured (field "month") when the policy
// has no [support] part.
domain::Result<domain::ComplianceReport>
support_compliance_report(const Snapshot& snapshot, date::year_month month, domain::Instant now);

// Return the month `now` falls in, in the policy's reporting zone: the
// month the status page and /metrics show.
date::year_month current_support_month(const Snapshot& snapshot, domain::Instant now);

} // namespace slate::app
