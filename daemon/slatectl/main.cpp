// slatectl: the operator's command line for slated.
#include "blackout_command.hpp"
#include "import_command.hpp"
#include "lint_command.hpp"
#include "maintenance_command.hpp"
#include "outage_command.hpp"
#include "report_command.hpp"
#include "sla_command.hpp"
#include "ticket_command.hpp"
#include "token_command.hpp"
#include "windows_command.hpp"

#include <exception>
#include <iostream>
#include <string_view>

namespace {

struct Command {
  std::string_view name;
  std::string_view summary;
  int (*run)(const slate::ctl::Invocation&);
};

constexpr Command k_commands[] = {
    {"lint",
     "lint [DIR] [--from YYYY-MM-DD] [--policy FILE]   check the calendars in DIR (default "
     "./calendars), and print the policy's assumptions",
     slate::ctl::lint_command},
    {"windows", "windows next --region R ...   find the next slot for a maintenance",
     slate::ctl::windows_command},
    {"maintenance",
     "maintenance create|list|show|start|complete|cancel|extend ...   book and run maintenances",
     slate::ctl::maintenance_command},
    {"blackout", "blackout create|list|delete ...   change freezes", slate::ctl::blackout_command},
    {"outage", "outage open|resolve|list|show ...   record outages", slate::ctl::outage_command},
    {"report", "report [--service S] [--month YYYY-MM] ...   availability against the target",
     slate::ctl::report_command},
    {"ticket", "ticket open|event|show|list ...   support tickets and their clocks",
     slate::ctl::ticket_command},
    {"sla", "sla due|report ...   support deadlines and the month's compliance",
     slate::ctl::sla_command},
    {"import", "import FILE   past maintenance and outages, all or nothing",
     slate::ctl::import_command},
    {"token", "token new NAME   make an API token and its line for the tokens file",
     slate::ctl::token_command},
};

void usage(std::ostream& out) {
  out << "usage: slatectl COMMAND [ARGUMENTS]\n\ncommands:\n";
  for (const auto& command : k_commands) {
    out << "  " << command.summary << "\n";
  }
  out << "\n'slatectl COMMAND --help' shows a command's arguments. Commands that talk to slated\n"
         "take --url URL (default: $SLATED_URL, else http://127.0.0.1:8080), --token TOKEN or\n"
         "--token-file FILE (default: $SLATED_TOKEN; writes need one) and --json (print\n"
         "slated's answer as it is). Exit status: 0 done, 1 slated refused (or lint found\n"
         "something), 2 bad arguments or slated unreachable.\n";
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
      try {
        return command.run(invocation);
      } catch (const std::exception& error) {
        std::cerr << "slatectl " << name << ": " << error.what() << "\n";
        return slate::ctl::k_exit_usage;
      }
    }
  }
  std::cerr << "slatectl: unknown command '" << name << "'\n";
  usage(std::cerr);
  return slate::ctl::k_exit_usage;
}
