#include <slate/store/sqlite_file_lock.hpp>
#include <slate/store/store_error.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <system_error>

namespace slate::store::sqlite {

// The descriptor of a lock file, open (and the lock held) while a
// SqliteFileLock of this process uses it. One per file and process: fcntl
// locks belong to the process, so closing a second descriptor of the same
// lock file would drop the lock the first one took.
class SqliteFileLock::Holder {
public:
  Holder(std::filesystem::path path, int fd) : m_path(std::move(path)), m_fd(fd) {}
  ~Holder() { ::close(m_fd); }
  Holder(const Holder&) = delete;
  Holder& operator=(const Holder&) = delete;

  const std::filesystem::path& path() const { return m_path; }

private:
  std::filesystem::path m_path;
  int m_fd;
};

namespace {

// A few tries: between a refused F_SETLK and the F_GETLK that should name
// the holder, the holder may have exited.
constexpr int k_attempts = 5;

std::mutex g_mutex;
std::map<std::filesystem::path, std::weak_ptr<SqliteFileLock::Holder>> g_holders;

std::string errno_text(int error) {
  return std::error_code(error, std::generic_category()).message();
}

flock whole_file(short type) {
  flock lock{};
  lock.l_type = type;
  lock.l_whence = SEEK_SET;
  lock.l_start = 0;
  lock.l_len = 0; // to the end, however long
  return lock;
}

std::shared_ptr<SqliteFileLock::Holder> take(const std::filesystem::path& database,
                                             const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    const int error = errno;
    throw StoreError("database " + database.string() + ": cannot open its lock file " +
                     path.string() + ": " + errno_text(error));
  }
  for (int attempt = 0; attempt < k_attempts; ++attempt) {
    auto lock = whole_file(F_WRLCK);
    if (::fcntl(fd, F_SETLK, &lock) == 0) {
      return std::make_shared<SqliteFileLock::Holder>(path, fd);
    }
    const int error = errno;
    if (error != EAGAIN && error != EACCES) {
      ::close(fd);
      throw StoreError("database " + database.string() + ": cannot lock " + path.string() + ": " +
                       errno_text(error));
    }
    auto holder = whole_file(F_WRLCK);
    if (::fcntl(fd, F_GETLK, &holder) == 0 && holder.l_type != F_UNLCK) {
      ::close(fd);
      throw StoreError("database " + database.string() + " is in use by process " +
                       std::to_string(holder.l_pid) + " (it holds " + path.string() +
                       "); an SQLite database serves one slated: stop that process or use "
                       "another database");
    }
  }
  ::close(fd);
  throw StoreError("database " + database.string() + ": cannot lock " + path.string() +
                   ": another process keeps taking and releasing it");
}

} // namespace

SqliteFileLock::SqliteFileLock(const std::filesystem::path& database) {
  auto path = database;
  path += ".lock";
  // One holder per file, whatever name the file was given.
  std::error_code error;
  auto key = std::filesystem::weakly_canonical(path, error);
  if (error) {
    key = std::filesystem::absolute(path);
  }
  const std::lock_guard guard(g_mutex);
  if (auto it = g_holders.find(key); it != g_holders.end()) {
    m_holder = it->second.lock();
  }
  if (!m_holder) {
    m_holder = take(database, path);
    g_holders[key] = m_holder;
  }
}

SqliteFileLock::~SqliteFileLock() {
  const std::lock_guard guard(g_mutex);
  m_holder.reset();
  std::erase_if(g_holders, [](const auto& entry) { return entry.second.expired(); });
}

const std::filesystem::path& SqliteFileLock::path() const {
  return m_holder->path();
}

std::optional<pid_t> lock_holder(const std::filesystem::path& database) {
  auto path = database;
  path += ".lock";
  {
    // This process's own lock: closing a descriptor of the file below would
    // release it (POSIX), so answer without opening it.
    std::error_code error;
    auto key = std::filesystem::weakly_canonical(path, error);
    if (error) {
      key = std::filesystem::absolute(path);
    }
    const std::lock_guard guard(g_mutex);
    if (const auto it = g_holders.find(key); it != g_holders.end() && !it->second.expired()) {
      return ::getpid();
    }
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    if (error == ENOENT) {
      return std::nullopt;
    }
    throw StoreError("database " + database.string() + ": cannot open its lock file " +
                     path.string() + ": " + errno_text(error));
  }
  // F_GETLK asks without taking: it reports a lock that would conflict with
  // a write lock (this process's own never do).
  auto holder = whole_file(F_WRLCK);
  const int asked = ::fcntl(fd, F_GETLK, &holder);
  const int error = errno;
  ::close(fd);
  if (asked != 0) {
    throw StoreError("database " + database.string() + ": cannot ask who holds " + path.string() +
                     ": " + errno_text(error));
  }
  if (holder.l_type == F_UNLCK) {
    return std::nullopt;
  }
  return holder.l_pid;
}

} // namespace slate::store::sqlite
