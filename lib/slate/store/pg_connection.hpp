#pragma once

#include <slate/store/store_error.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;
struct pg_result;

namespace slate::store::pg {

// A statement failed on the server or the connection: StoreError with the
// SQLSTATE the server gave ("" when the connection failed), so that a
// caller can tell a unique violation (23505) or a serialization failure
// (40001) from the rest.
class PgError : public StoreError {
public:
  PgError(const std::string& message, std::string sqlstate)
      : StoreError(message), m_sqlstate(std::move(sqlstate)) {}

  const std::string& sqlstate() const { return m_sqlstate; }

private:
  std::string m_sqlstate;
};

// The result of one statement: owns the PGresult. Values come as text (the
// parameters and results of this backend are all in text format).
class PgResult {
public:
  explicit PgResult(pg_result* result) : m_result(result) {}
  ~PgResult();
  PgResult(PgResult&& other) noexcept : m_result(other.m_result) { other.m_result = nullptr; }
  PgResult& operator=(PgResult&& other) noexcept;
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;

  int rows() const;
  // Return the number of rows an INSERT, UPDATE or DELETE changed.
  std::int64_t affected() const;

  bool is_null(int row, int column) const;
  std::string text(int row, int column) const;
  std::int64_t int64(int row, int column) const;
  int int32(int row, int column) const;
  std::optional<std::int64_t> optional_int64(int row, int column) const;

private:
  pg_result* m_result;
};

// One parameter of a statement, as text; std::nullopt is NULL.
using PgParam = std::optional<std::string>;

inline PgParam to_param(std::string value) {
  return value;
}
inline PgParam to_param(std::string_view value) {
  return std::string(value);
}
inline PgParam to_param(const char* value) {
  return std::string(value);
}
inline PgParam to_param(std::int64_t value) {
  return std::to_string(value);
}
inline PgParam to_param(int value) {
  return std::to_string(value);
}
inline PgParam to_param(std::nullopt_t) {
  return std::nullopt;
}
inline PgParam to_param(PgParam value) {
  return value;
}

// The parts of a libpq connection string that may be shown: never the
// password. Throws StoreError if `conninfo` cannot be parsed (the message
// quotes libpq, which does not repeat the string) or holds a password: a
// password comes from a password file (PGPASSFILE, passfile=), so that it
// is in no command line, process list or log.
struct PgTarget {
  std::string host;   // as given ("" for libpq's default)
  std::string port;   // as given ("" for libpq's default)
  std::string dbname; // as given ("" for libpq's default)
  std::string user;   // as given ("" for libpq's default)

  static PgTarget parse(const std::string& conninfo);

  // Return e.g. "postgresql://slated@db1:5432/slated" for messages.
  std::string display() const;
};

// One connection to a PostgreSQL server (libpq). Not thread-safe.
class PgConnection {
public:
  // Connect with the libpq connection string or URI `conninfo`. Throws
  // StoreError naming host, port and database (never the password) if it
  // holds a password, StoreUnavailable if the server cannot be reached or
  // refuses. `connect_limit`, when given, is the longest libpq tries each
  // host (connect_timeout, in seconds), whatever `conninfo` says: for a
  // caller that must notice a stop in good time.
  explicit PgConnection(const std::string& conninfo,
                        std::optional<std::chrono::seconds> connect_limit = std::nullopt);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Return what this connection is to, for messages: see PgTarget::display.
  const std::string& name() const { return m_name; }

  // Run `sql` with `params` ($1, $2, ...) and return its result. Throws
  // PgError with the server's message and SQLSTATE if it fails.
  PgResult exec(std::string_view sql, const std::vector<PgParam>& params);

  template <class... Args> PgResult run(std::string_view sql, Args&&... args) {
    return exec(sql, std::vector<PgParam>{to_param(std::forward<Args>(args))...});
  }

  // Run `sql`, which may hold several statements and no parameters (a
  // migration). Throws PgError if one fails.
  void exec_script(std::string_view sql);

  // Return false if the connection to the server is lost.
  bool ok() const;

  // Connect again after a loss, choosing among the hosts of the
  // connection string again (a standby promoted meanwhile is found). Throws
  // StoreUnavailable naming the server if it cannot.
  void reset();

  // The socket, for waiting on notifications (LISTEN) in an event loop.
  int socket() const;

  // Read what the server has sent, without waiting, and return how many
  // notifications (of a LISTEN) it held, each consumed. Throws PgError if
  // the connection failed.
  int take_notifications();

private:
  [[noreturn]] void fail(std::string_view sql, pg_result* result);
  // What every session needs, whatever the server's defaults.
  void set_up_session();

  std::string m_name;
  pg_conn* m_conn = nullptr;
};

} // namespace slate::store::pg
