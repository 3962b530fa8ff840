#include <slate/formats/json_outage.hpp>

#include <slate/domain/service_id.hpp>
#include <slate/formats/json_maintenance.hpp>
#include <slate/formats/json_member_reader.hpp>
#include <slate/formats/json_text.hpp>
#include <slate/formats/rfc3339.hpp>

namespace slate::formats {
namespace {

constexpr std::size_t k_max_title = 200;
constexpr std::size_t k_max_message = 4000;
constexpr std::size_t k_max_description = 4000;

Json optional_instant(const std::optional<domain::Instant>& instant) {
  return instant ? Json(format_rfc3339_utc(*instant)) : Json(nullptr);
}

std::string causes_text() {
  std::string out;
  for (const auto cause : domain::all_outage_causes()) {
    out += (out.empty() ? "" : ", ") + std::string(domain::to_string(cause));
  }
  return out;
}

std::string read_service(MemberReader& reader, const std::string& name) {
  auto value = reader.text(name, true, domain::k_max_service_id).value_or("");
  if (!value.empty() && !domain::valid_service_id(value)) {
    reader.invalid(name, "'" + reader.field(name) + "' must be a service id of " +
                             std::string(domain::k_service_id_rule) +
                             ", such as \"api\" or \"voice-eu\"");
  }
  return value;
}

std::optional<domain::OutageImpact> read_impact(MemberReader& reader, const std::string& name) {
  const auto value = reader.text(name, false, 32);
  if (!value) {
    return std::nullopt;
  }
  const auto parsed = domain::parse_outage_impact(*value);
  if (!parsed) {
    reader.invalid(name, "'" + reader.field(name) + "' must be \"major\" or \"partial\", not \"" +
                             *value + "\"");
  }
  return parsed;
}

std::optional<domain::OutageCause> read_cause(MemberReader& reader, const std::string& name) {
  const auto value = reader.text(name, false, 32);
  if (!value) {
    return std::nullopt;
  }
  const auto parsed = domain::parse_outage_cause(*value);
  if (!parsed) {
    reader.invalid(name, "'" + reader.field(name) + "' must be one of " + causes_text() +
                             ", not \"" + *value + "\"");
  }
  return parsed;
}

// Read an outage from `object`; `start_required` for history, where no
// "now" can stand in for it.
OutageRequest read_outage(MemberReader& reader, bool start_required) {
  reader.allow_only({"service", "regions", "start", "end", "impact", "cause", "description"});
  OutageRequest request;
  request.service = read_service(reader, "service");
  request.regions = reader.names("regions", true);
  request.start = reader.instant("start", start_required);
  request.end = reader.instant("end", false);
  reader.check_order(request.start, request.end, "start", "end");
  request.impact = read_impact(reader, "impact").value_or(domain::OutageImpact::major);
  request.cause = read_cause(reader, "cause").value_or(domain::OutageCause::internal);
  request.description =
      reader.text("description", false, k_max_description, MemberReader::Text::free).value_or("");
  return request;
}

ImportedMaintenance read_imported_maintenance(MemberReader& reader) {
  reader.allow_only({"kind", "state", "title", "message", "regions", "services", "start", "end",
                     "announced_at", "actual_start", "actual_end", "disruptive"});
  ImportedMaintenance item;
  item.kind = read_maintenance_kind(reader).value_or(domain::MaintenanceKind::scheduled);
  if (const auto state = reader.text("state", false, 32)) {
    const auto parsed = domain::parse_maintenance_state(*state);
    if (parsed == domain::MaintenanceState::completed ||
        parsed == domain::MaintenanceState::cancelled) {
      item.state = *parsed;
    } else {
      reader.invalid("state", "'" + reader.field("state") +
                                  "' must be \"completed\" or \"cancelled\", not \"" + *state +
                                  "\": an import holds past maintenance; book planned work "
                                  "with POST /v1/maintenances");
    }
  }
  item.title = reader.text("title", true, k_max_title).value_or("");
  item.message =
      reader.text("message", false, k_max_message, MemberReader::Text::free).value_or("");
  item.regions = reader.names("regions", true);
  item.services = reader.names("services", false);
  const auto start = reader.instant("start", true);
  const auto end = reader.instant("end", true);
  reader.check_order(start, end, "start", "end");
  const auto announced = reader.instant("announced_at", true);
  item.actual_start = reader.instant("actual_start", false);
  item.actual_end = reader.instant("actual_end", false);
  reader.check_order(item.actual_start, item.actual_end, "actual_start", "actual_end");
  if (item.state == domain::MaintenanceState::completed) {
    for (const char* name : {"actual_start", "actual_end"}) {
      if (reader.member(name, false) == nullptr) {
        reader.invalid(name, "'" + reader.field(name) +
                                 "' is required for completed maintenance: when the work "
                                 "really started and ended");
      }
    }
  } else if (reader.member("actual_start", false) != nullptr &&
             reader.member("actual_end", false) == nullptr) {
    reader.invalid("actual_end", "'" + reader.field("actual_end") +
                                     "' is required with 'actual_start': when the cancelled "
                                     "work stopped");
  } else if (reader.member("actual_start", false) == nullptr &&
             reader.member("actual_end", false) != nullptr) {
    reader.invalid("actual_start",
                   "'" + reader.field("actual_start") + "' is required with 'actual_end'");
  }
  item.disruptive = reader.flag("disruptive").value_or(true);
  if (start && end) {
    item.span = domain::Interval{*start, *end};
  }
  if (announced) {
    item.announced_at = *announced;
  }
  return item;
}

// The items of list `name` of `document`, each read by `read`.
template <class Item, class Read>
std::vector<Item> read_list(const nlohmann::json& document, const std::string& name,
                            domain::Problems& problems, Read read) {
  const auto found = document.find(name);
  if (found == document.end() || found->is_null()) {
    return {};
  }
  if (!found->is_array()) {
    problems.push_back(
        {domain::Code::invalid_field, name,
         "'" + name + "' must be a list of objects, not " + std::string(found->type_name())});
    return {};
  }
  if (found->size() > k_max_import_items) {
    problems.push_back({domain::Code::invalid_field, name,
                        "'" + name + "' holds " + std::to_string(found->size()) +
                            " items; one import takes at most " +
                            std::to_string(k_max_import_items) + ", so split it"});
    return {};
  }
  std::vector<Item> items;
  items.reserve(found->size());
  std::size_t index = 0;
  for (const auto& object : *found) {
    const std::string prefix = name + "[" + std::to_string(index++) + "]";
    if (!object.is_object()) {
      problems.push_back(
          {domain::Code::invalid_field, prefix,
           "'" + prefix + "' must be an object, not " + std::string(object.type_name())});
      continue;
    }
    MemberReader reader(object, prefix + ".", problems);
    items.push_back(read(reader));
  }
  return items;
}

} // namespace

Json outage_json(const domain::Outage& outage, const std::optional<std::string>& exclusion) {
  return Json{{"id", outage.id},
              {"service", outage.service},
              {"regions", outage.regions},
              {"start", format_rfc3339_utc(outage.start)},
              {"end", optional_instant(outage.end)},
              {"open", outage.open()},
              {"impact", domain::to_string(outage.impact)},
              {"cause", domain::to_string(outage.cause)},
              {"exclusion", exclusion ? Json(*exclusion) : Json(nullptr)},
              {"description", outage.description},
              {"created_at", format_rfc3339_utc(outage.created_at)},
              {"created_by", outage.created_by},
              {"imported", outage.imported}};
}

domain::Result<OutageRequest> parse_outage_request(std::string_view body) {
  domain::Problems problems;
  const auto document = parse_json_object(body, problems);
  if (!document) {
    return problems;
  }
  MemberReader reader(*document, "", problems);
  auto request = read_outage(reader, false);
  if (!problems.empty()) {
    return problems;
  }
  return request;
}

domain::Result<ResolveRequest> parse_resolve_request(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return ResolveRequest{};
  }
  domain::Problems problems;
  const auto document = parse_json_object(body, problems);
  if (!document) {
    return problems;
  }
  MemberReader reader(*document, "", problems);
  reader.allow_only({"end", "impact", "cause", "description"});
  ResolveRequest request;
  request.end = reader.instant("end", false);
  request.impact = read_impact(reader, "impact");
  request.cause = read_cause(reader, "cause");
  request.description =
      reader.text("description", false, k_max_description, MemberReader::Text::free);
  if (!problems.empty()) {
    return problems;
  }
  return request;
}

domain::Result<ImportRequest> parse_import_request(std::string_view body) {
  domain::Problems problems;
  const auto document = parse_json_object(body, problems);
  if (!document) {
    return problems;
  }
  MemberReader(*document, "", problems).allow_only({"maintenances", "outages"});
  ImportRequest request;
  request.maintenances =
      read_list<ImportedMaintenance>(*document, "maintenances", problems, [](MemberReader& reader) {
        return read_imported_maintenance(reader);
      });
  request.outages =
      read_list<OutageRequest>(*document, "outages", problems,
                               [](MemberReader& reader) { return read_outage(reader, true); });
  if (problems.empty() && request.maintenances.empty() && request.outages.empty()) {
    problems.push_back({domain::Code::missing_field, "body",
                        "the import is empty: give 'maintenances', 'outages' or both, each a "
                        "list of objects"});
  }
  if (!problems.empty()) {
    return problems;
  }
  return request;
}

} // namespace slate::formats
