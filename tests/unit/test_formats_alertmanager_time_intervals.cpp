#include <slate/formats/alertmanager_time_intervals.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using slate::domain::NumberRange;
using slate::domain::TimeInterval;
using slate::domain::TimeIntervalEntry;
using slate::domain::WeekdaySet;
using slate::formats::time_intervals_yaml;

namespace {

WeekdaySet days(std::initializer_list<date::weekday> list) {
  WeekdaySet set;
  for (auto d : list) {
    set.add(d);
  }
  return set;
}

} // namespace

TEST_CASE("formats::time_intervals_yaml writes a top-level time_intervals list") {
  const std::vector<TimeInterval> intervals{
      {"slated-window-IN",
       {TimeIntervalEntry{days({date::Monday}), 23 * 60 + 30, 24 * 60, "Asia/Kolkata", {}, {}, {}},
        TimeIntervalEntry{days({date::Tuesday}), 0, 90, "Asia/Kolkata", {}, {}, {}}}},
      {"slated-window-X", {}},
      {"slated-window-R",
       {TimeIntervalEntry{days({date::Sunday, date::Monday, date::Saturday}), 60, 180, "UTC",
                          NumberRange{2027, 9999}, NumberRange{3, 12}, NumberRange{5, 5}}}},
  };
  CHECK(time_intervals_yaml(intervals) ==
        "# The maintenance windows of slated's regions, for mute_time_intervals or\n"
        "# active_time_intervals in Alertmanager routes.\n"
        "time_intervals:\n"
        "  - name: \"slated-window-IN\"\n"
        "    time_intervals:\n"
        "      - weekdays: [\"monday\"]\n"
        "        times:\n"
        "          - start_time: \"23:30\"\n"
        "            end_time: \"24:00\"\n"
        "        location: \"Asia/Kolkata\"\n"
        "      - weekdays: [\"tuesday\"]\n"
        "        times:\n"
        "          - start_time: \"00:00\"\n"
        "            end_time: \"01:30\"\n"
        "        location: \"Asia/Kolkata\"\n"
        "  - name: \"slated-window-X\"\n"
        "    time_intervals: []\n"
        "  - name: \"slated-window-R\"\n"
        "    time_intervals:\n"
        "      - weekdays: [\"monday\", \"saturday\", \"sunday\"]\n"
        "        times:\n"
        "          - start_time: \"01:00\"\n"
        "            end_time: \"03:00\"\n"
        "        years: [\"2027:9999\"]\n"
        "        months: [\"3:12\"]\n"
        "        days_of_month: [\"5\"]\n"
        "        location: \"UTC\"\n");
}

TEST_CASE("formats::time_intervals_yaml quotes names as YAML double-quoted scalars") {
  const std::vector<TimeInterval> intervals{{"a\"b\\c\nd\x01 é: #x", {}}};
  CHECK(time_intervals_yaml(intervals).find("  - name: \"a\\\"b\\\\c\\x0Ad\\x01 é: #x\"\n") !=
        std::string::npos);
}

TEST_CASE("formats::time_intervals_yaml without regions") {
  CHECK(time_intervals_yaml({}).ends_with("\ntime_intervals: []\n"));
}
