#pragma once

#include "command.hpp"

namespace slate::ctl {

// `slatectl lint [DIR] [--from YYYY-MM-DD]`: read every calendar in DIR
// (default ./calendars) and report (a) each window whose alternate
// statements give other instants than the window itself, with the dates and
// by how much, and (b) occurrences a DST gap or fold makes shorter or longer,
// both over the twelve months from --from (default: today, UTC).
// Exit 0 when clean, 1 with findings, 2 when a calendar cannot be read.
int lint_command(const Invocation& invocation);

} // namespace slate::ctl
