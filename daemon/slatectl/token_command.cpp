#include "token_command.hpp"

#include "api_client.hpp"

#include <common/token_file.hpp>

#include <ostream>

namespace slate::ctl {
namespace {

int new_token(const Invocation& invocation, const Call& call) {
  const auto name = one_word(invocation, call, "NAME the token is known by");
  if (!name) {
    return k_exit_usage;
  }
  if (!daemon::valid_token_name(*name)) {
    return usage_error(invocation, call,
                       "NAME '" + *name + "' must be 1 to 64 characters of A-Z a-z 0-9 . _ -");
  }
  const std::string token = daemon::new_token();
  invocation.out << token << "\n" << *name << " " << daemon::sha256_hex(token) << "\n";
  invocation.err << call.command
                 << ": store the token (first line) now: it is not kept anywhere and cannot be "
                    "shown again. Add the second line to slated's tokens file (--tokens FILE).\n";
  return k_exit_ok;
}

const Subcommand k_subcommands[] = {
    {"new", "slatectl token new NAME", {}, new_token},
};

} // namespace

int token_command(const Invocation& invocation) {
  return dispatch(invocation, "token", k_subcommands);
}

} // namespace slate::ctl
