#include <slate/domain/alert_outage.hpp>

#include <slate/domain/service_id.hpp>

#include <date/date.h>

#include <algorithm>

namespace slate::domain {
namespace {

// The longest description an outage takes (as POST /v1/outages allows).
constexpr std::size_t k_max_description = 4000;

std::string label(const Labels& labels, const std::string& name) {
  const auto found = labels.find(name);
  return found == labels.end() ? std::string() : found->second;
}

// Cut at a character boundary, so a long summary stays UTF-8.
std::string truncated(std::string text, std::size_t max) {
  if (text.size() <= max) {
    return text;
  }
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  text.resize(cut);
  return text;
}

std::string description_of(const Alert& alert) {
  std::string text = "Alertmanager alert";
  if (const auto name = label(alert.labels, "alertname"); !name.empty()) {
    text += " " + name;
  }
  auto summary = label(alert.annotations, "summary");
  if (summary.empty()) {
    summary = label(alert.annotations, "description");
  }
  if (!summary.empty()) {
    text += ": " + summary;
  }
  return truncated(std::move(text), k_max_description);
}

IgnoredAlert ignored(std::string reason, std::string detail) {
  return {std::move(reason), std::move(detail)};
}

} // namespace

AlertDecision map_alert(const Alert& alert, const Policy& policy,
                        const std::vector<Region>& regions) {
  const auto& mapping = policy.alertmanager.alerts;
  if (!mapping) {
    return ignored("not_configured",
                   "the policy has no [alertmanager.alerts] section, so no alert opens an outage");
  }
  if (alert.fingerprint.empty()) {
    return ignored("no_fingerprint", "the alert has no fingerprint to recognise its repeats by");
  }
  if (!matches_all(mapping->match, alert.labels)) {
    return ignored("not_matched", "the alert does not satisfy [alertmanager.alerts] match");
  }
  AlertOutage outage;
  outage.service = label(alert.labels, mapping->service_label);
  if (outage.service.empty()) {
    return ignored("no_service", "the alert has no " + mapping->service_label + " label");
  }
  if (!valid_service_id(outage.service)) {
    return ignored("invalid_service", "the " + mapping->service_label + " label's value '" +
                                          truncated(outage.service, 64) +
                                          "' is not a service id (1 to 64 of A-Z a-z 0-9 . _ - :)");
  }
  const auto& services = policy.availability.services;
  if (!services.empty() &&
      std::find(services.begin(), services.end(), outage.service) == services.end()) {
    return ignored("unknown_service",
                   "service '" + outage.service + "' is not one of the policy's services");
  }
  const auto region_value = label(alert.labels, mapping->region_label);
  if (region_value.empty()) {
    return ignored("no_region", "the alert has no " + mapping->region_label + " label");
  }
  if (const auto mapped = mapping->region_values.find(region_value);
      mapped != mapping->region_values.end()) {
    outage.regions = mapped->second;
  } else if (const auto* region = find_region(regions, region_value)) {
    outage.regions = {region->id};
  } else {
    return ignored("unknown_region", "the " + mapping->region_label + " label's value '" +
                                         truncated(region_value, 64) +
                                         "' is neither in [alertmanager.alerts.region_values] "
                                         "nor a region id");
  }
  if (!mapping->cause_label.empty()) {
    if (const auto value = label(alert.labels, mapping->cause_label); !value.empty()) {
      if (const auto cause = parse_outage_cause(value)) {
        outage.cause = *cause;
      } else {
        outage.notes.push_back("the " + mapping->cause_label + " label's value '" +
                               truncated(value, 64) +
                               "' is not an outage cause; the outage counts as internal");
      }
    }
  }
  if (!mapping->impact_label.empty()) {
    if (const auto value = label(alert.labels, mapping->impact_label); !value.empty()) {
      if (const auto impact = parse_outage_impact(value)) {
        outage.impact = *impact;
      } else {
        outage.notes.push_back("the " + mapping->impact_label + " label's value '" +
                               truncated(value, 64) +
                               "' is not \"major\" or \"partial\"; the outage counts as major");
      }
    }
  }
  outage.start = alert.starts_at;
  if (alert.status == AlertStatus::resolved) {
    if (!alert.ends_at) {
      return ignored("no_end", "the alert is resolved but has no endsAt");
    }
    outage.change = OutageChange::resolve;
    outage.end = alert.ends_at;
    // Ignoring the resolution would leave the outage open for ever; an end
    // in the start's second (the fraction is cut off) becomes one second.
    if (*alert.ends_at <= alert.starts_at) {
      outage.end = alert.starts_at + Seconds{1};
      outage.notes.push_back("the alert's endsAt is not after its startsAt; the outage lasts "
                             "one second");
    }
  }
  outage.key = "alertmanager/" + alert.fingerprint + "/" + date::format("%FT%TZ", alert.starts_at);
  outage.description = description_of(alert);
  return outage;
}

} // namespace slate::domain
