#include <slate/formats/support_policy_file.hpp>

#include <slate/formats/holiday_calendar.hpp>
#include <slate/formats/iso_duration.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <set>

namespace slate::formats {
namespace {

using domain::Seconds;

constexpr const char* k_day_keys[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

// "HH:MM" to seconds since midnight; 24:00 only as an end.
std::optional<Seconds> clock_time(std::string_view text, bool end) {
  if (text.size() != 5 || text[2] != ':') {
    return std::nullopt;
  }
  for (const std::size_t i : {0u, 1u, 3u, 4u}) {
    if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) {
      return std::nullopt;
    }
  }
  const int hour = (text[0] - '0') * 10 + (text[1] - '0');
  const int minute = (text[3] - '0') * 10 + (text[4] - '0');
  if (minute > 59 || hour > 24 || (hour == 24 && (!end || minute != 0))) {
    return std::nullopt;
  }
  return Seconds{hour * 3600 + minute * 60};
}

// "09:00-17:30"; an end at or before the start runs into the next day.
std::optional<domain::HoursRange> hours_range(std::string_view text) {
  if (text.size() != 11 || text[5] != '-') {
    return std::nullopt;
  }
  const auto start = clock_time(text.substr(0, 5), false);
  const auto end = clock_time(text.substr(6, 5), true);
  if (!start || !end) {
    return std::nullopt;
  }
  domain::HoursRange range{*start, *end};
  if (range.end <= range.start) {
    range.end += std::chrono::hours{24};
  }
  return range;
}

bool valid_id(std::string_view id) {
  return !id.empty() && id.size() <= 32 && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
  });
}

// A holiday file path: relative, inside the calendars directory, *.ics.
bool valid_holiday_path(std::string_view path) {
  if (path.empty() || path.front() == '/' || path.size() < 5 ||
      path.substr(path.size() - 4) != ".ics") {
    return false;
  }
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto end = std::min(path.find('/', start), path.size());
    const auto part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") {
      return false;
    }
    start = end + 1;
  }
  return std::all_of(path.begin(), path.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.' ||
           c == '/';
  });
}

std::string file_name(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

class SupportReader {
public:
  SupportReader(const std::string& name, const HolidayReader& read_holidays,
                domain::Problems& problems)
      : m_name(name), m_read_holidays(read_holidays), m_problems(problems) {}

  domain::SupportPolicy read(const toml::table& support) {
    const std::size_t problems_before = m_problems.size();
    m_support_line = support.source().begin.line;
    refuse_unknown(support,
                   {"reporting_zone", "default_severity", "on_severity_change", "pause_stops",
                    "warn_at_percent", "default_plan", "assumptions", "compliance_target_percent",
                    "calendars", "plans", "severities"},
                   " in [support]");
    domain::SupportPolicy policy;
    if (const auto* node = support.get("reporting_zone")) {
      remember("reporting_zone", *node);
      const auto* text = node->as_string();
      auto zone =
          domain::Zone::locate(text == nullptr ? "" : text->get(), "support.reporting_zone");
      if (zone) {
        policy.reporting_zone = *zone;
      } else {
        problem(*node, zone.problems().front().message);
      }
    }
    if (const auto text = string_key(support, "default_severity", "support.")) {
      policy.default_severity = *text;
    }
    if (const auto text = string_key(support, "default_plan", "support.")) {
      policy.default_plan = *text;
    }
    if (const auto* node = support.get("on_severity_change")) {
      remember("on_severity_change", *node);
      const auto* text = node->as_string();
      if (text != nullptr && text->get() == "recompute") {
        policy.on_severity_change = domain::SeverityChange::recompute;
      } else if (text != nullptr && text->get() == "restart") {
        policy.on_severity_change = domain::SeverityChange::restart;
      } else {
        problem(*node, "support.on_severity_change must be \"recompute\" (every clock from the "
                       "opening, with the new severity) or \"restart\" (new clocks from the "
                       "change)");
      }
    }
    if (const auto* node = support.get("pause_stops")) {
      remember("pause_stops", *node);
      read_pause_stops(*node, policy);
    }
    if (const auto* node = support.get("warn_at_percent")) {
      remember("warn_at_percent", *node);
      const auto value = node->as_integer();
      if (value == nullptr) {
        problem(*node, "support.warn_at_percent must be a whole number of percent, e.g. 75");
      } else {
        policy.warn_at_percent = static_cast<int>(std::clamp<std::int64_t>(value->get(), -1, 100));
      }
    }
    if (const auto* node = support.get("assumptions")) {
      remember("assumptions", *node);
      read_assumptions(*node, policy);
    }
    if (const auto* node = support.get("compliance_target_percent")) {
      remember("compliance_target_percent", *node);
      read_compliance_targets(*node, policy);
    }
    if (const auto* node = support.get("calendars")) {
      const auto* calendars = node->as_table();
      if (calendars == nullptr) {
        problem(*node, "support.calendars must hold [support.calendars.ID] sections");
      } else {
        for (const auto& [key, section] : *calendars) {
          read_calendar(std::string(key.str()), section, policy);
        }
      }
    }
    if (const auto* node = support.get("plans")) {
      const auto* plans = node->as_table();
      if (plans == nullptr) {
        problem(*node, "support.plans must hold [support.plans.ID] sections");
      } else {
        for (const auto& [key, section] : *plans) {
          read_plan(std::string(key.str()), section, policy);
        }
      }
    }
    if (policy.plans.empty()) {
      // Without plans, one plan that replaces nothing: the default one.
      policy.plans.push_back({policy.default_plan, policy.default_plan, "", {}});
    }
    if (const auto* node = support.get("severities")) {
      const auto* severities = node->as_array();
      if (severities == nullptr) {
        problem(*node, "support.severities must be a list of [[support.severities]] sections");
      } else {
        std::size_t index = 0;
        for (const auto& item : *severities) {
          read_severity(index++, item, policy);
        }
      }
    } else {
      problem(m_support_line, "[support] defines no severities; add [[support.severities]] "
                              "sections with an id and their clocks");
    }
    // Consistency is checked once each part has read, so that one bad
    // calendar does not also make every severity that names it an error.
    if (m_problems.size() == problems_before) {
      for (const auto& issue : policy.check()) {
        problem(line_of(issue.field), "support." + issue.field + ": " + issue.message);
      }
    }
    return policy;
  }

private:
  void problem(std::uint32_t line, const std::string& message) {
    const std::string where = m_name + ":" + std::to_string(line);
    m_problems.push_back({domain::Code::invalid_policy, where, where + ": " + message});
  }
  void problem(const toml::node& node, const std::string& message) {
    problem(node.source().begin.line, message);
  }

  void remember(const std::string& field, const toml::node& node) {
    m_lines[field] = node.source().begin.line;
  }

  // The line of `field` or, failing that, of the closest enclosing field
  // ("severities[1].response.calendar", then "severities[1].response", ...).
  std::uint32_t line_of(std::string field) const {
    while (true) {
      const auto found = m_lines.find(field);
      if (found != m_lines.end()) {
        return found->second;
      }
      const auto cut = field.find_last_of(".[");
      if (cut == std::string::npos || cut == 0) {
        return m_support_line;
      }
      field.resize(cut);
    }
  }

  void refuse_unknown(const toml::table& table, const std::set<std::string>& known,
                      const std::string& where) {
    for (const auto& [key, node] : table) {
      if (known.count(std::string(key.str())) == 0) {
        std::string list;
        for (const auto& k : known) {
          list += (list.empty() ? "" : ", ") + k;
        }
        problem(node,
                "unknown key '" + std::string(key.str()) + "'" + where + "; the keys are " + list);
      }
    }
  }

  // The non-empty string under `key`, if present; a problem if it is not one.
  std::optional<std::string> string_key(const toml::table& table, const std::string& key,
                                        const std::string& prefix, bool allow_empty = false) {
    const auto* node = table.get(key);
    if (node == nullptr) {
      return std::nullopt;
    }
    remember(prefix.substr(std::string("support.").size()) + key, *node);
    const auto* text = node->as_string();
    if (text == nullptr || (!allow_empty && text->get().empty())) {
      problem(*node, prefix + key + " must be a" + (allow_empty ? "" : " non-empty") + " string");
      return std::nullopt;
    }
    return text->get();
  }

  void read_pause_stops(const toml::node& node, domain::SupportPolicy& policy) {
    const auto* list = node.as_array();
    if (list == nullptr) {
      problem(node, "support.pause_stops must be a list of clock kinds, e.g. [\"update\", "
                    "\"restoration\"]");
      return;
    }
    policy.pause_stops = {};
    for (const auto& item : *list) {
      const auto* text = item.as_string();
      const auto kind = text == nullptr ? std::nullopt : domain::parse_clock_kind(text->get());
      if (!kind) {
        problem(item, "support.pause_stops holds clock kinds: update, restoration (a pause never "
                      "stops response)");
        continue;
      }
      policy.pause_stops[*kind] = true;
    }
  }

  void read_assumptions(const toml::node& node, domain::SupportPolicy& policy) {
    const auto* list = node.as_array();
    if (list == nullptr) {
      problem(node, "support.assumptions must be a list of sentences");
      return;
    }
    for (const auto& item : *list) {
      const auto* text = item.as_string();
      if (text == nullptr || text->get().empty()) {
        problem(item, "support.assumptions must hold non-empty strings");
        continue;
      }
      policy.assumptions.push_back(text->get());
    }
  }

  void read_compliance_targets(const toml::node& node, domain::SupportPolicy& policy) {
    const auto* table = node.as_table();
    if (table == nullptr) {
      problem(node, "support.compliance_target_percent must be a table of clock kinds, e.g. "
                    "{ response = 95.0 }");
      return;
    }
    for (const auto& [key, value] : *table) {
      const auto kind = domain::parse_clock_kind(key.str());
      if (!kind) {
        problem(value, "support.compliance_target_percent: '" + std::string(key.str()) +
                           "' is not a clock kind; the kinds are response, update, restoration");
        continue;
      }
      remember("compliance_target_percent." + std::string(key.str()), value);
      const auto percent = value.value<double>();
      const double hundredths = percent ? *percent * 100.0 : -1.0;
      if (!percent || *percent <= 0.0 || *percent > 100.0 ||
          std::abs(hundredths - std::round(hundredths)) > 1e-6) {
        problem(value, "support.compliance_target_percent." + std::string(key.str()) +
                           " must be a percentage above 0 and at most 100 with at most two "
                           "decimals, e.g. 95.0");
        continue;
      }
      policy.compliance_target_hundredths[*kind] = std::llround(hundredths);
    }
  }

  void read_hours(const toml::node& node, const std::string& prefix,
                  domain::BusinessCalendar::Spec& spec) {
    if (const auto* text = node.as_string()) {
      if (text->get() == "24x7") {
        spec.always_open = true;
      } else {
        problem(node, prefix + "hours must be \"24x7\" or a table of days, e.g. { mon = "
                               "[\"08:00-18:00\"] }");
      }
      return;
    }
    const auto* days = node.as_table();
    if (days == nullptr) {
      problem(node, prefix + "hours must be \"24x7\" or a table of days, e.g. { mon = "
                             "[\"08:00-18:00\"] }");
      return;
    }
    refuse_unknown(*days, {"mon", "tue", "wed", "thu", "fri", "sat", "sun"},
                   " in " + prefix + "hours");
    for (std::size_t day = 0; day < 7; ++day) {
      const auto* ranges = days->get(k_day_keys[day]);
      if (ranges == nullptr) {
        continue;
      }
      remember(prefix.substr(std::string("support.").size()) + "hours." + k_day_keys[day], *ranges);
      const auto* list = ranges->as_array();
      if (list == nullptr) {
        problem(*ranges, prefix + "hours." + k_day_keys[day] +
                             " must be a list of ranges, e.g. [\"09:00-12:30\", \"13:30-17:30\"]");
        continue;
      }
      for (const auto& item : *list) {
        const auto* text = item.as_string();
        const auto range = text == nullptr ? std::nullopt : hours_range(text->get());
        if (!range) {
          problem(item, prefix + "hours." + k_day_keys[day] +
                            ": a range is written \"HH:MM-HH:MM\" on the 24-hour clock, e.g. "
                            "\"08:00-18:00\" or \"22:00-02:00\" (into the next day)");
          continue;
        }
        spec.hours[day].push_back(*range);
      }
    }
  }

  void read_holidays(const toml::node& node, const std::string& prefix,
                     domain::BusinessCalendar::Spec& spec) {
    const auto* list = node.as_array();
    if (list == nullptr) {
      problem(node, prefix + "holidays must be a list of iCalendar files relative to the "
                             "calendars directory, e.g. [\"holidays/england-and-wales.ics\"]");
      return;
    }
    for (const auto& item : *list) {
      const auto* text = item.as_string();
      if (text == nullptr || !valid_holiday_path(text->get())) {
        problem(item, prefix + "holidays: each file is a path inside the calendars directory "
                               "ending in .ics, without '..', e.g. "
                               "\"holidays/england-and-wales.ics\"");
        continue;
      }
      const std::string path = text->get();
      if (!m_read_holidays) {
        continue;
      }
      auto found = m_holiday_files.find(path);
      if (found == m_holiday_files.end()) {
        found = m_holiday_files.emplace(path, load_holidays(path, item)).first;
      }
      if (found->second) {
        spec.holidays.insert(spec.holidays.end(), found->second->begin(), found->second->end());
      }
    }
  }

  std::optional<std::vector<domain::Holiday>> load_holidays(const std::string& path,
                                                            const toml::node& node) {
    auto text = m_read_holidays(path);
    if (!text) {
      problem(node, "holiday file " + path + ": " + text.problems().front().message);
      return std::nullopt;
    }
    auto holidays = read_holiday_calendar(*text, path, file_name(path));
    if (!holidays) {
      for (const auto& issue : holidays.problems()) {
        problem(node, issue.message);
      }
      return std::nullopt;
    }
    return std::move(holidays).value();
  }

  void read_calendar(const std::string& id, const toml::node& node, domain::SupportPolicy& policy) {
    const std::string prefix = "support.calendars." + id + ".";
    const std::size_t problems_before = m_problems.size();
    remember("calendars." + id, node);
    const auto* table = node.as_table();
    if (!valid_id(id)) {
      problem(node, "calendar id '" + id + "' must be 1 to 32 letters, digits, '-', '_' or '.'");
      return;
    }
    if (table == nullptr) {
      problem(node, "support.calendars." + id + " must be a section with zone and hours");
      return;
    }
    refuse_unknown(*table, {"zone", "hours", "business_day", "holidays", "description"},
                   " in [support.calendars." + id + "]");
    domain::BusinessCalendar::Spec spec;
    const auto* hours = table->get("hours");
    if (hours == nullptr) {
      problem(node, prefix + "hours is required: \"24x7\" or a table of days such as { mon = "
                             "[\"08:00-18:00\"] }");
      return;
    }
    read_hours(*hours, prefix, spec);
    if (const auto* zone_node = table->get("zone")) {
      const auto* text = zone_node->as_string();
      auto zone = domain::Zone::locate(text == nullptr ? "" : text->get(), prefix + "zone");
      if (zone) {
        spec.zone = *zone;
      } else {
        problem(*zone_node, zone.problems().front().message);
      }
    } else if (spec.always_open) {
      spec.zone = policy.reporting_zone;
    } else {
      problem(node, prefix + "zone is required for business hours: the IANA zone whose wall "
                             "clock they follow, e.g. \"Europe/London\"");
    }
    if (const auto* length = table->get("business_day")) {
      const auto* text = length->as_string();
      auto parsed = parse_iso_duration(text == nullptr ? "" : text->get(), prefix + "business_day");
      if (parsed) {
        spec.business_day = *parsed;
      } else {
        problem(*length, parsed.problems().front().message);
      }
    }
    if (const auto* description = table->get("description");
        description != nullptr && description->as_string() == nullptr) {
      problem(*description, prefix + "description must be a string");
    }
    if (const auto* holidays = table->get("holidays")) {
      read_holidays(*holidays, prefix, spec);
    }
    if (m_problems.size() != problems_before) {
      return; // what make() would add follows from what is already reported
    }
    auto calendar = domain::BusinessCalendar::make(std::move(spec));
    if (!calendar) {
      for (const auto& issue : calendar.problems()) {
        const std::string field = "calendars." + id + "." + issue.field;
        problem(line_of(field), "support." + field + ": " + issue.message);
      }
      return;
    }
    policy.calendars.emplace(id, std::move(calendar).value());
  }

  void read_plan(const std::string& id, const toml::node& node, domain::SupportPolicy& policy) {
    remember("plans." + id, node);
    const auto* table = node.as_table();
    if (!valid_id(id)) {
      problem(node, "plan id '" + id + "' must be 1 to 32 letters, digits, '-', '_' or '.'");
      return;
    }
    if (table == nullptr) {
      problem(node, "support.plans." + id + " must be a section");
      return;
    }
    const std::string prefix = "support.plans." + id + ".";
    refuse_unknown(*table, {"name", "description", "calendars"}, " in [support.plans." + id + "]");
    domain::SupportPlan plan;
    plan.id = id;
    plan.name = string_key(*table, "name", prefix).value_or(id);
    plan.description = string_key(*table, "description", prefix, true).value_or("");
    if (const auto* calendars = table->get("calendars")) {
      const auto* replacements = calendars->as_table();
      if (replacements == nullptr) {
        problem(*calendars, prefix + "calendars must map calendars to their replacements, e.g. "
                                     "{ office = \"always\" }");
      } else {
        for (const auto& [from, to] : *replacements) {
          remember("plans." + id + ".calendars." + std::string(from.str()), to);
          const auto* text = to.as_string();
          if (text == nullptr) {
            problem(to, prefix + "calendars." + std::string(from.str()) +
                            " must name a calendar, e.g. \"always\"");
            continue;
          }
          plan.calendars.emplace(std::string(from.str()), text->get());
        }
      }
    }
    policy.plans.push_back(std::move(plan));
  }

  void read_severity(std::size_t index, const toml::node& node, domain::SupportPolicy& policy) {
    const std::string field = "severities[" + std::to_string(index) + "]";
    remember(field, node);
    const auto* table = node.as_table();
    if (table == nullptr) {
      problem(node, "each [[support.severities]] is a section with an id and its clocks");
      return;
    }
    const std::string prefix = "support." + field + ".";
    refuse_unknown(*table, {"id", "name", "description", "response", "update", "restoration"},
                   " in [[support.severities]]");
    domain::Severity severity;
    const auto id = string_key(*table, "id", prefix);
    if (!id) {
      if (table->get("id") == nullptr) {
        problem(node, prefix + "id is required, e.g. id = \"P1\"");
      }
      return;
    }
    if (!valid_id(*id)) {
      problem(*table->get("id"),
              prefix + "id '" + *id + "' must be 1 to 32 letters, digits, '-', '_' or '.'");
      return;
    }
    severity.id = *id;
    severity.name = string_key(*table, "name", prefix).value_or(*id);
    severity.description = string_key(*table, "description", prefix, true).value_or("");
    for (const auto kind : domain::k_clock_kinds) {
      const std::string key(domain::to_string(kind));
      const auto* rule_node = table->get(key);
      if (rule_node == nullptr) {
        continue;
      }
      remember(field + "." + key, *rule_node);
      const auto* rule = rule_node->as_table();
      if (rule == nullptr) {
        problem(*rule_node, prefix + key + " must be { target = \"PT4H\", calendar = \"ID\" }");
        continue;
      }
      refuse_unknown(*rule, {"target", "calendar"}, " in " + prefix + key);
      const auto target = string_key(*rule, "target", prefix + key + ".");
      const auto calendar = string_key(*rule, "calendar", prefix + key + ".");
      if (!target || !calendar) {
        if (rule->get("target") == nullptr || rule->get("calendar") == nullptr) {
          problem(*rule_node, prefix + key +
                                  " needs both target (an ISO 8601 duration such as "
                                  "PT4H or P2D) and calendar");
        }
        continue;
      }
      auto parts = parse_iso_duration_parts(*target, prefix + key + ".target");
      if (!parts) {
        problem(*rule->get("target"), parts.problems().front().message);
        continue;
      }
      severity.clocks[kind] =
          domain::ClockRule{domain::SupportTarget{parts->days, parts->time, *target}, *calendar};
    }
    policy.severities.push_back(std::move(severity));
  }

  const std::string& m_name;
  const HolidayReader& m_read_holidays;
  domain::Problems& m_problems;
  std::uint32_t m_support_line = 1;
  std::map<std::string, std::uint32_t> m_lines; // field (without "support.") -> line
  std::map<std::string, std::optional<std::vector<domain::Holiday>>> m_holiday_files;
};

} // namespace

domain::SupportPolicy read_support_policy(const toml::table& table, const std::string& name,
                                          const HolidayReader& read_holidays,
                                          domain::Problems& problems) {
  return SupportReader(name, read_holidays, problems).read(table);
}

} // namespace slate::formats
