#include <common/calendar_directory.hpp>

#include <slate/formats/ical_calendar.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

namespace slate::daemon {
namespace {

// A calendar is a few kilobytes; anything far larger is not one, and reading
// it whole would let a stray file exhaust memory.
constexpr std::uintmax_t k_max_calendar_bytes = 1024 * 1024;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

domain::Problem file_problem(const std::string& name, const std::string& message) {
  return domain::Problem{domain::Code::invalid_calendar, name, name + ": " + message};
}

} // namespace

domain::Result<std::vector<domain::Region>>
load_calendar_directory(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  const std::string dir_name = dir.string();

  std::error_code error;
  std::vector<fs::path> files;
  for (fs::directory_iterator entry(dir, error), end; !error && entry != end;
       entry.increment(error)) {
    if (lower(entry->path().extension().string()) == ".ics" && entry->is_regular_file()) {
      files.push_back(entry->path());
    }
  }
  if (error) {
    return file_problem(dir_name, "cannot read the calendar directory: " + error.message());
  }
  if (files.empty()) {
    return file_problem(dir_name,
                        "no calendar (*.ics) in the directory; slated needs at least one region");
  }
  std::sort(files.begin(), files.end());

  domain::Problems problems;
  std::vector<domain::Region> regions;
  std::map<std::string, std::string> file_by_id; // lower-case id -> file
  for (const auto& file : files) {
    const std::string name = file.string();
    const auto size = fs::file_size(file, error);
    if (error) {
      problems.push_back(file_problem(name, "cannot read: " + error.message()));
      continue;
    }
    if (size > k_max_calendar_bytes) {
      problems.push_back(file_problem(name, "is " + std::to_string(size) +
                                                " bytes; a calendar may be at most 1 MiB"));
      continue;
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
      problems.push_back(file_problem(name, "cannot read the file"));
      continue;
    }
    auto region = formats::read_region_calendar(text.str(), name, file.stem().string());
    if (!region) {
      problems.insert(problems.end(), region.problems().begin(), region.problems().end());
      continue;
    }
    const auto [previous, inserted] = file_by_id.emplace(lower(region->id), name);
    if (!inserted) {
      problems.push_back(file_problem(name, "region id '" + region->id +
                                                "' is already defined by " + previous->second +
                                                "; each region needs its own id"));
      continue;
    }
    regions.push_back(std::move(region).value());
  }
  if (!problems.empty()) {
    return problems;
  }
  return regions;
}

} // namespace slate::daemon
