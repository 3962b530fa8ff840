#include <slate/formats/json_maintenance.hpp>

#include <slate/formats/json_text.hpp>
#include <slate/formats/rfc3339.hpp>

#include <algorithm>
#include <cctype>
#include <set>

namespace slate::formats {
namespace {

constexpr std::size_t k_max_title = 200;
constexpr std::size_t k_max_message = 4000;
constexpr std::size_t k_max_reason = 500;
constexpr std::size_t k_max_list = 32;
constexpr std::size_t k_max_name = 64;

Json optional_instant(const std::optional<domain::Instant>& instant) {
  return instant ? Json(format_rfc3339_utc(*instant)) : Json(nullptr);
}

domain::Problem invalid(const std::string& field, const std::string& message) {
  return {"invalid_field", field, message};
}

// Reads members of one JSON object, recording every problem.
class ObjectReader {
public:
  ObjectReader(const nlohmann::json& object, domain::Problems& problems)
      : m_object(object), m_problems(problems) {}

  void allow_only(const std::set<std::string>& members) {
    for (const auto& [key, value] : m_object.items()) {
      if (members.count(key) == 0) {
        std::string list;
        for (const auto& member : members) {
          list += (list.empty() ? "" : ", ") + member;
        }
        m_problems.push_back(
            {"unknown_field", key,
             "unknown member '" + key + "'; " +
                 (list.empty() ? std::string("this request takes an empty object or no body")
                               : "the members are " + list)});
      }
    }
  }

  std::optional<std::string> text(const std::string& name, bool required, std::size_t max_length) {
    const auto found = m_object.find(name);
    if (found == m_object.end() || found->is_null()) {
      if (required) {
        m_problems.push_back({"missing_field", name, "'" + name + "' is required"});
      }
      return std::nullopt;
    }
    if (!found->is_string()) {
      m_problems.push_back(
          invalid(name, "'" + name + "' must be a string, not " + found->type_name()));
      return std::nullopt;
    }
    auto value = found->get<std::string>();
    if ((required && value.empty()) || value.size() > max_length) {
      m_problems.push_back(invalid(name, "'" + name + "' must be " + (required ? "1" : "0") +
                                             " to " + std::to_string(max_length) +
                                             " bytes long, not " + std::to_string(value.size())));
      return std::nullopt;
    }
    return value;
  }

  std::optional<domain::Instant> instant(const std::string& name) {
    const auto value = text(name, true, 64);
    if (!value) {
      return std::nullopt;
    }
    auto parsed = parse_rfc3339(*value, name);
    if (!parsed) {
      m_problems.insert(m_problems.end(), parsed.problems().begin(), parsed.problems().end());
      return std::nullopt;
    }
    return *parsed;
  }

  std::vector<std::string> names(const std::string& name, bool required) {
    const auto found = m_object.find(name);
    if (found == m_object.end() || found->is_null()) {
      if (required) {
        m_problems.push_back(
            {"missing_field", name, "'" + name + "' is required: a list such as [\"US\"]"});
      }
      return {};
    }
    if (!found->is_array()) {
      m_problems.push_back(
          invalid(name, "'" + name + "' must be a list of strings, such as [\"US\"]"));
      return {};
    }
    if (found->size() > k_max_list || (required && found->empty())) {
      m_problems.push_back(invalid(name, "'" + name + "' must hold " + (required ? "1" : "0") +
                                             " to " + std::to_string(k_max_list) + " names"));
      return {};
    }
    std::vector<std::string> values;
    std::set<std::string> seen;
    for (const auto& item : *found) {
      if (!item.is_string() || item.get<std::string>().empty() ||
          item.get<std::string>().size() > k_max_name) {
        m_problems.push_back(invalid(name, "'" + name +
                                               "' must hold non-empty strings of at most " +
                                               std::to_string(k_max_name) + " bytes"));
        return {};
      }
      // Ids match regardless of case, so "US" and "us" are the same name.
      std::string folded = item.get<std::string>();
      std::transform(folded.begin(), folded.end(), folded.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (!seen.insert(folded).second) {
        m_problems.push_back(
            invalid(name, "'" + name + "' names '" + item.get<std::string>() + "' twice"));
        return {};
      }
      values.push_back(item.get<std::string>());
    }
    return values;
  }

private:
  const nlohmann::json& m_object;
  domain::Problems& m_problems;
};

void check_interval(const std::optional<domain::Instant>& start,
                    const std::optional<domain::Instant>& end, domain::Problems& problems) {
  if (start && end && *end <= *start) {
    problems.push_back(invalid("end", "'end' (" + format_rfc3339_utc(*end) +
                                          ") must be after 'start' (" + format_rfc3339_utc(*start) +
                                          ")"));
  }
}

} // namespace

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
              {"local", local}};
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
  ObjectReader reader(*document, problems);
  reader.allow_only({"kind", "title", "message", "regions", "services", "start", "end"});
  MaintenanceRequest request;
  if (const auto kind = reader.text("kind", false, 32)) {
    if (const auto parsed = domain::parse_maintenance_kind(*kind)) {
      request.kind = *parsed;
    } else {
      problems.push_back(
          invalid("kind", "'kind' must be \"scheduled\" or \"emergency\", not \"" + *kind + "\""));
    }
  }
  request.title = reader.text("title", true, k_max_title).value_or("");
  request.message = reader.text("message", false, k_max_message).value_or("");
  request.regions = reader.names("regions", true);
  request.services = reader.names("services", false);
  const auto start = reader.instant("start");
  const auto end = reader.instant("end");
  check_interval(start, end, problems);
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
  ObjectReader reader(*document, problems);
  reader.allow_only({"end"});
  const auto end = reader.instant("end");
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
  ObjectReader reader(*document, problems);
  reader.allow_only({"regions", "start", "end", "reason"});
  BlackoutRequest request;
  request.regions = reader.names("regions", false);
  request.reason = reader.text("reason", true, k_max_reason).value_or("");
  const auto start = reader.instant("start");
  const auto end = reader.instant("end");
  check_interval(start, end, problems);
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
    ObjectReader(*document, problems).allow_only({});
  }
  return problems;
}

} // namespace slate::formats
