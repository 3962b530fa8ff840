#include <slate/domain/support_compliance.hpp>

#include <support/support_sample.hpp>
#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using slate::domain::ClockKind;
using slate::domain::ComplianceRow;
using slate::domain::Ticket;
using slate::domain::TicketEventType;
using slate::test::enghouse_like_policy;
using slate::test::utc;
using namespace std::chrono_literals;

namespace {

// `met` P3 tickets answered within their P1D (10 business hours) and
// `breached` ones answered two weeks later, all opened Mon 13 Apr 2026
// 09:00 BST (08:00Z).
std::vector<Ticket> p3_tickets(int met, int breached) {
  std::vector<Ticket> tickets;
  for (int i = 0; i < met + breached; ++i) {
    const auto opened = utc("2026-04-13T08:00:00Z");
    const auto answered = i < met ? opened + 1h : opened + 14 * 24h;
    tickets.push_back({"T-" + std::to_string(i),
                       "",
                       "P3",
                       "standard",
                       opened,
                       {{TicketEventType::responded, answered, "", ""}}});
  }
  return tickets;
}

const ComplianceRow& row(const slate::domain::ComplianceReport& report, const std::string& plan,
                         const std::string& severity, ClockKind kind) {
  for (const auto& r : report.rows) {
    if (r.plan == plan && r.severity == severity && r.kind == kind) {
      return r;
    }
  }
  FAIL("no row " << plan << " " << severity);
  return report.rows.front();
}

} // namespace

TEST_CASE("domain::support_compliance truncates the percentage and compares it exactly") {
  auto policy = enghouse_like_policy();
  policy.compliance_target_hundredths[ClockKind::response] = 9000; // 90 %
  const auto month = date::year{2026} / 4;
  const auto now = utc("2026-05-15T00:00:00Z");
  SUBCASE("17 of 19: 89.4736... % is 89.47, below 90 %") {
    const auto report = support_compliance(policy, p3_tickets(17, 2), month, now);
    REQUIRE(report.rows.size() == 1);
    const auto& r = report.rows[0];
    CHECK(r.clocks == 19);
    CHECK(r.met == 17);
    CHECK(r.breached == 2);
    CHECK(r.running == 0);
    // 17 * 10000 / 19 = 8947.36..., truncated to 8947.
    REQUIRE(r.percent_hundredths.has_value());
    CHECK(*r.percent_hundredths == 8947);
    CHECK(slate::domain::hundredths_text(*r.percent_hundredths) == "89.47");
    CHECK(r.target_met == false);
  }
  SUBCASE("18 of 20 is 90.00 %, which meets 90 %") {
    const auto report = support_compliance(policy, p3_tickets(18, 2), month, now);
    const auto& r = report.rows.at(0);
    CHECK(*r.percent_hundredths == 9000);
    CHECK(slate::domain::hundredths_text(*r.percent_hundredths) == "90.00");
    CHECK(r.target_met == true);
  }
  SUBCASE("a target between the truncated and the exact figure is met") {
    // 17 of 19 = 89.4736...: at least 89.47 (170000 >= 8947 * 19 = 169993).
    policy.compliance_target_hundredths[ClockKind::response] = 8947;
    CHECK(support_compliance(policy, p3_tickets(17, 2), month, now).rows.at(0).target_met == true);
    // 89.48 is above it (170000 < 8948 * 19 = 170012).
    policy.compliance_target_hundredths[ClockKind::response] = 8948;
    CHECK(support_compliance(policy, p3_tickets(17, 2), month, now).rows.at(0).target_met == false);
  }
}

TEST_CASE("domain::support_compliance: months in the reporting zone, rows by plan and severity") {
  const auto policy = enghouse_like_policy();
  std::vector<Ticket> tickets;
  // 31 Mar 2026 23:30Z is 1 Apr 00:30 BST: an April ticket in Europe/London.
  tickets.push_back({"A", "", "P1", "standard", utc("2026-03-31T23:30:00Z"), {}});
  // 31 Mar 22:30Z is 23:30 BST on 31 March: not April.
  tickets.push_back({"B", "", "P1", "standard", utc("2026-03-31T22:30:00Z"), {}});
  // A premium P2 answered in time, its restoration still running.
  tickets.push_back({"C",
                     "",
                     "P2",
                     "premium",
                     utc("2026-04-20T10:00:00Z"),
                     {{TicketEventType::responded, utc("2026-04-20T10:30:00Z"), "", ""}}});
  CHECK(slate::domain::ticket_month(policy, tickets[0]) == date::year{2026} / 4);
  CHECK(slate::domain::ticket_month(policy, tickets[1]) == date::year{2026} / 3);
  const auto report =
      support_compliance(policy, tickets, date::year{2026} / 4, utc("2026-04-20T11:00:00Z"));
  CHECK(report.zone.name() == "Europe/London");
  // Ticket A: opened 00:30 BST on Wed 1 Apr, clocks from 08:00 BST (07:00Z)
  // -- all three P1 clocks long breached by 20 April.
  const auto& response = row(report, "standard", "P1", ClockKind::response);
  CHECK(response.clocks == 1);
  CHECK(response.breached == 1);
  CHECK(*response.percent_hundredths == 0);
  CHECK(response.target_hundredths == 9500);
  CHECK(response.target_met == false);
  // Updates have no compliance target.
  const auto& update = row(report, "standard", "P1", ClockKind::update);
  CHECK_FALSE(update.target_hundredths.has_value());
  CHECK_FALSE(update.target_met.has_value());
  const auto& premium = row(report, "premium", "P2", ClockKind::response);
  CHECK(premium.met == 1);
  CHECK(*premium.percent_hundredths == 10000);
  CHECK(premium.target_met == true);
  const auto& running = row(report, "premium", "P2", ClockKind::restoration);
  CHECK(running.running == 1);
  CHECK_FALSE(running.percent_hundredths.has_value());
  CHECK_FALSE(running.target_met.has_value());
  // Premium sorts before standard; within a plan, the policy's order.
  CHECK(report.rows.front().plan == "premium");
  CHECK(report.rows.back().plan == "standard");
  CHECK(report.rows.back().kind == ClockKind::restoration);
}
