#pragma once

#include <slated/options.hpp>

namespace slate::daemon {

// Return the exit status after serving with `options` until SIGTERM or
// SIGINT: load the calendars, bind, log "slated: listening on HOST:PORT",
// answer HTTP on one io_context, and on SIGHUP reload the calendars,
// swapping in the new set only if it loads. Throws std::exception for
// what prevents starting (address in use, unreadable directory); returns 1
// if the calendars are invalid at start, 0 after a clean stop.
int serve(const Options& options);

// Return 0 if the calendars named in `options` load, else print every
// problem to stderr and return 1 (the settings themselves are already valid).
int check_calendars(const Options& options);

} // namespace slate::daemon
