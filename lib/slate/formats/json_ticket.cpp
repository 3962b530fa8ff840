#include <slate/formats/json_ticket.hpp>

#include <slate/formats/iso_duration.hpp>
#include <slate/formats/rfc3339.hpp>

namespace slate::formats {
namespace {

Json optional_utc(const std::optional<domain::Instant>& instant) {
  return instant ? Json(format_rfc3339_utc(*instant)) : Json(nullptr);
}

} // namespace

Json clock_json(const domain::SupportClock& clock) {
  Json ledger = Json::array();
  for (const auto& entry : clock.ledger) {
    Json item = Json::object();
    item["start"] = format_rfc3339_utc(entry.interval.start);
    item["end"] = format_rfc3339_utc(entry.interval.end);
    item["seconds"] = entry.interval.length().count();
    item["counts"] = entry.counts;
    item["reason"] = entry.reason;
    ledger.push_back(std::move(item));
  }
  Json out = Json::object();
  out["kind"] = std::string(domain::to_string(clock.kind));
  out["severity"] = clock.severity;
  out["plan"] = clock.plan;
  out["target"] =
      clock.target.text.empty() ? format_iso_duration(clock.target_seconds) : clock.target.text;
  out["target_seconds"] = clock.target_seconds.count();
  out["calendar"] = clock.calendar;
  out["started_at"] = format_rfc3339_utc(clock.started_at);
  out["due_at"] = optional_utc(clock.due_at);
  out["due_local"] =
      clock.due_at ? Json(format_rfc3339(*clock.due_at, clock.zone.to_local(*clock.due_at).offset))
                   : Json(nullptr);
  out["warn_at"] = optional_utc(clock.warn_at);
  out["stopped_at"] = optional_utc(clock.stopped_at);
  out["status"] = std::string(domain::to_string(clock.status));
  out["elapsed_seconds"] = clock.elapsed.count();
  out["remaining_seconds"] = clock.remaining.count();
  out["ledger"] = std::move(ledger);
  return out;
}

Json ticket_json(const domain::Ticket& ticket, const std::vector<domain::SupportClock>& clocks) {
  Json events = Json::array();
  for (const auto& event : domain::sorted_events(ticket)) {
    Json item = Json::object();
    item["type"] = std::string(domain::to_string(event.type));
    item["at"] = format_rfc3339_utc(event.at);
    if (event.type == domain::TicketEventType::severity_changed) {
      item["severity"] = event.severity;
    }
    item["note"] = event.note;
    events.push_back(std::move(item));
  }
  Json list = Json::array();
  for (const auto& clock : clocks) {
    list.push_back(clock_json(clock));
  }
  Json out = Json::object();
  out["ref"] = ticket.ref;
  out["title"] = ticket.title;
  out["severity"] = domain::current_severity(ticket);
  out["plan"] = ticket.plan;
  out["opened_at"] = format_rfc3339_utc(ticket.opened_at);
  out["state"] = std::string(domain::to_string(domain::ticket_state(ticket)));
  out["events"] = std::move(events);
  out["clocks"] = std::move(list);
  return out;
}

Json deadlines_json(std::string_view severity, std::string_view plan, domain::Instant opened_at,
                    const std::vector<domain::SupportClock>& clocks) {
  Json list = Json::array();
  for (const auto& clock : clocks) {
    list.push_back(clock_json(clock));
  }
  Json out = Json::object();
  out["severity"] = std::string(severity);
  out["plan"] = std::string(plan);
  out["opened_at"] = format_rfc3339_utc(opened_at);
  out["clocks"] = std::move(list);
  return out;
}

} // namespace slate::formats
