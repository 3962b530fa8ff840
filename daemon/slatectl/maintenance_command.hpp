#pragma once

#include "command.hpp"

namespace slate::ctl {

// `slatectl maintenance create|list|show|start|complete|cancel|extend`:
// book, list and move maintenances through slated's /v1/maintenances API.
// Writes need a token. Exit 0 when slated accepted, 1 when it refused (its
// messages go to stderr), 2 on usage errors or when it cannot be reached.
int maintenance_command(const Invocation& invocation);

} // namespace slate::ctl
