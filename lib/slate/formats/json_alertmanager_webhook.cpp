#include <slate/formats/json_alertmanager_webhook.hpp>

#include <slate/formats/json_text.hpp>
#include <slate/formats/rfc3339.hpp>

#include <optional>

namespace slate::formats {
namespace {

// Go's zero time.Time, which Alertmanager writes as the endsAt of an alert
// that still fires; any fraction or offset spelling of it counts.
bool zero_time(std::string_view text) {
  return text.substr(0, 19) == "0001-01-01T00:00:00";
}

// Reads one JSON object's members into problems named "PREFIX.member".
class Members {
public:
  Members(const nlohmann::json& object, std::string prefix, domain::Problems& problems)
      : m_object(object), m_prefix(std::move(prefix)), m_problems(problems) {}

  std::string field(const std::string& name) const {
    return m_prefix.empty() ? name : m_prefix + "." + name;
  }

  const nlohmann::json* find(const std::string& name, bool required) {
    const auto found = m_object.find(name);
    if (found == m_object.end() || found->is_null()) {
      if (required) {
        m_problems.push_back(
            {domain::Code::missing_field, field(name), "'" + field(name) + "' is missing"});
      }
      return nullptr;
    }
    return &*found;
  }

  std::optional<std::string> text(const std::string& name, bool required) {
    const auto* value = find(name, required);
    if (value == nullptr) {
      return std::nullopt;
    }
    if (!value->is_string()) {
      m_problems.push_back({domain::Code::invalid_field, field(name),
                            "'" + field(name) + "' must be a string, not " + value->type_name()});
      return std::nullopt;
    }
    return value->get<std::string>();
  }

  domain::Labels labels(const std::string& name, bool required) {
    domain::Labels out;
    const auto* value = find(name, required);
    if (value == nullptr) {
      return out;
    }
    if (!value->is_object()) {
      m_problems.push_back(
          {domain::Code::invalid_field, field(name),
           "'" + field(name) + "' must be an object of strings, not " + value->type_name()});
      return out;
    }
    for (const auto& [key, item] : value->items()) {
      if (!item.is_string()) {
        m_problems.push_back(
            {domain::Code::invalid_field, field(name) + "." + key,
             "'" + field(name) + "." + key + "' must be a string, not " + item.type_name()});
      } else if (item.get<std::string>().size() > k_max_label_value) {
        m_problems.push_back({domain::Code::invalid_field, field(name) + "." + key,
                              "'" + field(name) + "." + key + "' is longer than " +
                                  std::to_string(k_max_label_value) + " bytes"});
      } else {
        out.emplace(key, item.get<std::string>());
      }
    }
    return out;
  }

  std::optional<domain::Instant> instant(const std::string& name, bool required) {
    const auto value = text(name, required);
    if (!value) {
      return std::nullopt;
    }
    if (zero_time(*value)) {
      if (required) {
        m_problems.push_back({domain::Code::invalid_field, field(name),
                              "'" + field(name) + "' is the zero time " + *value});
      }
      return std::nullopt;
    }
    auto parsed = parse_rfc3339(*value, field(name));
    if (!parsed) {
      m_problems.insert(m_problems.end(), parsed.problems().begin(), parsed.problems().end());
      return std::nullopt;
    }
    return *parsed;
  }

private:
  const nlohmann::json& m_object;
  std::string m_prefix;
  domain::Problems& m_problems;
};

std::optional<domain::Alert> read_alert(const nlohmann::json& item, const std::string& prefix,
                                        domain::Problems& problems) {
  if (!item.is_object()) {
    problems.push_back({domain::Code::invalid_field, prefix,
                        "'" + prefix + "' must be an object, not " + item.type_name()});
    return std::nullopt;
  }
  Members in(item, prefix, problems);
  domain::Alert alert;
  if (const auto status = in.text("status", true)) {
    if (*status == "firing") {
      alert.status = domain::AlertStatus::firing;
    } else if (*status == "resolved") {
      alert.status = domain::AlertStatus::resolved;
    } else {
      problems.push_back({domain::Code::invalid_field, in.field("status"),
                          "'" + in.field("status") + "' must be \"firing\" or \"resolved\", not '" +
                              status->substr(0, 64) + "'"});
    }
  }
  alert.labels = in.labels("labels", true);
  alert.annotations = in.labels("annotations", false);
  const auto starts = in.instant("startsAt", true);
  alert.ends_at = in.instant("endsAt", false);
  alert.generator_url = in.text("generatorURL", false).value_or("");
  alert.fingerprint = in.text("fingerprint", true).value_or("");
  if (alert.fingerprint.empty() && in.find("fingerprint", false) != nullptr) {
    problems.push_back({domain::Code::invalid_field, in.field("fingerprint"),
                        "'" + in.field("fingerprint") + "' is empty"});
  }
  if (!problems.empty() || !starts) {
    return std::nullopt;
  }
  alert.starts_at = *starts;
  return alert;
}

} // namespace

domain::Result<AlertmanagerNotification> parse_alertmanager_notification(std::string_view body) {
  domain::Problems problems;
  const auto document = parse_json_object(body, problems);
  if (!document) {
    return problems;
  }
  Members in(*document, "", problems);
  AlertmanagerNotification notification;
  notification.version = in.text("version", true).value_or("");
  if (!problems.empty()) {
    return problems;
  }
  if (notification.version != "4") {
    return domain::Problem{domain::Code::version_unsupported, "version",
                           "this is a version '" + notification.version.substr(0, 16) +
                               "' notification; slated reads Alertmanager's webhook payload "
                               "version 4"};
  }
  notification.group_key = in.text("groupKey", false).value_or("");
  notification.status = in.text("status", false).value_or("");
  notification.receiver = in.text("receiver", false).value_or("");
  notification.group_labels = in.labels("groupLabels", false);
  notification.common_labels = in.labels("commonLabels", false);
  notification.common_annotations = in.labels("commonAnnotations", false);
  notification.external_url = in.text("externalURL", false).value_or("");
  if (const auto* truncated = in.find("truncatedAlerts", false)) {
    if (truncated->is_number_integer() && truncated->get<std::int64_t>() >= 0) {
      notification.truncated_alerts = truncated->get<std::int64_t>();
    } else {
      problems.push_back({domain::Code::invalid_field, "truncatedAlerts",
                          "'truncatedAlerts' must be a whole number, not " + truncated->dump()});
    }
  }
  const auto* alerts = in.find("alerts", true);
  if (alerts != nullptr && !alerts->is_array()) {
    problems.push_back({domain::Code::invalid_field, "alerts",
                        "'alerts' must be a list, not " + std::string(alerts->type_name())});
  }
  if (!problems.empty()) {
    return problems;
  }
  for (std::size_t i = 0; i < alerts->size(); ++i) {
    const auto& item = (*alerts)[i];
    domain::Problems alert_problems;
    const std::string prefix = "alerts[" + std::to_string(i) + "]";
    if (auto alert = read_alert(item, prefix, alert_problems)) {
      notification.alerts.push_back(std::move(*alert));
      continue;
    }
    std::string fingerprint;
    if (item.is_object() && item.contains("fingerprint") && item["fingerprint"].is_string()) {
      fingerprint = item["fingerprint"].get<std::string>();
    }
    notification.rejected.push_back({i, fingerprint, std::move(alert_problems)});
  }
  return notification;
}

} // namespace slate::formats
