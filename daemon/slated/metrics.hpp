#pragma once

#include <slate/api/handler.hpp>
#include <slate/app/snapshot.hpp>
#include <slate/store/outbox.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace slate::daemon {

// The daemon's counters, rendered by hand in Prometheus' text exposition
// format (version 0.0.4) for GET /metrics. Thread-safe: the HTTP loop
// counts requests and renders, the writer thread counts transitions,
// notifications and deliveries.
class Metrics {
public:
  // Count one answered request: `route` is the pattern it matched
  // ("/v1/maintenances/{id}"), or "" for none, so that what clients send
  // cannot grow the number of series.
  void observe_request(std::string_view route, std::string_view method, int status,
                       std::chrono::steady_clock::duration latency);
  // Count one transition the clock made ("start", "complete").
  void count_transition(std::string_view action);
  // Count one notification queued in the outbox, by phase.
  void count_notification(std::string_view phase);
  // Count one delivery attempt: "delivered", "failed" (will be retried) or
  // "gave_up" (the last attempt failed); "claimed" for each delivery this
  // replica claimed in the outbox to send, "lease_lost" for an attempt
  // whose claim passed to another replica before it ended.
  void count_delivery(std::string_view result);
  // Count a maintenance seen in progress after its end.
  void count_overrun();
  // Set how many webhook deliveries this replica holds claims on: in
  // flight, or waiting out a backoff.
  void set_leases_held(std::size_t held);
  // Count one notification of another replica's write (PostgreSQL).
  void count_state_notification();
  // Count one look at an Alertmanager silence by what it did: "create",
  // "update", "expire", "none", "expired_by_operator", or "failed" (no
  // Alertmanager answered).
  void count_silence_operation(std::string_view operation);
  // Count the alerts of one Alertmanager notification: `mapped` opened,
  // resolved or repeated an outage; the others were ignored, by reason.
  void count_alerts(std::size_t received, std::size_t mapped,
                    const std::map<std::string, std::size_t, std::less<>>& ignored);

  // Return the exposition of every metric, with gauges read from `snapshot`
  // and `outbox` at the time of the call; availability is this month's at
  // `now`, computed again when the snapshot changes or the minute turns
  // (over a million outages it takes a tenth of a second, on the event
  // loop, and scrapers come every few seconds).
  std::string render(const app::Snapshot& snapshot, domain::Instant now,
                     const store::OutboxCounts& outbox, std::size_t subscribers) const;

  // Return the exposition of the database's metrics: whether it answers
  // and how stale the snapshot may be (`database`), and the notifications
  // of other replicas' writes seen.
  std::string render_database(const formats::DatabaseState& database) const;

private:
  static constexpr std::array<double, 12> k_buckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                    0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  struct Histogram {
    std::array<std::uint64_t, k_buckets.size()> buckets{}; // not cumulative
    std::uint64_t count = 0;
    double sum = 0;
  };

  // A request series (route, method, status), found by views so that a
  // series is made, with its strings, only once. Compared as views on both
  // sides: clang cannot order a tuple of strings against one of views.
  using RequestSeries = std::tuple<std::string, std::string, int>;
  using RequestSeriesView = std::tuple<std::string_view, std::string_view, int>;
  struct RequestSeriesOrder {
    using is_transparent = void;
    static RequestSeriesView view(const RequestSeriesView& series) { return series; }
    static RequestSeriesView view(const RequestSeries& series) {
      return {std::get<0>(series), std::get<1>(series), std::get<2>(series)};
    }
    template <typename Left, typename Right>
    bool operator()(const Left& left, const Right& right) const {
      return view(left) < view(right);
    }
  };

  mutable std::mutex m_mutex; // guards the counters below
  std::map<RequestSeries, std::uint64_t, RequestSeriesOrder> m_requests;
  std::map<std::string, Histogram, std::less<>> m_latency;
  std::map<std::string, std::uint64_t, std::less<>> m_transitions;
  std::map<std::string, std::uint64_t, std::less<>> m_notifications;
  std::map<std::string, std::uint64_t, std::less<>> m_deliveries;
  std::uint64_t m_overruns = 0;
  std::size_t m_leases_held = 0;
  std::uint64_t m_state_notifications = 0;
  std::map<std::string, std::uint64_t, std::less<>> m_silence_operations;
  std::uint64_t m_alerts_received = 0;
  std::uint64_t m_alerts_mapped = 0;
  std::map<std::string, std::uint64_t, std::less<>> m_alerts_ignored;
  std::chrono::system_clock::time_point m_started = std::chrono::system_clock::now();
  // The availability gauges, and what they were computed from: a lock of
  // their own, so that computing them never holds up the counters.
  std::string availability_gauges(const app::Snapshot& snapshot, domain::Instant now) const;
  mutable std::mutex m_availability_mutex; // guards the three below
  mutable std::string m_availability;
  mutable std::uint64_t m_availability_version = 0;
  mutable domain::Instant m_availability_minute{};
};

// GET /metrics: the metrics as they are when asked. Takes no query
// parameters. `outbox` reads the outbox's counts; `subscribers` is how many
// webhooks are configured.
class MetricsHandler : public api::Handler {
public:
  MetricsHandler(const Metrics& metrics, std::function<store::OutboxCounts()> outbox,
                 std::size_t subscribers);
  api::Response handle(const api::Request& request, const api::Context& context) const override;

private:
  const Metrics& m_metrics;
  std::function<store::OutboxCounts()> m_outbox;
  std::size_t m_subscribers;
};

} // namespace slate::daemon
