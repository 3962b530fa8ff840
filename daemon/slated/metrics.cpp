#include <slated/metrics.hpp>

#include <slate/api/error.hpp>
#include <slate/api/parameters.hpp>
#include <slate/app/availability_reports.hpp>
#include <slate/app/support_compliance_report.hpp>

#include <charconv>

namespace slate::daemon {
namespace {

// Prometheus reads label values with \\, \" and \n escaped.
std::string label(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

// The shortest text that reads back as `value` (Go's ParseFloat reads it).
std::string number(double value) {
  char buffer[32];
  const auto [end, error] =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general);
  return error == std::errc{} ? std::string(buffer, end) : std::string("NaN");
}

void header(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

void by_label(std::string& out, std::string_view name, std::string_view key,
              const std::map<std::string, std::uint64_t, std::less<>>& values) {
  for (const auto& [value, count] : values) {
    out += std::string(name) + "{" + std::string(key) + "=\"" + label(value) + "\"} " +
           std::to_string(count) + "\n";
  }
}

std::string_view route_label(std::string_view route) {
  return route.empty() ? std::string_view("other") : route;
}

double ratio(std::int64_t numerator, std::int64_t denominator) {
  return denominator == 0 ? 1.0 : static_cast<double>(numerator) / static_cast<double>(denominator);
}

// This month's figures of every service, as GET /v1/availability has them.
// This month's support compliance (in the reporting zone) per plan,
// severity and clock kind; nothing when the policy has no [support].
void support_compliance(std::string& out, const app::Snapshot& snapshot, domain::Instant now) {
  const auto report =
      app::support_compliance_report(snapshot, app::current_support_month(snapshot, now), now);
  if (!report) {
    return;
  }
  const auto labels = [](const domain::ComplianceRow& row) {
    return "plan=\"" + label(row.plan) + "\",severity=\"" + label(row.severity) + "\",kind=\"" +
           std::string(domain::to_string(row.kind)) + "\"";
  };
  header(out, "slated_support_clocks", "gauge",
         "Support clocks of this month's tickets, by plan, severity, kind and result (met, "
         "breached, running).");
  for (const auto& row : report->rows) {
    const auto base = labels(row);
    out += "slated_support_clocks{" + base + ",result=\"met\"} " + std::to_string(row.met) + "\n";
    out += "slated_support_clocks{" + base + ",result=\"breached\"} " +
           std::to_string(row.breached) + "\n";
    out += "slated_support_clocks{" + base + ",result=\"running\"} " + std::to_string(row.running) +
           "\n";
  }
  header(out, "slated_support_compliance_percent", "gauge",
         "This month's share of decided support clocks met, truncated to two decimals.");
  for (const auto& row : report->rows) {
    if (row.percent_hundredths) {
      out += "slated_support_compliance_percent{" + labels(row) + "} " +
             domain::hundredths_text(*row.percent_hundredths) + "\n";
    }
  }
}

void availability(std::string& out, const app::Snapshot& snapshot, domain::Instant now) {
  const auto reports = app::current_month_reports(snapshot, now);
  const auto each =
      [&](std::string_view name, std::string_view type, std::string_view help,
          const std::function<std::string(const domain::AvailabilityReport&)>& value) {
        header(out, name, type, help);
        for (const auto& view : reports) {
          out += std::string(name) + "{service=\"" + label(view.report.query.service) + "\"} " +
                 value(view.report) + "\n";
        }
      };
  each("slated_availability_ratio", "gauge",
       "Availability of each service this month so far (0 to 1), under the policy's formula "
       "and exclusions; the month is the policy's reporting zone's.",
       [](const auto& r) { return number(ratio(r.numerator, r.denominator)); });
  each("slated_availability_target_ratio", "gauge",
       "The availability each service is held to this month (0 to 1).",
       [](const auto& r) { return number(static_cast<double>(r.target_ppm) / 1e6); });
  each("slated_error_budget_seconds", "gauge",
       "Downtime each service may have this month and still meet its target.",
       [](const auto& r) { return std::to_string(r.error_budget.count()); });
  each("slated_error_budget_remaining_seconds", "gauge",
       "Error budget left this month; negative once the target is missed.",
       [](const auto& r) { return std::to_string(r.error_budget_remaining.count()); });
  each("slated_counted_downtime_seconds", "gauge",
       "Downtime counted against each service's target this month (exclusions left out).",
       [](const auto& r) { return std::to_string(r.counted.count()); });
}

} // namespace

void Metrics::observe_request(std::string_view route, std::string_view method, int status,
                              std::chrono::steady_clock::duration latency) {
  const std::lock_guard lock(m_mutex);
  const std::string_view name = route_label(route);
  const auto count = m_requests.find(RequestSeriesView{name, method, status});
  if (count != m_requests.end()) {
    ++count->second;
  } else {
    m_requests.emplace(std::tuple{std::string(name), std::string(method), status}, 1);
  }
  auto it = m_latency.find(name);
  if (it == m_latency.end()) {
    it = m_latency.emplace(std::string(name), Histogram{}).first;
  }
  Histogram& histogram = it->second;
  const double seconds = std::chrono::duration<double>(latency).count();
  for (std::size_t i = 0; i < k_buckets.size(); ++i) {
    if (seconds <= k_buckets[i]) {
      ++histogram.buckets[i];
      break;
    }
  }
  ++histogram.count;
  histogram.sum += seconds;
}

void Metrics::count_transition(std::string_view action) {
  const std::lock_guard lock(m_mutex);
  ++m_transitions[std::string(action)];
}

void Metrics::count_notification(std::string_view phase) {
  const std::lock_guard lock(m_mutex);
  ++m_notifications[std::string(phase)];
}

void Metrics::count_delivery(std::string_view result) {
  const std::lock_guard lock(m_mutex);
  ++m_deliveries[std::string(result)];
}

void Metrics::set_leases_held(std::size_t held) {
  const std::lock_guard lock(m_mutex);
  m_leases_held = held;
}

void Metrics::count_overrun() {
  const std::lock_guard lock(m_mutex);
  ++m_overruns;
}

void Metrics::count_state_notification() {
  const std::lock_guard lock(m_mutex);
  ++m_state_notifications;
}

std::string Metrics::render_database(const formats::DatabaseState& database) const {
  std::string out;
  header(out, "slated_database_reachable", "gauge",
         "1 while the database answers this slated's transactions, 0 while it cannot be reached "
         "(reads then answer from the last snapshot, writes get 503).");
  out += "slated_database_reachable " + std::string(database.reachable ? "1" : "0") + "\n";
  header(out, "slated_database_stale_seconds", "gauge",
         "Seconds since this slated found its database away, which its snapshot may have "
         "missed other replicas' writes for; 0 while it answers (always with SQLite).");
  out += "slated_database_stale_seconds " + std::to_string(database.stale_seconds) + "\n";
  const std::lock_guard lock(m_mutex);
  header(out, "slated_state_notifications_total", "counter",
         "Notifications of other replicas' writes heard (PostgreSQL; 0 with SQLite).");
  out += "slated_state_notifications_total " + std::to_string(m_state_notifications) + "\n";
  return out;
}

void Metrics::count_silence_operation(std::string_view operation) {
  const std::lock_guard lock(m_mutex);
  ++m_silence_operations[std::string(operation)];
}

void Metrics::count_alerts(std::size_t received, std::size_t mapped,
                           const std::map<std::string, std::size_t, std::less<>>& ignored) {
  const std::lock_guard lock(m_mutex);
  m_alerts_received += received;
  m_alerts_mapped += mapped;
  for (const auto& [reason, count] : ignored) {
    m_alerts_ignored[reason] += count;
  }
}

std::string Metrics::availability_gauges(const app::Snapshot& snapshot, domain::Instant now) const {
  const std::lock_guard lock(m_availability_mutex);
  const auto minute = std::chrono::floor<std::chrono::minutes>(now);
  if (m_availability.empty() || m_availability_version != snapshot.version ||
      m_availability_minute != minute) {
    m_availability.clear();
    availability(m_availability, snapshot, now);
    support_compliance(m_availability, snapshot, now);
    m_availability_version = snapshot.version;
    m_availability_minute = minute;
  }
  return m_availability;
}

std::string Metrics::render(const app::Snapshot& snapshot, domain::Instant now,
                            const store::OutboxCounts& outbox, std::size_t subscribers) const {
  const std::string gauges = availability_gauges(snapshot, now);
  const std::lock_guard lock(m_mutex);
  std::string out;
  header(out, "slated_build_info", "gauge", "The version of the running slated, as a label.");
  out += "slated_build_info{version=\"" SLATED_VERSION "\"} 1\n";
  header(out, "slated_start_time_seconds", "gauge",
         "When this slated started, in seconds since the Unix epoch.");
  out +=
      "slated_start_time_seconds " +
      std::to_string(
          std::chrono::duration_cast<std::chrono::seconds>(m_started.time_since_epoch()).count()) +
      "\n";
  header(out, "slated_snapshot_version", "gauge",
         "Version of the snapshot being served; it rises with every write and reload.");
  out += "slated_snapshot_version " + std::to_string(snapshot.version) + "\n";
  header(out, "slated_regions", "gauge", "Regions loaded from the calendars.");
  out += "slated_regions " + std::to_string(snapshot.regions.size()) + "\n";

  header(out, "slated_http_requests_total", "counter",
         "HTTP requests answered, by route pattern (\"other\": no route), method and status.");
  for (const auto& [key, count] : m_requests) {
    const auto& [route, method, status] = key;
    out += "slated_http_requests_total{route=\"" + label(route) + "\",method=\"" + label(method) +
           "\",code=\"" + std::to_string(status) + "\"} " + std::to_string(count) + "\n";
  }
  header(out, "slated_http_request_duration_seconds", "histogram",
         "Time from a request read to its response written, by route pattern.");
  for (const auto& [route, histogram] : m_latency) {
    const std::string name = "slated_http_request_duration_seconds";
    const std::string route_text = "route=\"" + label(route) + "\"";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < k_buckets.size(); ++i) {
      cumulative += histogram.buckets[i];
      out += name + "_bucket{" + route_text + ",le=\"" + number(k_buckets[i]) + "\"} " +
             std::to_string(cumulative) + "\n";
    }
    out +=
        name + "_bucket{" + route_text + ",le=\"+Inf\"} " + std::to_string(histogram.count) + "\n";
    out += name + "_sum{" + route_text + "} " + number(histogram.sum) + "\n";
    out += name + "_count{" + route_text + "} " + std::to_string(histogram.count) + "\n";
  }

  header(out, "slated_maintenances", "gauge", "Maintenances known, by state.");
  std::map<std::string, std::uint64_t, std::less<>> states{
      {"planned", 0}, {"in_progress", 0}, {"completed", 0}, {"cancelled", 0}};
  for (const auto& m : snapshot.maintenances) {
    ++states[std::string(domain::to_string(m.state))];
  }
  by_label(out, "slated_maintenances", "state", states);
  header(out, "slated_blackouts", "gauge", "Blackouts known.");
  out += "slated_blackouts " + std::to_string(snapshot.blackouts.size()) + "\n";
  out += gauges;

  header(out, "slated_lifecycle_transitions_total", "counter",
         "Maintenance started or completed by the clock, by action.");
  std::map<std::string, std::uint64_t, std::less<>> transitions{{"start", 0}, {"complete", 0}};
  for (const auto& [action, count] : m_transitions) {
    transitions[action] = count;
  }
  by_label(out, "slated_lifecycle_transitions_total", "action", transitions);
  header(out, "slated_maintenance_overruns_total", "counter",
         "Maintenances found still in progress after their end.");
  out += "slated_maintenance_overruns_total " + std::to_string(m_overruns) + "\n";
  header(out, "slated_notifications_queued_total", "counter",
         "Notifications added to the outbox by this process, by phase.");
  by_label(out, "slated_notifications_queued_total", "phase", m_notifications);

  header(out, "slated_webhook_subscribers", "gauge", "Webhook subscribers configured.");
  out += "slated_webhook_subscribers " + std::to_string(subscribers) + "\n";
  header(out, "slated_outbox_depth", "gauge",
         "Webhook deliveries waiting in the outbox (pending, retries included).");
  out += "slated_outbox_depth " + std::to_string(outbox.pending) + "\n";
  header(out, "slated_outbox_deliveries", "gauge",
         "Webhook deliveries in the outbox, by state (finished ones are kept 30 days).");
  out += "slated_outbox_deliveries{state=\"pending\"} " + std::to_string(outbox.pending) + "\n";
  out += "slated_outbox_deliveries{state=\"delivered\"} " + std::to_string(outbox.delivered) + "\n";
  out += "slated_outbox_deliveries{state=\"failed\"} " + std::to_string(outbox.failed) + "\n";
  const auto delivery = [&](std::string_view result) {
    const auto it = m_deliveries.find(result);
    return std::to_string(it == m_deliveries.end() ? 0 : it->second);
  };
  header(out, "slated_webhook_deliveries_total", "counter",
         "Webhook deliveries a subscriber acknowledged with a 2xx status.");
  out += "slated_webhook_deliveries_total " + delivery("delivered") + "\n";
  header(out, "slated_webhook_delivery_failures_total", "counter",
         "Webhook delivery attempts that failed (each is retried until the last attempt).");
  out += "slated_webhook_delivery_failures_total " + delivery("failed") + "\n";
  header(out, "slated_webhook_deliveries_given_up_total", "counter",
         "Webhook deliveries abandoned after their last attempt failed.");
  out += "slated_webhook_deliveries_given_up_total " + delivery("gave_up") + "\n";
  header(out, "slated_outbox_claims_total", "counter",
         "Webhook deliveries this replica claimed in the outbox to send, retries included.");
  out += "slated_outbox_claims_total " + delivery("claimed") + "\n";
  header(out, "slated_outbox_leases_held", "gauge",
         "Webhook deliveries this replica holds claims on: in flight, or waiting out a backoff.");
  out += "slated_outbox_leases_held " + std::to_string(m_leases_held) + "\n";
  header(out, "slated_outbox_leases_lost_total", "counter",
         "Webhook attempts of this replica whose claim passed to another replica before they "
         "ended (their outcome was not recorded).");
  out += "slated_outbox_leases_lost_total " + delivery("lease_lost") + "\n";

  header(out, "slated_alertmanager_silence_operations_total", "counter",
         "Looks at Alertmanager silences by what they did (create, update, expire, none, "
         "expired_by_operator; failed: no Alertmanager answered).");
  std::map<std::string, std::uint64_t, std::less<>> operations{
      {"create", 0}, {"update", 0}, {"expire", 0}, {"failed", 0}};
  for (const auto& [operation, count] : m_silence_operations) {
    operations[operation] = count;
  }
  by_label(out, "slated_alertmanager_silence_operations_total", "operation", operations);
  header(out, "slated_alertmanager_alerts_received_total", "counter",
         "Alerts received from Alertmanager's webhook.");
  out += "slated_alertmanager_alerts_received_total " + std::to_string(m_alerts_received) + "\n";
  header(out, "slated_alertmanager_alerts_mapped_total", "counter",
         "Alerts that opened, resolved or repeated an outage.");
  out += "slated_alertmanager_alerts_mapped_total " + std::to_string(m_alerts_mapped) + "\n";
  header(out, "slated_alertmanager_alerts_ignored_total", "counter",
         "Alerts that mapped to no outage, by reason.");
  std::map<std::string, std::uint64_t, std::less<>> ignored{{"not_matched", 0}};
  for (const auto& [reason, count] : m_alerts_ignored) {
    ignored[reason] = count;
  }
  by_label(out, "slated_alertmanager_alerts_ignored_total", "reason", ignored);
  return out;
}

MetricsHandler::MetricsHandler(const Metrics& metrics, std::function<store::OutboxCounts()> outbox,
                               std::size_t subscribers)
    : m_metrics(metrics), m_outbox(std::move(outbox)), m_subscribers(subscribers) {}

api::Response MetricsHandler::handle(const api::Request& request,
                                     const api::Context& context) const {
  if (auto parameters = api::read_parameters(request.query, "/metrics", {}); !parameters) {
    return api::error_response(parameters.problems());
  }
  api::Response response;
  response.status = 200;
  response.headers.emplace_back("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
  response.headers.emplace_back("Cache-Control", "no-store");
  response.body = m_metrics.render(*context.snapshot, context.now, m_outbox(), m_subscribers) +
                  m_metrics.render_database(context.database);
  return response;
}

} // namespace slate::daemon
