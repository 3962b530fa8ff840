#pragma once

#include "command.hpp"

#include <slate/domain/problem.hpp>

#include <initializer_list>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace slate::ctl {

// One option a slatectl command accepts: "--name VALUE" (also
// "--name=VALUE") when `takes_value`, else a flag "--name".
struct OptionSpec {
  std::string_view name;
  bool takes_value = true;
  bool repeatable = false;
};

// A command's arguments sorted into options and the words that are not.
class Arguments {
public:
  // Return whether option `name` ("--json") was given at all.
  bool has(std::string_view name) const;
  // Return the value of option `name`, or std::nullopt when it was not given.
  std::optional<std::string> value(std::string_view name) const;
  // Return every value given to a repeatable option `name`, in order. A
  // value "EU,UK" counts as two.
  std::vector<std::string> list(std::string_view name) const;
  // Return the words that are not options, in order.
  const std::vector<std::string>& words() const { return m_words; }

private:
  friend domain::Result<Arguments> parse_arguments(const std::vector<std::string>& arguments,
                                                   std::span<const OptionSpec> specs);
  std::map<std::string, std::vector<std::string>, std::less<>> m_options;
  std::vector<std::string> m_words;
};

// Return `arguments` sorted against `specs`, or a problem whose message
// says what is wrong (unknown option, missing value, option given twice).
// "--" ends the options: what follows are words even if they start with '-'.
domain::Result<Arguments> parse_arguments(const std::vector<std::string>& arguments,
                                          std::span<const OptionSpec> specs);

// One subcommand of a command group ("create" of "slatectl maintenance"),
// as what it is called in messages, its arguments and its usage line.
struct Call {
  std::string command; // "slatectl maintenance create"
  std::string_view usage;
  Arguments arguments;
};

// A subcommand: its name, usage line, the options it accepts, and what runs it.
struct Subcommand {
  std::string_view name;
  std::string_view usage;
  std::span<const OptionSpec> options;
  int (*run)(const Invocation& invocation, const Call& call);
};

// Run the subcommand of `group` ("maintenance") that the first argument of
// `invocation` names, with the rest of its arguments parsed against that
// subcommand's options. "--help" prints the usage lines and returns 0; no
// subcommand, an unknown one or bad arguments print the problem and the
// usage to `err` and return k_exit_usage.
int dispatch(const Invocation& invocation, std::string_view group,
             std::span<const Subcommand> subcommands);

// Return `own` followed by `shared`, for a subcommand's option table.
std::vector<OptionSpec> options_with(std::initializer_list<OptionSpec> own,
                                     std::span<const OptionSpec> shared);

} // namespace slate::ctl
