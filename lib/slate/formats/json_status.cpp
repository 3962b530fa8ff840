#include <slate/formats/json_status.hpp>

#include <slate/domain/dual_time_text.hpp>
#include <slate/formats/json_availability.hpp>
#include <slate/formats/json_compliance.hpp>
#include <slate/formats/rfc3339.hpp>

namespace slate::formats {
namespace {

constexpr std::int64_t k_million = 1'000'000;

std::string local_text(domain::Instant instant, const domain::Zone& zone) {
  return format_rfc3339(instant, zone.to_local(instant).offset);
}

Json names(const std::vector<std::string>& items) {
  Json list = Json::array();
  for (const auto& item : items) {
    list.push_back(item);
  }
  return list;
}

Json maintenance_summary(const StatusMaintenance& entry, const RegionStatus& region,
                         const domain::Zone& home) {
  const auto& m = entry.maintenance;
  const auto span = m.span();
  Json silences = Json::array();
  for (const auto& silence : entry.silences) {
    silences.push_back(
        {{"id", silence.silence_id.empty() ? Json(nullptr) : Json(silence.silence_id)},
         {"state", to_string(silence.status)}});
  }
  return Json{{"id", m.id},
              {"kind", domain::to_string(m.kind)},
              {"state", domain::to_string(m.state)},
              {"title", m.title},
              {"message", m.message},
              {"services", names(m.services)},
              {"start", format_rfc3339_utc(span.start)},
              {"end", format_rfc3339_utc(span.end)},
              {"local_start", local_text(span.start, region.zone)},
              {"local_end", local_text(span.end, region.zone)},
              {"when", domain::local_and_home(span, region.zone, home)},
              {"text", entry.text},
              {"silences", silences}};
}

Json window_json(const std::optional<StatusWindow>& window, const RegionStatus& region,
                 const domain::Zone& home) {
  if (!window) {
    return nullptr;
  }
  return Json{{"uid", window->uid},
              {"summary", window->summary},
              {"start", format_rfc3339_utc(window->interval.start)},
              {"end", format_rfc3339_utc(window->interval.end)},
              {"local_start", local_text(window->interval.start, region.zone)},
              {"local_end", local_text(window->interval.end, region.zone)},
              {"when", domain::local_and_home(window->interval, region.zone, home)}};
}

Json outage_summary(const domain::Outage& outage, const RegionStatus& region,
                    const domain::Zone& home) {
  return Json{{"id", outage.id},
              {"service", outage.service},
              {"regions", names(outage.regions)},
              {"start", format_rfc3339_utc(outage.start)},
              {"local_start", local_text(outage.start, region.zone)},
              {"when", domain::local_and_home(outage.start, region.zone, home)},
              {"impact", domain::to_string(outage.impact)},
              {"cause", domain::to_string(outage.cause)},
              {"description", outage.description}};
}

Json availability_json(const std::optional<domain::AvailabilityReport>& report) {
  if (!report) {
    return nullptr;
  }
  return Json{
      {"month", month_text(report->query.month)},
      {"availability_percent", domain::percent_text(report->numerator, report->denominator, 4)},
      {"target_percent", domain::percent_text(report->target_ppm, k_million, 4)},
      {"met", report->met},
      {"down_seconds", report->down.count()},
      {"excluded_seconds", report->excluded.count()},
      {"counted_seconds", report->counted.count()},
      {"error_budget_seconds", report->error_budget.count()},
      {"error_budget_remaining_seconds", report->error_budget_remaining.count()}};
}

} // namespace

std::string_view to_string(ComponentStatus status) {
  switch (status) {
  case ComponentStatus::operational:
    return "operational";
  case ComponentStatus::degraded_performance:
    return "degraded_performance";
  case ComponentStatus::partial_outage:
    return "partial_outage";
  case ComponentStatus::major_outage:
    return "major_outage";
  case ComponentStatus::under_maintenance:
    return "under_maintenance";
  }
  return "operational";
}

std::string_view to_string(Indicator indicator) {
  switch (indicator) {
  case Indicator::none:
    return "none";
  case Indicator::minor:
    return "minor";
  case Indicator::major:
    return "major";
  case Indicator::critical:
    return "critical";
  case Indicator::maintenance:
    return "maintenance";
  }
  return "none";
}

std::string_view description(Indicator indicator) {
  switch (indicator) {
  case Indicator::none:
    return "All Systems Operational";
  case Indicator::minor:
    return "Minor Service Outage";
  case Indicator::major:
    return "Partial System Outage";
  case Indicator::critical:
    return "Major Service Outage";
  case Indicator::maintenance:
    return "Service Under Maintenance";
  }
  return "All Systems Operational";
}

int severity(ComponentStatus status) {
  switch (status) {
  case ComponentStatus::operational:
    return 0;
  case ComponentStatus::under_maintenance:
    return 1;
  case ComponentStatus::degraded_performance:
    return 2;
  case ComponentStatus::partial_outage:
    return 3;
  case ComponentStatus::major_outage:
    return 4;
  }
  return 0;
}

Json status_json(const StatusModel& model) {
  Json regions = Json::array();
  for (const auto& region : model.regions) {
    Json in_progress = Json::array();
    for (const auto index : region.in_progress) {
      in_progress.push_back(
          maintenance_summary(model.maintenances.at(index), region, model.home_zone));
    }
    Json upcoming = Json::array();
    for (const auto index : region.upcoming) {
      upcoming.push_back(
          maintenance_summary(model.maintenances.at(index), region, model.home_zone));
    }
    Json outages = Json::array();
    for (const auto index : region.outages) {
      outages.push_back(outage_summary(model.open_outages.at(index), region, model.home_zone));
    }
    Json services = Json::array();
    for (const auto& service : region.services) {
      services.push_back(
          Json{{"service", service.service.empty() ? Json(nullptr) : Json(service.service)},
               {"status", to_string(service.status)},
               {"availability", availability_json(service.month)}});
    }
    regions.push_back(
        Json{{"id", region.id},
             {"name", region.name},
             {"zone", region.zone.name()},
             {"status", to_string(region.status)},
             {"maintenance_in_progress", std::move(in_progress)},
             {"current_window", window_json(region.current_window, region, model.home_zone)},
             {"next_window", window_json(region.next_window, region, model.home_zone)},
             {"upcoming_maintenance", std::move(upcoming)},
             {"open_outages", std::move(outages)},
             {"services", std::move(services)}});
  }
  Json out{{"indicator", to_string(model.indicator)},
           {"description", description(model.indicator)},
           {"updated_at", format_rfc3339_utc(model.updated_at)},
           {"home_zone", model.home_zone.name()},
           {"month", month_text(model.month)},
           {"reporting_zone", model.reporting_zone},
           {"target_percent", domain::percent_text(model.target_ppm, k_million, 4)},
           {"services", names(model.services)},
           {"regions", std::move(regions)},
           {"database", Json{{"reachable", model.database.reachable},
                             {"stale_seconds", model.database.stale_seconds}}}};
  if (model.support) {
    out["support_compliance"] = compliance_json(*model.support);
  }
  return out;
}

std::string render_status(const StatusModel& model) {
  return to_json_text(status_json(model));
}

} // namespace slate::formats
