#pragma once

#include <csignal>

namespace slate::daemon {

// SIGTERM, SIGINT and SIGHUP: the signals slated acts on (stop, stop,
// reload).
sigset_t daemon_signals();

// Block daemon_signals() in the calling thread, and so in every thread it
// starts afterwards, for the rest of the process. serve() calls it before
// the service makes any thread (the writer, the webhook and Alertmanager
// workers, the replica follower), so that no thread ever takes one: the
// kernel keeps each pending until the HTTP loop reads it from a signalfd
// (signal_reader.hpp). One sent before the loop runs waits there, not lost.
// Why every thread, the HTTP thread too, and no handler: a signal the
// kernel hands to a thread interrupts whatever that thread was doing (a
// webhook request, a database call); and under ThreadSanitizer a handler
// runs only once the thread it interrupted reaches a point the runtime
// controls, which a loop idle in epoll_wait may not do for as long as it
// stays idle.
// Never undone: once serve() returns the process ends, so a second SIGTERM
// during the stop stays pending and is dropped at exit. slated starts no
// other program; one it started would inherit the mask, and would have to
// be given the default one back between fork and exec.
void block_daemon_signals();

} // namespace slate::daemon
