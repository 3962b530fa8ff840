#include <slate/app/status.hpp>

#include "status_fixture.hpp"
#include <support/support_sample.hpp>

#include <memory>

using slate::app::build_status;
using namespace slate::test::status;
using slate::api::find_field;
using slate::domain::Instant;
using slate::domain::MaintenanceKind;
using slate::formats::ComponentStatus;
using slate::formats::Indicator;
using slate::formats::MessageTemplates;

TEST_CASE("app::build_status: nothing going on") {
  const ApiFixture api(k_now);
  const auto built = build_status(*api.snapshot, utc(k_now));
  const auto& model = built.model;
  CHECK(model.indicator == Indicator::none);
  CHECK(model.services.empty());
  CHECK(model.maintenances.empty());
  CHECK(model.open_outages.empty());
  CHECK(model.home_zone.name() == "Asia/Kolkata");
  CHECK(model.month == date::year{2026} / date::March);
  // Nothing has happened yet: the start of the day, until the next day.
  CHECK(model.updated_at == utc("2026-03-03T00:00:00Z"));
  CHECK(built.expires == utc("2026-03-04T00:00:00Z"));
  REQUIRE(model.regions.size() == 6);
  CHECK(model.regions[0].id == "IN");
  const auto& eu = region(model, "EU");
  CHECK(eu.zone.name() == "Europe/London");
  CHECK(eu.status == ComponentStatus::operational);
  CHECK(!eu.current_window);
  REQUIRE(eu.next_window);
  CHECK(eu.next_window->interval.start == utc("2026-03-04T02:30:00Z"));
  // After the DST change of 8 March: 01:00 EDT.
  CHECK(region(model, "US").next_window->interval.start == utc("2026-03-09T05:00:00Z"));
  CHECK(!region(model, "OLD").next_window);
  // Without services, each region is one component, available in full.
  REQUIRE(eu.services.size() == 1);
  CHECK(eu.services[0].service.empty());
  REQUIRE(eu.services[0].month);
  CHECK(eu.services[0].month->counted.count() == 0);
  CHECK(model.history.empty());
}

TEST_CASE("app::build_status: work under way, work planned, an open outage") {
  const ApiFixture api(k_now);
  const auto snapshot = changed(api, [](slate::app::Snapshot& s) {
    auto running = maintenance(1, {"EU"}, "2026-03-03T11:00:00Z", "2026-03-03T13:00:00Z",
                               MaintenanceState::in_progress);
    running.services = {"api"};
    auto done = maintenance(3, {"US"}, "2026-03-01T05:00:00Z", "2026-03-01T06:00:00Z",
                            MaintenanceState::completed);
    done.started_at = done.booked.start;
    done.finished_at = done.booked.end;
    s.maintenances = {running,
                      maintenance(2, {"US", "EU"}, "2026-03-09T05:00:00Z", "2026-03-09T06:00:00Z",
                                  MaintenanceState::planned),
                      done,
                      maintenance(4, {"US"}, "2026-03-03T05:00:00Z", "2026-03-03T06:00:00Z",
                                  MaintenanceState::planned)};
    s.outages = slate::app::OutageBook({outage(7, "web", {"US"}, "2026-03-03T11:30:00Z")});
  });
  const auto built =
      build_status(*snapshot, utc(k_now), {12, Interval{utc(k_now), utc("2026-03-11T12:00:00Z")}});
  const auto& model = built.model;
  CHECK(model.services == std::vector<std::string>{"api", "web"});
  CHECK(model.indicator == Indicator::major);
  // Under way and planned, by start; the completed one and the planned one
  // whose time has passed are not shown.
  REQUIRE(model.maintenances.size() == 2);
  CHECK(model.maintenances[0].maintenance.id == 1);
  CHECK(model.maintenances[1].maintenance.id == 2);
  CHECK(model.maintenances[0].text.starts_with("Scheduled maintenance is in progress: Work 1.\n"
                                               "Europe: Tue 03 Mar 11:00–13:00 GMT "
                                               "(16:30–18:30 IST)\n"));
  REQUIRE(model.maintenances[0].updates.size() == 2);
  CHECK(model.maintenances[0].updates[0].phase == slate::formats::MessagePhase::starting);
  CHECK(model.maintenances[0].updates[1].phase == slate::formats::MessagePhase::announced);
  CHECK(model.maintenances[1].text.starts_with("Scheduled maintenance: Work 2\n"
                                               "United States: Mon 09 Mar 01:00–02:00 EDT "
                                               "(10:30–11:30 IST)\n"
                                               "Europe: Mon 09 Mar 05:00–06:00 GMT "
                                               "(10:30–11:30 IST)\n"));

  const auto& eu = region(model, "EU");
  CHECK(eu.in_progress == std::vector<std::size_t>{0});
  CHECK(eu.upcoming == std::vector<std::size_t>{1});
  REQUIRE(eu.services.size() == 2);
  CHECK(eu.services[0].status == ComponentStatus::under_maintenance); // api
  CHECK(eu.services[0].changed_at == utc("2026-03-03T11:00:00Z"));
  CHECK(eu.services[1].status == ComponentStatus::operational); // web: not covered
  CHECK(eu.status == ComponentStatus::under_maintenance);
  CHECK(eu.timeline.size() == 2); // Wed 4 and Wed 11 March

  const auto& us = region(model, "US");
  CHECK(us.in_progress.empty());
  CHECK(us.upcoming == std::vector<std::size_t>{1});
  CHECK(us.outages == std::vector<std::size_t>{0});
  CHECK(us.services[1].status == ComponentStatus::major_outage);
  CHECK(us.status == ComponentStatus::major_outage);
  // Maintenance 3 ended on 1 March: api's last change.
  CHECK(us.services[0].changed_at == utc("2026-03-01T06:00:00Z"));
  // This month's availability: the outage's half hour so far, and the hour
  // maintenance 3 took outside the US window (a Sunday, not a Monday).
  REQUIRE(us.services[1].month);
  CHECK(us.services[1].month->counted == std::chrono::minutes{90});
  CHECK(!us.services[1].month->met);

  // Twelve months of history per service, ending with this one.
  REQUIRE(model.history.size() == 2);
  CHECK(model.history[0].service == "api");
  REQUIRE(model.history[0].months.size() == 12);
  CHECK(model.history[0].months.front().query.month == date::year{2025} / date::April);
  CHECK(model.history[0].months.back().query.month == date::year{2026} / date::March);
  CHECK(!model.history[0].months.back().query.region);
  CHECK(model.updated_at == utc("2026-03-03T11:30:00Z"));
  // Availability moves while the outage is open: a minute.
  CHECK(built.expires == utc(k_now) + std::chrono::minutes{1});
}

TEST_CASE("app::build_status: the indicator from the worst component") {
  const ApiFixture api(k_now);
  SUBCASE("only maintenance under way") {
    const auto snapshot = changed(api, [](slate::app::Snapshot& s) {
      s.maintenances = {maintenance(1, {"EU"}, "2026-03-03T11:00:00Z", "2026-03-03T13:00:00Z",
                                    MaintenanceState::in_progress)};
    });
    const auto built = build_status(*snapshot, utc(k_now));
    CHECK(built.model.indicator == Indicator::maintenance);
  }
  SUBCASE("work that takes nothing down leaves the services operational") {
    const auto snapshot = changed(api, [](slate::app::Snapshot& s) {
      auto quiet = maintenance(1, {"EU"}, "2026-03-03T11:00:00Z", "2026-03-03T13:00:00Z",
                               MaintenanceState::in_progress);
      quiet.disruptive = false;
      s.maintenances = {quiet};
    });
    const auto built = build_status(*snapshot, utc(k_now));
    CHECK(built.model.indicator == Indicator::none);
    CHECK(region(built.model, "EU").in_progress.size() == 1);
  }
  SUBCASE("a partial outage") {
    const auto snapshot = changed(api, [](slate::app::Snapshot& s) {
      auto partial = outage(1, "api", {"US"}, "2026-03-03T11:00:00Z");
      partial.impact = slate::domain::OutageImpact::partial;
      s.outages = slate::app::OutageBook({partial});
    });
    const auto built = build_status(*snapshot, utc(k_now));
    CHECK(built.model.indicator == Indicator::minor);
    CHECK(region(built.model, "US").status == ComponentStatus::partial_outage);
  }
  SUBCASE("a major outage of one service in every region") {
    const auto snapshot = changed(api, [](slate::app::Snapshot& s) {
      s.outages = slate::app::OutageBook(
          {outage(1, "api", {"IN", "AU", "US", "EU", "DC", "OLD"}, "2026-03-03T11:00:00Z"),
           outage(2, "web", {"US"}, "2026-03-03T11:00:00Z")});
    });
    const auto built = build_status(*snapshot, utc(k_now));
    CHECK(built.model.indicator == Indicator::critical);
  }
  SUBCASE("a resolved outage is history") {
    const auto snapshot = changed(api, [](slate::app::Snapshot& s) {
      auto past = outage(1, "api", {"US"}, "2026-03-02T11:00:00Z");
      past.end = utc("2026-03-02T11:10:00Z");
      s.outages = slate::app::OutageBook({past});
    });
    const auto built = build_status(*snapshot, utc(k_now));
    CHECK(built.model.indicator == Indicator::none);
    CHECK(built.model.open_outages.empty());
    CHECK(region(built.model, "US").services[0].changed_at == utc("2026-03-02T11:10:00Z"));
    CHECK(region(built.model, "US").services[0].month->counted == std::chrono::minutes{10});
    CHECK(built.model.updated_at == utc("2026-03-02T11:10:00Z"));
    // Nothing moves: the next change is the EU window opening.
    CHECK(built.expires == utc("2026-03-04T02:30:00Z"));
  }
}

TEST_CASE("app::build_status: this month's support compliance, only with [support]") {
  slate::app::Snapshot snapshot;
  snapshot.version = 1;
  CHECK_FALSE(build_status(snapshot, utc("2026-03-03T11:00:00Z")).model.support);

  snapshot.policy.support = slate::test::enghouse_like_policy();
  // P1 opened Tue 3 Mar 2026 10:00 GMT, in office hours: by 11:00 the
  // response (PT30M, due 10:30) has breached; the update clock (PT2H) warns
  // at 11:30, which is when the status may change next.
  slate::domain::Ticket ticket;
  ticket.ref = "INC-1";
  ticket.title = "Calls drop";
  ticket.severity = "P1";
  ticket.plan = "standard";
  ticket.opened_at = utc("2026-03-03T10:00:00Z");
  snapshot.tickets.emplace("INC-1", std::make_shared<const slate::domain::Ticket>(ticket));
  const auto built = build_status(snapshot, utc("2026-03-03T11:00:00Z"));
  REQUIRE(built.model.support);
  const auto& report = *built.model.support;
  CHECK(report.month == date::year{2026} / date::March);
  REQUIRE_FALSE(report.rows.empty());
  CHECK(report.rows[0].severity == "P1");
  CHECK(report.rows[0].kind == slate::domain::ClockKind::response);
  CHECK(report.rows[0].breached == 1);
  CHECK(report.rows[0].percent_hundredths == 0);
  CHECK(built.expires == utc("2026-03-03T11:30:00Z"));
}
