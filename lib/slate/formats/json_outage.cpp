#include <slate/formats/json_outage.hpp>

#include <slate/formats/json_text.hpp>
#include <slate/formats/rfc3339.hpp>

#include <algorithm>
#include <cctype>
#include <set>

namespace slate::formats {
namespace {

constexpr std::size_t k_max_title = 200;
constexpr std::size_t k_max_message = 4000;
constexpr std::size_t k_max_description = 4000;
constexpr std::size_t k_max_list = 32;
constexpr std::size_t k_max_name = 64;

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

// Reads the members of one JSON object, recording every problem with the
// member's name after `prefix` ("" for a request's own members,
// "outages[2]." for an item of an import).
class Reader {
public:
  Reader(const nlohmann::json& object, std::string prefix, domain::Problems& problems)
      : m_object(object), m_prefix(std::move(prefix)), m_problems(problems) {}

  std::string field(const std::string& name) const { return m_prefix + name; }

  void invalid(const std::string& name, const std::string& message) {
    m_problems.push_back({"invalid_field", field(name), message});
  }

  void allow_only(const std::set<std::string>& members) {
    for (const auto& [key, value] : m_object.items()) {
      if (members.count(key) == 0) {
        std::string list;
        for (const auto& member : members) {
          list += (list.empty() ? "" : ", ") + member;
        }
        m_problems.push_back({"unknown_field", field(key),
                              "unknown member '" + field(key) + "'; " +
                                  (list.empty() ? std::string("this request takes no members")
                                                : "the members are " + list)});
      }
    }
  }

  // The member `name`, or nullptr when it is absent or null (then, if
  // `required`, a problem is recorded).
  const nlohmann::json* member(const std::string& name, bool required,
                               const std::string& example = "") {
    const auto found = m_object.find(name);
    if (found == m_object.end() || found->is_null()) {
      if (required) {
        m_problems.push_back(
            {"missing_field", field(name),
             "'" + field(name) + "' is required" + (example.empty() ? "" : ": ") + example});
      }
      return nullptr;
    }
    return &*found;
  }

  std::optional<std::string> text(const std::string& name, bool required, std::size_t max_length) {
    const auto* value = member(name, required);
    if (value == nullptr) {
      return std::nullopt;
    }
    if (!value->is_string()) {
      invalid(name, "'" + field(name) + "' must be a string, not " + value->type_name());
      return std::nullopt;
    }
    auto text = value->get<std::string>();
    if ((required && text.empty()) || text.size() > max_length) {
      invalid(name, "'" + field(name) + "' must be " + (required ? "1" : "0") + " to " +
                        std::to_string(max_length) + " bytes long, not " +
                        std::to_string(text.size()));
      return std::nullopt;
    }
    return text;
  }

  std::optional<domain::Instant> instant(const std::string& name, bool required) {
    const auto value = text(name, required, 64);
    if (!value) {
      return std::nullopt;
    }
    auto parsed = parse_rfc3339(*value, field(name));
    if (!parsed) {
      m_problems.insert(m_problems.end(), parsed.problems().begin(), parsed.problems().end());
      return std::nullopt;
    }
    return *parsed;
  }

  std::optional<bool> flag(const std::string& name) {
    const auto* value = member(name, false);
    if (value == nullptr) {
      return std::nullopt;
    }
    if (!value->is_boolean()) {
      invalid(name, "'" + field(name) + "' must be true or false, not " + value->type_name());
      return std::nullopt;
    }
    return value->get<bool>();
  }

  std::vector<std::string> names(const std::string& name, bool required) {
    const auto* value = member(name, required, "a list such as [\"US\"]");
    if (value == nullptr) {
      return {};
    }
    if (!value->is_array()) {
      invalid(name, "'" + field(name) + "' must be a list of strings, such as [\"US\"]");
      return {};
    }
    if (value->size() > k_max_list || (required && value->empty())) {
      invalid(name, "'" + field(name) + "' must hold " + (required ? "1" : "0") + " to " +
                        std::to_string(k_max_list) + " names");
      return {};
    }
    std::vector<std::string> values;
    std::set<std::string> seen;
    for (const auto& item : *value) {
      if (!item.is_string() || item.get<std::string>().empty() ||
          item.get<std::string>().size() > k_max_name) {
        invalid(name, "'" + field(name) + "' must hold non-empty strings of at most " +
                          std::to_string(k_max_name) + " bytes");
        return {};
      }
      // Ids match regardless of case, so "US" and "us" are the same name.
      std::string folded = item.get<std::string>();
      std::transform(folded.begin(), folded.end(), folded.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (!seen.insert(folded).second) {
        invalid(name, "'" + field(name) + "' names '" + item.get<std::string>() + "' twice");
        return {};
      }
      values.push_back(item.get<std::string>());
    }
    return values;
  }

  std::string service(const std::string& name) {
    auto value = text(name, true, k_max_name).value_or("");
    if (!value.empty() && !valid_service_id(value)) {
      invalid(name, "'" + field(name) +
                        "' must be a service id of letters, digits, '.', '_', "
                        "'-' and ':', such as \"api\" or \"voice-eu\"");
    }
    return value;
  }

  std::optional<domain::OutageImpact> impact(const std::string& name) {
    const auto value = text(name, false, 32);
    if (!value) {
      return std::nullopt;
    }
    const auto parsed = domain::parse_outage_impact(*value);
    if (!parsed) {
      invalid(name,
              "'" + field(name) + "' must be \"major\" or \"partial\", not \"" + *value + "\"");
    }
    return parsed;
  }

  std::optional<domain::OutageCause> cause(const std::string& name) {
    const auto value = text(name, false, 32);
    if (!value) {
      return std::nullopt;
    }
    const auto parsed = domain::parse_outage_cause(*value);
    if (!parsed) {
      invalid(name,
              "'" + field(name) + "' must be one of " + causes_text() + ", not \"" + *value + "\"");
    }
    return parsed;
  }

  // Record a problem unless `start` < `end` (when both are known).
  void check_order(const std::optional<domain::Instant>& start,
                   const std::optional<domain::Instant>& end, const std::string& start_name,
                   const std::string& end_name) {
    if (start && end && *end <= *start) {
      invalid(end_name, "'" + field(end_name) + "' (" + format_rfc3339_utc(*end) +
                            ") must be after '" + field(start_name) + "' (" +
                            format_rfc3339_utc(*start) + ")");
    }
  }

private:
  const nlohmann::json& m_object;
  std::string m_prefix;
  domain::Problems& m_problems;
};

// Read an outage from `object`; `start_required` for history, where no
// "now" can stand in for it.
OutageRequest read_outage(Reader& reader, bool start_required) {
  reader.allow_only({"service", "regions", "start", "end", "impact", "cause", "description"});
  OutageRequest request;
  request.service = reader.service("service");
  request.regions = reader.names("regions", true);
  request.start = reader.instant("start", start_required);
  request.end = reader.instant("end", false);
  reader.check_order(request.start, request.end, "start", "end");
  request.impact = reader.impact("impact").value_or(domain::OutageImpact::major);
  request.cause = reader.cause("cause").value_or(domain::OutageCause::internal);
  request.description = reader.text("description", false, k_max_description).value_or("");
  return request;
}

ImportedMaintenance read_imported_maintenance(Reader& reader) {
  reader.allow_only({"kind", "state", "title", "message", "regions", "services", "start", "end",
                     "announced_at", "actual_start", "actual_end", "disruptive"});
  ImportedMaintenance item;
  if (const auto kind = reader.text("kind", false, 32)) {
    if (const auto parsed = domain::parse_maintenance_kind(*kind)) {
      item.kind = *parsed;
    } else {
      reader.invalid("kind", "'" + reader.field("kind") +
                                 "' must be \"scheduled\" or \"emergency\", not \"" + *kind + "\"");
    }
  }
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
  item.message = reader.text("message", false, k_max_message).value_or("");
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
        {"invalid_field", name,
         "'" + name + "' must be a list of objects, not " + std::string(found->type_name())});
    return {};
  }
  if (found->size() > k_max_import_items) {
    problems.push_back({"invalid_field", name,
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
          {"invalid_field", prefix,
           "'" + prefix + "' must be an object, not " + std::string(object.type_name())});
      continue;
    }
    Reader reader(object, prefix + ".", problems);
    items.push_back(read(reader));
  }
  return items;
}

} // namespace

bool valid_service_id(std::string_view service) {
  return !service.empty() && service.size() <= k_max_name &&
         std::all_of(service.begin(), service.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' ||
                  c == '-' || c == ':';
         });
}

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
  Reader reader(*document, "", problems);
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
  Reader reader(*document, "", problems);
  reader.allow_only({"end", "impact", "cause", "description"});
  ResolveRequest request;
  request.end = reader.instant("end", false);
  request.impact = reader.impact("impact");
  request.cause = reader.cause("cause");
  request.description = reader.text("description", false, k_max_description);
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
  Reader(*document, "", problems).allow_only({"maintenances", "outages"});
  ImportRequest request;
  request.maintenances =
      read_list<ImportedMaintenance>(*document, "maintenances", problems, [](Reader& reader) {
        return read_imported_maintenance(reader);
      });
  request.outages = read_list<OutageRequest>(
      *document, "outages", problems, [](Reader& reader) { return read_outage(reader, true); });
  if (problems.empty() && request.maintenances.empty() && request.outages.empty()) {
    problems.push_back({"missing_field", "body",
                        "the import is empty: give 'maintenances', 'outages' or both, each a "
                        "list of objects"});
  }
  if (!problems.empty()) {
    return problems;
  }
  return request;
}

} // namespace slate::formats
