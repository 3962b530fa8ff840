#include "commands.hpp"

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

#include <algorithm>
#include <array>
#include <exception>
#include <ostream>

namespace slate::ctl {
namespace {

constexpr std::array k_commands{
    Command{"lint",
            "lint [DIR] [--from YYYY-MM-DD] [--policy FILE]   check the calendars in DIR "
            "(default ./calendars), and print the policy's assumptions",
            lint_command},
    Command{"windows", "windows next --region R ...   find the next slot for a maintenance",
            windows_command},
    Command{"maintenance",
            "maintenance create|list|show|start|complete|cancel|extend ...   book and run "
            "maintenances",
            maintenance_command},
    Command{"blackout", "blackout create|list|delete ...   change freezes", blackout_command},
    Command{"outage", "outage open|resolve|list|show ...   record outages", outage_command},
    Command{"report",
            "report [--service S] [--month YYYY-MM] ...   availability against the target",
            report_command},
    Command{"ticket", "ticket open|event|show|list ...   support tickets and their clocks",
            ticket_command},
    Command{"sla", "sla due|report ...   support deadlines and the month's compliance",
            sla_command},
    Command{"import", "import FILE   past maintenance and outages, all or nothing", import_command},
    Command{"token", "token new NAME   make an API token and its line for the tokens file",
            token_command},
};

constexpr std::array k_global_options{
    GlobalOption{"--url", "URL",
                 "slated's address (default: $SLATED_URL, else http://127.0.0.1:8080)"},
    GlobalOption{"--token", "TOKEN", "bearer token for writes (default: $SLATED_TOKEN)"},
    GlobalOption{"--token-file", "FILE", "read the token from the first line of FILE"},
    GlobalOption{"--output", "table|json|csv",
                 "a table (the default), slated's JSON as it is, or the table as CSV"},
    GlobalOption{"--json", "", "the same as --output json"},
};

constexpr std::array k_exit_statuses{
    ExitStatus{k_exit_ok, "done"},
    ExitStatus{k_exit_refused, "slated refused the request, or lint found a problem"},
    ExitStatus{k_exit_usage, "bad arguments, unreadable input, or slated could not be reached"},
};

const GlobalOption* global_option(std::string_view argument) {
  const auto name = argument.substr(0, argument.find('='));
  const auto it = std::find_if(k_global_options.begin(), k_global_options.end(),
                               [&](const GlobalOption& option) { return option.name == name; });
  return it == k_global_options.end() ? nullptr : &*it;
}

} // namespace

std::span<const Command> commands() {
  return k_commands;
}

std::span<const GlobalOption> global_options() {
  return k_global_options;
}

std::span<const ExitStatus> exit_statuses() {
  return k_exit_statuses;
}

void usage(std::ostream& out) {
  out << "usage: slatectl [GLOBAL OPTIONS] COMMAND [ARGUMENTS]\n\ncommands:\n";
  for (const auto& command : k_commands) {
    out << "  " << command.summary << "\n";
  }
  out << "\nglobal options (before or after the command, for commands that talk to slated):\n";
  for (const auto& option : k_global_options) {
    const std::string name =
        std::string(option.name) + (option.value.empty() ? "" : " " + std::string(option.value));
    out << "  " << name << std::string(name.size() < 26 ? 26 - name.size() : 1, ' ') << option.help
        << "\n";
  }
  out << "\n'slatectl COMMAND --help' shows a command's arguments. Errors are red on a terminal\n"
         "unless NO_COLOR is set.\n\nexit status:\n";
  for (const auto& exit : k_exit_statuses) {
    out << "  " << exit.status << "  " << exit.meaning << "\n";
  }
}

int run_slatectl(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err,
                 bool colour) {
  // Global options before the command go after its own arguments (before
  // a "--", which ends the options).
  std::vector<std::string> globals;
  std::size_t at = 0;
  while (at < arguments.size()) {
    const GlobalOption* option = global_option(arguments[at]);
    if (option == nullptr) {
      break;
    }
    globals.push_back(arguments[at++]);
    if (!option->value.empty() && globals.back().find('=') == std::string::npos &&
        at < arguments.size()) {
      globals.push_back(arguments[at++]);
    }
  }
  if (at == arguments.size()) {
    usage(err);
    return k_exit_usage;
  }
  const std::string& name = arguments[at];
  if (name == "--help" || name == "-h" || name == "help") {
    usage(out);
    return k_exit_ok;
  }
  const auto command = std::find_if(k_commands.begin(), k_commands.end(),
                                    [&](const Command& known) { return known.name == name; });
  if (command == k_commands.end()) {
    err << "slatectl: unknown command '" << name << "'\n";
    usage(err);
    return k_exit_usage;
  }
  std::vector<std::string> rest(arguments.begin() + static_cast<std::ptrdiff_t>(at) + 1,
                                arguments.end());
  rest.insert(std::find(rest.begin(), rest.end(), "--"), globals.begin(), globals.end());
  const Invocation invocation{std::move(rest), out, err, colour};
  try {
    return command->run(invocation);
  } catch (const std::exception& error) {
    err << "slatectl " << name << ": " << error.what() << "\n";
    return k_exit_usage;
  }
}

} // namespace slate::ctl
