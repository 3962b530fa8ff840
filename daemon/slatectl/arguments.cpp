#include "arguments.hpp"

#include <algorithm>
#include <ostream>

namespace slate::ctl {
namespace {

domain::Problem usage_problem(std::string message) {
  return {domain::Code::usage, "", std::move(message)};
}

} // namespace

bool Arguments::has(std::string_view name) const {
  return m_options.find(name) != m_options.end();
}

std::optional<std::string> Arguments::value(std::string_view name) const {
  const auto it = m_options.find(name);
  if (it == m_options.end() || it->second.empty()) {
    return std::nullopt;
  }
  return it->second.back();
}

std::vector<std::string> Arguments::list(std::string_view name) const {
  std::vector<std::string> out;
  const auto it = m_options.find(name);
  if (it == m_options.end()) {
    return out;
  }
  for (const auto& given : it->second) {
    std::size_t from = 0;
    while (from <= given.size()) {
      const auto comma = std::min(given.find(',', from), given.size());
      if (comma > from) {
        out.push_back(given.substr(from, comma - from));
      }
      from = comma + 1;
    }
  }
  return out;
}

domain::Result<Arguments> parse_arguments(const std::vector<std::string>& arguments,
                                          std::span<const OptionSpec> specs) {
  Arguments parsed;
  bool options_ended = false;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    if (options_ended || argument.size() < 2 || argument[0] != '-') {
      parsed.m_words.push_back(argument);
      continue;
    }
    if (argument == "--") {
      options_ended = true;
      continue;
    }
    const auto equals = argument.find('=');
    const std::string name = argument.substr(0, equals);
    const auto spec = std::find_if(specs.begin(), specs.end(),
                                   [&](const OptionSpec& known) { return known.name == name; });
    if (spec == specs.end()) {
      return usage_problem("unknown option '" + name + "'");
    }
    if (!spec->repeatable && parsed.has(name)) {
      return usage_problem(name + " is given twice; give it once");
    }
    auto& values = parsed.m_options[name];
    if (!spec->takes_value) {
      if (equals != std::string::npos) {
        return usage_problem(name + " takes no value");
      }
      continue;
    }
    if (equals != std::string::npos) {
      values.push_back(argument.substr(equals + 1));
    } else if (i + 1 < arguments.size() && arguments[i + 1].rfind("--", 0) != 0) {
      values.push_back(arguments[++i]);
    } else {
      return usage_problem(name + " needs a value");
    }
    if (values.back().empty()) {
      return usage_problem(name + " needs a value, not an empty one");
    }
  }
  return parsed;
}

int dispatch(const Invocation& invocation, std::string_view group,
             std::span<const Subcommand> subcommands) {
  const std::string prefix = "slatectl " + std::string(group);
  const auto& arguments = invocation.arguments;
  const auto print_usage = [&](std::ostream& out) {
    out << "usage:\n";
    for (const auto& subcommand : subcommands) {
      out << "  " << subcommand.usage << "\n";
    }
  };
  const auto is_help = [](const std::string& argument) {
    return argument == "--help" || argument == "-h";
  };
  if (!arguments.empty() && (is_help(arguments.front()) || arguments.front() == "help")) {
    print_usage(invocation.out);
    return k_exit_ok;
  }
  const auto subcommand =
      arguments.empty()
          ? subcommands.end()
          : std::find_if(subcommands.begin(), subcommands.end(),
                         [&](const Subcommand& known) { return known.name == arguments.front(); });
  if (subcommand == subcommands.end()) {
    std::string names;
    for (const auto& known : subcommands) {
      names += (names.empty() ? "" : ", ") + std::string(known.name);
    }
    invocation.err << prefix << ": "
                   << (arguments.empty() ? "which subcommand?"
                                         : "unknown subcommand '" + arguments.front() + "'")
                   << " (one of " << names << ")\n";
    print_usage(invocation.err);
    return k_exit_usage;
  }
  const std::vector<std::string> rest(arguments.begin() + 1, arguments.end());
  const auto end_of_options = std::find(rest.begin(), rest.end(), "--");
  if (std::any_of(rest.begin(), end_of_options, is_help)) {
    invocation.out << "usage: " << subcommand->usage << "\n";
    return k_exit_ok;
  }
  Call call{prefix + " " + std::string(subcommand->name), subcommand->usage, {}};
  auto parsed = parse_arguments(rest, subcommand->options);
  if (!parsed) {
    invocation.err << call.command << ": " << parsed.problems().front().message << "\n"
                   << "usage: " << subcommand->usage << "\n";
    return k_exit_usage;
  }
  call.arguments = std::move(parsed).value();
  return subcommand->run(invocation, call);
}

std::vector<OptionSpec> options_with(std::initializer_list<OptionSpec> own,
                                     std::span<const OptionSpec> shared) {
  std::vector<OptionSpec> all(own);
  all.insert(all.end(), shared.begin(), shared.end());
  return all;
}

} // namespace slate::ctl
