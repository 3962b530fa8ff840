#include <slate/formats/json_notification.hpp>

#include <slate/formats/rfc3339.hpp>

namespace slate::formats {
namespace {

// Slack's mrkdwn reads &, < and > as markup; everything else is literal.
std::string mrkdwn_escaped(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

} // namespace

std::string render_notification_json(const NotificationDocument& document) {
  return to_json_text(Json{
      {"event_id", document.event_id},
      {"event", document.event_type},
      {"phase", document.phase},
      {"reminder_offset_seconds",
       document.reminder_offset ? Json(document.reminder_offset->count()) : Json(nullptr)},
      {"due_at", format_rfc3339_utc(document.due_at)},
      {"created_at", format_rfc3339_utc(document.created_at)},
      {"message", document.message},
      {"maintenance", maintenance_json(document.maintenance)},
  });
}

std::string render_notification_slack(const NotificationDocument& document) {
  const Json section{{"type", "section"},
                     {"text", {{"type", "mrkdwn"}, {"text", mrkdwn_escaped(document.message)}}}};
  const Json context{
      {"type", "context"},
      {"elements", Json::array({{{"type", "mrkdwn"},
                                 {"text", mrkdwn_escaped("slated " + document.event_type + " " +
                                                         document.event_id)}}})}};
  return to_json_text(
      Json{{"text", document.message}, {"blocks", Json::array({section, context})}});
}

} // namespace slate::formats
