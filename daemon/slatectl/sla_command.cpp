#include "sla_command.hpp"

#include "api_client.hpp"
#include "support_clock_text.hpp"

#include <common/configuration.hpp>

#include <slate/domain/support_clock.hpp>
#include <slate/formats/json_ticket.hpp>
#include <slate/formats/rfc3339.hpp>

#include <ostream>

namespace slate::ctl {
namespace {

void print_deadlines(const nlohmann::json& body, std::ostream& out) {
  out << text_of(body, "severity") << " opened " << text_of(body, "opened_at") << " under plan "
      << text_of(body, "plan") << ":\n";
  print_clocks(member_of(body, "clocks"), out, true);
}

// The calculator on the policy file given: every severity, or the one asked.
int due_from_file(const Invocation& invocation, const Call& call, domain::Instant opened_at) {
  const auto& arguments = call.arguments;
  const std::filesystem::path policy_path = *arguments.value("--policy");
  const std::filesystem::path calendars = arguments.value("--calendars").value_or("calendars");
  const auto policy = daemon::load_policy_file(policy_path, calendars);
  if (!policy) {
    for (const auto& problem : policy.problems()) {
      invocation.err << problem.message << "\n";
    }
    return k_exit_usage;
  }
  const auto& support = policy->support;
  std::vector<std::string> severities;
  if (const auto asked = arguments.value("--severity")) {
    severities.push_back(*asked);
  } else {
    for (const auto& defined : support.severities) {
      severities.push_back(defined.id);
    }
  }
  const auto plan = arguments.value("--plan");
  formats::Json all = formats::Json::array();
  int status = k_exit_ok;
  for (const auto& severity : severities) {
    const auto clocks = domain::deadlines(support, severity, plan, opened_at);
    if (!clocks) {
      for (const auto& problem : clocks.problems()) {
        invocation.err << call.command << ": " << policy_path.string() << ": " << problem.message
                       << "\n";
      }
      status = k_exit_refused;
      continue;
    }
    auto body =
        formats::deadlines_json(severity, plan.value_or(support.default_plan), opened_at, *clocks);
    if (arguments.has("--json")) {
      all.push_back(std::move(body));
    } else {
      print_deadlines(body, invocation.out);
    }
  }
  if (arguments.has("--json")) {
    invocation.out << all.dump(2) << "\n";
  }
  return status;
}

int due(const Invocation& invocation, const Call& call) {
  const auto& arguments = call.arguments;
  if (!arguments.words().empty()) {
    return usage_error(invocation, call, "unexpected argument '" + arguments.words().front() + "'");
  }
  const auto opened_text = arguments.value("--opened-at");
  if (!opened_text) {
    return usage_error(invocation, call, "missing --opened-at RFC3339 (with its offset)");
  }
  const auto opened_at = formats::parse_rfc3339(*opened_text, "--opened-at");
  if (!opened_at) {
    return usage_error(invocation, call, opened_at.problems().front().message);
  }
  if (arguments.has("--policy")) {
    return due_from_file(invocation, call, *opened_at);
  }
  if (arguments.has("--calendars")) {
    return usage_error(invocation, call, "--calendars goes with --policy");
  }
  const auto severity = arguments.value("--severity");
  if (!severity) {
    return usage_error(invocation, call, "missing --severity (or give --policy FILE for all)");
  }
  const auto settings = settings_for(invocation, call);
  if (!settings) {
    return k_exit_usage;
  }
  Query query{{"severity", *severity}, {"opened_at", *opened_text}};
  if (const auto plan = arguments.value("--plan")) {
    query.emplace_back("plan", *plan);
  }
  const ApiClient client(*settings);
  return finish(invocation, call.command, *settings, client.get("/v1/sla/deadlines", query),
                print_deadlines);
}

void print_report(const nlohmann::json& body, std::ostream& out) {
  out << "support compliance " << text_of(body, "month") << " (" << text_of(body, "reporting_zone")
      << ")\n";
  const auto& rows = member_of(body, "rows");
  if (!rows.is_array() || rows.empty()) {
    out << "no clocks this month\n";
    return;
  }
  std::vector<std::vector<std::string>> table{{"PLAN", "SEVERITY", "KIND", "CLOCKS", "MET",
                                               "BREACHED", "RUNNING", "PERCENT", "TARGET",
                                               "TARGET MET"}};
  for (const auto& row : rows) {
    const std::string met = text_of(row, "target_met");
    table.push_back({text_of(row, "plan"), text_of(row, "severity"), text_of(row, "kind"),
                     text_of(row, "clocks"), text_of(row, "met"), text_of(row, "breached"),
                     text_of(row, "running"), or_dash(text_of(row, "percent")),
                     or_dash(text_of(row, "target_percent")),
                     met == "true"    ? "yes"
                     : met == "false" ? "NO"
                                      : "-"});
  }
  print_table(out, table);
}

int report(const Invocation& invocation, const Call& call) {
  const auto& arguments = call.arguments;
  if (!arguments.words().empty()) {
    return usage_error(invocation, call, "unexpected argument '" + arguments.words().front() + "'");
  }
  const bool csv = arguments.has("--csv");
  if (csv && arguments.has("--json")) {
    return usage_error(invocation, call, "give --csv or --json, not both");
  }
  const auto settings = settings_for(invocation, call);
  if (!settings) {
    return k_exit_usage;
  }
  Query query;
  if (const auto month = arguments.value("--month")) {
    query.emplace_back("month", *month);
  }
  if (csv) {
    query.emplace_back("format", "csv");
  }
  const ApiClient client(*settings);
  const Exchange exchange = client.get("/v1/sla/compliance", query);
  if (csv && exchange.reply && exchange.reply->status == 200) {
    invocation.out << exchange.reply->body; // as slated wrote it
    return k_exit_ok;
  }
  return finish(invocation, call.command, *settings, exchange, print_report);
}

const auto k_due_options = options_with(
    {{"--severity"}, {"--opened-at"}, {"--plan"}, {"--policy"}, {"--calendars"}}, k_api_options);
const auto k_report_options = options_with({{"--month"}, {"--csv", false}}, k_api_options);

const Subcommand k_subcommands[] = {
    {"due",
     "slatectl sla due --opened-at RFC3339 [--severity S] [--plan P] "
     "[--policy FILE [--calendars DIR] | --url URL] [--json]   (with --policy: computed from the "
     "file, every severity unless --severity; else slated answers)",
     k_due_options, due},
    {"report", "slatectl sla report [--month YYYY-MM] [--csv | --json] [--url URL]",
     k_report_options, report},
};

} // namespace

int sla_command(const Invocation& invocation) {
  return dispatch(invocation, "sla", k_subcommands);
}

} // namespace slate::ctl
