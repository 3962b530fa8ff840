// slate-manual: writes the documents made from slated's and slatectl's own
// tables, so that they cannot drift from --help: the man pages slated(8),
// slated.conf(5) and slatectl(1), etc/slated.conf and the bash completion of
// slatectl. Run by the build; `slate-manual NAME` writes NAME to stdout.
#include <slatectl/commands.hpp>
#include <slated/build_info.hpp>
#include <slated/options.hpp>
#include <slated/settings.hpp>

#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using slate::daemon::k_command_options;
using slate::daemon::k_settings;

// Return `text` escaped for roff: backslashes doubled, a leading '.' or '\''
// protected, and '-' as the minus of options.
std::string roff(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else if ((c == '.' || c == '\'') && (i == 0 || text[i - 1] == '\n')) {
      out += "\\&";
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

std::string header(std::string_view name, int section, std::string_view title) {
  return ".TH " + std::string(name) + " " + std::to_string(section) + " \"\" \"slated " +
         std::string(slate::daemon::slated_version()) + "\" \"" + std::string(title) + "\"\n";
}

std::string slated_8() {
  std::string out = header("SLATED", 8, "System Administration");
  out += ".SH NAME\nslated \\- maintenance windows, availability and support SLAs over HTTP\n";
  out += ".SH SYNOPSIS\n.B slated\n[\\fIOPTION\\fR]...\n";
  out += ".SH DESCRIPTION\n"
         "slated serves the maintenance windows of its regions (iCalendar files), books and runs "
         "maintenance under a policy, records outages and reports availability against the "
         "target, over HTTP and as a status page. Every setting can be given on the command "
         "line (\\fB\\-\\-name\\fR \\fIVALUE\\fR) or in the configuration file "
         "(\\fBname = \\fIVALUE\\fR, see \\fBslated.conf\\fR(5)); the command line wins.\n"
         ".PP\nInstalled from the package, slated runs as the service \\fBslated.service\\fR "
         "with \\fB\\-\\-config /etc/slated/slated.conf\\fR; \\fBsystemctl reload slated\\fR "
         "re-reads the calendars, the policy, the templates and the tokens.\n";
  out += ".SH OPTIONS\n";
  for (const auto& option : k_command_options) {
    out += ".TP\n.B \\-\\-" + roff(option.name) +
           (option.type.empty() ? "" : " \\fI" + roff(option.type) + "\\fR") + "\n" +
           roff(option.help) + "\n";
  }
  out += ".SH SETTINGS\n";
  for (const auto& setting : k_settings) {
    out += ".TP\n.B \\-\\-" + roff(setting.name) + " \\fI" + roff(setting.type) + "\\fR\n" +
           roff(setting.help) +
           " (default: " + (setting.default_value.empty() ? "empty" : roff(setting.default_value)) +
           ")\n";
  }
  out += ".SH EXIT STATUS\n0: served and stopped cleanly, or the configuration is valid; "
         "1: the configuration or the calendars are invalid; other: a fatal error.\n";
  out += ".SH FILES\n.TP\n/etc/slated/slated.conf\nsettings\n.TP\n/etc/slated/tokens\nbearer "
         "token hashes (\\fBslatectl token new\\fR \\fINAME\\fR)\n.TP\n/etc/slated/calendars/\n"
         "region and holiday calendars\n.TP\n/var/lib/slated/slated.db\nthe database\n";
  out += ".SH SEE ALSO\n\\fBslated.conf\\fR(5), \\fBslatectl\\fR(1), \\fBsystemctl\\fR(1)\n";
  return out;
}

std::string slated_conf_5() {
  std::string out = header("SLATED.CONF", 5, "File Formats");
  out += ".SH NAME\nslated.conf \\- settings of slated\n";
  out += ".SH DESCRIPTION\nOne \\fBkey = value\\fR per line; \\fB#\\fR starts a comment; there "
         "are no sections. Each key is also a command-line option of \\fBslated\\fR(8) "
         "(\\fB\\-\\-key\\fR \\fIVALUE\\fR), which wins over the file. Check a file with "
         "\\fBslated \\-\\-config\\fR \\fIFILE\\fR \\fB\\-\\-check\\-config\\fR.\n";
  out += ".SH SETTINGS\n";
  for (const auto& setting : k_settings) {
    out += ".TP\n.BI \"" + roff(setting.name) + " = \" " + roff(setting.type) + "\n" +
           roff(setting.description) + "\n.br\nDefault: " +
           (setting.default_value.empty() ? "empty" : roff(setting.default_value)) + ".\n";
  }
  out += ".SH SEE ALSO\n\\fBslated\\fR(8), \\fBslatectl\\fR(1)\n";
  return out;
}

// The usage lines of command `name`'s subcommands, as its --help prints
// them ("slatectl maintenance create ...").
std::vector<std::string> usage_lines(const slate::ctl::Command& command) {
  std::ostringstream out;
  std::ostringstream err;
  command.run({{"--help"}, out, err, false});
  std::vector<std::string> lines;
  std::istringstream text(out.str());
  for (std::string line; std::getline(text, line);) {
    const auto at = line.find("slatectl ");
    if (at != std::string::npos) {
      lines.push_back(line.substr(at));
    }
  }
  return lines;
}

std::string slatectl_1() {
  std::string out = header("SLATECTL", 1, "User Commands");
  out += ".SH NAME\nslatectl \\- the operator's command line for slated\n";
  out += ".SH SYNOPSIS\n.B slatectl\n[\\fIGLOBAL OPTIONS\\fR] \\fICOMMAND\\fR "
         "[\\fIARGUMENTS\\fR]\n";
  out += ".SH DESCRIPTION\nslatectl checks calendars, books and runs maintenance, records "
         "outages and reports availability by talking to \\fBslated\\fR(8) over HTTP.\n";
  out += ".SH GLOBAL OPTIONS\nGiven before or after the command, to every command that talks "
         "to slated.\n";
  for (const auto& option : slate::ctl::global_options()) {
    out += ".TP\n.B " + roff(option.name) +
           (option.value.empty() ? "" : " \\fI" + roff(option.value) + "\\fR") + "\n" +
           roff(option.help) + "\n";
  }
  out += ".SH COMMANDS\n";
  for (const auto& command : slate::ctl::commands()) {
    out += ".SS " + roff(command.name) + "\n" + roff(command.summary) + "\n";
    for (const auto& line : usage_lines(command)) {
      out += ".PP\n.nf\n" + roff(line) + "\n.fi\n";
    }
  }
  out += ".SH ENVIRONMENT\n.TP\n.B SLATED_URL\nslated's address when \\-\\-url is not "
         "given\n.TP\n.B SLATED_TOKEN\nthe token when neither \\-\\-token nor \\-\\-token\\-file "
         "is given\n.TP\n.B NO_COLOR\nwhen set and not empty, no colour even on a terminal\n";
  out += ".SH EXIT STATUS\n";
  for (const auto& exit : slate::ctl::exit_statuses()) {
    out += ".TP\n.B " + std::to_string(exit.status) + "\n" + roff(exit.meaning) + "\n";
  }
  out += ".SH SEE ALSO\n\\fBslated\\fR(8), \\fBslated.conf\\fR(5)\n";
  return out;
}

// Return the words of `line` that are options ("--region"), once each.
std::set<std::string> options_in(const std::string& line) {
  std::set<std::string> out;
  std::string word;
  for (std::size_t i = 0; i <= line.size(); ++i) {
    const char c = i < line.size() ? line[i] : ' ';
    if (c == ' ' || c == '[' || c == ']' || c == '|' || c == '(' || c == ')' || c == '=') {
      while (!word.empty() && (word.back() == ':' || word.back() == ',')) {
        word.pop_back();
      }
      if (word.size() > 2 && word.rfind("--", 0) == 0) {
        out.insert(word);
      }
      word.clear();
    } else {
      word += c;
    }
  }
  return out;
}

std::string completion() {
  std::string commands;
  std::string globals;
  for (const auto& command : slate::ctl::commands()) {
    commands += (commands.empty() ? "" : " ") + std::string(command.name);
  }
  for (const auto& option : slate::ctl::global_options()) {
    globals += (globals.empty() ? "" : " ") + std::string(option.name);
  }
  std::string cases;
  for (const auto& command : slate::ctl::commands()) {
    std::string subcommands;
    std::string options_of_sub;
    std::set<std::string> all_options;
    for (const auto& line : usage_lines(command)) {
      // "slatectl maintenance create ..." -> "create" (none for "lint DIR").
      std::istringstream words(line);
      std::string slatectl_word;
      std::string group;
      std::string sub;
      words >> slatectl_word >> group >> sub;
      auto options = options_in(line);
      for (const auto& option : slate::ctl::global_options()) {
        if (line.find("--url") != std::string::npos) {
          options.insert(std::string(option.name));
        }
      }
      all_options.insert(options.begin(), options.end());
      if (!sub.empty() && sub[0] != '-' && sub[0] != '[' && std::islower(sub[0]) != 0) {
        subcommands += (subcommands.empty() ? "" : " ") + sub;
        std::string list;
        for (const auto& option : options) {
          list += (list.empty() ? "" : " ") + option;
        }
        options_of_sub += "        " + sub + ") options=\"" + list + "\" ;;\n";
      }
    }
    std::string all;
    for (const auto& option : all_options) {
      all += (all.empty() ? "" : " ") + option;
    }
    cases += "    " + std::string(command.name) + ")\n      subcommands=\"" + subcommands +
             "\"\n      options=\"" + all + "\"\n      case \"$sub\" in\n" + options_of_sub +
             "      esac\n      ;;\n";
  }
  return R"BASH(# bash completion for slatectl; generated by slate-manual from slatectl's
# command and option tables. Region and maintenance ids come from the
# running slated ($SLATED_URL or --url) when it answers within a second.

_slatectl_url() {
  local i
  for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do
    case "${COMP_WORDS[i]}" in
      --url) echo "${COMP_WORDS[i + 1]}"; return ;;
      --url=*) echo "${COMP_WORDS[i]#--url=}"; return ;;
    esac
  done
  echo "${SLATED_URL:-http://127.0.0.1:8080}"
}

_slatectl_regions() {
  command -v curl >/dev/null 2>&1 || return 0
  curl -fsS --max-time 1 "$(_slatectl_url)/v1/regions" 2>/dev/null |
    grep -o '"id": *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/'
}

_slatectl_maintenances() {
  slatectl --url "$(_slatectl_url)" maintenance list --output csv 2>/dev/null |
    tail -n +2 | cut -d, -f1
}

_slatectl() {
  local cur prev command="" sub="" i word
  COMPREPLY=()
  cur="${COMP_WORDS[COMP_CWORD]}"
  prev="${COMP_WORDS[COMP_CWORD - 1]}"
  local commands=")BASH" +
         commands + R"BASH("
  local globals=")BASH" +
         globals + R"BASH("
  # The command and its subcommand: the first two words that are neither
  # options nor an option's value.
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="${COMP_WORDS[i]}"
    case "$word" in
      --url|--token|--token-file|--output) ((i++)); continue ;;
      -*) continue ;;
    esac
    if [[ -z "$command" ]]; then command="$word"; elif [[ -z "$sub" ]]; then sub="$word"; fi
  done
  case "$prev" in
    --output) COMPREPLY=($(compgen -W "table json csv" -- "$cur")); return ;;
    --region) COMPREPLY=($(compgen -W "$(_slatectl_regions)" -- "$cur")); return ;;
    --token-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --url|--token|--title|--start|--end|--message|--service|--reason|--month|--from|--to|--by)
      return ;;
  esac
  if [[ -z "$command" ]]; then
    COMPREPLY=($(compgen -W "$commands $globals --help" -- "$cur"))
    return
  fi
  local subcommands="" options=""
  case "$command" in
)BASH" + cases +
         R"BASH(  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$options --help" -- "$cur"))
  elif [[ -z "$sub" && -n "$subcommands" ]]; then
    COMPREPLY=($(compgen -W "$subcommands" -- "$cur"))
  elif [[ "$command" == maintenance && "$sub" =~ ^(show|start|complete|cancel|extend)$ ]]; then
    COMPREPLY=($(compgen -W "$(_slatectl_maintenances)" -- "$cur"))
  elif [[ "$command" == lint || "$command" == import ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -F _slatectl slatectl
)BASH";
}

} // namespace

int main(int argc, char** argv) {
  const std::string_view name = argc == 2 ? argv[1] : "";
  if (name == "slated.8") {
    std::cout << slated_8();
  } else if (name == "slated.conf.5") {
    std::cout << slated_conf_5();
  } else if (name == "slatectl.1") {
    std::cout << slatectl_1();
  } else if (name == "slated.conf") {
    std::cout << slate::daemon::slated_conf_text();
  } else if (name == "slatectl.bash") {
    std::cout << completion();
  } else {
    std::cerr << "usage: slate-manual slated.8|slated.conf.5|slatectl.1|slated.conf|"
                 "slatectl.bash\n";
    return 2;
  }
  return 0;
}
