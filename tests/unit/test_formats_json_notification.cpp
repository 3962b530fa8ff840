#include <slate/formats/json_notification.hpp>

#include <support/api_fixture.hpp>
#include <support/time_literals.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using slate::formats::NotificationDocument;
using slate::formats::render_notification_json;
using slate::formats::render_notification_slack;
using slate::test::utc;
using slate::test::zone;

namespace {

NotificationDocument document() {
  slate::domain::Maintenance m;
  m.id = 7;
  m.title = "Upgrade";
  m.regions = {"US"};
  m.booked = {utc("2026-03-16T05:00:00Z"), utc("2026-03-16T06:00:00Z")};
  m.end = m.booked.end;
  m.announced_at = utc("2026-03-03T12:00:00Z");
  m.updated_at = m.announced_at;
  return {"maintenance/7/reminder/86400",
          "maintenance.reminder",
          "reminder",
          slate::domain::Seconds{86400},
          utc("2026-03-15T05:00:00Z"),
          utc("2026-03-15T05:00:02Z"),
          "Reminder: <Upgrade> & more",
          {m, {{"US", zone("America/New_York")}}, slate::domain::Seconds{0}, {}}};
}

} // namespace

TEST_CASE("formats::render_notification_json carries the event id, message and maintenance") {
  const auto body = nlohmann::json::parse(render_notification_json(document()));
  CHECK(body["event_id"] == "maintenance/7/reminder/86400");
  CHECK(body["event"] == "maintenance.reminder");
  CHECK(body["phase"] == "reminder");
  CHECK(body["reminder_offset_seconds"] == 86400);
  CHECK(body["due_at"] == "2026-03-15T05:00:00Z");
  CHECK(body["created_at"] == "2026-03-15T05:00:02Z");
  CHECK(body["message"] == "Reminder: <Upgrade> & more");
  CHECK(body["maintenance"]["id"] == 7);
  CHECK(body["maintenance"]["local"][0]["start"] == "2026-03-16T01:00:00-04:00");
  auto other = document();
  other.reminder_offset.reset();
  CHECK(
      nlohmann::json::parse(render_notification_json(other))["reminder_offset_seconds"].is_null());
}

TEST_CASE("formats::render_notification_slack is an incoming-webhook body with escaped mrkdwn") {
  const auto body = nlohmann::json::parse(render_notification_slack(document()));
  CHECK(body["text"] == "Reminder: <Upgrade> & more");
  CHECK(body["blocks"][0]["text"]["text"] == "Reminder: &lt;Upgrade&gt; &amp; more");
  CHECK(body["blocks"][1]["elements"][0]["text"] ==
        "slated maintenance.reminder maintenance/7/reminder/86400");
}
