#include <slate/formats/json_member_reader.hpp>

#include <slate/formats/rfc3339.hpp>
#include <slate/util/text.hpp>

#include <cstdio>

namespace slate::formats {

void MemberReader::invalid(const std::string& name, const std::string& message) {
  m_problems.push_back({domain::Code::invalid_field, field(name), message});
}

void MemberReader::allow_only(const std::set<std::string>& members) {
  for (const auto& [key, value] : m_object.items()) {
    if (members.count(key) == 0) {
      m_problems.push_back(
          {domain::Code::unknown_field, field(key),
           "unknown member '" + field(key) + "'; " +
               (members.empty()
                    ? std::string("this request takes an empty object or no body")
                    : "the members are " + util::joined({members.begin(), members.end()}))});
    }
  }
}

const nlohmann::json* MemberReader::member(const std::string& name, bool required,
                                           const std::string& example) {
  const auto found = m_object.find(name);
  if (found == m_object.end() || found->is_null()) {
    if (required) {
      m_problems.push_back(
          {domain::Code::missing_field, field(name),
           "'" + field(name) + "' is required" + (example.empty() ? "" : ": ") + example});
    }
    return nullptr;
  }
  return &*found;
}

namespace {

// Return the byte offset of the first control character in `text` that
// `form` does not allow, or std::string::npos.
std::size_t refused_control(const std::string& text, MemberReader::Text form) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool layout = c == '\t' || c == '\n' || c == '\r';
    if ((c < 0x20 || c == 0x7f) && !(layout && form == MemberReader::Text::free)) {
      return i;
    }
  }
  return std::string::npos;
}

} // namespace

std::optional<std::string> MemberReader::text(const std::string& name, bool required,
                                              std::size_t max_length, Text form) {
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
  if (const auto at = refused_control(text, form); at != std::string::npos) {
    char code[8];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned char>(text[at]));
    invalid(name, "'" + field(name) + "' holds the control character " + code + " at byte " +
                      std::to_string(at) + "; " +
                      (form == Text::free
                           ? "it may hold tabs and line breaks but no other control characters"
                           : "it is one line of text without control characters"));
    return std::nullopt;
  }
  return text;
}

std::optional<domain::Instant> MemberReader::instant(const std::string& name, bool required) {
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

std::optional<bool> MemberReader::flag(const std::string& name) {
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

std::vector<std::string> MemberReader::names(const std::string& name, bool required) {
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
    if (!seen.insert(util::lowercase(item.get<std::string>())).second) {
      invalid(name, "'" + field(name) + "' names '" + item.get<std::string>() + "' twice");
      return {};
    }
    values.push_back(item.get<std::string>());
  }
  return values;
}

void MemberReader::check_order(const std::optional<domain::Instant>& start,
                               const std::optional<domain::Instant>& end,
                               const std::string& start_name, const std::string& end_name) {
  if (start && end && *end <= *start) {
    invalid(end_name, "'" + field(end_name) + "' (" + format_rfc3339_utc(*end) +
                          ") must be after '" + field(start_name) + "' (" +
                          format_rfc3339_utc(*start) + ")");
  }
}

} // namespace slate::formats
