#include <slate/api/support_compliance_handler.hpp>

#include <slate/api/csv_negotiation.hpp>
#include <slate/api/error.hpp>
#include <slate/api/parameters.hpp>
#include <slate/app/support_compliance_report.hpp>
#include <slate/formats/json_availability.hpp>
#include <slate/formats/json_compliance.hpp>

namespace slate::api {

Response SupportComplianceHandler::handle(const Request& request, const Context& context) const {
  auto parameters = read_parameters(request.query, "/v1/sla/compliance", {"month", "format"});
  if (!parameters) {
    return error_response(parameters.problems());
  }
  domain::Problems problems;
  auto month = app::current_support_month(*context.snapshot, context.now);
  if (const auto given = parameters->find("month"); given != parameters->end()) {
    auto parsed = formats::parse_month(given->second, "month");
    if (collect(parsed, problems)) {
      month = *parsed;
    }
  }
  bool csv = wants_csv(request);
  // For links a browser follows, which cannot set Accept.
  if (const auto format = parameters->find("format"); format != parameters->end()) {
    if (format->second == "csv" || format->second == "json") {
      csv = format->second == "csv";
    } else {
      problems.push_back({domain::Code::parameter_invalid, "format",
                          "format '" + format->second.substr(0, 40) + "' is not one of json, csv"});
    }
  }
  if (!problems.empty()) {
    return error_response(problems);
  }
  const auto report = app::support_compliance_report(*context.snapshot, month, context.now);
  if (!report) {
    return error_response(report.problems());
  }
  if (csv) {
    return csv_response(formats::compliance_csv(*report), "compliance.csv");
  }
  return json_response(200, formats::to_json_text(formats::compliance_json(*report)));
}

} // namespace slate::api
