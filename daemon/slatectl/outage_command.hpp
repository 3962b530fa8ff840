#pragma once

#include "command.hpp"

namespace slate::ctl {

// `slatectl outage open|resolve|list|show`: record outages and end them
// through slated's /v1/outages API. Writes need a token. Exit 0 when slated
// accepted, 1 when it refused (its messages go to stderr), 2 on usage
// errors or when it cannot be reached.
int outage_command(const Invocation& invocation);

} // namespace slate::ctl
