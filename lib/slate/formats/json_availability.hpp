#pragma once

#include <slate/domain/availability.hpp>
#include <slate/formats/json_text.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace slate::formats {

// One report with what it was measured under.
struct ReportView {
  domain::AvailabilityReport report;
  std::string zone;    // the policy's reporting zone, e.g. "UTC"
  std::string formula; // "exclusions_leave_total" or "exclusions_count_as_up"
};

// Return `month` as "YYYY-MM".
std::string month_text(date::year_month month);

// Return the month written "YYYY-MM" (years 1970 to 8999), or a problem for
// `field` saying what is wrong.
domain::Result<date::year_month> parse_month(std::string_view text, std::string_view field);

// Return `formula` as the API names it.
std::string formula_name(domain::AvailabilityFormula formula);

// Return `millionths` / 1,000,000 with `decimals` digits, truncated toward
// zero: 999500 -> "0.9995" (4 decimals); used for ratios such as a burn rate.
std::string millionths_text(std::int64_t millionths, int decimals = 4);

// {"service", "region", "month", "zone", "formula", "start", "end",
// "total_seconds", "down_seconds", "excluded_seconds", "counted_seconds",
// "excluded_by_category": {category: seconds}, "measured_seconds",
// "available_seconds", "availability_percent" ("99.9499", truncated),
// "target_percent", "met", "error_budget_seconds",
// "error_budget_remaining_seconds", "elapsed_seconds" and "burn_rate"
// (null unless the month is under way), "credit" ({"below_percent",
// "credit"} or null), "ledger": [{"start", "end", "seconds", "kind",
// "counted", "reason", "category", "sources"}]}
Json report_json(const ReportView& view);

// The CSV of `views` (RFC 4180: a header row, CRLF line ends, fields quoted
// when they hold a comma, quote or line break), one row per report:
// service, region, month, start, end, total_seconds, down_seconds,
// excluded_seconds, counted_seconds, availability_percent, target_percent,
// met, error_budget_seconds, error_budget_remaining_seconds,
// elapsed_seconds, burn_rate, credit, excluded_by_category ("category=seconds"
// joined with "; ").
std::string reports_csv(const std::vector<ReportView>& views);

// The CSV of the ledgers of `views`, one row per ledger entry: service,
// region, month, start, end, seconds, kind, counted, category, reason,
// sources (joined with a space).
std::string ledger_csv(const std::vector<ReportView>& views);

} // namespace slate::formats
