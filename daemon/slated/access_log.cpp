#include <slated/access_log.hpp>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>

namespace slate::daemon {
namespace {

// Lines reach the file in blocks this large (or at a flush): one write(2)
// per block rather than per request.
constexpr std::size_t k_buffer_bytes = 64 * 1024;

std::FILE* open_for_append(const std::filesystem::path& path) {
  std::FILE* file = std::fopen(path.c_str(), "ae");
  if (file != nullptr) {
    // Buffer given as null: the C library allocates and frees it.
    std::setvbuf(file, nullptr, _IOFBF, k_buffer_bytes);
  }
  return file;
}

} // namespace

void AccessLog::Close::operator()(std::FILE* file) const {
  std::fclose(file);
}

AccessLog::AccessLog(bool journal, std::filesystem::path file)
    : m_journal(journal), m_path(std::move(file)) {}

AccessLog::~AccessLog() = default;

void AccessLog::open() {
  if (m_path.empty()) {
    return;
  }
  m_file.reset(open_for_append(m_path));
  if (!m_file) {
    throw std::runtime_error("cannot open the access log " + m_path.string() + ": " +
                             std::strerror(errno));
  }
}

void AccessLog::reopen() {
  if (!m_file) {
    return;
  }
  std::FILE* file = open_for_append(m_path);
  if (file == nullptr) {
    SLATED_LOG(LogLevel::error, "cannot reopen the access log " + m_path.string() + " on SIGHUP: " +
                                    std::strerror(errno) + "; writing to the file already open");
    std::fflush(m_file.get());
    return;
  }
  m_file.reset(file);
}

bool AccessLog::wants(LogLevel level) const {
  return m_file != nullptr || (m_journal && log_enabled(level));
}

void AccessLog::write(LogLevel level, std::string_view line) {
  if (m_file) {
    std::fwrite(line.data(), 1, line.size(), m_file.get());
    std::fputc('\n', m_file.get());
  } else if (m_journal && log_enabled(level)) {
    log_write(level, line);
  }
}

void AccessLog::flush() {
  if (m_file) {
    std::fflush(m_file.get());
  }
}

} // namespace slate::daemon
