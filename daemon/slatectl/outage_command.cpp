#include "outage_command.hpp"

#include "api_client.hpp"

#include <ostream>
#include <sstream>

namespace slate::ctl {
namespace {

std::string end_of(const nlohmann::json& outage) {
  const std::string end = text_of(outage, "end");
  return end.empty() ? "ongoing" : end;
}

void print_summary(const nlohmann::json& outage, std::ostream& out) {
  out << "outage " << or_dash(text_of(outage, "id")) << " (" << or_dash(text_of(outage, "service"))
      << " in " << or_dash(list_of(outage, "regions")) << ", " << or_dash(text_of(outage, "impact"))
      << ", " << or_dash(text_of(outage, "cause")) << "): " << text_of(outage, "start") << " to "
      << end_of(outage) << "\n";
  if (const std::string exclusion = text_of(outage, "exclusion"); !exclusion.empty()) {
    out << "  excluded from downtime: " << exclusion << "\n";
  }
}

void print_detail(const nlohmann::json& outage, std::ostream& out) {
  print_summary(outage, out);
  const auto line = [&](std::string_view label, const std::string& value) {
    if (!value.empty()) {
      out << "  " << label << ": " << value << "\n";
    }
  };
  line("description", text_of(outage, "description"));
  line("recorded", text_of(outage, "created_at"));
  line("recorded by", text_of(outage, "created_by"));
  if (text_of(outage, "imported") == "true") {
    line("imported", "yes");
  }
}

int open(const Invocation& invocation, const Call& call) {
  const auto& arguments = call.arguments;
  if (!arguments.words().empty()) {
    return usage_error(invocation, call, "unexpected argument '" + arguments.words().front() + "'");
  }
  const auto regions = arguments.list("--region");
  std::string missing;
  if (!arguments.has("--service")) {
    missing += " --service";
  }
  if (regions.empty()) {
    missing += " --region";
  }
  if (!missing.empty()) {
    return usage_error(invocation, call, "missing" + missing);
  }
  const auto settings = settings_for(invocation, call);
  if (!settings || !have_token(invocation, call.command, *settings)) {
    return k_exit_usage;
  }
  nlohmann::json body = {{"service", *arguments.value("--service")}, {"regions", regions}};
  for (const char* option : {"--start", "--end", "--impact", "--cause", "--description"}) {
    if (const auto value = arguments.value(option)) {
      body[std::string(option + 2)] = *value;
    }
  }
  const std::string key = arguments.value("--idempotency-key").value_or(random_idempotency_key());
  if (!header_safe(key)) {
    return usage_error(invocation, call,
                       "--idempotency-key must be printable ASCII without spaces");
  }
  const ApiClient client(*settings);
  return finish(invocation, call.command, *settings,
                client.post("/v1/outages", body, {{"Idempotency-Key", key}}, true),
                [](const nlohmann::json& reply, std::ostream& out) {
                  out << "recorded ";
                  print_summary(member_of(reply, "outage"), out);
                });
}

int resolve(const Invocation& invocation, const Call& call) {
  const auto id = one_word(invocation, call, "outage ID");
  if (!id) {
    return k_exit_usage;
  }
  const auto settings = settings_for(invocation, call);
  if (!settings || !have_token(invocation, call.command, *settings)) {
    return k_exit_usage;
  }
  nlohmann::json body = nlohmann::json::object();
  for (const char* option : {"--end", "--impact", "--cause", "--description"}) {
    if (const auto value = call.arguments.value(option)) {
      body[std::string(option + 2)] = *value;
    }
  }
  const ApiClient client(*settings);
  return finish(invocation, call.command, *settings,
                client.post("/v1/outages/" + percent_encode(*id) + "/resolve", body),
                [](const nlohmann::json& reply, std::ostream& out) {
                  out << "resolved ";
                  print_summary(member_of(reply, "outage"), out);
                });
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
  for (const char* option : {"--service", "--region", "--state", "--from", "--to", "--limit"}) {
    if (const auto value = call.arguments.value(option)) {
      query.emplace_back(option + 2, *value);
    }
  }
  if (call.arguments.has("--open")) {
    query.emplace_back("state", "open");
  }
  const ApiClient client(*settings);
  return finish(invocation, call.command, *settings, client.get("/v1/outages", query),
                [](const nlohmann::json& reply, std::ostream& out) {
                  const auto& outages = member_of(reply, "outages");
                  if (!outages.is_array() || outages.empty()) {
                    out << "no outages\n";
                    return;
                  }
                  std::vector<std::vector<std::string>> rows{
                      {"ID", "SERVICE", "REGIONS", "START", "END", "IMPACT", "CAUSE", "COUNTS"}};
                  for (const auto& outage : outages) {
                    rows.push_back(
                        {or_dash(text_of(outage, "id")), or_dash(text_of(outage, "service")),
                         or_dash(list_of(outage, "regions", ",")),
                         or_dash(text_of(outage, "start")), end_of(outage),
                         or_dash(text_of(outage, "impact")), or_dash(text_of(outage, "cause")),
                         text_of(outage, "exclusion").empty() ? "yes" : "excluded"});
                  }
                  print_table(out, rows);
                  const std::string count = text_of(reply, "count");
                  const std::string total = text_of(reply, "total");
                  if (!total.empty() && total != count) {
                    out << "(the newest " << count << " of " << total
                        << " that match; --limit N shows more)\n";
                  }
                });
}

int show(const Invocation& invocation, const Call& call) {
  const auto id = one_word(invocation, call, "outage ID");
  if (!id) {
    return k_exit_usage;
  }
  const auto settings = settings_for(invocation, call);
  if (!settings) {
    return k_exit_usage;
  }
  const ApiClient client(*settings);
  return finish(invocation, call.command, *settings,
                client.get("/v1/outages/" + percent_encode(*id)),
                [](const nlohmann::json& reply, std::ostream& out) {
                  print_detail(member_of(reply, "outage"), out);
                });
}

const auto k_open_options = options_with({{"--service"},
                                          {"--region", true, true},
                                          {"--start"},
                                          {"--end"},
                                          {"--impact"},
                                          {"--cause"},
                                          {"--description"},
                                          {"--idempotency-key"}},
                                         k_api_options);
const auto k_resolve_options =
    options_with({{"--end"}, {"--impact"}, {"--cause"}, {"--description"}}, k_api_options);
const auto k_list_options = options_with({{"--service"},
                                          {"--region"},
                                          {"--state"},
                                          {"--open", false},
                                          {"--from"},
                                          {"--to"},
                                          {"--limit"}},
                                         k_api_options);

const Subcommand k_subcommands[] = {
    {"open",
     "slatectl outage open --service S --region R [--region R2 ...] [--start RFC3339] "
     "[--end RFC3339] [--impact major|partial] [--cause CAUSE] [--description TEXT] "
     "[--idempotency-key KEY] [--url URL] [--token TOKEN | --token-file FILE] [--output "
     "table|json|csv]   "
     "(no --start: now; no --end: ongoing; CAUSE: internal, force_majeure, third_party, "
     "customer, customer_equipment, backup, suspension)",
     k_open_options, open},
    {"resolve",
     "slatectl outage resolve ID [--end RFC3339] [--impact major|partial] [--cause CAUSE] "
     "[--description TEXT] [--url URL] [--token TOKEN | --token-file FILE] [--output "
     "table|json|csv]   "
     "(no --end: now)",
     k_resolve_options, resolve},
    {"list",
     "slatectl outage list [--service S] [--region R] [--open | --state open|resolved] "
     "[--from RFC3339] [--to RFC3339] [--limit N] [--url URL] [--output table|json|csv]",
     k_list_options, list},
    {"show", "slatectl outage show ID [--url URL] [--output table|json|csv]", k_api_options, show},
};

} // namespace

int outage_command(const Invocation& invocation) {
  return dispatch(invocation, "outage", k_subcommands);
}

} // namespace slate::ctl
