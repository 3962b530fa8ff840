#pragma once

#include "command.hpp"

namespace slate::ctl {

// `slatectl report [--service S] [--region R] [--month YYYY-MM | --from
// YYYY-MM --to YYYY-MM] [--csv [--ledger] | --json]`: availability against
// the policy's target, from GET /v1/availability, as a readable table (one
// report: its figures and its ledger; several: one line each), as slated's
// JSON, or as its CSV.
int report_command(const Invocation& invocation);

} // namespace slate::ctl
