#include <slate/app/alerts.hpp>

#include <slate/app/outages.hpp>

#include <algorithm>
#include <variant>

namespace slate::app {
namespace {

// Return the outage an earlier alert with `key` recorded, or 0.
std::int64_t outage_of_key(Writer& writer, const std::string& key) {
  std::int64_t id = 0;
  writer.store().read("find the outage of alert " + key, [&](store::Transaction& transaction) {
    if (const auto record = transaction.idempotency().find(key, k_alert_actor)) {
      id = resource_id(record->resource);
    }
  });
  return id;
}

void refused(AlertReport& report, const domain::Problems& problems) {
  report.ignored.push_back({"refused", domain::messages_of(problems)});
}

void open(Writer& writer, const domain::AlertOutage& outage, const WriteContext& write,
          AlertReport& report) {
  formats::OutageRequest request;
  request.service = outage.service;
  request.regions = outage.regions;
  request.start = std::min(outage.start, write.now);
  if (outage.end) {
    request.end = std::max(std::min(*outage.end, write.now), *request.start + domain::Seconds{1});
  }
  request.impact = outage.impact;
  request.cause = outage.cause;
  request.description = outage.description;
  // The alert's key is the Idempotency-Key, and its own fingerprint: a
  // repeat replays the outage the first one opened.
  const WriteContext keyed{k_alert_actor, write.now, outage.key, outage.key};
  const auto created = record_outage(writer, request, keyed);
  if (!created) {
    refused(report, created.problems());
  } else if (created->replayed) {
    ++report.unchanged;
  } else {
    ++report.opened;
  }
}

void resolve(Writer& writer, const domain::AlertOutage& outage, const WriteContext& write,
             AlertReport& report) {
  const auto id = outage_of_key(writer, outage.key);
  const auto* current = id != 0 ? writer.snapshot()->find_outage(id) : nullptr;
  if (current == nullptr) {
    open(writer, outage, write, report);
    return;
  }
  if (!current->open()) {
    ++report.unchanged;
    return;
  }
  formats::ResolveRequest request;
  request.end = std::max(std::min(outage.end.value_or(write.now), write.now),
                         current->start + domain::Seconds{1});
  const auto resolved =
      resolve_outage(writer, id, request, WriteContext{k_alert_actor, write.now, std::nullopt, ""});
  if (!resolved) {
    refused(report, resolved.problems());
  } else {
    ++report.resolved;
  }
}

} // namespace

AlertReport receive_alerts(Writer& writer, const std::vector<domain::Alert>& alerts,
                           const WriteContext& write) {
  AlertReport report;
  for (const auto& alert : alerts) {
    ++report.received;
    const auto snapshot = writer.snapshot();
    const auto decision = domain::map_alert(alert, snapshot->policy, snapshot->regions);
    if (const auto* ignored = std::get_if<domain::IgnoredAlert>(&decision)) {
      report.ignored.push_back(*ignored);
      continue;
    }
    const auto& outage = std::get<domain::AlertOutage>(decision);
    if (outage.change == domain::OutageChange::open) {
      open(writer, outage, write, report);
    } else {
      resolve(writer, outage, write, report);
    }
  }
  return report;
}

} // namespace slate::app
