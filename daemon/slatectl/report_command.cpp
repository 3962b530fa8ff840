#include "report_command.hpp"

#include "api_client.hpp"

#include <cstdint>
#include <ostream>

namespace slate::ctl {
namespace {

constexpr std::string_view k_usage =
    "slatectl report [--service S] [--region R] [--month YYYY-MM | --from YYYY-MM --to YYYY-MM] "
    "[--csv [--ledger] | --output table|json|csv] [--url URL]   (no --service: every service; no "
    "month: the "
    "current one)";

const auto k_options = options_with({{"--service"},
                                     {"--region"},
                                     {"--month"},
                                     {"--from"},
                                     {"--to"},
                                     {"--csv", false},
                                     {"--ledger", false}},
                                    k_api_options);

// "1d 2h 3m 4s", "0s"; negative lengths get a minus sign.
std::string length_text(std::int64_t seconds) {
  if (seconds == 0) {
    return "0s";
  }
  std::string out = seconds < 0 ? "-" : "";
  std::int64_t left = seconds < 0 ? -seconds : seconds;
  const std::pair<std::int64_t, const char*> units[] = {
      {86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}};
  bool first = true;
  for (const auto& [size, name] : units) {
    if (left >= size) {
      out += (first ? "" : " ") + std::to_string(left / size) + name;
      left %= size;
      first = false;
    }
  }
  return out;
}

std::int64_t seconds_of(const nlohmann::json& object, std::string_view key) {
  const auto& value = member_of(object, key);
  return value.is_number_integer() ? value.get<std::int64_t>() : 0;
}

std::string seconds_text(const nlohmann::json& report, std::string_view key) {
  const auto seconds = seconds_of(report, key);
  return length_text(seconds) + " (" + std::to_string(seconds) + " s)";
}

std::string met_text(const nlohmann::json& report) {
  return text_of(report, "met") == "true" ? "met" : "BREACHED";
}

std::string where(const nlohmann::json& report) {
  const std::string region = text_of(report, "region");
  return text_of(report, "service") + (region.empty() ? "" : " in " + region);
}

void print_one(const nlohmann::json& report, std::ostream& out) {
  out << where(report) << ", " << text_of(report, "month") << " (" << text_of(report, "zone")
      << ": " << text_of(report, "start") << " to " << text_of(report, "end") << ")\n";
  const std::vector<std::vector<std::string>> figures{
      {"  availability", text_of(report, "availability_percent") + " % (target " +
                             text_of(report, "target_percent") + " %: " + met_text(report) + ")"},
      {"  month", seconds_text(report, "total_seconds")},
      {"  down", seconds_text(report, "down_seconds")},
      {"  excluded", seconds_text(report, "excluded_seconds")},
      {"  counted", seconds_text(report, "counted_seconds")},
      {"  error budget", seconds_text(report, "error_budget_seconds") + ", left " +
                             length_text(seconds_of(report, "error_budget_remaining_seconds"))},
  };
  print_table(out, figures);
  const auto& categories = member_of(report, "excluded_by_category");
  if (categories.is_object()) {
    for (const auto& [category, seconds] : categories.items()) {
      out << "    excluded as " << category << ": "
          << length_text(seconds.is_number_integer() ? seconds.get<std::int64_t>() : 0) << "\n";
    }
  }
  if (const std::string rate = text_of(report, "burn_rate"); !rate.empty()) {
    out << "  burn rate: " << rate << " (1 spends the budget exactly by the month's end; "
        << length_text(seconds_of(report, "elapsed_seconds")) << " of the month gone)\n";
  }
  const auto& credit = member_of(report, "credit");
  if (credit.is_object()) {
    out << "  service credit: " << text_of(credit, "credit") << " (availability below "
        << text_of(credit, "below_percent") << " %)\n";
  }
  const auto& ledger = member_of(report, "ledger");
  if (!ledger.is_array() || ledger.empty()) {
    out << "ledger: no downtime\n";
    return;
  }
  out << "ledger:\n";
  std::vector<std::vector<std::string>> rows{{"START", "END", "LENGTH", "COUNTED", "REASON"}};
  for (const auto& entry : ledger) {
    rows.push_back({text_of(entry, "start"), text_of(entry, "end"),
                    length_text(seconds_of(entry, "seconds")),
                    text_of(entry, "counted") == "true" ? "yes" : "no", text_of(entry, "reason")});
  }
  print_table(out, rows);
}

void print_many(const nlohmann::json& reports, std::ostream& out) {
  if (!reports.is_array() || reports.empty()) {
    out << "no services to report on: none has outages or maintenance, and the policy lists "
           "none\n";
    return;
  }
  std::vector<std::vector<std::string>> rows{{"SERVICE", "REGION", "MONTH", "AVAILABILITY",
                                              "TARGET", "MET", "COUNTED", "BUDGET LEFT", "CREDIT"}};
  for (const auto& report : reports) {
    const std::string region = text_of(report, "region");
    const auto& credit = member_of(report, "credit");
    rows.push_back({text_of(report, "service"), region.empty() ? "all" : region,
                    text_of(report, "month"), text_of(report, "availability_percent") + " %",
                    text_of(report, "target_percent") + " %", met_text(report),
                    length_text(seconds_of(report, "counted_seconds")),
                    length_text(seconds_of(report, "error_budget_remaining_seconds")),
                    credit.is_object() ? text_of(credit, "credit") : "-"});
  }
  print_table(out, rows);
}

void print_report(const nlohmann::json& body, std::ostream& out) {
  if (body.contains("reports")) {
    print_many(member_of(body, "reports"), out);
  } else {
    print_one(body, out);
  }
}

} // namespace

int report_command(const Invocation& invocation) {
  const auto& all = invocation.arguments;
  for (const auto& argument : all) {
    if (argument == "--") {
      break;
    }
    if (argument == "--help" || argument == "-h") {
      invocation.out << "usage: " << k_usage << "\n";
      return k_exit_ok;
    }
  }
  Call call{"slatectl report", k_usage, {}};
  auto parsed = parse_arguments(all, k_options);
  if (!parsed) {
    return usage_error(invocation, call, parsed.problems().front().message);
  }
  call.arguments = std::move(parsed).value();
  const auto& arguments = call.arguments;
  if (!arguments.words().empty()) {
    return usage_error(invocation, call, "unexpected argument '" + arguments.words().front() + "'");
  }
  // slated writes the report's CSV itself: --output csv asks it for that.
  const bool csv = arguments.has("--csv") || arguments.value("--output") == "csv";
  if (csv && arguments.has("--json")) {
    return usage_error(invocation, call, "give --csv or --json, not both");
  }
  if (arguments.has("--ledger") && !csv) {
    return usage_error(invocation, call,
                       "--ledger chooses the rows of --csv (the table and --json always show "
                       "the ledger of one report)");
  }
  const auto settings = settings_for(invocation, call);
  if (!settings) {
    return k_exit_usage;
  }
  Query query;
  for (const char* option : {"--service", "--region", "--month", "--from", "--to"}) {
    if (const auto value = arguments.value(option)) {
      query.emplace_back(option + 2, *value);
    }
  }
  if (csv) {
    query.emplace_back("format", "csv");
    if (arguments.has("--ledger")) {
      query.emplace_back("rows", "ledger");
    }
  }
  const ApiClient client(*settings);
  const Exchange exchange = client.get("/v1/availability", query);
  if (csv && exchange.reply && exchange.reply->status == 200) {
    // CSV as slated wrote it, byte for byte.
    invocation.out << exchange.reply->body;
    return k_exit_ok;
  }
  return finish(invocation, call.command, *settings, exchange, print_report);
}

} // namespace slate::ctl
