#include <slate/formats/ticket_request.hpp>

#include <slate/formats/json_text.hpp>
#include <slate/formats/rfc3339.hpp>

#include <set>

namespace slate::formats {
namespace {

// Reads the members of one request object, recording every problem with
// the member's name.
class Members {
public:
  Members(const nlohmann::json& object, domain::Problems& problems)
      : m_object(object), m_problems(problems) {}

  void allow_only(const std::set<std::string>& names) {
    for (const auto& [key, value] : m_object.items()) {
      if (names.count(key) == 0) {
        std::string list;
        for (const auto& name : names) {
          list += (list.empty() ? "" : ", ") + name;
        }
        m_problems.push_back(
            {"unknown_field", key, "unknown member '" + key + "'; the members are " + list});
      }
    }
  }

  // The string member `name` (absent or null: std::nullopt, a problem if
  // `required`), at most `max_length` bytes and, if required, not empty.
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
          {"invalid_field", name, "'" + name + "' must be a string, not " + found->type_name()});
      return std::nullopt;
    }
    auto value = found->get<std::string>();
    if ((required && value.empty()) || value.size() > max_length) {
      m_problems.push_back({"invalid_field", name,
                            "'" + name + "' must be " + (required ? "1" : "0") + " to " +
                                std::to_string(max_length) + " bytes long, not " +
                                std::to_string(value.size())});
      return std::nullopt;
    }
    return value;
  }

  std::optional<domain::Instant> instant(const std::string& name) {
    const auto value = text(name, false, 64);
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

private:
  const nlohmann::json& m_object;
  domain::Problems& m_problems;
};

std::string event_types_text() {
  std::string out;
  for (const auto type : domain::k_ticket_event_types) {
    out += (out.empty() ? "" : ", ") + std::string(domain::to_string(type));
  }
  return out;
}

} // namespace

domain::Result<domain::TicketSpec> parse_ticket_request(std::string_view body) {
  domain::Problems problems;
  const auto document = parse_json_object(body, problems);
  if (!document) {
    return problems;
  }
  Members members(*document, problems);
  members.allow_only({"ref", "title", "severity", "plan", "opened_at"});
  domain::TicketSpec spec;
  spec.ref = members.text("ref", true, domain::k_max_ticket_ref).value_or("");
  spec.title = members.text("title", true, k_max_ticket_title).value_or("");
  spec.severity = members.text("severity", false, 32);
  spec.plan = members.text("plan", false, 32);
  spec.opened_at = members.instant("opened_at");
  if (!problems.empty()) {
    return problems;
  }
  return spec;
}

domain::Result<TicketEventRequest> parse_ticket_event_request(std::string_view body) {
  domain::Problems problems;
  const auto document = parse_json_object(body, problems);
  if (!document) {
    return problems;
  }
  Members members(*document, problems);
  members.allow_only({"type", "at", "severity", "note"});
  TicketEventRequest request;
  if (const auto type = members.text("type", true, 32)) {
    if (const auto parsed = domain::parse_ticket_event_type(*type)) {
      request.type = *parsed;
    } else {
      problems.push_back(
          {"unknown_event_type", "type",
           "'" + *type + "' is not an event type; the types are " + event_types_text()});
    }
  }
  request.at = members.instant("at");
  request.severity = members.text("severity", false, 32).value_or("");
  request.note = members.text("note", false, k_max_ticket_note).value_or("");
  if (!problems.empty()) {
    return problems;
  }
  return request;
}

} // namespace slate::formats
