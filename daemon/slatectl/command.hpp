#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace slate::ctl {

// Exit statuses shared by every slatectl command (documented in --help,
// slatectl(1) and the README).
constexpr int k_exit_ok = 0;
constexpr int k_exit_findings = 1; // the command worked and found something wrong
constexpr int k_exit_refused = 1;  // slated answered, and refused the request
constexpr int k_exit_usage = 2;    // bad arguments, unreadable input, or slated unreachable

// What a command gets: its own arguments (after the command's name) and
// where to write.
struct Invocation {
  std::vector<std::string> arguments;
  std::ostream& out;
  std::ostream& err;
  // Whether `err` may be coloured: it is a terminal and NO_COLOR is unset.
  bool colour = false;
};

} // namespace slate::ctl
