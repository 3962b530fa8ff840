#include "maintenance_command.hpp"

#include "api_client.hpp"

#include <ostream>
#include <sstream>

namespace slate::ctl {
namespace {

// The times of `maintenance`: UTC, then each region's local reading.
void print_times(const nlohmann::json& maintenance, std::ostream& out) {
  out << "  " << text_of(maintenance, "start") << " to " << text_of(maintenance, "end");
  const std::string booked_end = text_of(maintenance, "booked_end");
  if (!booked_end.empty() && booked_end != text_of(maintenance, "end")) {
    out << " (booked to end " << booked_end << ")";
  }
  out << "\n";
  const auto& local = member_of(maintenance, "local");
  if (local.is_array()) {
    for (const auto& reading : local) {
      out << "  " << text_of(reading, "region") << "  " << text_of(reading, "zone") << "  "
          << text_of(reading, "start") << " to " << text_of(reading, "end") << "\n";
    }
  }
}

void print_summary(const nlohmann::json& maintenance, std::ostream& out) {
  out << "maintenance " << or_dash(text_of(maintenance, "id")) << " ("
      << or_dash(text_of(maintenance, "kind")) << ", " << or_dash(text_of(maintenance, "state"))
      << "): " << text_of(maintenance, "title") << "\n";
  print_times(maintenance, out);
}

void print_detail(const nlohmann::json& maintenance, std::ostream& out) {
  print_summary(maintenance, out);
  const auto line = [&](std::string_view label, const std::string& value) {
    if (!value.empty()) {
      out << "  " << label << ": " << value << "\n";
    }
  };
  line("regions", list_of(maintenance, "regions"));
  line("services", list_of(maintenance, "services"));
  line("message", text_of(maintenance, "message"));
  line("announced", text_of(maintenance, "announced_at"));
  line("created by", text_of(maintenance, "created_by"));
  line("started", text_of(maintenance, "started_at"));
  line("finished", text_of(maintenance, "finished_at"));
  const std::string overrun = text_of(maintenance, "overrun_seconds");
  if (!overrun.empty() && overrun != "0") {
    line("overrun", overrun + " s");
  }
  line("updated", text_of(maintenance, "updated_at"));
  line("sequence", text_of(maintenance, "sequence"));
}

void print_created(const nlohmann::json& body, std::ostream& out) {
  out << "booked ";
  print_summary(member_of(body, "maintenance"), out);
}

void print_changed(const nlohmann::json& body, std::ostream& out) {
  print_summary(member_of(body, "maintenance"), out);
}

void print_shown(const nlohmann::json& body, std::ostream& out) {
  print_detail(member_of(body, "maintenance"), out);
}

void print_list(const nlohmann::json& body, std::ostream& out) {
  const auto& maintenances = member_of(body, "maintenances");
  if (!maintenances.is_array() || maintenances.empty()) {
    out << "no maintenances\n";
    return;
  }
  std::vector<std::vector<std::string>> rows{
      {"ID", "KIND", "STATE", "START", "END", "REGIONS", "TITLE"}};
  for (const auto& maintenance : maintenances) {
    rows.push_back({or_dash(text_of(maintenance, "id")), or_dash(text_of(maintenance, "kind")),
                    or_dash(text_of(maintenance, "state")), or_dash(text_of(maintenance, "start")),
                    or_dash(text_of(maintenance, "end")),
                    or_dash(list_of(maintenance, "regions", ",")), text_of(maintenance, "title")});
  }
  print_table(out, rows);
}

int create(const Invocation& invocation, const Call& call) {
  const auto& arguments = call.arguments;
  if (!arguments.words().empty()) {
    return usage_error(invocation, call, "unexpected argument '" + arguments.words().front() + "'");
  }
  const auto regions = arguments.list("--region");
  std::string missing;
  if (regions.empty()) {
    missing += " --region";
  }
  for (const char* option : {"--title", "--start", "--end"}) {
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
  nlohmann::json body = {{"kind", arguments.has("--emergency") ? "emergency" : "scheduled"},
                         {"title", *arguments.value("--title")},
                         {"regions", regions},
                         {"services", arguments.list("--service")},
                         {"start", *arguments.value("--start")},
                         {"end", *arguments.value("--end")}};
  if (const auto message = arguments.value("--message")) {
    body["message"] = *message;
  }
  const std::string key = arguments.value("--idempotency-key").value_or(random_idempotency_key());
  if (!header_safe(key)) {
    return usage_error(invocation, call,
                       "--idempotency-key must be printable ASCII without spaces");
  }
  const ApiClient client(*settings);
  // The key makes a repeat harmless, so a request that got no reply may be
  // sent again.
  return finish(invocation, call.command, *settings,
                client.post("/v1/maintenances", body, {{"Idempotency-Key", key}}, true),
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
  Query query;
  if (const auto region = call.arguments.value("--region")) {
    query.emplace_back("region", *region);
  }
  if (const auto state = call.arguments.value("--state")) {
    query.emplace_back("state", *state);
  }
  const ApiClient client(*settings);
  return finish(invocation, call.command, *settings, client.get("/v1/maintenances", query),
                print_list);
}

int show(const Invocation& invocation, const Call& call) {
  const auto id = one_word(invocation, call, "maintenance ID");
  if (!id) {
    return k_exit_usage;
  }
  const auto settings = settings_for(invocation, call);
  if (!settings) {
    return k_exit_usage;
  }
  const ApiClient client(*settings);
  return finish(invocation, call.command, *settings,
                client.get("/v1/maintenances/" + percent_encode(*id)), print_shown);
}

// POST /v1/maintenances/ID/`action` with `body`.
int change(const Invocation& invocation, const Call& call, std::string_view action,
           const nlohmann::json& body) {
  const auto id = one_word(invocation, call, "maintenance ID");
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
      invocation, call.command, *settings,
      client.post("/v1/maintenances/" + percent_encode(*id) + "/" + std::string(action), body),
      print_changed);
}

int start(const Invocation& invocation, const Call& call) {
  return change(invocation, call, "start", nlohmann::json::object());
}

int complete(const Invocation& invocation, const Call& call) {
  return change(invocation, call, "complete", nlohmann::json::object());
}

int cancel(const Invocation& invocation, const Call& call) {
  return change(invocation, call, "cancel", nlohmann::json::object());
}

int extend(const Invocation& invocation, const Call& call) {
  const auto end = call.arguments.value("--end");
  if (!end) {
    return usage_error(invocation, call, "missing --end");
  }
  return change(invocation, call, "extend", {{"end", *end}});
}

const auto k_create_options = options_with({{"--region", true, true},
                                            {"--title"},
                                            {"--start"},
                                            {"--end"},
                                            {"--message"},
                                            {"--service", true, true},
                                            {"--emergency", false},
                                            {"--idempotency-key"}},
                                           k_api_options);
const auto k_list_options = options_with({{"--region"}, {"--state"}}, k_api_options);
const auto k_extend_options = options_with({{"--end"}}, k_api_options);

const Subcommand k_subcommands[] = {
    {"create",
     "slatectl maintenance create --region R [--region R2 ...] --title TEXT --start RFC3339 "
     "--end RFC3339 [--message TEXT] [--service S ...] [--emergency] [--idempotency-key KEY] "
     "[--url URL] [--token TOKEN | --token-file FILE] [--output table|json|csv]",
     k_create_options, create},
    {"list",
     "slatectl maintenance list [--region R] [--state planned|in_progress|completed|cancelled] "
     "[--url URL] [--output table|json|csv]",
     k_list_options, list},
    {"show", "slatectl maintenance show ID [--url URL] [--output table|json|csv]", k_api_options,
     show},
    {"start", "slatectl maintenance start ID [--url URL] [--token TOKEN | --token-file FILE]",
     k_api_options, start},
    {"complete", "slatectl maintenance complete ID [--url URL] [--token TOKEN | --token-file FILE]",
     k_api_options, complete},
    {"cancel", "slatectl maintenance cancel ID [--url URL] [--token TOKEN | --token-file FILE]",
     k_api_options, cancel},
    {"extend",
     "slatectl maintenance extend ID --end RFC3339 [--url URL] "
     "[--token TOKEN | --token-file FILE]",
     k_extend_options, extend},
};

} // namespace

int maintenance_command(const Invocation& invocation) {
  return dispatch(invocation, "maintenance", k_subcommands);
}

} // namespace slate::ctl
