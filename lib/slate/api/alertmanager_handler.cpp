#include <slate/api/alertmanager_handler.hpp>

#include <slate/api/error.hpp>
#include <slate/api/parameters.hpp>
#include <slate/api/write_request.hpp>
#include <slate/domain/alertmanager_time_interval.hpp>
#include <slate/formats/alertmanager_time_intervals.hpp>
#include <slate/formats/json_alertmanager_webhook.hpp>
#include <slate/formats/json_text.hpp>

namespace slate::api {

Response AlertmanagerWebhookHandler::handle(const Request& request, const Context& context) const {
  auto write = write_context(request, context);
  if (!write) {
    return error_response(write.problems());
  }
  auto notification = formats::parse_alertmanager_notification(request.body);
  if (!notification) {
    return error_response(notification.problems());
  }
  const auto report = app::receive_alerts(*context.writer, notification->alerts, write.value());
  const auto rejected = notification->rejected.size();
  if (m_observe) {
    m_observe(report, rejected);
  }
  formats::Json reasons = formats::Json::object();
  for (const auto& ignored : report.ignored) {
    reasons[ignored.reason] = reasons.value(ignored.reason, 0) + 1;
  }
  return json_response(200, formats::to_json_text({{"received", report.received + rejected},
                                                   {"mapped", report.mapped()},
                                                   {"opened", report.opened},
                                                   {"resolved", report.resolved},
                                                   {"unchanged", report.unchanged},
                                                   {"ignored", report.ignored.size()},
                                                   {"ignored_reasons", reasons},
                                                   {"rejected", rejected}}));
}

Response TimeIntervalsHandler::handle(const Request& request, const Context& context) const {
  if (auto parameters =
          read_parameters(request.query, "/v1/integrations/alertmanager/time-intervals.yaml", {});
      !parameters) {
    return error_response(parameters.problems());
  }
  const auto intervals =
      domain::alertmanager_time_intervals(context.snapshot->regions, context.now);
  if (!intervals) {
    return error_response(intervals.problems());
  }
  Response response;
  response.status = 200;
  response.headers.emplace_back("Content-Type", "application/yaml; charset=utf-8");
  response.body = formats::time_intervals_yaml(intervals.value());
  return response;
}

} // namespace slate::api
