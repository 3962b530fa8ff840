#include <slate/formats/ical_lines.hpp>

#include <date/date.h>

#include <algorithm>
#include <cctype>
#include <chrono>

namespace slate::formats::ical {

std::string upper(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return result;
}

namespace {

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-';
}

std::string excerpt(std::string_view line) {
  constexpr std::size_t limit = 40;
  return line.size() <= limit ? std::string(line) : std::string(line.substr(0, limit)) + "...";
}

} // namespace

std::optional<FileLines> scan_lines(std::string_view text, ProblemList& problems) {
  struct Logical {
    int line;
    std::string text;
  };
  std::vector<Logical> logical;
  int number = 0;
  std::size_t position = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    position = 3;
  }
  while (position < text.size()) {
    auto end = text.find('\n', position);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    std::string_view line = text.substr(position, end - position);
    position = end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (line.empty()) {
      continue;
    }
    if (line.front() == ' ' || line.front() == '\t') {
      if (logical.empty()) {
        problems.add(number, "a continuation line (starting with a space) before any property");
        return std::nullopt;
      }
      logical.back().text.append(line.substr(1));
      continue;
    }
    logical.push_back({number, std::string(line)});
  }
  if (logical.empty()) {
    problems.add(1, "the file is empty; expected BEGIN:VCALENDAR");
    return std::nullopt;
  }

  FileLines lines;
  std::vector<std::string> stack;
  bool finished = false;
  for (const auto& [line, content] : logical) {
    std::size_t name_end = 0;
    while (name_end < content.size() && is_name_char(content[name_end])) {
      ++name_end;
    }
    // The value starts after the first ':' outside a quoted parameter value.
    std::size_t colon = std::string::npos;
    bool quoted = false;
    for (std::size_t i = name_end; i < content.size(); ++i) {
      if (content[i] == '"') {
        quoted = !quoted;
      } else if (content[i] == ':' && !quoted) {
        colon = i;
        break;
      }
    }
    if (name_end == 0 || colon == std::string::npos ||
        (content[name_end] != ':' && content[name_end] != ';')) {
      problems.add(line, "expected a content line NAME:VALUE or NAME;PARAM=...:VALUE, found '" +
                             excerpt(content) + "'");
      return std::nullopt;
    }
    if (finished) {
      problems.add(line, "content after END:VCALENDAR; a file holds one calendar");
      return std::nullopt;
    }
    const std::string name = upper(std::string_view(content).substr(0, name_end));
    const std::string value = upper(std::string_view(content).substr(colon + 1));
    if (stack.empty() && !(name == "BEGIN" && value == "VCALENDAR")) {
      problems.add(line, "expected BEGIN:VCALENDAR, found '" + excerpt(content) + "'");
      return std::nullopt;
    }
    if (name == "BEGIN") {
      if (value == "VEVENT" && stack.size() == 1) {
        lines.events.push_back(ComponentLines{line, {}});
      } else if (value == "VCALENDAR" && !stack.empty()) {
        problems.add(line, "BEGIN:VCALENDAR inside another component");
        return std::nullopt;
      } else if (stack.empty()) {
        lines.calendar.begin = line;
      }
      stack.push_back(value);
      continue;
    }
    if (name == "END") {
      if (stack.back() != value) {
        problems.add(line, "END:" + value + " closes BEGIN:" + stack.back());
        return std::nullopt;
      }
      stack.pop_back();
      finished = stack.empty();
      continue;
    }
    if (stack.size() == 1) {
      lines.calendar.properties.emplace(name, line);
    } else if (stack.size() == 2 && stack.back() == "VEVENT") {
      lines.events.back().properties.emplace(name, line);
    }
  }
  if (!stack.empty()) {
    problems.add(logical.back().line,
                 "the file ends inside BEGIN:" + stack.back() + "; expected END:" + stack.back());
    return std::nullopt;
  }
  return lines;
}

std::optional<std::string> x_property(icalcomponent* component, const std::string& name) {
  for (auto* property = icalcomponent_get_first_property(component, ICAL_X_PROPERTY);
       property != nullptr;
       property = icalcomponent_get_next_property(component, ICAL_X_PROPERTY)) {
    const char* x_name = icalproperty_get_x_name(property);
    if (x_name != nullptr && upper(x_name) == name) {
      const char* value = icalproperty_get_x(property);
      return std::string(value == nullptr ? "" : value);
    }
  }
  return std::nullopt;
}

std::optional<std::string> text_property(icalcomponent* component, icalproperty_kind kind) {
  auto* property = icalcomponent_get_first_property(component, kind);
  if (property == nullptr) {
    return std::nullopt;
  }
  const char* value = icalproperty_get_value_as_string(property);
  return std::string(value == nullptr ? "" : value);
}

bool valid_fields(const icaltimetype& time) {
  if (time.year < 1 || time.year > 9999 || time.month < 1 || time.month > 12 || time.day < 1 ||
      !date::year_month_day{date::year{time.year} / time.month / time.day}.ok()) {
    return false;
  }
  return icaltime_is_date(time) != 0 || (time.hour >= 0 && time.hour < 24 && time.minute >= 0 &&
                                         time.minute < 60 && time.second >= 0 && time.second < 60);
}

domain::LocalTime local_time_of(const icaltimetype& time) {
  using namespace std::chrono;
  const auto day = date::local_days{date::year{time.year} / time.month / time.day};
  return day + hours{time.hour} + minutes{time.minute} + seconds{time.second};
}

} // namespace slate::formats::ical
