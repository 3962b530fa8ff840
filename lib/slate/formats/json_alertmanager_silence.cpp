#include <slate/formats/json_alertmanager_silence.hpp>

#include <slate/formats/rfc3339.hpp>

#include <optional>

namespace slate::formats {
namespace {

// Reads members of Alertmanager's answers, recording each problem under
// the member's path.
class AnswerReader {
public:
  explicit AnswerReader(domain::Problems& problems) : m_problems(problems) {}

  const nlohmann::json* member(const nlohmann::json& object, const std::string& path,
                               const std::string& name) {
    const auto found = object.find(name);
    if (found == object.end() || found->is_null()) {
      m_problems.push_back(
          {domain::Code::missing_field, path + name, "'" + path + name + "' is missing"});
      return nullptr;
    }
    return &*found;
  }

  std::optional<std::string> text(const nlohmann::json& object, const std::string& path,
                                  const std::string& name) {
    const auto* value = member(object, path, name);
    if (value == nullptr) {
      return std::nullopt;
    }
    if (!value->is_string()) {
      m_problems.push_back({domain::Code::invalid_field, path + name,
                            "'" + path + name + "' must be a string, not " + value->type_name()});
      return std::nullopt;
    }
    return value->get<std::string>();
  }

  std::optional<bool> flag(const nlohmann::json& object, const std::string& path,
                           const std::string& name, std::optional<bool> fallback) {
    const auto found = object.find(name);
    if ((found == object.end() || found->is_null()) && fallback) {
      return fallback;
    }
    const auto* value = member(object, path, name);
    if (value == nullptr) {
      return std::nullopt;
    }
    if (!value->is_boolean()) {
      m_problems.push_back(
          {domain::Code::invalid_field, path + name,
           "'" + path + name + "' must be true or false, not " + value->type_name()});
      return std::nullopt;
    }
    return value->get<bool>();
  }

  std::optional<domain::Instant> instant(const std::string& text, const std::string& field) {
    auto parsed = parse_rfc3339(text, field);
    if (!parsed) {
      m_problems.insert(m_problems.end(), parsed.problems().begin(), parsed.problems().end());
      return std::nullopt;
    }
    return *parsed;
  }

  domain::ObservedSilence silence(const nlohmann::json& item, const std::string& path) {
    domain::ObservedSilence silence;
    if (!item.is_object()) {
      m_problems.push_back(
          {domain::Code::invalid_field, path.empty() ? "body" : path.substr(0, path.size() - 1),
           "a silence must be a JSON object, not " + std::string(item.type_name())});
      return silence;
    }
    silence.id = text(item, path, "id").value_or("");
    if (const auto* matchers = member(item, path, "matchers")) {
      if (!matchers->is_array()) {
        m_problems.push_back({domain::Code::invalid_field, path + "matchers",
                              "'" + path + "matchers' must be a list"});
      } else {
        for (std::size_t i = 0; i < matchers->size(); ++i) {
          const auto& entry = (*matchers)[i];
          const std::string at = path + "matchers[" + std::to_string(i) + "].";
          if (!entry.is_object()) {
            m_problems.push_back({domain::Code::invalid_field, at.substr(0, at.size() - 1),
                                  "a matcher must be a JSON object"});
            continue;
          }
          const auto name = text(entry, at, "name");
          const auto value = text(entry, at, "value");
          const auto is_regex = flag(entry, at, "isRegex", std::nullopt);
          // isEqual came with Alertmanager 0.22; before it, every matcher was positive.
          const auto is_equal = flag(entry, at, "isEqual", true);
          if (name && value && is_regex && is_equal) {
            const auto type =
                *is_regex ? (*is_equal ? domain::MatchType::regex : domain::MatchType::not_regex)
                          : (*is_equal ? domain::MatchType::equal : domain::MatchType::not_equal);
            silence.matchers.push_back({*name, type, *value});
          }
        }
      }
    }
    if (const auto starts = text(item, path, "startsAt")) {
      silence.starts_at_text = *starts;
      silence.starts_at = instant(*starts, path + "startsAt").value_or(domain::Instant{});
    }
    if (const auto ends = text(item, path, "endsAt")) {
      silence.ends_at = instant(*ends, path + "endsAt").value_or(domain::Instant{});
    }
    if (item.contains("updatedAt") && !item["updatedAt"].is_null()) {
      if (const auto updated = text(item, path, "updatedAt")) {
        silence.updated_at = instant(*updated, path + "updatedAt");
      }
    }
    silence.created_by = text(item, path, "createdBy").value_or("");
    silence.comment = text(item, path, "comment").value_or("");
    if (const auto* status = member(item, path, "status")) {
      const auto state =
          status->is_object() ? text(*status, path + "status.", "state") : std::nullopt;
      if (!status->is_object()) {
        m_problems.push_back({domain::Code::invalid_field, path + "status",
                              "'" + path + "status' must be an object with a state"});
      } else if (state) {
        if (const auto parsed = domain::parse_silence_state(*state)) {
          silence.state = *parsed;
        } else {
          m_problems.push_back({domain::Code::invalid_field, path + "status.state",
                                "'" + path +
                                    "status.state' must be pending, active or expired, "
                                    "not '" +
                                    *state + "'"});
        }
      }
    }
    return silence;
  }

private:
  domain::Problems& m_problems;
};

std::optional<nlohmann::json> parse_answer(std::string_view body, domain::Problems& problems) {
  auto document = nlohmann::json::parse(body, nullptr, false);
  if (document.is_discarded()) {
    problems.push_back({domain::Code::malformed_json, "body", "Alertmanager's answer is not JSON"});
    return std::nullopt;
  }
  return document;
}

} // namespace

std::string silence_post_body(const domain::DesiredSilence& silence,
                              const domain::ObservedSilence* current) {
  Json body = Json::object();
  if (current != nullptr) {
    body["id"] = current->id;
  }
  Json matchers = Json::array();
  for (const auto& matcher : silence.matchers) {
    matchers.push_back({{"name", matcher.name},
                        {"value", matcher.value},
                        {"isRegex", matcher.is_regex()},
                        {"isEqual", matcher.is_equal()}});
  }
  body["matchers"] = std::move(matchers);
  const bool started = current != nullptr && current->state != domain::SilenceState::pending;
  body["startsAt"] = started ? current->starts_at_text : format_rfc3339_utc(silence.span.start);
  body["endsAt"] = format_rfc3339_utc(silence.span.end);
  body["createdBy"] = std::string(domain::k_silence_creator);
  body["comment"] = silence.comment;
  return to_json_text(body);
}

domain::Result<std::string> parse_silence_id(std::string_view body) {
  domain::Problems problems;
  const auto document = parse_answer(body, problems);
  if (!document) {
    return problems;
  }
  const auto found = document->is_object() ? document->find("silenceID") : document->end();
  if (!document->is_object() || found == document->end() || !found->is_string() ||
      found->get<std::string>().empty()) {
    return domain::Problem{domain::Code::invalid_field, "silenceID",
                           "Alertmanager's answer has no silenceID string: " +
                               document->dump().substr(0, 200)};
  }
  return found->get<std::string>();
}

domain::Result<std::vector<domain::ObservedSilence>> parse_silence_list(std::string_view body) {
  domain::Problems problems;
  const auto document = parse_answer(body, problems);
  if (!document) {
    return problems;
  }
  if (!document->is_array()) {
    return domain::Problem{domain::Code::invalid_field, "body",
                           "Alertmanager's list of silences must be a JSON list, not " +
                               std::string(document->type_name())};
  }
  AnswerReader reader(problems);
  std::vector<domain::ObservedSilence> silences;
  for (std::size_t i = 0; i < document->size(); ++i) {
    silences.push_back(reader.silence((*document)[i], "[" + std::to_string(i) + "]."));
  }
  if (!problems.empty()) {
    return problems;
  }
  return silences;
}

domain::Result<domain::ObservedSilence> parse_silence(std::string_view body) {
  domain::Problems problems;
  const auto document = parse_answer(body, problems);
  if (!document) {
    return problems;
  }
  AnswerReader reader(problems);
  auto silence = reader.silence(*document, "");
  if (!problems.empty()) {
    return problems;
  }
  return silence;
}

} // namespace slate::formats
