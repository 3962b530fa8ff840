#include <slate/formats/json_compliance.hpp>

#include <slate/formats/json_availability.hpp>
#include <slate/formats/rfc3339.hpp>

#include <vector>

namespace slate::formats {
namespace {

std::string optional_percent(const std::optional<std::int64_t>& hundredths) {
  return hundredths ? domain::hundredths_text(*hundredths) : std::string();
}

// A field of a CSV row: quoted when it holds a separator, a quote or a line
// break (RFC 4180), with its quotes doubled.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    return text;
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
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    out += csv_field(fields[i]);
  }
  out += "\r\n";
}

} // namespace

Json compliance_json(const domain::ComplianceReport& report) {
  Json rows = Json::array();
  for (const auto& row : report.rows) {
    Json item = Json::object();
    item["plan"] = row.plan;
    item["severity"] = row.severity;
    item["kind"] = std::string(domain::to_string(row.kind));
    item["clocks"] = row.clocks;
    item["met"] = row.met;
    item["breached"] = row.breached;
    item["running"] = row.running;
    item["percent"] = row.percent_hundredths
                          ? Json(domain::hundredths_text(*row.percent_hundredths))
                          : Json(nullptr);
    item["target_percent"] = row.target_hundredths
                                 ? Json(domain::hundredths_text(*row.target_hundredths))
                                 : Json(nullptr);
    item["target_met"] = row.target_met ? Json(*row.target_met) : Json(nullptr);
    rows.push_back(std::move(item));
  }
  Json out = Json::object();
  out["month"] = month_text(report.month);
  out["reporting_zone"] = report.zone.name();
  out["start"] = format_rfc3339_utc(report.period.start);
  out["end"] = format_rfc3339_utc(report.period.end);
  out["rows"] = std::move(rows);
  return out;
}

std::string compliance_csv(const domain::ComplianceReport& report) {
  std::string out;
  csv_row(out, {"month", "reporting_zone", "plan", "severity", "kind", "clocks", "met", "breached",
                "running", "percent", "target_percent", "target_met"});
  const std::string month = month_text(report.month);
  for (const auto& row : report.rows) {
    csv_row(out,
            {month, report.zone.name(), row.plan, row.severity,
             std::string(domain::to_string(row.kind)), std::to_string(row.clocks),
             std::to_string(row.met), std::to_string(row.breached), std::to_string(row.running),
             optional_percent(row.percent_hundredths), optional_percent(row.target_hundredths),
             row.target_met ? (*row.target_met ? "true" : "false") : ""});
  }
  return out;
}

} // namespace slate::formats
