#include <slate/api/support_deadlines_handler.hpp>

#include <slate/api/error.hpp>
#include <slate/api/parameters.hpp>
#include <slate/app/support_deadlines.hpp>
#include <slate/formats/json_ticket.hpp>

namespace slate::api {

Response SupportDeadlinesHandler::handle(const Request& request, const Context& context) const {
  auto parameters =
      read_parameters(request.query, "/v1/sla/deadlines", {"severity", "opened_at", "plan"});
  if (!parameters) {
    return error_response(parameters.problems());
  }
  domain::Problems problems;
  const auto severity = parameters->find("severity");
  if (severity == parameters->end()) {
    problems.push_back(
        {domain::Code::parameter_missing, "severity", "name the severity, e.g. severity=P1"});
  }
  const auto opened_at = instant_parameter(*parameters, "opened_at");
  if (collect(opened_at, problems) && !opened_at.value()) {
    problems.push_back({domain::Code::time_missing, "opened_at",
                        "name the opening instant with its offset, e.g. "
                        "opened_at=2026-03-20T16:30:00Z"});
  }
  if (!problems.empty()) {
    return error_response(problems);
  }
  const auto plan = parameters->find("plan");
  const auto deadlines = app::support_deadlines(
      *context.snapshot, severity->second,
      plan != parameters->end() ? std::optional<std::string>(plan->second) : std::nullopt,
      **opened_at);
  if (!deadlines) {
    return error_response(deadlines.problems());
  }
  return json_response(
      200, formats::to_json_text(formats::deadlines_json(deadlines->severity, deadlines->plan,
                                                         deadlines->opened_at, deadlines->clocks)));
}

} // namespace slate::api
