#include <slate/formats/json_compliance.hpp>

#include <support/support_sample.hpp>
#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using slate::domain::ClockKind;
using slate::domain::Ticket;
using slate::domain::TicketEventType;
using slate::test::enghouse_like_policy;
using slate::test::utc;
using namespace std::chrono_literals;

namespace {

slate::domain::ComplianceReport report_17_of_19() {
  auto policy = enghouse_like_policy();
  policy.compliance_target_hundredths[ClockKind::response] = 9000;
  std::vector<Ticket> tickets;
  for (int i = 0; i < 19; ++i) {
    // P3 (P1D) opened Mon 13 Apr 2026 09:00 BST; two answered two weeks late.
    const auto opened = utc("2026-04-13T08:00:00Z");
    tickets.push_back({"T-" + std::to_string(i),
                       "",
                       "P3",
                       "standard",
                       opened,
                       {{TicketEventType::responded, opened + (i < 17 ? 1h : 14 * 24h), "", ""}}});
  }
  return support_compliance(policy, tickets, date::year{2026} / 4, utc("2026-05-01T00:00:00Z"));
}

} // namespace

TEST_CASE("formats::compliance_json writes percentages truncated, as text") {
  CHECK(slate::formats::compliance_json(report_17_of_19()).dump() ==
        R"({"month":"2026-04","reporting_zone":"Europe/London","start":"2026-03-31T23:00:00Z",)"
        R"("end":"2026-04-30T23:00:00Z","rows":[{"plan":"standard","severity":"P3",)"
        R"("kind":"response","clocks":19,"met":17,"breached":2,"running":0,"percent":"89.47",)"
        R"("target_percent":"90.00","target_met":false}]})");
}

TEST_CASE("formats::compliance_csv writes one row per plan, severity and kind") {
  CHECK(slate::formats::compliance_csv(report_17_of_19()) ==
        "month,reporting_zone,plan,severity,kind,clocks,met,breached,running,percent,"
        "target_percent,target_met\r\n"
        "2026-04,Europe/London,standard,P3,response,19,17,2,0,89.47,90.00,false\r\n");
}
