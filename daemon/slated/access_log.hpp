#pragma once

#include <slated/log.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string_view>

namespace slate::daemon {

// Where request lines go (the access-log setting): nowhere, to stderr for
// journald, or to a file written in blocks. Off by default: under a poll
// storm a line per request would make journald's rate limit drop every
// line, the important ones with them. Used from the HTTP loop only.
class AccessLog {
public:
  // `journal` sends lines to stderr through the log; a non-empty `file` is
  // appended to; neither: off.
  AccessLog(bool journal, std::filesystem::path file);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  // Open the file, if there is one; throws std::runtime_error naming it
  // when it cannot be opened for appending.
  void open();

  // Flush and reopen the file (log rotation on SIGHUP); if it cannot be
  // reopened, log why and keep writing to the one already open.
  void reopen();

  // Return whether a line of a request logged at `level` (debug for probes
  // and scrapes) would be written anywhere.
  bool wants(LogLevel level) const;

  // Write one request's line (without its newline).
  void write(LogLevel level, std::string_view line);

  // Write out what the file's buffer holds.
  void flush();

private:
  struct Close {
    void operator()(std::FILE* file) const;
  };
  bool m_journal;
  std::filesystem::path m_path;
  std::unique_ptr<std::FILE, Close> m_file;
};

} // namespace slate::daemon
