// slated's command line, config file and --check-config.

#include "daemon_fixture.hpp"

#include <support/postgres_cluster.hpp>

#include <slate/store/pg_connection.hpp>
#include <slate/store/store.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <memory>

using slate::test::Daemon;
using slate::test::run_program;
using slate::test::TempDir;

namespace {

std::filesystem::path write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
  return path;
}

// Return the pid of the process holding an fcntl lock on `path`, or 0: the
// test's own view of who holds the database, independent of slated's.
pid_t lock_holder(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) {
    return 0;
  }
  flock lock{};
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  const int got = ::fcntl(fd, F_GETLK, &lock);
  ::close(fd);
  return got == 0 && lock.l_type != F_UNLCK ? lock.l_pid : 0;
}

std::string command_line(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::replace(text.begin(), text.end(), '\0', ' ');
  return text;
}

} // namespace

TEST_CASE("slated --help and --version exit 0") {
  const auto help = run_program(SLATED_BINARY, {"--help"});
  CHECK(help.exit_status == 0);
  for (const char* option : {"--config", "--listen", "--db", "--calendars", "--home-zone",
                             "--check-config", "--log-level", "--version", "--help"}) {
    CAPTURE(option);
    CHECK(help.out.find(option) != std::string::npos);
  }
  CHECK(help.out.find("127.0.0.1:8080") != std::string::npos);
  const auto version = run_program(SLATED_BINARY, {"--version"});
  CHECK(version.exit_status == 0);
  CHECK(version.out.rfind("slated ", 0) == 0);
}

TEST_CASE("slated --check-config accepts the shipped configuration and calendars") {
  const auto run =
      run_program(SLATED_BINARY, {"--config", SLATE_SOURCE_DIR "/etc/slated.conf", "--calendars",
                                  SLATE_SOURCE_DIR "/calendars", "--check-config"});
  CAPTURE(run.err);
  CHECK(run.exit_status == 0);
  CHECK(run.out.find("configuration OK: 6 regions") != std::string::npos);
}

TEST_CASE("slated --check-config reports every bad setting as FILE:LINE: key: problem") {
  TempDir dir;
  const auto config =
      write_file(dir.path() / "slated.conf", "# a comment\n"
                                             "listen = localhost:8080\n"
                                             "home-zone = IST\n"
                                             "\n"
                                             "lisen = 127.0.0.1:1\n"
                                             "log-level = loud  # trailing comment\n"
                                             "http-timeout = 0\n"
                                             "lease = 31\n");
  const auto run = run_program(SLATED_BINARY, {"--config", config.string(), "--check-config"});
  CHECK(run.exit_status == 1);
  const std::string file = config.string();
  CAPTURE(run.err);
  CHECK(run.err.find(file + ":2: listen: 'localhost' is not an IP address") != std::string::npos);
  CHECK(run.err.find(file + ":3: home-zone: 'IST' is not an IANA time zone name") !=
        std::string::npos);
  CHECK(run.err.find(file + ":5: lisen: unknown setting; known settings are listen, db") !=
        std::string::npos);
  CHECK(run.err.find(file + ":6: log-level: 'loud' is not one of error") != std::string::npos);
  CHECK(run.err.find(file + ":7: http-timeout: '0' is not a whole number of seconds") !=
        std::string::npos);
  CHECK(run.err.find(file + ":8: lease: '31' is not a whole number of seconds from 1 to 30") !=
        std::string::npos);
}

TEST_CASE("slated --check-config reports lines that are not settings, and repeats") {
  TempDir dir;
  const auto config =
      write_file(dir.path() / "slated.conf",
                 "[http]\nlisten = 127.0.0.1:1\njust words\nlisten = 127.0.0.1:2\n");
  const auto run = run_program(SLATED_BINARY, {"--config", config.string(), "--check-config"});
  CHECK(run.exit_status == 1);
  const std::string file = config.string();
  CAPTURE(run.err);
  CHECK(run.err.find(file + ":1: expected 'key = value'") != std::string::npos);
  CHECK(run.err.find(file + ":3: expected 'key = value'") != std::string::npos);
  CHECK(run.err.find(file + ":4: listen: set again; it was first set on line 2") !=
        std::string::npos);
}

TEST_CASE("slated's command line wins over the config file, and is checked too") {
  TempDir dir;
  const auto config = write_file(dir.path() / "slated.conf", "home-zone = IST\n");
  const auto fixed =
      run_program(SLATED_BINARY, {"--config", config.string(), "--home-zone", "Europe/London",
                                  "--calendars", SLATE_SOURCE_DIR "/calendars", "--check-config"});
  CAPTURE(fixed.err);
  CHECK(fixed.exit_status == 0);

  const auto bad = run_program(SLATED_BINARY, {"--listen", "127.0.0.1:99999", "--check-config"});
  CHECK(bad.exit_status == 1);
  CHECK(bad.err.find("command line: --listen: port '99999'") != std::string::npos);

  const auto unknown = run_program(SLATED_BINARY, {"--lisen", "1"});
  CHECK(unknown.exit_status == 1);
  CHECK(unknown.err.find("command line: ") == 0);

  const auto missing = run_program(
      SLATED_BINARY, {"--config", (dir.path() / "nope.conf").string(), "--check-config"});
  CHECK(missing.exit_status == 1);
  CHECK(missing.err.find("nope.conf: config: cannot be read") != std::string::npos);
}

TEST_CASE("slated --check-config prints the calendar problems") {
  TempDir dir;
  std::filesystem::create_directory(dir.path() / "calendars");
  write_file(dir.path() / "calendars" / "broken.ics", "BEGIN:VCALENDAR\r\nnonsense\r\n");
  const auto run = run_program(
      SLATED_BINARY, {"--calendars", (dir.path() / "calendars").string(), "--check-config"});
  CHECK(run.exit_status == 1);
  CAPTURE(run.err);
  CHECK(run.err.find("broken.ics:") != std::string::npos);
}

TEST_CASE("slated --check-config names every broken file: calendar, policy and templates") {
  TempDir dir;
  const auto calendars = dir.path() / "calendars";
  std::filesystem::copy(SLATE_SOURCE_DIR "/calendars", calendars);
  const auto templates = dir.path() / "templates";
  std::filesystem::copy(SLATE_SOURCE_DIR "/etc/templates", templates);
  const auto policy = write_file(dir.path() / "policy.toml", "name = \"p\"\nnotice = \"soon\"\n");
  const std::vector<std::string> args{"--calendars",   calendars.string(), "--policy",
                                      policy.string(), "--templates",      templates.string(),
                                      "--check-config"};

  // Each broken file alone, then a broken template beside a broken calendar.
  write_file(templates / "reminder.mustache", "Reminder:\n{{#regions}}{{nmae}}{{/regions}}\n");
  std::filesystem::remove(templates / "cancelled.mustache");
  auto run = run_program(SLATED_BINARY, args);
  CAPTURE(run.err);
  CHECK(run.exit_status == 1);
  CHECK(run.err.find((templates / "reminder.mustache").string() + ":2: unknown variable 'nmae'") !=
        std::string::npos);
  CHECK(run.err.find((templates / "cancelled.mustache").string()) != std::string::npos);
  CHECK(run.err.find("policy.toml:2:") != std::string::npos);

  write_file(calendars / "us.ics", "BEGIN:VCALENDAR\r\nnonsense\r\n");
  run = run_program(SLATED_BINARY, args);
  CAPTURE(run.err);
  CHECK(run.exit_status == 1);
  CHECK(run.err.find("us.ics:") != std::string::npos);
  CHECK(run.err.find("reminder.mustache:2:") != std::string::npos);

  const auto missing = run_program(
      SLATED_BINARY, {"--templates", (dir.path() / "nowhere").string(), "--check-config"});
  CHECK(missing.exit_status == 1);
  CHECK(missing.err.find((dir.path() / "nowhere").string() + ": no such directory") !=
        std::string::npos);
}

TEST_CASE("slated refuses to start on invalid calendars, and on an address in use") {
  TempDir dir;
  const auto empty =
      run_program(SLATED_BINARY, {"--listen", "127.0.0.1:0", "--calendars", dir.path().string(),
                                  "--db", (dir.path() / "db" / "slated.db").string()});
  CHECK(empty.exit_status == 1);
  CHECK(empty.err.find("<3>slated: cannot start") != std::string::npos);

  Daemon daemon;
  const auto clash =
      run_program(SLATED_BINARY, {"--listen", "127.0.0.1:" + std::to_string(daemon.process.port()),
                                  "--calendars", SLATE_SOURCE_DIR "/calendars", "--db",
                                  (dir.path() / "db" / "slated.db").string()});
  CHECK(clash.exit_status == 2);
  CHECK(clash.err.find("cannot listen on 127.0.0.1:") != std::string::npos);
}

TEST_CASE("slated refuses an SQLite database another slated serves, naming its process") {
  TempDir dir;
  const auto db = dir.path() / "var" / "slated.db";
  const std::vector<std::string> args{"--listen",    "127.0.0.1:0",
                                      "--calendars", SLATE_SOURCE_DIR "/calendars",
                                      "--policy",    SLATE_SOURCE_DIR "/etc/policies/uniphore.toml",
                                      "--db",        db.string()};
  auto first = std::make_unique<slate::test::SlatedProcess>(SLATED_BINARY, args);
  const auto first_pid = lock_holder(db.string() + ".lock");
  REQUIRE(first_pid > 0);
  // The holder is that daemon: a slated on this database.
  CHECK(command_line(first_pid).find(db.string()) != std::string::npos);

  const auto second = run_program(SLATED_BINARY, args);
  CAPTURE(second.err);
  CHECK(second.exit_status == 1);
  CHECK(second.err.find("<3>slated: cannot start: database " + db.string() +
                        " is in use by process " + std::to_string(first_pid) + " ") !=
        std::string::npos);
  CHECK(second.err.find("listening on") == std::string::npos);

  // The lock goes with the process that held it, and the file serves again.
  CHECK(first->stop() == 0);
  first.reset();
  CHECK(lock_holder(db.string() + ".lock") == 0);
  slate::test::SlatedProcess third(SLATED_BINARY, args);
  CHECK(third.port() > 0);
  const auto third_pid = lock_holder(db.string() + ".lock");
  CHECK(third_pid != first_pid);
  const auto fourth = run_program(SLATED_BINARY, args);
  CHECK(fourth.exit_status == 1);
  CHECK(fourth.err.find("is in use by process " + std::to_string(third_pid) + " ") !=
        std::string::npos);
}

TEST_CASE("slated creates the directory of its database") {
  Daemon daemon;
  CHECK(std::filesystem::is_directory(daemon.state.path() / "var"));
}

namespace {

slate::test::ProgramRun check_db(const std::string& db) {
  return run_program(SLATED_BINARY,
                     {"--calendars", SLATE_SOURCE_DIR "/calendars", "--db", db, "--check-config"});
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("slated --check-config reads an SQLite database's schema version without changing it") {
  TempDir dir;
  const auto db = (dir.path() / "data" / "slated.db").string();
  const auto current = std::to_string(slate::store::current_schema_version());

  // Missing: said so, and neither the file, its directory nor a lock made.
  auto run = check_db(db);
  CAPTURE(run.out);
  CAPTURE(run.err);
  CHECK(run.exit_status == 0);
  CHECK(contains(run.out, "slated: database " + db +
                              " does not exist yet; slated would create it at schema version " +
                              current + "\n"));
  CHECK_FALSE(std::filesystem::exists(dir.path() / "data"));

  // At an older version (as SQLite says it is): it would be upgraded, and
  // is not, and no lock file appears.
  std::filesystem::create_directory(dir.path() / "data");
  {
    SQLite::Database file(db, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    file.exec("PRAGMA user_version = 1");
  }
  run = check_db(db);
  CHECK(run.exit_status == 0);
  CHECK(contains(run.out, "slated: database " + db +
                              " would be upgraded from schema version 1 to " + current + "\n"));
  CHECK(SQLite::Database(db).execAndGet("PRAGMA user_version").getInt() == 1);
  CHECK_FALSE(std::filesystem::exists(db + ".lock"));

  // Current, and held by a process (this one, through its store): a
  // warning naming it, since a second slated could not start on it.
  std::filesystem::remove(db);
  {
    const auto store = slate::store::open_sqlite_store(db);
    run = check_db(db);
    CHECK(run.exit_status == 0);
    CHECK(contains(run.out,
                   "slated: database " + db + " at schema version " + current + " (current)\n"));
    CHECK(contains(run.out, "slated: warning: database " + db + " is in use by process " +
                                std::to_string(::getpid()) + " (it holds " + db + ".lock)"));
  }
  run = check_db(db);
  CHECK(run.exit_status == 0);
  CHECK_FALSE(contains(run.out, "in use"));

  // Newer than this slated, or no database at all: refused, naming why.
  {
    SQLite::Database file(db, SQLite::OPEN_READWRITE);
    file.exec("PRAGMA user_version = 999");
  }
  run = check_db(db);
  CHECK(run.exit_status == 1);
  CHECK(
      contains(run.err, "db: database " + db + " has schema version 999, newer than this slated"));
  CHECK_FALSE(contains(run.out, "configuration OK"));
  write_file(db, "not a database, just text that is long enough to fill a header page\n");
  run = check_db(db);
  CHECK(run.exit_status == 1);
  CHECK(contains(run.err, "db: cannot open database " + db + ": "));
}

TEST_CASE("slated --check-config connects to a PostgreSQL database and reads its schema version, "
          "without migrating") {
  auto& cluster = slate::test::shared_postgres_cluster();
  const auto uri = cluster.create_database();
  const auto name = slate::store::pg::PgTarget::parse(uri).display();
  const auto current = std::to_string(slate::store::current_schema_version());

  // Empty: it would be set up from version 0, and is not.
  auto run = check_db(uri);
  CAPTURE(run.out);
  CAPTURE(run.err);
  CHECK(run.exit_status == 0);
  CHECK(contains(run.out, "slated: database " + name +
                              " would be upgraded from schema version 0 to " + current + "\n"));
  {
    slate::store::pg::PgConnection db(uri);
    CHECK(db.run("SELECT to_regclass('slated_schema') IS NULL").text(0, 0) == "t");
  }

  // Current once a slated has opened it.
  slate::store::open_postgresql_store(uri).reset();
  run = check_db(uri);
  CHECK(run.exit_status == 0);
  CHECK(contains(run.out,
                 "slated: database " + name + " at schema version " + current + " (current)\n"));

  // Newer than this slated: refused.
  {
    slate::store::pg::PgConnection db(uri);
    db.exec_script("UPDATE slated_schema SET version = 999");
  }
  run = check_db(uri);
  CHECK(run.exit_status == 1);
  CHECK(contains(run.err, "db: database " + name + " has schema version 999, newer than this"));

  // A password in the URI: refused, and the password is not repeated.
  run = check_db("postgresql://slated:hunter2@127.0.0.1:" + std::to_string(cluster.port()) +
                 "/slated");
  CHECK(run.exit_status == 1);
  CHECK(contains(run.err, "db: "));
  CHECK(contains(run.err, "password"));
  CHECK_FALSE(contains(run.err, "hunter2"));

  // Unreachable: nothing listens on port 1.
  run = check_db("postgresql://127.0.0.1:1/slated");
  CHECK(run.exit_status == 1);
  CHECK(contains(run.err, "db: "));
  CHECK(contains(run.err, "127.0.0.1"));
  CHECK_FALSE(contains(run.out, "configuration OK"));
}
