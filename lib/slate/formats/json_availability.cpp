#include <slate/formats/json_availability.hpp>

#include <slate/formats/rfc3339.hpp>

#include <slate/util/text.hpp>

#include <algorithm>
#include <cstdio>

namespace slate::formats {
namespace {

constexpr std::int64_t k_million = 1'000'000;

std::string percent_of_ppm(std::int64_t ppm) {
  // ppm / 10,000 is the percentage with exactly four decimals.
  return domain::percent_text(ppm, k_million, 4);
}

Json optional_seconds(const std::optional<domain::Seconds>& seconds) {
  return seconds ? Json(seconds->count()) : Json(nullptr);
}

// A field of a CSV row: quoted when it holds a separator, a quote or a line
// break (RFC 4180), with its quotes doubled.
std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    return std::string(text);
  }
  std::string out = "\"";
  for (const char c : text) {
    out += c;
    if (c == '"') {
      out += '"';
    }
  }
  return out + "\"";
}

void csv_row(std::string& out, const std::vector<std::string>& fields) {
  bool first = true;
  for (const auto& field : fields) {
    if (!first) {
      out += ',';
    }
    first = false;
    out += csv_field(field);
  }
  out += "\r\n";
}

std::string region_text(const domain::AvailabilityReport& report) {
  return report.query.region.value_or("");
}

std::string categories_text(const domain::AvailabilityReport& report) {
  std::string out;
  for (const auto& [category, seconds] : report.excluded_by_category) {
    out += (out.empty() ? "" : "; ") + category + "=" + std::to_string(seconds.count());
  }
  return out;
}

std::string burn_rate_text(const domain::AvailabilityReport& report) {
  return report.burn_rate_ppm ? millionths_text(*report.burn_rate_ppm) : std::string();
}

} // namespace

std::string month_text(date::year_month month) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(month.year()),
                static_cast<unsigned>(month.month()));
  return text;
}

domain::Result<date::year_month> parse_month(std::string_view text, std::string_view field) {
  const auto bad = [&](const std::string& why) {
    std::string message(1, '\'');
    message += field;
    message += "' must be a month written YYYY-MM, such as 2026-10; '";
    message += text.substr(0, 40);
    message += "' " + why;
    return domain::Problem{domain::Code::month_invalid, std::string(field), std::move(message)};
  };
  const auto digits = [&](std::size_t from, std::size_t count) {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') {
        return -1;
      }
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  if (text.size() != 7 || text[4] != '-') {
    return bad("is not in that form");
  }
  const int year = digits(0, 4);
  const int month = digits(5, 2);
  if (year < 0 || month < 0) {
    return bad("is not in that form");
  }
  if (month < 1 || month > 12) {
    return bad("has no month " + std::to_string(month));
  }
  if (year < 1970) {
    return bad("is before 1970");
  }
  if (year > 8999) {
    return bad("is after 8999, the last year slated handles");
  }
  return date::year{year} / date::month{static_cast<unsigned>(month)};
}

std::string formula_name(domain::AvailabilityFormula formula) {
  return formula == domain::AvailabilityFormula::exclusions_count_as_up ? "exclusions_count_as_up"
                                                                        : "exclusions_leave_total";
}

std::string millionths_text(std::int64_t millionths, int decimals) {
  decimals = std::clamp(decimals, 0, 6); // millionths have six
  std::int64_t divisor = k_million;
  for (int i = 0; i < decimals && divisor > 1; ++i) {
    divisor /= 10;
  }
  const bool negative = millionths < 0;
  const std::int64_t magnitude = negative ? -millionths : millionths;
  const std::int64_t scaled = magnitude / divisor; // truncated toward zero
  const std::int64_t unit = k_million / divisor;
  // Appended piece by piece: g++ 12 at -O3 warns (-Wrestrict, wrongly)
  // about "literal" + std::string.
  std::string text(negative && scaled != 0 ? "-" : "");
  text += std::to_string(scaled / unit);
  if (decimals > 0) {
    const std::string fraction = std::to_string(scaled % unit);
    text += '.';
    text.append(static_cast<std::size_t>(decimals) - fraction.size(), '0');
    text += fraction;
  }
  return text;
}

Json report_json(const ReportView& view) {
  // Built member by member and moved in: nlohmann's initializer lists copy
  // every nested value, and a month of a thousand services has tens of
  // thousands of ledger entries.
  const auto& report = view.report;
  Json categories = Json::object();
  for (const auto& [category, seconds] : report.excluded_by_category) {
    categories[category] = seconds.count();
  }
  Json ledger = Json::array();
  ledger.get_ref<Json::array_t&>().reserve(report.ledger.size());
  for (const auto& entry : report.ledger) {
    Json item = Json::object();
    item["start"] = format_rfc3339_utc(entry.interval.start);
    item["end"] = format_rfc3339_utc(entry.interval.end);
    item["seconds"] = entry.interval.length().count();
    item["kind"] = entry.kind;
    item["counted"] = entry.counted;
    item["reason"] = entry.reason;
    item["category"] = entry.category.empty() ? Json(nullptr) : Json(entry.category);
    item["sources"] = entry.sources;
    ledger.push_back(std::move(item));
  }
  Json credit = nullptr;
  if (report.credit) {
    credit = Json::object();
    credit["below_percent"] = percent_of_ppm(report.credit->below_ppm);
    credit["credit"] = report.credit->credit;
  }
  Json out = Json::object();
  out["service"] = report.query.service;
  out["region"] = report.query.region ? Json(*report.query.region) : Json(nullptr);
  out["month"] = month_text(report.query.month);
  out["zone"] = view.zone;
  out["formula"] = view.formula;
  out["start"] = format_rfc3339_utc(report.period.start);
  out["end"] = format_rfc3339_utc(report.period.end);
  out["total_seconds"] = report.total.count();
  out["down_seconds"] = report.down.count();
  out["excluded_seconds"] = report.excluded.count();
  out["counted_seconds"] = report.counted.count();
  out["excluded_by_category"] = std::move(categories);
  out["measured_seconds"] = report.denominator;
  out["available_seconds"] = report.numerator;
  out["availability_percent"] = domain::percent_text(report.numerator, report.denominator, 4);
  out["target_percent"] = percent_of_ppm(report.target_ppm);
  out["met"] = report.met;
  out["error_budget_seconds"] = report.error_budget.count();
  out["error_budget_remaining_seconds"] = report.error_budget_remaining.count();
  out["elapsed_seconds"] = optional_seconds(report.elapsed);
  out["burn_rate"] = report.burn_rate_ppm ? Json(burn_rate_text(report)) : Json(nullptr);
  out["credit"] = std::move(credit);
  out["ledger"] = std::move(ledger);
  return out;
}

std::string reports_csv(const std::vector<ReportView>& views) {
  std::string out;
  csv_row(out, {"service", "region", "month", "start", "end", "total_seconds", "down_seconds",
                "excluded_seconds", "counted_seconds", "availability_percent", "target_percent",
                "met", "error_budget_seconds", "error_budget_remaining_seconds", "elapsed_seconds",
                "burn_rate", "credit", "excluded_by_category"});
  for (const auto& view : views) {
    const auto& r = view.report;
    csv_row(out, {r.query.service, region_text(r), month_text(r.query.month),
                  format_rfc3339_utc(r.period.start), format_rfc3339_utc(r.period.end),
                  std::to_string(r.total.count()), std::to_string(r.down.count()),
                  std::to_string(r.excluded.count()), std::to_string(r.counted.count()),
                  domain::percent_text(r.numerator, r.denominator, 4), percent_of_ppm(r.target_ppm),
                  r.met ? "true" : "false", std::to_string(r.error_budget.count()),
                  std::to_string(r.error_budget_remaining.count()),
                  r.elapsed ? std::to_string(r.elapsed->count()) : std::string(), burn_rate_text(r),
                  r.credit ? r.credit->credit : std::string(), categories_text(r)});
  }
  return out;
}

std::string ledger_csv(const std::vector<ReportView>& views) {
  std::string out;
  csv_row(out, {"service", "region", "month", "start", "end", "seconds", "kind", "counted",
                "category", "reason", "sources"});
  for (const auto& view : views) {
    const auto& r = view.report;
    for (const auto& entry : r.ledger) {
      csv_row(out,
              {r.query.service, region_text(r), month_text(r.query.month),
               format_rfc3339_utc(entry.interval.start), format_rfc3339_utc(entry.interval.end),
               std::to_string(entry.interval.length().count()), entry.kind,
               entry.counted ? "true" : "false", entry.category, entry.reason,
               util::joined(entry.sources, " ")});
    }
  }
  return out;
}

} // namespace slate::formats
