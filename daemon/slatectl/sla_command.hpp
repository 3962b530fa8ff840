#pragma once

#include "command.hpp"

namespace slate::ctl {

// slatectl sla due|report: the deadline calculator (from a policy file on
// disk, or asking slated) and the monthly support compliance.
int sla_command(const Invocation& invocation);

} // namespace slate::ctl
