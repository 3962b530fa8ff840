#pragma once

// A clock file for slated's --test-clock-file, so that a test runs at the
// instant it names and not on whatever day it happens to run.

#include <support/temp_dir.hpp>

#include <slate/domain/instant.hpp>
#include <slate/formats/rfc3339.hpp>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace slate::test {

class TestClock {
public:
  explicit TestClock(domain::Instant now) { set(now); }

  // Move the clock to `now`. The file is replaced whole (rename), so the
  // daemon never reads half a time.
  void set(domain::Instant now) {
    m_now = now;
    const auto next = m_dir.path() / "clock.new";
    {
      std::ofstream out(next, std::ios::trunc);
      out << formats::format_rfc3339_utc(now) << "\n";
      if (!out) {
        throw std::runtime_error("cannot write " + next.string());
      }
    }
    std::filesystem::rename(next, file());
  }

  domain::Instant now() const { return m_now; }
  std::filesystem::path file() const { return m_dir.path() / "clock"; }

  // The arguments that start slated on this clock.
  std::vector<std::string> arguments() const { return {"--test-clock-file", file().string()}; }

private:
  TempDir m_dir;
  domain::Instant m_now{};
};

} // namespace slate::test
