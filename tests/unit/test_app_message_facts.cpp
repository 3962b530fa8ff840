#include <slate/app/message_facts.hpp>

#include <support/api_fixture.hpp>

#include <doctest/doctest.h>

using slate::app::message_facts;
using slate::app::message_phase;
using slate::app::NotificationPhase;
using slate::formats::MessagePhase;
using slate::test::ApiFixture;
using slate::test::utc;

namespace {

slate::domain::Maintenance eu_and_us() {
  slate::domain::Maintenance m;
  m.id = 5;
  m.title = "Patch";
  m.regions = {"eu", "US", "GONE"};
  m.booked = {utc("2026-01-14T02:30:00Z"), utc("2026-01-14T04:30:00Z")};
  m.end = m.booked.end;
  return m;
}

} // namespace

TEST_CASE("app::message_facts gives each known region its name and clock") {
  const ApiFixture api;
  const auto facts = message_facts(eu_and_us(), *api.snapshot);
  REQUIRE(facts.regions.size() == 2); // GONE is not in the calendars
  CHECK(facts.regions[0].id == "EU");
  CHECK(facts.regions[0].name == "Europe");
  CHECK(facts.regions[0].zone.name() == "Europe/London");
  CHECK(facts.regions[1].zone.name() == "America/New_York");
  CHECK(facts.home_zone.name() == "Asia/Kolkata");
  CHECK(!facts.lead);
}

TEST_CASE("app::message_phase maps each notification to its template") {
  const std::pair<NotificationPhase, MessagePhase> rows[] = {
      {NotificationPhase::announced, MessagePhase::announced},
      {NotificationPhase::emergency, MessagePhase::emergency},
      {NotificationPhase::reminder, MessagePhase::reminder},
      {NotificationPhase::started, MessagePhase::starting},
      {NotificationPhase::extended, MessagePhase::extended},
      {NotificationPhase::overrun, MessagePhase::in_progress},
      {NotificationPhase::completed, MessagePhase::completed},
      {NotificationPhase::cancelled, MessagePhase::cancelled},
  };
  for (const auto& [notification, template_phase] : rows) {
    CHECK(message_phase(notification) == template_phase);
  }
}

TEST_CASE("app::notification_text renders a reminder with its lead") {
  const ApiFixture api;
  const slate::app::DueNotification reminder{5, NotificationPhase::reminder, 86400,
                                             utc("2026-01-13T02:30:00Z")};
  const auto text = slate::app::notification_text(reminder, eu_and_us(), *api.snapshot,
                                                  slate::formats::MessageTemplates::defaults());
  CHECK(
      text.starts_with("Reminder: scheduled maintenance Patch starts in 1 day.\n"
                       "Europe: Wed 14 Jan 02:30–04:30 GMT (08:00–10:00 IST)\n"
                       "United States: Tue 13 Jan 21:30–23:30 EST (Wed 14 Jan 08:00–10:00 IST)\n"));
}

TEST_CASE("app::notification_text tells of an overrun with the planned end") {
  const ApiFixture api;
  const slate::app::DueNotification overrun{5, NotificationPhase::overrun, 0,
                                            utc("2026-01-14T04:30:00Z")};
  const auto& templates = slate::formats::MessageTemplates::defaults();
  const auto text = slate::app::notification_text(overrun, eu_and_us(), *api.snapshot, templates);
  CHECK(text.starts_with("Scheduled maintenance is in progress: Patch.\n"));
  CHECK(text.find("It was planned to end Europe: Wed 14 Jan 04:30 GMT (10:00 IST); "
                  "United States: Tue 13 Jan 23:30 EST (Wed 14 Jan 10:00 IST) and is taking "
                  "longer") != std::string::npos);
  // The same phase without an overrun (a status page while it lasts) does not say so.
  const slate::app::DueNotification started{5, NotificationPhase::started, 0,
                                            utc("2026-01-14T02:30:00Z")};
  CHECK(slate::app::notification_text(started, eu_and_us(), *api.snapshot, templates)
            .find("taking longer") == std::string::npos);
}
