#include "support_clock_text.hpp"

#include "api_client.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace slate::ctl {
namespace {

// "2h 30m", "0m", "-15m": business time to the minute, as targets are.
std::string minutes_text(const nlohmann::json& clock, std::string_view key) {
  const auto& value = member_of(clock, key);
  if (!value.is_number_integer()) {
    return "-";
  }
  const auto seconds = value.get<std::int64_t>();
  const std::int64_t minutes = (seconds < 0 ? -seconds : seconds) / 60;
  std::string text = seconds < 0 ? "-" : "";
  if (minutes >= 60) {
    text += std::to_string(minutes / 60) + "h ";
  }
  return text + std::to_string(minutes % 60) + "m";
}

} // namespace

void print_clocks(const nlohmann::json& clocks, std::ostream& out, bool ledgers) {
  if (!clocks.is_array() || clocks.empty()) {
    out << "  no clocks\n";
    return;
  }
  std::vector<std::vector<std::string>> rows{{"  KIND", "SEVERITY", "TARGET", "CALENDAR", "STATUS",
                                              "DUE", "DUE LOCAL", "ELAPSED", "REMAINING"}};
  for (const auto& clock : clocks) {
    rows.push_back({"  " + text_of(clock, "kind"), text_of(clock, "severity"),
                    text_of(clock, "target"), text_of(clock, "calendar"), text_of(clock, "status"),
                    or_dash(text_of(clock, "due_at")), or_dash(text_of(clock, "due_local")),
                    minutes_text(clock, "elapsed_seconds"),
                    minutes_text(clock, "remaining_seconds")});
  }
  print_table(out, rows);
  if (!ledgers) {
    return;
  }
  for (const auto& clock : clocks) {
    out << "  ledger of the " << text_of(clock, "kind") << " clock started "
        << text_of(clock, "started_at") << ":\n";
    std::vector<std::vector<std::string>> entries;
    const auto& ledger = member_of(clock, "ledger");
    if (!ledger.is_array()) {
      continue;
    }
    for (const auto& entry : ledger) {
      const bool counts = text_of(entry, "counts") == "true";
      entries.push_back({"    " + text_of(entry, "start"), text_of(entry, "end"),
                         minutes_text(entry, "seconds"), counts ? "counts" : "does not count",
                         text_of(entry, "reason")});
    }
    print_table(out, entries);
  }
}

} // namespace slate::ctl
