#include <common/calendar_directory.hpp>

#include <support/temp_dir.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

using slate::daemon::load_calendar_directory;
using slate::test::TempDir;

namespace {

const std::filesystem::path k_shipped = std::filesystem::path(SLATE_SOURCE_DIR) / "calendars";

} // namespace

TEST_CASE("daemon::load_calendar_directory: holiday calendars are not regions") {
  // The shipped directory holds six regions and, under holidays/, the
  // holiday files the support calendars name.
  REQUIRE(std::filesystem::exists(k_shipped / "holidays" / "england-and-wales.ics"));
  const auto shipped = load_calendar_directory(k_shipped);
  REQUIRE(shipped.ok());
  std::string ids;
  for (const auto& region : *shipped) {
    ids += (ids.empty() ? "" : " ") + region.id;
  }
  CHECK(ids == "AU DC EU IN UK US");

  // A holidays/ directory beside one region: still one region, and a
  // holiday file (all-day events, no windows) is never read as one.
  TempDir dir;
  std::filesystem::copy_file(k_shipped / "us.ics", dir.path() / "us.ics");
  std::filesystem::create_directory(dir.path() / "holidays");
  std::filesystem::copy_file(k_shipped / "holidays" / "us-federal.ics",
                             dir.path() / "holidays" / "us-federal.ics");
  const auto regions = load_calendar_directory(dir.path());
  REQUIRE(regions.ok());
  REQUIRE(regions->size() == 1);
  CHECK(regions->front().id == "US");
}
