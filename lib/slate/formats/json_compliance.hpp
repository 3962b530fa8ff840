#pragma once

#include <slate/domain/support_compliance.hpp>
#include <slate/formats/json_text.hpp>

#include <string>

namespace slate::formats {

// The support compliance of a month (GET /v1/sla/compliance):
// {"month" ("YYYY-MM"), "reporting_zone", "start", "end", "rows": [{"plan",
// "severity", "kind", "clocks", "met", "breached", "running", "percent"
// (met of met + breached, truncated to two decimals: "89.47"; null while
// none is decided), "target_percent" ("95.00", or null), "target_met"
// (true, false, or null without a target or a decided clock)}]}.
Json compliance_json(const domain::ComplianceReport& report);

// The same rows as CSV (RFC 4180: a header row, CRLF line ends, fields
// quoted when they hold a comma, quote or line break): month,
// reporting_zone, plan, severity, kind, clocks, met, breached, running,
// percent, target_percent, target_met; a null is an empty field.
std::string compliance_csv(const domain::ComplianceReport& report);

} // namespace slate::formats
