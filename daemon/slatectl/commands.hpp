#pragma once

#include "command.hpp"

#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace slate::ctl {

// One command of slatectl ("maintenance"), its one-line summary and what
// runs it. The table is what --help, slatectl(1) and the bash completion
// are made from.
struct Command {
  std::string_view name;
  std::string_view summary;
  int (*run)(const Invocation&);
};

// Every command, in the order --help lists them.
std::span<const Command> commands();

// The options every command that talks to slated takes, which may also be
// given before the command ("slatectl --url URL maintenance list").
struct GlobalOption {
  std::string_view name;
  std::string_view value; // empty for a flag
  std::string_view help;
};
std::span<const GlobalOption> global_options();

// The exit statuses, each with what it means, for --help and slatectl(1).
struct ExitStatus {
  int status;
  std::string_view meaning;
};
std::span<const ExitStatus> exit_statuses();

// Print slatectl's --help.
void usage(std::ostream& out);

// Run slatectl with `arguments` (argv without argv[0]) and return its exit
// status. Global options before the command are moved after it.
int run_slatectl(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err,
                 bool colour);

} // namespace slate::ctl
