#include <slate/app/support_compliance_report.hpp>

#include <slate/domain/availability.hpp>

namespace slate::app {

domain::Result<domain::ComplianceReport>
support_compliance_report(const Snapshot& snapshot, date::year_month month, domain::Instant now) {
  const auto& policy = snapshot.policy.support;
  if (!policy.enabled()) {
    return domain::Problem{domain::Code::support_not_configured, "month",
                           "the policy has no [support] part, so there are no support clocks to "
                           "report on; add one to the policy file (see "
                           "etc/policies/enghouse.toml)"};
  }
  // Only the month's tickets are copied: the domain takes them by value.
  std::vector<domain::Ticket> tickets;
  for (const auto& [ref, ticket] : snapshot.tickets) {
    if (domain::ticket_month(policy, *ticket) == month) {
      tickets.push_back(*ticket);
    }
  }
  return domain::support_compliance(policy, tickets, month, now);
}

date::year_month current_support_month(const Snapshot& snapshot, domain::Instant now) {
  return domain::month_of(now, snapshot.policy.support.reporting_zone);
}

} // namespace slate::app
