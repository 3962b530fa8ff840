#include <slate/formats/json_maintenance_silence.hpp>

#include <slate/formats/rfc3339.hpp>

namespace slate::formats {
namespace {

domain::Problem malformed(const std::string& why) {
  return {domain::Code::malformed_json, "desired", "a stored silence is not readable: " + why};
}

Json text_or_null(const std::string& text) {
  return text.empty() ? Json(nullptr) : Json(text);
}

} // namespace

std::string desired_silence_text(const domain::DesiredSilence& silence) {
  Json matchers = Json::array();
  for (const auto& matcher : silence.matchers) {
    matchers.push_back(matcher.to_string());
  }
  return to_json_text(Json{{"tag", silence.tag},
                           {"region", silence.region},
                           {"service", silence.service},
                           {"matchers", matchers},
                           {"start", format_rfc3339_utc(silence.span.start)},
                           {"end", format_rfc3339_utc(silence.span.end)},
                           {"comment", silence.comment},
                           {"goal", to_string(silence.goal)}});
}

domain::Result<domain::DesiredSilence> parse_desired_silence(std::string_view text) {
  const auto document = nlohmann::json::parse(text, nullptr, false);
  if (!document.is_object()) {
    return malformed("not a JSON object");
  }
  domain::DesiredSilence silence;
  try {
    silence.tag = document.at("tag").get<std::string>();
    silence.region = document.at("region").get<std::string>();
    silence.service = document.at("service").get<std::string>();
    silence.comment = document.at("comment").get<std::string>();
    for (const auto& item : document.at("matchers")) {
      auto matcher = domain::parse_matcher(item.get<std::string>(), "matchers");
      if (!matcher) {
        return matcher.problems();
      }
      silence.matchers.push_back(std::move(matcher).value());
    }
    auto start = parse_rfc3339(document.at("start").get<std::string>(), "start");
    auto end = parse_rfc3339(document.at("end").get<std::string>(), "end");
    if (!start || !end) {
      return malformed("its start or end is not an RFC 3339 instant");
    }
    silence.span = {start.value(), end.value()};
    const auto goal = document.at("goal").get<std::string>();
    if (goal != to_string(domain::SilenceGoal::in_force) &&
        goal != to_string(domain::SilenceGoal::expired)) {
      return malformed("goal '" + goal + "' is not in_force or expired");
    }
    silence.goal = goal == to_string(domain::SilenceGoal::in_force) ? domain::SilenceGoal::in_force
                                                                    : domain::SilenceGoal::expired;
  } catch (const nlohmann::json::exception& error) {
    return malformed(error.what());
  }
  return silence;
}

Json maintenance_silence_json(const domain::MaintenanceSilence& silence) {
  return Json{{"id", text_or_null(silence.silence_id)},
              {"state", to_string(silence.status)},
              {"alertmanager", text_or_null(silence.alertmanager)},
              {"region", silence.desired.region},
              {"service", text_or_null(silence.desired.service)},
              {"starts_at", format_rfc3339_utc(silence.desired.span.start)},
              {"ends_at", format_rfc3339_utc(silence.desired.span.end)}};
}

} // namespace slate::formats
