#include <slated/clock.hpp>

#include <slated/log.hpp>

#include <slate/formats/rfc3339.hpp>

#include <cctype>
#include <fstream>
#include <sstream>

namespace slate::daemon {

Clock::Clock(std::filesystem::path file) : m_file(std::move(file)) {}

domain::Instant Clock::now() const {
  if (m_file.empty()) {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
  std::ifstream in(m_file);
  std::stringstream text;
  text << in.rdbuf();
  std::string reading = text.str();
  while (!reading.empty() && std::isspace(static_cast<unsigned char>(reading.back())) != 0) {
    reading.pop_back();
  }
  const auto parsed = formats::parse_rfc3339(reading, "test-clock-file");
  std::lock_guard lock(m_mutex);
  if (!in || !parsed) {
    const std::string problem =
        m_file.string() + ": " +
        (!in ? std::string("cannot be read") : parsed.problems().front().message);
    if (problem != m_last_problem) {
      m_last_problem = problem;
      log_write(LogLevel::warning, "test clock: " + problem + "; the time stays " +
                                       formats::format_rfc3339_utc(m_last));
    }
    return m_last;
  }
  m_last_problem.clear();
  m_last = parsed.value();
  return m_last;
}

std::chrono::milliseconds Clock::recheck_interval() const {
  // A test moves its clock by rewriting the file; 20 ms keeps tests quick.
  return m_file.empty() ? std::chrono::milliseconds{60'000} : std::chrono::milliseconds{20};
}

} // namespace slate::daemon
