#include <slate/formats/json_regions.hpp>

#include <slate/formats/json_text.hpp>

#include <date/date.h>

#include <array>
#include <string_view>

namespace slate::formats {
namespace {

Json days_json(const domain::WeekdaySet& days) {
  static constexpr std::array<std::string_view, 7> k_names{"Sun", "Mon", "Tue", "Wed",
                                                           "Thu", "Fri", "Sat"};
  Json out = Json::array();
  // Monday first, as WeekdaySet::to_string and the contracts list them.
  for (unsigned i = 1; i <= 7; ++i) {
    const unsigned day = i % 7;
    if (days.contains(date::weekday{day})) {
      out.push_back(std::string(k_names[day]));
    }
  }
  return out;
}

std::string time_of_day(domain::Seconds since_midnight) {
  const date::hh_mm_ss<domain::Seconds> t{since_midnight};
  const std::string hh_mm = date::format("%H:%M", since_midnight);
  return t.seconds().count() == 0 ? hh_mm : date::format("%H:%M:%S", since_midnight);
}

Json day_json(const std::optional<domain::LocalDate>& day) {
  return day ? Json(date::format("%Y-%m-%d", *day)) : Json(nullptr);
}

Json rule_json(const domain::WindowRule& rule) {
  return {{"zone", rule.zone().name()},
          {"days", days_json(rule.days())},
          {"local_start", time_of_day(rule.local_start())},
          {"local_end", time_of_day(rule.local_end())},
          {"crosses_midnight", rule.crosses_midnight()},
          {"nominal_duration_seconds", rule.nominal_length().count()},
          {"first_day", day_json(rule.first_day())},
          {"last_day", day_json(rule.last_day())}};
}

Json window_json(const domain::Window& window) {
  Json out = {{"uid", window.uid}, {"summary", window.summary}};
  out.update(rule_json(window.rule));
  Json alternates = Json::array();
  for (const auto& alternate : window.alternates) {
    Json entry = {{"label", alternate.label}};
    entry.update(rule_json(alternate.rule));
    alternates.push_back(std::move(entry));
  }
  out["alternates"] = std::move(alternates);
  return out;
}

} // namespace

std::string render_regions(const std::vector<domain::Region>& regions,
                           const domain::Zone& home_zone) {
  Json list = Json::array();
  for (const auto& region : regions) {
    Json windows = Json::array();
    for (const auto& window : region.windows) {
      windows.push_back(window_json(window));
    }
    list.push_back({{"id", region.id}, {"name", region.name}, {"windows", std::move(windows)}});
  }
  return to_json_text({{"home_zone", home_zone.name()}, {"regions", std::move(list)}});
}

} // namespace slate::formats
