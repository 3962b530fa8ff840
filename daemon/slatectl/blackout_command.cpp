#include "blackout_command.hpp"

#include "api_client.hpp"

#include <ostream>

namespace slate::ctl {
namespace {

// "US, UK", or "global" for a blackout of every region.
std::string regions_of(const nlohmann::json& blackout, std::string_view separator) {
  const auto& global = member_of(blackout, "global");
  const std::string regions = list_of(blackout, "regions", separator);
  return (global.is_boolean() && global.get<bool>()) || regions.empty() ? "global" : regions;
}

void print_blackout(const nlohmann::json& blackout, std::ostream& out) {
  out << "blackout " << or_dash(text_of(blackout, "id")) << " (" << regions_of(blackout, ", ")
      << "): " << text_of(blackout, "start") << " to " << text_of(blackout, "end") << "\n";
  if (const std::string reason = text_of(blackout, "reason"); !reason.empty()) {
    out << "  reason: " << reason << "\n";
  }
  const std::string created = text_of(blackout, "created_at");
  const std::string by = text_of(blackout, "created_by");
  if (!created.empty() || !by.empty()) {
    out << "  created" << (created.empty() ? "" : " " + created) << (by.empty() ? "" : " by " + by)
        << "\n";
  }
}

void print_created(const nlohmann::json& body, std::ostream& out) {
  out << "created ";
  print_blackout(member_of(body, "blackout"), out);
}

void print_list(const nlohmann::json& body, std::ostream& out) {
  const auto& blackouts = member_of(body, "blackouts");
  if (!blackouts.is_array() || blackouts.empty()) {
    out << "no blackouts\n";
    return;
  }
  std::vector<std::vector<std::string>> rows{{"ID", "START", "END", "REGIONS", "REASON"}};
  for (const auto& blackout : blackouts) {
    rows.push_back({or_dash(text_of(blackout, "id")), or_dash(text_of(blackout, "start")),
                    or_dash(text_of(blackout, "end")), regions_of(blackout, ","),
                    text_of(blackout, "reason")});
  }
  print_table(out, rows);
}

int create(const Invocation& invocation, const Call& call) {
  const auto& arguments = call.arguments;
  if (!arguments.words().empty()) {
    return usage_error(invocation, call, "unexpected argument '" + arguments.words().front() + "'");
  }
  std::string missing;
  for (const char* option : {"--start", "--end", "--reason"}) {
    if (!arguments.has(option)) {
      missing += std::string(" ") + option;
    }
  }
  if (!missing.empty()) {
    return usage_error(invocation, call, "missing" + missing);
  }
  const auto settings = settings_for(invocation, call);
  if (!settings) {
    return k_exit_usage;
  }
  if (!have_token(invocation, call.command, *settings)) {
    return k_exit_usage;
  }
  const nlohmann::json body = {{"regions", arguments.list("--region")},
                               {"start", *arguments.value("--start")},
                               {"end", *arguments.value("--end")},
                               {"reason", *arguments.value("--reason")}};
  const ApiClient client(*settings);
  return finish(invocation, call.command, *settings, client.post("/v1/blackouts", body),
                print_created);
}

int list(const Invocation& invocation, const Call& call) {
  if (!call.arguments.words().empty()) {
    return usage_error(invocation, call,
                       "unexpected argument '" + call.arguments.words().front() + "'");
  }
  const auto settings = settings_for(invocation, call);
  if (!settings) {
    return k_exit_usage;
  }
  const ApiClient client(*settings);
  return finish(invocation, call.command, *settings, client.get("/v1/blackouts"), print_list);
}

int remove(const Invocation& invocation, const Call& call) {
  const auto id = one_word(invocation, call, "blackout ID");
  if (!id) {
    return k_exit_usage;
  }
  const auto settings = settings_for(invocation, call);
  if (!settings) {
    return k_exit_usage;
  }
  if (!have_token(invocation, call.command, *settings)) {
    return k_exit_usage;
  }
  const ApiClient client(*settings);
  return finish(
      invocation, call.command, *settings, client.remove("/v1/blackouts/" + percent_encode(*id)),
      [&](const nlohmann::json&, std::ostream& out) { out << "deleted blackout " << *id << "\n"; });
}

const auto k_create_options =
    options_with({{"--region", true, true}, {"--start"}, {"--end"}, {"--reason"}}, k_api_options);

const Subcommand k_subcommands[] = {
    {"create",
     "slatectl blackout create [--region R ...] --start RFC3339 --end RFC3339 --reason TEXT "
     "[--url URL] [--token TOKEN | --token-file FILE] [--output table|json|csv]   (no --region: "
     "every region)",
     k_create_options, create},
    {"list", "slatectl blackout list [--url URL] [--output table|json|csv]", k_api_options, list},
    {"delete", "slatectl blackout delete ID [--url URL] [--token TOKEN | --token-file FILE]",
     k_api_options, remove},
};

} // namespace

int blackout_command(const Invocation& invocation) {
  return dispatch(invocation, "blackout", k_subcommands);
}

} // namespace slate::ctl
