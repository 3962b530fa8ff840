#include <slate/formats/ticket_request.hpp>

#include <slate/formats/json_member_reader.hpp>
#include <slate/formats/json_text.hpp>

namespace slate::formats {
namespace {

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
  MemberReader members(*document, "", problems);
  members.allow_only({"ref", "title", "severity", "plan", "opened_at"});
  domain::TicketSpec spec;
  spec.ref = members.text("ref", true, domain::k_max_ticket_ref).value_or("");
  spec.title = members.text("title", true, k_max_ticket_title).value_or("");
  spec.severity = members.text("severity", false, 32);
  spec.plan = members.text("plan", false, 32);
  spec.opened_at = members.instant("opened_at", false);
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
  MemberReader members(*document, "", problems);
  members.allow_only({"type", "at", "severity", "note"});
  TicketEventRequest request;
  if (const auto type = members.text("type", true, 32)) {
    if (const auto parsed = domain::parse_ticket_event_type(*type)) {
      request.type = *parsed;
    } else {
      problems.push_back(
          {domain::Code::event_type_unknown, "type",
           "'" + *type + "' is not an event type; the types are " + event_types_text()});
    }
  }
  request.at = members.instant("at", false);
  request.severity = members.text("severity", false, 32).value_or("");
  request.note =
      members.text("note", false, k_max_ticket_note, MemberReader::Text::free).value_or("");
  if (!problems.empty()) {
    return problems;
  }
  return request;
}

} // namespace slate::formats
