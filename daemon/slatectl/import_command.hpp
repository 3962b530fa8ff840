#pragma once

#include "command.hpp"

namespace slate::ctl {

// `slatectl import FILE`: send a history file (JSON: {"maintenances": [...],
// "outages": [...]}, "-" for standard input) to POST /v1/import, which
// stores all of it or nothing. Every problem slated finds is printed with
// the item it concerns ("maintenances[3].start").
int import_command(const Invocation& invocation);

} // namespace slate::ctl
