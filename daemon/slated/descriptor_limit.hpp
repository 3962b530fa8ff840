#pragma once

#include <cstdint>
#include <string>

namespace slate::daemon {

// The process's limit on open file descriptors (RLIMIT_NOFILE), which
// bounds how many client connections the daemon can hold at once: each is
// one descriptor.
struct DescriptorLimit {
  std::uint64_t before = 0; // the soft limit the daemon started with
  std::uint64_t soft = 0;   // the soft limit now
  std::uint64_t hard = 0;
  std::string error; // why it could not be raised, if it could not
};

// Descriptors kept aside for everything that is not a client connection:
// the database and its WAL, the listening socket, the log, webhook and
// Alertmanager connections, files read on SIGHUP.
constexpr std::uint64_t k_reserved_descriptors = 64;

// Raise the soft limit to the hard one (systemd's LimitNOFILE sets both;
// shells often leave the soft limit at 1024 below a far higher hard one).
// Never lowers it. An "infinite" hard limit stays as it is: the kernel
// refuses more than its nr_open.
DescriptorLimit raise_descriptor_limit();

// Return the line the daemon logs: how many connections it can hold, and
// the limit.
std::string describe(const DescriptorLimit& limit);

} // namespace slate::daemon
