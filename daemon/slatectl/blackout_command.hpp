#pragma once

#include "command.hpp"

namespace slate::ctl {

// `slatectl blackout create|list|delete`: manage change freezes through
// slated's /v1/blackouts API; no scheduled maintenance may be booked across
// one. Writes need a token. Exit 0 when slated accepted, 1 when it refused,
// 2 on usage errors or when it cannot be reached.
int blackout_command(const Invocation& invocation);

} // namespace slate::ctl
