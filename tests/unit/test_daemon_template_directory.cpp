#include <common/template_directory.hpp>

#include <support/temp_dir.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

using slate::daemon::load_templates;
using slate::formats::MessagePhase;
using slate::formats::MessageTemplates;
using slate::test::TempDir;

namespace {

const std::filesystem::path k_shipped =
    std::filesystem::path(SLATE_SOURCE_DIR) / "etc" / "templates";

// Copy the shipped templates into `dir`.
void copy_shipped(const TempDir& dir) {
  for (const auto& entry : std::filesystem::directory_iterator(k_shipped)) {
    std::filesystem::copy_file(entry.path(), dir.path() / entry.path().filename());
  }
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

} // namespace

TEST_CASE("daemon::load_templates reads the shipped etc/templates") {
  const auto loaded = load_templates(k_shipped);
  REQUIRE(loaded);
  CHECK(loaded->fingerprint() == MessageTemplates::defaults().fingerprint());
  CHECK(loaded->source_name(MessagePhase::in_progress) ==
        (k_shipped / "in_progress.mustache").string());
}

TEST_CASE("daemon::load_templates takes an operator's edit") {
  TempDir dir;
  copy_shipped(dir);
  write(dir.path() / "starting.mustache", "{{title}} started: {{when}}\n");
  write(dir.path() / "README", "not a template: ignored");
  const auto loaded = load_templates(dir.path());
  REQUIRE(loaded);
  CHECK(loaded->text(MessagePhase::starting) == "{{title}} started: {{when}}\n");
  CHECK(loaded->fingerprint() != MessageTemplates::defaults().fingerprint());
}

TEST_CASE("daemon::load_templates reports FILE:LINE for every problem") {
  TempDir dir;
  copy_shipped(dir);
  const auto announced = (dir.path() / "announced.mustache").string();
  const auto reminder = (dir.path() / "reminder.mustache").string();
  const auto emergency = (dir.path() / "emergency.mustache").string();
  write(announced,
        "Maintenance {{title}}\n{{#regions}}\n{{name}}: {{when}} {{tz}}\n{{/regions}}\n");
  write(reminder, "{{#lead}}in {{lead}}\n");
  std::filesystem::remove(emergency);
  const auto loaded = load_templates(dir.path());
  REQUIRE(!loaded);
  const auto& problems = loaded.problems();
  REQUIRE(problems.size() == 3);
  CHECK(problems[0].message.starts_with(announced + ":3: unknown variable 'tz'"));
  CHECK(problems[1].message == reminder + ":1: section 'lead' is not closed: add {{/lead}}");
  CHECK(problems[2].message.starts_with(emergency + ": missing: every phase needs a template"));
  CHECK(problems[2].field == emergency);
}

TEST_CASE("daemon::load_templates refuses what is not a template directory") {
  TempDir dir;
  const auto missing = dir.path() / "nowhere";
  const auto loaded = load_templates(missing);
  REQUIRE(!loaded);
  CHECK(loaded.problems().front().message ==
        missing.string() +
            ": no such directory: the message templates (announced.mustache, ...) are read from "
            "here");
  const auto file = dir.path() / "file";
  std::ofstream(file) << "x";
  const auto not_directory = load_templates(file);
  REQUIRE(!not_directory);
  CHECK(not_directory.problems().front().message ==
        file.string() + ": is not a directory of message templates");

  copy_shipped(dir);
  write(dir.path() / "completed.mustache", std::string(70 * 1024, 'x'));
  const auto large = load_templates(dir.path());
  REQUIRE(!large);
  REQUIRE(large.problems().size() == 1);
  CHECK(large.problems().front().message ==
        (dir.path() / "completed.mustache").string() +
            ": is 71680 bytes; a template may be at most 64 KiB");
}
