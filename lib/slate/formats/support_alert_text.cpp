#include <slate/formats/support_alert_text.hpp>

#include <slate/formats/json_text.hpp>
#include <slate/formats/rfc3339.hpp>

#include <kainjow/mustache.hpp>

#include <array>
#include <cstdlib>

namespace slate::formats {
namespace {

namespace mustache = kainjow::mustache;

// The text of etc/templates/support_<alert>.mustache as shipped, embedded at
// build time (cmake/embed_support_templates.cmake), in AlertKind's order.
constexpr std::array<std::string_view, 2> k_templates = {
#include <slate/formats/support_templates.inc>
};

std::string due_local(const domain::SupportClock& clock) {
  return clock.due_at ? format_rfc3339(*clock.due_at, clock.zone.to_local(*clock.due_at).offset)
                      : std::string("unknown");
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.front() == '\n' || text.front() == '\r')) {
    text.erase(text.begin());
  }
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r')) {
    text.pop_back();
  }
  return text;
}

} // namespace

std::string support_alert_event(domain::AlertKind kind) {
  return "support." + std::string(domain::to_string(kind));
}

std::string_view support_alert_template(domain::AlertKind kind) {
  return k_templates[static_cast<std::size_t>(kind)];
}

std::string support_alert_message(const SupportAlertDocument& document) {
  const auto& clock = document.alert.clock;
  mustache::data data;
  data.set("ticket", document.alert.ticket);
  data.set("title", document.title);
  data.set("kind", std::string(domain::to_string(clock.kind)));
  data.set("severity", clock.severity);
  data.set("plan", clock.plan);
  data.set("target", clock.target.text);
  data.set("percent", std::to_string(document.warn_at_percent));
  data.set("due_at", clock.due_at ? format_rfc3339_utc(*clock.due_at) : std::string("unknown"));
  data.set("due_local", due_local(clock));
  mustache::mustache engine{std::string(support_alert_template(document.alert.alert))};
  if (!engine.is_valid()) {
    // The shipped texts are checked by the unit tests; a broken one is a bug.
    std::abort();
  }
  // Messages are plain text: no HTML escaping.
  engine.set_custom_escape([](const std::string& text) { return text; });
  return trimmed(engine.render(data));
}

std::string render_support_alert_json(const SupportAlertDocument& document) {
  const auto& clock = document.alert.clock;
  return to_json_text(Json{
      {"event_id", document.alert.id},
      {"event", support_alert_event(document.alert.alert)},
      {"ticket", document.alert.ticket},
      {"title", document.title},
      {"kind", std::string(domain::to_string(clock.kind))},
      {"severity", clock.severity},
      {"plan", clock.plan},
      {"target", clock.target.text},
      {"due_at", clock.due_at ? Json(format_rfc3339_utc(*clock.due_at)) : Json(nullptr)},
      {"due_local", clock.due_at ? Json(due_local(clock)) : Json(nullptr)},
      {"at", format_rfc3339_utc(document.alert.at)},
      {"created_at", format_rfc3339_utc(document.created_at)},
      {"message", support_alert_message(document)},
  });
}

std::string render_support_alert_slack(const SupportAlertDocument& document) {
  return to_json_text(Json{{"text", support_alert_message(document)}});
}

} // namespace slate::formats
