#pragma once

#include <slate/api/handler.hpp>
#include <slate/app/alerts.hpp>

#include <cstddef>
#include <functional>

namespace slate::api {

// POST /v1/integrations/alertmanager: Alertmanager's webhook notification
// (payload version 4). Each firing alert that maps to a service opens an
// outage, each resolution resolves it (app::receive_alerts); repeats
// change nothing. 200 with what the alerts did, also when some map to
// nothing or cannot be read, so that Alertmanager never retries them; 400
// only for a body that is no version 4 payload at all.
class AlertmanagerWebhookHandler : public Handler {
public:
  // Told what each notification did, and how many of its alerts could not
  // be read (for the daemon's metrics and log).
  using Observer = std::function<void(const app::AlertReport&, std::size_t rejected)>;

  explicit AlertmanagerWebhookHandler(Observer observe = {}) : m_observe(std::move(observe)) {}
  Response handle(const Request& request, const Context& context) const override;

private:
  Observer m_observe;
};

// GET /v1/integrations/alertmanager/time-intervals.yaml: one Alertmanager
// time interval per region holding its maintenance windows, as a YAML
// document whose only key is `time_intervals:` (see
// formats/alertmanager_time_intervals.hpp).
class TimeIntervalsHandler : public Handler {
public:
  Response handle(const Request& request, const Context& context) const override;
};

} // namespace slate::api
