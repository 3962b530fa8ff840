#include "windows_command.hpp"

#include "api_client.hpp"

#include <ostream>

namespace slate::ctl {
namespace {

void print_region(std::ostream& out, const nlohmann::json& region) {
  out << "  " << text_of(region, "region") << "  " << text_of(region, "zone") << "  "
      << text_of(region, "local_start") << " to " << text_of(region, "local_end") << "\n";
}

void print_next(const nlohmann::json& body, std::ostream& out) {
  const auto& slot = member_of(body, "slot");
  if (slot.is_object()) {
    out << "next slot: " << text_of(slot, "start") << " to " << text_of(slot, "end") << "\n";
    const auto& regions = member_of(slot, "regions");
    if (regions.is_array()) {
      for (const auto& region : regions) {
        print_region(out, region);
      }
    }
    return;
  }
  const std::string reason = text_of(body, "reason");
  out << "no slot" << (reason.empty() ? "" : ": " + reason) << "\n";
}

int next(const Invocation& invocation, const Call& call) {
  if (!call.arguments.words().empty()) {
    return usage_error(invocation, call,
                       "unexpected argument '" + call.arguments.words().front() + "'");
  }
  const auto regions = call.arguments.list("--region");
  if (regions.empty()) {
    return usage_error(invocation, call, "give at least one --region");
  }
  const auto settings = settings_for(invocation, call);
  if (!settings) {
    return k_exit_usage;
  }
  Query query;
  if (regions.size() == 1) {
    query.emplace_back("region", regions.front());
  } else {
    std::string joined;
    for (const auto& region : regions) {
      joined += (joined.empty() ? "" : ",") + region;
    }
    query.emplace_back("regions", joined);
  }
  if (const auto duration = call.arguments.value("--duration")) {
    query.emplace_back("duration", *duration);
  }
  if (const auto after = call.arguments.value("--after")) {
    query.emplace_back("after", *after);
  }
  const ApiClient client(*settings);
  return finish(invocation, call.command, *settings, client.get("/v1/windows/next", query),
                print_next);
}

const auto k_next_options =
    options_with({{"--region", true, true}, {"--duration"}, {"--after"}}, k_api_options);

const Subcommand k_subcommands[] = {
    {"next",
     "slatectl windows next --region R [--region R2 ...] [--duration PT1H30M] [--after RFC3339] "
     "[--url URL] [--output table|json|csv]",
     k_next_options, next},
};

} // namespace

int windows_command(const Invocation& invocation) {
  return dispatch(invocation, "windows", k_subcommands);
}

} // namespace slate::ctl
