#include <slate/formats/json_maintenance.hpp>

#include <slate/formats/json_maintenance_silence.hpp>
#include <slate/formats/json_member_reader.hpp>
#include <slate/formats/json_text.hpp>
#include <slate/formats/rfc3339.hpp>

namespace slate::formats {
namespace {

constexpr std::size_t k_max_title = 200;
constexpr std::size_t k_max_message = 4000;
constexpr std::size_t k_max_reason = 500;

Json optional_instant(const std::optional<domain::Instant>& instant) {
  return instant ? Json(format_rfc3339_utc(*instant)) : Json(nullptr);
}

} // namespace

std::optional<domain::MaintenanceKind> read_maintenance_kind(MemberReader& reader) {
  const auto kind = reader.text("kind", false, 32);
  if (!kind) {
    return std::nullopt;
  }
  const auto parsed = domain::parse_maintenance_kind(*kind);
  if (!parsed) {
    reader.invalid("kind", "'" + reader.field("kind") +
                               "' must be \"scheduled\" or \"emergency\", not \"" + *kind + "\"");
  }
  return parsed;
}

Json maintenance_json(const MaintenanceView& view) {
  const auto& m = view.maintenance;
  Json local = Json::array();
  for (const auto& clock : view.clocks) {
    local.push_back(
        {{"region", clock.region},
         {"zone", clock.zone.name()},
         {"start", format_rfc3339(m.booked.start, clock.zone.to_local(m.booked.start).offset)},
         {"end", format_rfc3339(m.end, clock.zone.to_local(m.end).offset)}});
  }
  Json silences = Json::array();
  for (const auto& silence : view.silences) {
    silences.push_back(maintenance_silence_json(silence));
  }
  return Json{{"id", m.id},
              {"kind", to_string(m.kind)},
              {"state", to_string(m.state)},
              {"title", m.title},
              {"message", m.message},
              {"regions", m.regions},
              {"services", m.services},
              {"start", format_rfc3339_utc(m.booked.start)},
              {"end", format_rfc3339_utc(m.end)},
              {"booked_end", format_rfc3339_utc(m.booked.end)},
              {"announced_at", format_rfc3339_utc(m.announced_at)},
              {"started_at", optional_instant(m.started_at)},
              {"finished_at", optional_instant(m.finished_at)},
              {"updated_at", format_rfc3339_utc(m.updated_at)},
              {"sequence", m.sequence},
              {"created_by", m.created_by},
              {"unscheduled", m.kind == domain::MaintenanceKind::emergency},
              {"overrun_seconds", view.overrun.count()},
              {"local", local},
              {"silences", silences}};
}

Json blackout_json(const domain::Blackout& blackout) {
  return Json{{"id", blackout.id},
              {"regions", blackout.regions},
              {"global", blackout.global()},
              {"start", format_rfc3339_utc(blackout.period.start)},
              {"end", format_rfc3339_utc(blackout.period.end)},
              {"reason", blackout.reason},
              {"created_at", format_rfc3339_utc(blackout.created_at)},
              {"created_by", blackout.created_by}};
}

domain::Result<MaintenanceRequest> parse_maintenance_request(std::string_view body) {
  domain::Problems problems;
  const auto document = parse_json_object(body, problems);
  if (!document) {
    return problems;
  }
  MemberReader reader(*document, "", problems);
  reader.allow_only({"kind", "title", "message", "regions", "services", "start", "end"});
  MaintenanceRequest request;
  request.kind = read_maintenance_kind(reader).value_or(domain::MaintenanceKind::scheduled);
  request.title = reader.text("title", true, k_max_title).value_or("");
  request.message =
      reader.text("message", false, k_max_message, MemberReader::Text::free).value_or("");
  request.regions = reader.names("regions", true);
  request.services = reader.names("services", false);
  const auto start = reader.instant("start", true);
  const auto end = reader.instant("end", true);
  reader.check_order(start, end, "start", "end");
  if (!problems.empty()) {
    return problems;
  }
  request.span = domain::Interval{*start, *end};
  return request;
}

domain::Result<ExtendRequest> parse_extend_request(std::string_view body) {
  domain::Problems problems;
  const auto document = parse_json_object(body, problems);
  if (!document) {
    return problems;
  }
  MemberReader reader(*document, "", problems);
  reader.allow_only({"end"});
  const auto end = reader.instant("end", true);
  if (!problems.empty()) {
    return problems;
  }
  return ExtendRequest{*end};
}

domain::Result<BlackoutRequest> parse_blackout_request(std::string_view body) {
  domain::Problems problems;
  const auto document = parse_json_object(body, problems);
  if (!document) {
    return problems;
  }
  MemberReader reader(*document, "", problems);
  reader.allow_only({"regions", "start", "end", "reason"});
  BlackoutRequest request;
  request.regions = reader.names("regions", false);
  request.reason = reader.text("reason", true, k_max_reason, MemberReader::Text::free).value_or("");
  const auto start = reader.instant("start", true);
  const auto end = reader.instant("end", true);
  reader.check_order(start, end, "start", "end");
  if (!problems.empty()) {
    return problems;
  }
  request.period = domain::Interval{*start, *end};
  return request;
}

domain::Problems check_empty_request(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return {};
  }
  domain::Problems problems;
  const auto document = parse_json_object(body, problems);
  if (document && !document->empty()) {
    MemberReader(*document, "", problems).allow_only({});
  }
  return problems;
}

} // namespace slate::formats
