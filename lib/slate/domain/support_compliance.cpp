#include <slate/domain/support_compliance.hpp>

#include <slate/domain/availability.hpp>

#include <algorithm>
#include <map>
#include <tuple>

namespace slate::domain {

date::year_month ticket_month(const SupportPolicy& policy, const Ticket& ticket) {
  const auto local = policy.reporting_zone.to_local(ticket.opened_at).local;
  const date::year_month_day day{date::floor<date::days>(local)};
  return day.year() / day.month();
}

ComplianceReport support_compliance(const SupportPolicy& policy, const std::vector<Ticket>& tickets,
                                    date::year_month month, Instant now) {
  ComplianceReport report;
  report.month = month;
  report.zone = policy.reporting_zone;
  report.period = month_interval(month, policy.reporting_zone);

  // Rows by (plan, severity position, kind): plans sort by id, severities
  // keep the policy's order.
  std::map<std::string, std::size_t> severity_rank;
  for (std::size_t i = 0; i < policy.severities.size(); ++i) {
    severity_rank.emplace(policy.severities[i].id, i);
  }
  using Key = std::tuple<std::string, std::size_t, std::string, int>;
  std::map<Key, ComplianceRow> rows;
  for (const auto& ticket : tickets) {
    if (!report.period.contains(ticket.opened_at)) {
      continue;
    }
    for (const auto& clock : ticket_clocks(policy, ticket, now, ClockDetail::status_only)) {
      const auto rank = severity_rank.find(clock.severity);
      const Key key{clock.plan,
                    rank == severity_rank.end() ? policy.severities.size() : rank->second,
                    clock.severity, static_cast<int>(clock.kind)};
      auto& row = rows[key];
      row.plan = clock.plan;
      row.severity = clock.severity;
      row.kind = clock.kind;
      ++row.clocks;
      switch (clock.status) {
      case ClockStatus::met:
        ++row.met;
        break;
      case ClockStatus::breached:
        ++row.breached;
        break;
      case ClockStatus::running:
      case ClockStatus::paused:
        ++row.running;
        break;
      }
    }
  }
  report.rows.reserve(rows.size());
  for (auto& [key, row] : rows) {
    const std::int64_t decided = row.met + row.breached;
    row.target_hundredths = policy.compliance_target_hundredths[row.kind];
    if (decided > 0) {
      // Integer division truncates: 17 of 19 is 8947, never 8948.
      row.percent_hundredths = row.met * 10000 / decided;
      if (row.target_hundredths) {
        row.target_met = row.met * 10000 >= *row.target_hundredths * decided;
      }
    }
    report.rows.push_back(std::move(row));
  }
  return report;
}

std::string hundredths_text(std::int64_t hundredths) {
  const bool negative = hundredths < 0;
  const std::int64_t magnitude = negative ? -hundredths : hundredths;
  const std::int64_t fraction = magnitude % 100;
  return std::string(negative ? "-" : "") + std::to_string(magnitude / 100) +
         (fraction < 10 ? ".0" : ".") + std::to_string(fraction);
}

} // namespace slate::domain
