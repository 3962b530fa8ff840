#pragma once

namespace slate::daemon {

// Exit statuses of slated, for scripts and systemd units.
inline constexpr int k_exit_ok = 0;
// The settings or the calendars are invalid, or --check-config found a
// problem; also a bad command line.
inline constexpr int k_exit_invalid = 1;
// Could not start or keep running: address in use, unreadable files, a bug.
inline constexpr int k_exit_failure = 2;

// Run slated with the command line `argc`/`argv` and return its exit status;
// every exception ends here as a message on stderr and k_exit_failure.
int run(int argc, char** argv);

} // namespace slate::daemon
