#pragma once

#include "command.hpp"

namespace slate::ctl {

// `slatectl token new NAME`: make a new random API token for NAME and print
// it on the first line, and on the second the line "NAME SHA256HEX" for
// slated's tokens file. Only the digest is kept anywhere, so stderr tells
// the operator to store the token now. Needs no daemon. Exit 0, or 2 on
// usage errors.
int token_command(const Invocation& invocation);

} // namespace slate::ctl
