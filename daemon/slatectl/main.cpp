// slatectl: the operator's command line for slated.
#include "commands.hpp"

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <unistd.h>

int main(int argc, char** argv) {
  // Colour only for a person at a terminal, and never when NO_COLOR asks
  // for none (https://no-color.org).
  const char* no_colour = std::getenv("NO_COLOR");
  const bool colour = isatty(STDERR_FILENO) == 1 && (no_colour == nullptr || *no_colour == '\0');
  return slate::ctl::run_slatectl({argv + 1, argv + argc}, std::cout, std::cerr, colour);
}
