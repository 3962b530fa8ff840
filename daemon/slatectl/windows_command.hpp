#pragma once

#include "command.hpp"

namespace slate::ctl {

// `slatectl windows next --region R [--region R2 ...] [--duration PT1H30M]
// [--after RFC3339]`: ask slated (GET /v1/windows/next) for the next slot of
// `--duration` that lies in a maintenance window of every region given and
// clear of blackouts, from `--after` (default: now) on, and print it in UTC
// and in each region's local time. Exit 0 when slated answered (also when
// there is no slot; the reason is printed), 1 when it refused, 2 on usage
// errors or when it cannot be reached.
int windows_command(const Invocation& invocation);

} // namespace slate::ctl
