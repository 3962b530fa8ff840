#include <slate/formats/message_text.hpp>

#include <support/api_fixture.hpp>
#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using slate::domain::Interval;
using slate::domain::Maintenance;
using slate::domain::MaintenanceKind;
using slate::domain::MaintenanceState;
using slate::formats::check_message_template;
using slate::formats::MessageFacts;
using slate::formats::MessagePhase;
using slate::formats::MessageTemplates;
using slate::formats::TemplateSource;
using slate::test::utc;
using slate::test::zone;

namespace {

Maintenance eu_maintenance(const std::string& start, const std::string& end) {
  Maintenance m;
  m.id = 12;
  m.title = "Database upgrade";
  m.message = "Sign-ins are paused while the database restarts.";
  m.regions = {"EU"};
  m.services = {"api", "web"};
  m.booked = Interval{utc(start), utc(end)};
  m.end = m.booked.end;
  m.announced_at = utc("2026-01-01T09:00:00Z");
  m.updated_at = m.announced_at;
  return m;
}

MessageFacts eu_facts(Maintenance m) {
  return MessageFacts{
      std::move(m), {{"EU", "Europe", zone("Europe/London")}}, zone("Asia/Kolkata"), std::nullopt};
}

std::string render(MessagePhase phase, const MessageFacts& facts) {
  return MessageTemplates::defaults().render(phase, facts);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

TEST_CASE("formats::MessageTemplates: the built-in templates are the shipped files") {
  for (const auto phase : slate::formats::all_message_phases()) {
    const auto path = std::filesystem::path(SLATE_SOURCE_DIR) / "etc" / "templates" /
                      (std::string(to_string(phase)) + ".mustache");
    CAPTURE(path);
    REQUIRE(std::filesystem::exists(path));
    CHECK(read_file(path) == MessageTemplates::default_text(phase));
    CHECK(check_message_template(read_file(path), path.string()).empty());
  }
}

TEST_CASE("formats::MessageTemplates renders each phase in the region's and the home zone") {
  const auto facts = eu_facts(eu_maintenance("2026-01-14T02:30:00Z", "2026-01-14T04:30:00Z"));
  CHECK(render(MessagePhase::announced, facts) ==
        "Scheduled maintenance: Database upgrade\n"
        "Europe: Wed 14 Jan 02:30–04:30 GMT (08:00–10:00 IST)\n"
        "Services: api, web. They will be unavailable for up to 2 hours.\n"
        "\n"
        "Sign-ins are paused while the database restarts.");
  auto reminder = facts;
  reminder.lead = std::chrono::hours{24};
  CHECK(render(MessagePhase::reminder, reminder)
            .starts_with("Reminder: scheduled maintenance Database upgrade starts in 1 day.\n"
                         "Europe: Wed 14 Jan 02:30–04:30 GMT (08:00–10:00 IST)\n"));
  CHECK(render(MessagePhase::starting, facts) ==
        "Maintenance Database upgrade has started.\n"
        "Europe: Wed 14 Jan 02:30–04:30 GMT (08:00–10:00 IST)\n"
        "Services: api, web. We will post an update when it is completed.");
  CHECK(render(MessagePhase::in_progress, facts)
            .starts_with(
                "Scheduled maintenance is in progress: Database upgrade.\n"
                "Europe: Wed 14 Jan 02:30–04:30 GMT (08:00–10:00 IST)\n"
                "Services: api, web. They are unavailable until the maintenance is completed.\n"));
  CHECK(render(MessagePhase::completed, facts) ==
        "Maintenance Database upgrade is completed. Available again: api, web.\n"
        "Europe: Wed 14 Jan 02:30–04:30 GMT (08:00–10:00 IST)");
  CHECK(render(MessagePhase::cancelled, facts) ==
        "Maintenance Database upgrade is cancelled; nothing changes for api, web.\n"
        "Europe: it was planned for Wed 14 Jan 02:30–04:30 GMT (08:00–10:00 IST)");

  auto extended = facts;
  extended.maintenance.end = utc("2026-01-14T05:30:00Z");
  CHECK(render(MessagePhase::extended, extended)
            .starts_with("Maintenance Database upgrade is extended.\n"
                         "Europe: now Wed 14 Jan 02:30–05:30 GMT (08:00–11:00 IST); it was due to "
                         "end Wed 14 Jan "
                         "04:30 GMT (10:00 IST)\n"));

  auto emergency = facts;
  emergency.maintenance.kind = MaintenanceKind::emergency;
  emergency.maintenance.message.clear();
  emergency.maintenance.services.clear();
  CHECK(render(MessagePhase::emergency, emergency) ==
        "Emergency maintenance: Database upgrade\n"
        "Europe: Wed 14 Jan 02:30–04:30 GMT (08:00–10:00 IST)\n"
        "Services: all services. They may be unavailable during this time.");
  CHECK(render(MessagePhase::in_progress, emergency)
            .starts_with("Emergency maintenance is in progress: Database upgrade.\n"));

  auto quiet = facts;
  quiet.maintenance.disruptive = false;
  CHECK(render(MessagePhase::announced, quiet).find("No interruption of service is expected.") !=
        std::string::npos);
}

TEST_CASE("formats::MessageTemplates shows the right abbreviation on each side of a DST change") {
  struct Row {
    const char* start;
    const char* end;
    const char* line;
  };
  const Row rows[] = {
      {"2026-03-25T02:30:00Z", "2026-03-25T04:30:00Z",
       "Europe: Wed 25 Mar 02:30–04:30 GMT (08:00–10:00 IST)"},
      {"2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z",
       "Europe: Sun 29 Mar 00:30 GMT–02:30 BST (06:00–07:00 IST)"},
      {"2026-04-01T01:30:00Z", "2026-04-01T03:30:00Z",
       "Europe: Wed 01 Apr 02:30–04:30 BST (07:00–09:00 IST)"},
      {"2026-10-21T01:30:00Z", "2026-10-21T03:30:00Z",
       "Europe: Wed 21 Oct 02:30–04:30 BST (07:00–09:00 IST)"},
      {"2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z",
       "Europe: Sun 25 Oct 01:30 BST–01:30 GMT (06:00–07:00 IST)"},
      {"2026-10-28T02:30:00Z", "2026-10-28T04:30:00Z",
       "Europe: Wed 28 Oct 02:30–04:30 GMT (08:00–10:00 IST)"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.start);
    const auto text = render(MessagePhase::announced, eu_facts(eu_maintenance(row.start, row.end)));
    CHECK(text.find(std::string("\n") + row.line + "\n") != std::string::npos);
  }
}

TEST_CASE("formats::MessageTemplates renders text as written, without HTML escaping") {
  auto m = eu_maintenance("2026-01-14T02:30:00Z", "2026-01-14T04:30:00Z");
  m.title = "R&D <db> \"primary\"";
  m.message = "a < b & 'c'";
  const auto text = render(MessagePhase::announced, eu_facts(m));
  CHECK(text.starts_with("Scheduled maintenance: R&D <db> \"primary\"\n"));
  CHECK(text.ends_with("\na < b & 'c'"));
  // What operators write is data: tags in it are not expanded.
  m.title = "{{message}} {{#regions}}x{{/regions}}";
  CHECK(render(MessagePhase::starting, eu_facts(m))
            .starts_with("Maintenance {{message}} {{#regions}}x{{/regions}} has started.\n"));
}

TEST_CASE("formats::MessageTemplates: regions on several clocks, each with its own line") {
  auto m = eu_maintenance("2026-01-05T06:00:00Z", "2026-01-05T08:00:00Z");
  m.regions = {"US", "EU"};
  MessageFacts facts{
      m,
      {{"US", "United States", zone("America/New_York")}, {"EU", "Europe", zone("Europe/London")}},
      zone("Asia/Kolkata"),
      std::nullopt};
  const auto text = render(MessagePhase::starting, facts);
  CHECK(text == "Maintenance Database upgrade has started.\n"
                "United States: Mon 05 Jan 01:00–03:00 EST (11:30–13:30 IST)\n"
                "Europe: Mon 05 Jan 06:00–08:00 GMT (11:30–13:30 IST)\n"
                "Services: api, web. We will post an update when it is completed.");
  // {{when}} outside the list names each clock.
  auto custom = MessageTemplates::make([&] {
    std::map<MessagePhase, TemplateSource> sources;
    for (const auto phase : slate::formats::all_message_phases()) {
      sources[phase] = {"t", "{{title}} {{when}} [{{region_names}}] {{start_utc}}"};
    }
    return sources;
  }());
  REQUIRE(custom);
  CHECK(custom->render(MessagePhase::announced, facts) ==
        "Database upgrade United States: Mon 05 Jan 01:00–03:00 EST (11:30–13:30 IST); Europe: "
        "Mon 05 Jan 06:00–08:00 GMT (11:30–13:30 IST) [United States, Europe] 2026-01-05 06:00 "
        "UTC");
}

TEST_CASE("formats::check_message_template names the file and line of each problem") {
  struct Row {
    const char* text;
    const char* expected; // the first problem's message
  };
  const Row rows[] = {
      {"Hello {{title}}\n\n{{titel}}\n",
       "announced.mustache:3: unknown variable 'titel'; the variables are id, title, kind, "
       "emergency, disruptive, overrun, message, services, region_names, when, end_when, "
       "original_end, "
       "start_utc, end_utc, duration, lead, home_zone, regions"},
      {"{{#regions}}\n{{name}}\n", "announced.mustache:1: section 'regions' is not closed: add "
                                   "{{/regions}}"},
      {"line\n{{title}\n", "announced.mustache:2: unclosed tag: '{{' has no '}}' after it"},
      {"{{#regions}}{{name}}{{/disruptive}}\n",
       "announced.mustache:1: '{{/disruptive}}' closes a section that is not open: the open one "
       "is 'regions', opened on line 1"},
      {"x\ny\n{{/regions}}", "announced.mustache:3: '{{/regions}}' closes a section that is not "
                             "open"},
      {"{{> footer}}", "announced.mustache:1: partial 'footer': partials are not supported; a "
                       "message is one file"},
      {"\n{{name}}", "announced.mustache:2: unknown variable 'name': it exists only inside "
                     "{{#regions}}"},
      {"{{=<% %>}}", "announced.mustache:1: invalid set-delimiter tag '=<% %>': write it as "
                     "{{=<% %>=}}, two delimiters separated by a space"},
      {"{{}}", "announced.mustache:1: empty tag: a tag needs a variable name"},
      {"{{{message}}\n", "announced.mustache:1: unclosed tag: '{{' has no '}}}' after it"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.text);
    const auto problems = check_message_template(row.text, "announced.mustache");
    REQUIRE(!problems.empty());
    CHECK(problems.front().message == row.expected);
    CHECK(problems.front().code == "invalid_template");
    CHECK(problems.front().field == "announced.mustache");
  }
  // What is fine: comments, inverted sections, triple mustaches, new delimiters.
  CHECK(check_message_template("{{! note }}{{^message}}none{{/message}}{{{title}}}{{&services}}"
                               "{{=<% %>=}}<% title %><%={{ }}=%>{{id}}",
                               "t")
            .empty());
  CHECK(check_message_template("{{#regions}}{{name}} {{title}}{{/regions}}", "t").empty());
}

TEST_CASE("formats::MessageTemplates::make lists every problem, a missing phase too") {
  std::map<MessagePhase, TemplateSource> sources;
  for (const auto phase : slate::formats::all_message_phases()) {
    sources[phase] = {std::string(to_string(phase)) + ".mustache", "{{title}}"};
  }
  sources.erase(MessagePhase::reminder);
  sources[MessagePhase::completed].text = "{{#regions}}\n{{nope}}\n{{/regions}}";
  const auto made = MessageTemplates::make(sources);
  REQUIRE(!made);
  REQUIRE(made.problems().size() == 2);
  CHECK(made.problems()[0].message.starts_with("reminder.mustache: missing: every phase needs a "
                                               "template"));
  CHECK(made.problems()[1].message.starts_with("completed.mustache:2: unknown variable 'nope'"));

  sources[MessagePhase::reminder] = {"r", "{{title}}"};
  sources[MessagePhase::completed].text = "done";
  const auto fine = MessageTemplates::make(sources);
  REQUIRE(fine);
  CHECK(fine->fingerprint() != MessageTemplates::defaults().fingerprint());
  CHECK(fine->fingerprint().size() == 16);
  CHECK(fine->source_name(MessagePhase::reminder) == "r");
}

TEST_CASE("formats::parse_message_phase reads each phase's name") {
  for (const auto phase : slate::formats::all_message_phases()) {
    CHECK(slate::formats::parse_message_phase(to_string(phase)) == phase);
  }
  CHECK(slate::formats::all_message_phases().size() == 8);
  CHECK(!slate::formats::parse_message_phase("started"));
}
