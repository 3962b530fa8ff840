#pragma once

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <optional>

namespace slate::store::sqlite {

// The claim of one process on an SQLite database file: an fcntl write lock
// on the sidecar file `<db>.lock`, held while any SqliteFileLock of the
// path lives in this process. A second process on the same file is refused,
// so that two slated processes never both decide on one database (SQLite's
// own locks make each transaction atomic, not each decision: both would
// accept the same slot).
//
// Not the database file itself: POSIX releases a process's fcntl locks on a
// file when it closes any descriptor of that file, and SQLite opens and
// closes the database file on its own. Not flock either: the holder's pid
// comes from F_GETLK only.
class SqliteFileLock {
public:
  // Take the lock of the database at `database`, creating `<database>.lock`
  // if missing. Throws StoreError naming the database and the pid of the
  // process that holds it, or why the lock file cannot be opened or locked.
  explicit SqliteFileLock(const std::filesystem::path& database);
  ~SqliteFileLock();
  SqliteFileLock(const SqliteFileLock&) = delete;
  SqliteFileLock& operator=(const SqliteFileLock&) = delete;

  // Return the path of the lock file.
  const std::filesystem::path& path() const;

  class Holder; // one per lock file and process, shared by its locks

private:
  std::shared_ptr<Holder> m_holder;
};

// Return the pid of the process that holds the lock of the database at
// `database` (see SqliteFileLock; this process's pid while it holds one), or
// std::nullopt when none does or there
// is no lock file. Opens `<database>.lock` read-only and creates nothing, so
// that --check-config can ask without claiming. Throws StoreError if the
// lock file exists but cannot be read.
std::optional<pid_t> lock_holder(const std::filesystem::path& database);

} // namespace slate::store::sqlite
