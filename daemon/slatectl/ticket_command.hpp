#pragma once

#include "command.hpp"

namespace slate::ctl {

// slatectl ticket open|event|show|list: support tickets and their clocks.
int ticket_command(const Invocation& invocation);

} // namespace slate::ctl
