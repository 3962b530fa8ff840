#pragma once

#include <slated/options.hpp>

namespace slate::daemon {

// Return the exit status after serving with `options` until SIGTERM or
// SIGINT: load the calendars, policy and tokens, open the database and its
// outbox, bind, catch up on the lifecycle transitions and notifications
// missed while stopped, log "slated: listening on HOST:PORT", tell systemd
// READY=1, then answer reads on the HTTP loop and run writes, the
// lifecycle timers and webhooks on the writer thread. SIGHUP reloads the
// calendars, the policy and the templates, swapping in the new set only if
// all of it loads, and the tokens and the webhook secret, each kept if its
// new file does not load. Throws std::exception for what prevents starting
// (address in use, unreadable directory); returns 1 if the configuration is
// invalid at start or the writer failed, 0 after a clean stop.
int serve(const Options& options);

// Return 0 if everything `options` names loads (calendars, policy, tokens,
// webhook secret, test clock), else print every problem to stderr and
// return 1 (the settings themselves are already valid).
int check_configuration(const Options& options);

} // namespace slate::daemon
