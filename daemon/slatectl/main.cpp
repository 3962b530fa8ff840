// slatectl: the operator's command line for slated.
#include "lint_command.hpp"

#include <iostream>
#include <string_view>

namespace {

struct Command {
  std::string_view name;
  std::string_view summary;
  int (*run)(const slate::ctl::Invocation&);
};

constexpr Command k_commands[] = {
    {"lint", "lint [DIR] [--from YYYY-MM-DD]   check the calendars in DIR (default ./calendars)",
     slate::ctl::lint_command},
};

void usage(std::ostream& out) {
  out << "usage: slatectl COMMAND [ARGUMENTS]\n\ncommands:\n";
  for (const auto& command : k_commands) {
    out << "  " << command.summary << "\n";
  }
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    usage(std::cerr);
    return slate::ctl::k_exit_usage;
  }
  const std::string_view name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    usage(std::cout);
    return slate::ctl::k_exit_ok;
  }
  for (const auto& command : k_commands) {
    if (command.name == name) {
      slate::ctl::Invocation invocation{{argv + 2, argv + argc}, std::cout, std::cerr};
      return command.run(invocation);
    }
  }
  std::cerr << "slatectl: unknown command '" << name << "'\n";
  usage(std::cerr);
  return slate::ctl::k_exit_usage;
}
