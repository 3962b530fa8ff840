#include <slate/store/pg_connection.hpp>

#include <libpq-fe.h>

#include <charconv>
#include <memory>

namespace slate::store::pg {
namespace {

// libpq's messages end with a newline and may hold several lines, the
// later ones indented with a tab: one line for a log, single spaces.
std::string trimmed(const char* text) {
  std::string out;
  for (const char* c = text ? text : ""; *c != '\0'; ++c) {
    const bool space = *c == '\n' || *c == '\t' || *c == ' ';
    if (!space) {
      out += *c;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  while (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  return out;
}

std::int64_t parse_int64(std::string_view text, int row, int column) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    throw StoreError("column " + std::to_string(column) + " of row " + std::to_string(row) +
                     " is '" + std::string(text) + "', not an integer");
  }
  return value;
}

// Keep the server's notices (e.g. "table exists, skipping") off stderr: a
// daemon's stderr is its log, and these say nothing to an operator.
void ignore_notice(void*, const char*) {}

} // namespace

PgResult::~PgResult() {
  PQclear(m_result);
}

PgResult& PgResult::operator=(PgResult&& other) noexcept {
  if (this != &other) {
    PQclear(m_result);
    m_result = other.m_result;
    other.m_result = nullptr;
  }
  return *this;
}

int PgResult::rows() const {
  return PQntuples(m_result);
}

std::int64_t PgResult::affected() const {
  const std::string_view text = PQcmdTuples(m_result);
  return text.empty() ? 0 : parse_int64(text, 0, 0);
}

bool PgResult::is_null(int row, int column) const {
  return PQgetisnull(m_result, row, column) != 0;
}

std::string PgResult::text(int row, int column) const {
  return std::string(PQgetvalue(m_result, row, column),
                     static_cast<std::size_t>(PQgetlength(m_result, row, column)));
}

std::int64_t PgResult::int64(int row, int column) const {
  if (is_null(row, column)) {
    throw StoreError("column " + std::to_string(column) + " of row " + std::to_string(row) +
                     " is NULL, not an integer");
  }
  return parse_int64(PQgetvalue(m_result, row, column), row, column);
}

int PgResult::int32(int row, int column) const {
  return static_cast<int>(int64(row, column));
}

std::optional<std::int64_t> PgResult::optional_int64(int row, int column) const {
  if (is_null(row, column)) {
    return std::nullopt;
  }
  return int64(row, column);
}

PgTarget PgTarget::parse(const std::string& conninfo) {
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
      PQconninfoParse(conninfo.c_str(), &error), &PQconninfoFree);
  if (!options) {
    // libpq's message names what is wrong, never the whole string, which
    // may hold a secret.
    const auto message = trimmed(error ? error : "out of memory");
    PQfreemem(error);
    throw StoreError("cannot read the PostgreSQL connection string: " + message);
  }
  PgTarget target;
  for (const auto* option = options.get(); option->keyword != nullptr; ++option) {
    const std::string_view keyword = option->keyword;
    const std::string value = option->val ? option->val : "";
    if (keyword == "password" && !value.empty()) {
      throw StoreError("the PostgreSQL connection string holds a password; put it in a password "
                       "file instead (PGPASSFILE or passfile=, see the README), so that it is in "
                       "no command line or log");
    }
    if (keyword == "host" || (keyword == "hostaddr" && target.host.empty())) {
      target.host = value;
    } else if (keyword == "port") {
      target.port = value;
    } else if (keyword == "dbname") {
      target.dbname = value;
    } else if (keyword == "user") {
      target.user = value;
    }
  }
  return target;
}

std::string PgTarget::display() const {
  std::string out = "postgresql://";
  if (!user.empty()) {
    out += user + "@";
  }
  out += host.empty() ? "(default host)" : host;
  if (!port.empty()) {
    out += ":" + port;
  }
  out += "/" + (dbname.empty() ? std::string("(default database)") : dbname);
  return out;
}

PgConnection::PgConnection(const std::string& conninfo,
                           std::optional<std::chrono::seconds> connect_limit)
    : m_name(PgTarget::parse(conninfo).display()) {
  // Defaults that the URI may override (it is expanded after them): name
  // slated in pg_stat_activity, give up connecting after 10 s rather than
  // the OS's minutes, and have TCP keepalives notice a server or network
  // that went away within about half a minute instead of hours, so that a
  // write fails, and the next one connects again, in good time.
  // A limit the caller gives comes after the URI, so that it wins (libpq
  // takes the last value of a keyword).
  const std::string limit = connect_limit ? std::to_string(connect_limit->count()) : "";
  const char* const keywords[] = {"application_name",
                                  "connect_timeout",
                                  "keepalives",
                                  "keepalives_idle",
                                  "keepalives_interval",
                                  "keepalives_count",
                                  "dbname",
                                  connect_limit ? "connect_timeout" : nullptr,
                                  nullptr};
  const char* const values[] = {"slated",
                                "10",
                                "1",
                                "10",
                                "5",
                                "3",
                                conninfo.c_str(),
                                connect_limit ? limit.c_str() : nullptr,
                                nullptr};
  m_conn = PQconnectdbParams(keywords, values, 1);
  if (m_conn == nullptr) {
    throw StoreError("cannot connect to database " + m_name + ": out of memory");
  }
  if (PQstatus(m_conn) != CONNECTION_OK) {
    const auto message = trimmed(PQerrorMessage(m_conn));
    PQfinish(m_conn);
    m_conn = nullptr;
    throw StoreUnavailable("cannot connect to database " + m_name + ": " + message);
  }
  PQsetNoticeProcessor(m_conn, ignore_notice, nullptr);
  set_up_session();
}

void PgConnection::set_up_session() {
  // Times are integers and text is UTF-8 whatever the server's defaults.
  exec_script("SET client_encoding = 'UTF8'");
}

PgConnection::~PgConnection() {
  PQfinish(m_conn);
}

PgResult PgConnection::exec(std::string_view sql, const std::vector<PgParam>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& param : params) {
    // libpq takes C strings, so a NUL would cut the text short without a
    // word; PostgreSQL's text cannot hold one anyway (SQLite's can).
    if (param && param->find('\0') != std::string::npos) {
      throw PgError("parameter $" + std::to_string(values.size() + 1) +
                        " holds a NUL character, which PostgreSQL text cannot store",
                    "22021");
    }
    values.push_back(param ? param->c_str() : nullptr);
  }
  const std::string text(sql);
  auto* result = PQexecParams(m_conn, text.c_str(), static_cast<int>(values.size()), nullptr,
                              values.data(), nullptr, nullptr, 0);
  const auto status = PQresultStatus(result);
  if (result == nullptr || (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)) {
    fail(sql, result);
  }
  return PgResult(result);
}

void PgConnection::exec_script(std::string_view sql) {
  const std::string text(sql);
  auto* result = PQexec(m_conn, text.c_str());
  const auto status = PQresultStatus(result);
  if (result == nullptr ||
      (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY)) {
    fail(sql, result);
  }
  PQclear(result);
}

bool PgConnection::ok() const {
  return PQstatus(m_conn) == CONNECTION_OK;
}

void PgConnection::reset() {
  // PQreset connects as the first connection did, trying the hosts of the
  // connection string in order again (and target_session_attrs with them),
  // but forgets what the session was SET to.
  PQreset(m_conn);
  if (!ok()) {
    throw StoreUnavailable("cannot connect to database " + m_name +
                           " again: " + trimmed(PQerrorMessage(m_conn)));
  }
  set_up_session();
}

int PgConnection::socket() const {
  return PQsocket(m_conn);
}

int PgConnection::take_notifications() {
  if (PQconsumeInput(m_conn) == 0) {
    throw PgError(trimmed(PQerrorMessage(m_conn)), "");
  }
  int count = 0;
  while (PGnotify* notification = PQnotifies(m_conn)) {
    PQfreemem(notification);
    ++count;
  }
  return count;
}

void PgConnection::fail(std::string_view sql, pg_result* result) {
  std::string sqlstate;
  std::string message;
  if (result != nullptr) {
    const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
    sqlstate = state ? state : "";
    message = trimmed(PQresultErrorMessage(result));
  }
  if (message.empty()) {
    message = trimmed(PQerrorMessage(m_conn));
  }
  PQclear(result);
  auto statement = std::string(sql.substr(0, 60));
  if (sql.size() > 60) {
    statement += "...";
  }
  throw PgError(message + " (in: " + statement + ")", std::move(sqlstate));
}

} // namespace slate::store::pg
