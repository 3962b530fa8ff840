// The deadline calculator (app/support_deadlines): no ticket is stored.
#include "app_writer_fixture.hpp"

#include <slate/app/support_deadlines.hpp>

#include <support/support_sample.hpp>

#include <doctest/doctest.h>

using namespace slate::test::writes;
using slate::domain::ClockKind;
using slate::test::enghouse_like_policy;
using slate::test::iso;
using slate::test::utc;
using namespace slate::app;

TEST_CASE("app::support_deadlines answers per plan without storing a ticket") {
  Policy policy;
  policy.support = enghouse_like_policy();
  Fixture f(policy);
  // Enghouse P2 response PT1H on 08:00-18:00 Europe/London, opened Wed 1 Jul
  // 2026 16:30Z = 17:30 BST: 30 min on Wednesday, 30 min from Thu 08:00 BST,
  // due 08:30 BST = 07:30Z. Under Premium (24x7): 17:30Z.
  const auto standard =
      support_deadlines(*f.writer->snapshot(), "P2", std::nullopt, utc("2026-07-01T16:30:00Z"));
  REQUIRE(standard.ok());
  CHECK(standard->plan == "standard");
  REQUIRE(standard->clocks.size() == 3);
  CHECK(standard->clocks[0].kind == ClockKind::response);
  CHECK(iso(*standard->clocks[0].due_at) == "2026-07-02T07:30:00Z");
  CHECK_FALSE(standard->clocks[0].ledger.empty());

  const auto premium = support_deadlines(*f.writer->snapshot(), "P2", std::string("premium"),
                                         utc("2026-07-01T16:30:00Z"));
  REQUIRE(premium.ok());
  CHECK(premium->plan == "premium");
  CHECK(iso(*premium->clocks[0].due_at) == "2026-07-01T17:30:00Z");
  CHECK(f.writer->snapshot()->tickets.empty());
  CHECK(f.writer->snapshot()->version == 1);

  const auto unknown =
      support_deadlines(*f.writer->snapshot(), "P9", std::nullopt, utc("2026-07-01T16:30:00Z"));
  REQUIRE_FALSE(unknown.ok());
  CHECK(codes(unknown.problems()) == "severity_unknown");
  const auto no_plan = support_deadlines(*f.writer->snapshot(), "P2", std::string("gold"),
                                         utc("2026-07-01T16:30:00Z"));
  REQUIRE_FALSE(no_plan.ok());
  CHECK(codes(no_plan.problems()) == "plan_unknown");
}

TEST_CASE("app::support_deadlines needs a policy with [support]") {
  Fixture f;
  const auto none =
      support_deadlines(*f.writer->snapshot(), "P1", std::nullopt, utc("2026-07-01T16:30:00Z"));
  REQUIRE_FALSE(none.ok());
  CHECK(codes(none.problems()) == "support_not_configured");
}
