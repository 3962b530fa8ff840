// The monthly support compliance (app/support_compliance_report).
#include "app_writer_fixture.hpp"

#include <slate/app/support_compliance_report.hpp>
#include <slate/app/tickets.hpp>

#include <support/support_sample.hpp>

#include <doctest/doctest.h>

using namespace slate::test::writes;
using slate::domain::ClockKind;
using slate::domain::TicketEventType;
using slate::domain::TicketSpec;
using slate::test::enghouse_like_policy;
using slate::test::utc;
using namespace slate::app;
using namespace std::chrono_literals;

namespace {

// Open `count` P1 tickets on Wed 15 Apr 2026 from 09:00Z (10:00 BST, office
// hours), one a minute; the first `late` answered after 40 minutes (past
// the PT30M response target), the others after 10.
void open_p1_tickets(Fixture& f, int count, int late) {
  for (int i = 0; i < count; ++i) {
    const auto opened = utc("2026-04-15T09:00:00Z") + std::chrono::minutes{i};
    TicketSpec spec;
    spec.ref = "INC-" + std::to_string(i);
    spec.title = "t";
    spec.severity = "P1";
    spec.opened_at = opened;
    REQUIRE(open_ticket(*f.writer, spec, by("helpdesk", "2026-04-15T12:00:00Z")).ok());
    slate::formats::TicketEventRequest responded;
    responded.type = TicketEventType::responded;
    responded.at = opened + (i < late ? 40min : 10min);
    REQUIRE(add_ticket_event(*f.writer, spec.ref, responded, by("helpdesk", "2026-04-15T12:00:00Z"))
                .ok());
  }
}

const slate::domain::ComplianceRow& response_row(const slate::domain::ComplianceReport& report) {
  for (const auto& row : report.rows) {
    if (row.kind == ClockKind::response && row.severity == "P1") {
      return row;
    }
  }
  throw std::runtime_error("no P1 response row");
}

} // namespace

TEST_CASE("app::support_compliance_report truncates: 17 of 19 is 89.47, below 90") {
  Policy policy;
  policy.support = enghouse_like_policy();
  policy.support.compliance_target_hundredths[ClockKind::response] = 9000;
  Fixture f(policy);
  open_p1_tickets(f, 19, 2);
  const auto report = support_compliance_report(*f.writer->snapshot(), date::year{2026} / 4,
                                                utc("2026-04-15T12:00:00Z"));
  REQUIRE(report.ok());
  const auto& row = response_row(*report);
  CHECK(row.plan == "standard");
  CHECK(row.clocks == 19);
  CHECK(row.met == 17);
  CHECK(row.breached == 2);
  // 17 / 19 = 0.894736...: 89.47 truncated (89.48 if rounded).
  CHECK(row.percent_hundredths == 8947);
  CHECK(row.target_met == false);
  // Another month has none of them.
  const auto march = support_compliance_report(*f.writer->snapshot(), date::year{2026} / 3,
                                               utc("2026-04-15T12:00:00Z"));
  REQUIRE(march.ok());
  CHECK(march->rows.empty());
}

TEST_CASE("app::support_compliance_report: 18 of 20 is 90.00, which meets 90") {
  Policy policy;
  policy.support = enghouse_like_policy();
  policy.support.compliance_target_hundredths[ClockKind::response] = 9000;
  Fixture f(policy);
  open_p1_tickets(f, 20, 2);
  const auto report = support_compliance_report(*f.writer->snapshot(), date::year{2026} / 4,
                                                utc("2026-04-15T12:00:00Z"));
  REQUIRE(report.ok());
  const auto& row = response_row(*report);
  CHECK(row.met == 18);
  CHECK(row.percent_hundredths == 9000);
  CHECK(row.target_met == true);
}

TEST_CASE("app::support_compliance_report needs a policy with [support]") {
  Fixture f;
  const auto report = support_compliance_report(*f.writer->snapshot(), date::year{2026} / 4,
                                                utc("2026-04-15T12:00:00Z"));
  REQUIRE_FALSE(report.ok());
  CHECK(codes(report.problems()) == "support_not_configured");
  CHECK(report.problems()[0].field == "month");
}
