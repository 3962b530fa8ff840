#include <slated/run.hpp>

#include <slated/build_info.hpp>
#include <slated/log.hpp>
#include <slated/options.hpp>
#include <slated/service.hpp>

#include <exception>
#include <iostream>

namespace slate::daemon {

int run(int argc, char** argv) {
  try {
    auto invocation = parse_invocation(argc, argv);
    if (!invocation) {
      for (const auto& problem : invocation.problems()) {
        std::cerr << problem.message << '\n';
      }
      return k_exit_invalid;
    }
    const Options& options = invocation.value().options;
    switch (invocation.value().action) {
    case Action::help:
      std::cout << usage();
      return k_exit_ok;
    case Action::version:
      std::cout << version_text();
      return k_exit_ok;
    case Action::check_config:
      return check_configuration(options) == 0 ? k_exit_ok : k_exit_invalid;
    case Action::serve:
      break;
    }
    set_log_level(options.log_level);
    return serve(options) == 0 ? k_exit_ok : k_exit_invalid;
  } catch (const std::exception& error) {
    SLATED_LOG(LogLevel::error, std::string("fatal: ") + error.what());
    return k_exit_failure;
  } catch (...) {
    SLATED_LOG(LogLevel::error, "fatal: an exception not derived from std::exception");
    return k_exit_failure;
  }
}

} // namespace slate::daemon
