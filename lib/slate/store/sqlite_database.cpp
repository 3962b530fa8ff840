#include <slate/store/database.hpp>
#include <slate/store/migrations.hpp>
#include <slate/store/sqlite_connection.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <unordered_map>
#include <utility>

namespace slate::store {

namespace {

using domain::Instant;

std::int64_t to_seconds(Instant t) {
  return static_cast<std::int64_t>(t.time_since_epoch().count());
}

Instant to_instant(std::int64_t seconds) {
  return Instant{domain::Seconds{seconds}};
}

void bind_instant(SQLite::Statement& statement, int index, Instant t) {
  statement.bind(index, to_seconds(t));
}

void bind_optional_instant(SQLite::Statement& statement, int index,
                           const std::optional<Instant>& t) {
  if (t) {
    bind_instant(statement, index, *t);
  } else {
    statement.bind(index);
  }
}

Instant column_instant(const SQLite::Column& column) {
  return to_instant(column.getInt64());
}

std::optional<Instant> column_optional_instant(const SQLite::Column& column) {
  if (column.isNull()) {
    return std::nullopt;
  }
  return column_instant(column);
}

std::string subject(std::string_view kind, std::int64_t id) {
  return std::string(kind) + "/" + std::to_string(id);
}

// The ordered strings (regions, services) of each owner, read with `sql`,
// which selects (owner id, value) ordered by owner and position.
std::unordered_map<std::int64_t, std::vector<std::string>> load_lists(SQLite::Database& db,
                                                                      const char* sql) {
  std::unordered_map<std::int64_t, std::vector<std::string>> lists;
  SQLite::Statement query(db, sql);
  while (query.executeStep()) {
    lists[query.getColumn(0).getInt64()].push_back(query.getColumn(1).getString());
  }
  return lists;
}

// Insert `values` for `owner` with `sql`, which takes (owner id, value,
// position); the position keeps their order.
void insert_list(SQLite::Database& db, const char* sql, std::int64_t owner,
                 const std::vector<std::string>& values) {
  SQLite::Statement insert(db, sql);
  std::int64_t position = 0;
  for (const auto& value : values) {
    insert.bind(1, owner);
    insert.bind(2, value);
    insert.bind(3, position++);
    insert.exec();
    insert.reset();
  }
}

void insert_audit(SQLite::Database& db, const AuditEntry& audit) {
  SQLite::Statement insert(db, "INSERT INTO audit_log (at, actor, action, subject, before, after) "
                               "VALUES (?, ?, ?, ?, ?, ?)");
  bind_instant(insert, 1, audit.at);
  insert.bind(2, audit.actor);
  insert.bind(3, audit.action);
  insert.bind(4, audit.subject);
  insert.bind(5, audit.before);
  insert.bind(6, audit.after);
  insert.exec();
}

// A second record with the same (key, actor) violates the primary key, so
// two racing requests with one Idempotency-Key cannot both create something.
void insert_idempotency(SQLite::Database& db, const IdempotencyRecord& record) {
  SQLite::Statement insert(
      db, "INSERT INTO idempotency (key, actor, fingerprint, resource, created_at) "
          "VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, record.key);
  insert.bind(2, record.actor);
  insert.bind(3, record.fingerprint);
  insert.bind(4, record.resource);
  bind_instant(insert, 5, record.created_at);
  insert.exec();
}

// Bind every column of `m` but its id, in the order of the maintenances
// table, to parameters 1..15.
void bind_maintenance(SQLite::Statement& statement, const domain::Maintenance& m) {
  statement.bind(1, std::string(domain::to_string(m.kind)));
  statement.bind(2, std::string(domain::to_string(m.state)));
  statement.bind(3, m.title);
  statement.bind(4, m.message);
  bind_instant(statement, 5, m.booked.start);
  bind_instant(statement, 6, m.booked.end);
  bind_instant(statement, 7, m.end);
  bind_instant(statement, 8, m.announced_at);
  bind_optional_instant(statement, 9, m.started_at);
  bind_optional_instant(statement, 10, m.finished_at);
  bind_instant(statement, 11, m.updated_at);
  statement.bind(12, m.sequence);
  statement.bind(13, m.created_by);
  statement.bind(14, m.disruptive ? 1 : 0);
  statement.bind(15, m.imported ? 1 : 0);
}

// Bind every column of `o` but its id to parameters 1..9, in the order of
// k_insert_outage.
void bind_outage(SQLite::Statement& statement, const domain::Outage& o) {
  statement.bind(1, o.service);
  bind_instant(statement, 2, o.start);
  bind_optional_instant(statement, 3, o.end);
  statement.bind(4, std::string(domain::to_string(o.impact)));
  statement.bind(5, std::string(domain::to_string(o.cause)));
  statement.bind(6, o.description);
  bind_instant(statement, 7, o.created_at);
  statement.bind(8, o.created_by);
  statement.bind(9, o.imported ? 1 : 0);
}

constexpr const char* k_insert_maintenance_region =
    "INSERT INTO maintenance_regions (maintenance_id, region, position) VALUES (?, ?, ?)";
constexpr const char* k_insert_maintenance_service =
    "INSERT INTO maintenance_services (maintenance_id, service, position) VALUES (?, ?, ?)";
constexpr const char* k_insert_blackout_region =
    "INSERT INTO blackout_regions (blackout_id, region, position) VALUES (?, ?, ?)";
constexpr const char* k_insert_outage_region =
    "INSERT INTO outage_regions (outage_id, region, position) VALUES (?, ?, ?)";
constexpr const char* k_insert_maintenance =
    "INSERT INTO maintenances (kind, state, title, message, booked_start, booked_end, end_at, "
    "announced_at, started_at, finished_at, updated_at, sequence, created_by, disruptive, "
    "imported) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* k_insert_outage =
    "INSERT INTO outages (service, start_at, end_at, impact, cause, description, created_at, "
    "created_by, imported) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

// Insert `maintenance` and its lists with the prepared `insert`
// (k_insert_maintenance) and return its new id.
std::int64_t insert_maintenance_rows(SQLite::Database& db, SQLite::Statement& insert,
                                     const domain::Maintenance& maintenance) {
  bind_maintenance(insert, maintenance);
  insert.exec();
  insert.reset();
  const auto id = db.getLastInsertRowid();
  insert_list(db, k_insert_maintenance_region, id, maintenance.regions);
  insert_list(db, k_insert_maintenance_service, id, maintenance.services);
  return id;
}

std::int64_t insert_outage_rows(SQLite::Database& db, SQLite::Statement& insert,
                                const domain::Outage& outage) {
  bind_outage(insert, outage);
  insert.exec();
  insert.reset();
  const auto id = db.getLastInsertRowid();
  insert_list(db, k_insert_outage_region, id, outage.regions);
  return id;
}

bool read_flag(const SQLite::Column& column) {
  return column.getInt() != 0;
}

// One connection to one SQLite file. Not thread-safe: the app layer
// serialises writes and must not call it from two threads at once.
class SqliteDatabase final : public Database, private SqliteConnection {
public:
  explicit SqliteDatabase(const std::filesystem::path& path) : SqliteConnection(path) {}

  int schema_version() override {
    return in_read_transaction("read the schema version",
                               [&] { return stored_schema_version(m_db); });
  }

  std::vector<domain::Maintenance> load_maintenances() override {
    return in_read_transaction("load maintenances", [&] {
      auto regions = load_lists(m_db, "SELECT maintenance_id, region FROM maintenance_regions "
                                      "ORDER BY maintenance_id, position");
      auto services = load_lists(m_db, "SELECT maintenance_id, service FROM maintenance_services "
                                       "ORDER BY maintenance_id, position");
      std::vector<domain::Maintenance> maintenances;
      SQLite::Statement query(
          m_db, "SELECT id, kind, state, title, message, booked_start, booked_end, end_at, "
                "announced_at, started_at, finished_at, updated_at, sequence, created_by, "
                "disruptive, imported FROM maintenances ORDER BY id");
      while (query.executeStep()) {
        domain::Maintenance m;
        m.id = query.getColumn(0).getInt64();
        const auto kind_text = query.getColumn(1).getString();
        const auto state_text = query.getColumn(2).getString();
        const auto kind = domain::parse_maintenance_kind(kind_text);
        const auto state = domain::parse_maintenance_state(state_text);
        if (!kind || !state) {
          throw StoreError("maintenance " + std::to_string(m.id) + " has unknown kind '" +
                           kind_text + "' or state '" + state_text + "'");
        }
        m.kind = *kind;
        m.state = *state;
        m.title = query.getColumn(3).getString();
        m.message = query.getColumn(4).getString();
        m.booked = {column_instant(query.getColumn(5)), column_instant(query.getColumn(6))};
        m.end = column_instant(query.getColumn(7));
        m.announced_at = column_instant(query.getColumn(8));
        m.started_at = column_optional_instant(query.getColumn(9));
        m.finished_at = column_optional_instant(query.getColumn(10));
        m.updated_at = column_instant(query.getColumn(11));
        m.sequence = query.getColumn(12).getInt();
        m.created_by = query.getColumn(13).getString();
        m.disruptive = read_flag(query.getColumn(14));
        m.imported = read_flag(query.getColumn(15));
        if (auto it = regions.find(m.id); it != regions.end()) {
          m.regions = std::move(it->second);
        }
        if (auto it = services.find(m.id); it != services.end()) {
          m.services = std::move(it->second);
        }
        maintenances.push_back(std::move(m));
      }
      return maintenances;
    });
  }

  std::vector<domain::Blackout> load_blackouts() override {
    return in_read_transaction("load blackouts", [&] {
      auto regions = load_lists(m_db, "SELECT blackout_id, region FROM blackout_regions "
                                      "ORDER BY blackout_id, position");
      std::vector<domain::Blackout> blackouts;
      SQLite::Statement query(m_db, "SELECT id, period_start, period_end, reason, created_at, "
                                    "created_by FROM blackouts ORDER BY id");
      while (query.executeStep()) {
        domain::Blackout b;
        b.id = query.getColumn(0).getInt64();
        b.period = {column_instant(query.getColumn(1)), column_instant(query.getColumn(2))};
        b.reason = query.getColumn(3).getString();
        b.created_at = column_instant(query.getColumn(4));
        b.created_by = query.getColumn(5).getString();
        if (auto it = regions.find(b.id); it != regions.end()) {
          b.regions = std::move(it->second);
        }
        blackouts.push_back(std::move(b));
      }
      return blackouts;
    });
  }

  domain::Maintenance
  insert_maintenance(domain::Maintenance maintenance, AuditEntry audit,
                     const std::function<std::string(const domain::Maintenance&)>& render_after,
                     std::optional<IdempotencyRecord> idempotency) override {
    in_write_transaction("insert a maintenance", [&] {
      SQLite::Statement insert(m_db, k_insert_maintenance);
      const auto id = insert_maintenance_rows(m_db, insert, maintenance);
      maintenance.id = id;
      audit.subject = subject("maintenance", id);
      audit.after = render_after(maintenance);
      insert_audit(m_db, audit);
      if (idempotency) {
        idempotency->resource = audit.subject;
        insert_idempotency(m_db, *idempotency);
      }
    });
    return maintenance;
  }

  void update_maintenance(const domain::Maintenance& maintenance,
                          const AuditEntry& audit) override {
    in_write_transaction("update maintenance " + std::to_string(maintenance.id), [&] {
      SQLite::Statement update(
          m_db, "UPDATE maintenances SET kind = ?, state = ?, title = ?, message = ?, "
                "booked_start = ?, booked_end = ?, end_at = ?, announced_at = ?, started_at = ?, "
                "finished_at = ?, updated_at = ?, sequence = ?, created_by = ?, disruptive = ?, "
                "imported = ? WHERE id = ?");
      bind_maintenance(update, maintenance);
      update.bind(16, maintenance.id);
      if (update.exec() == 0) {
        throw StoreError("there is no maintenance " + std::to_string(maintenance.id));
      }
      // Replacing the lists is simpler than diffing them, and they are short.
      SQLite::Statement delete_regions(m_db,
                                       "DELETE FROM maintenance_regions WHERE maintenance_id = ?");
      delete_regions.bind(1, maintenance.id);
      delete_regions.exec();
      SQLite::Statement delete_services(
          m_db, "DELETE FROM maintenance_services WHERE maintenance_id = ?");
      delete_services.bind(1, maintenance.id);
      delete_services.exec();
      insert_list(m_db, k_insert_maintenance_region, maintenance.id, maintenance.regions);
      insert_list(m_db, k_insert_maintenance_service, maintenance.id, maintenance.services);
      insert_audit(m_db, audit);
    });
  }

  domain::Blackout
  insert_blackout(domain::Blackout blackout, AuditEntry audit,
                  const std::function<std::string(const domain::Blackout&)>& render_after,
                  std::optional<IdempotencyRecord> idempotency) override {
    in_write_transaction("insert a blackout", [&] {
      SQLite::Statement insert(m_db, "INSERT INTO blackouts (period_start, period_end, reason, "
                                     "created_at, created_by) VALUES (?, ?, ?, ?, ?)");
      bind_instant(insert, 1, blackout.period.start);
      bind_instant(insert, 2, blackout.period.end);
      insert.bind(3, blackout.reason);
      bind_instant(insert, 4, blackout.created_at);
      insert.bind(5, blackout.created_by);
      insert.exec();
      const auto id = m_db.getLastInsertRowid();
      insert_list(m_db, k_insert_blackout_region, id, blackout.regions);
      blackout.id = id;
      audit.subject = subject("blackout", id);
      audit.after = render_after(blackout);
      insert_audit(m_db, audit);
      if (idempotency) {
        idempotency->resource = audit.subject;
        insert_idempotency(m_db, *idempotency);
      }
    });
    return blackout;
  }

  void delete_blackout(std::int64_t id, const AuditEntry& audit) override {
    in_write_transaction("delete blackout " + std::to_string(id), [&] {
      // Its regions go with it (ON DELETE CASCADE).
      SQLite::Statement erase(m_db, "DELETE FROM blackouts WHERE id = ?");
      erase.bind(1, id);
      if (erase.exec() == 0) {
        throw StoreError("there is no blackout " + std::to_string(id));
      }
      insert_audit(m_db, audit);
    });
  }

  std::vector<domain::Outage> load_outages() override {
    return in_read_transaction("load outages", [&] {
      auto regions = load_lists(m_db, "SELECT outage_id, region FROM outage_regions "
                                      "ORDER BY outage_id, position");
      std::vector<domain::Outage> outages;
      SQLite::Statement query(m_db, "SELECT id, service, start_at, end_at, impact, cause, "
                                    "description, created_at, created_by, imported "
                                    "FROM outages ORDER BY id");
      while (query.executeStep()) {
        domain::Outage o;
        o.id = query.getColumn(0).getInt64();
        o.service = query.getColumn(1).getString();
        o.start = column_instant(query.getColumn(2));
        o.end = column_optional_instant(query.getColumn(3));
        const auto impact_text = query.getColumn(4).getString();
        const auto cause_text = query.getColumn(5).getString();
        const auto impact = domain::parse_outage_impact(impact_text);
        const auto cause = domain::parse_outage_cause(cause_text);
        if (!impact || !cause) {
          throw StoreError("outage " + std::to_string(o.id) + " has unknown impact '" +
                           impact_text + "' or cause '" + cause_text + "'");
        }
        o.impact = *impact;
        o.cause = *cause;
        o.description = query.getColumn(6).getString();
        o.created_at = column_instant(query.getColumn(7));
        o.created_by = query.getColumn(8).getString();
        o.imported = read_flag(query.getColumn(9));
        if (auto it = regions.find(o.id); it != regions.end()) {
          o.regions = std::move(it->second);
        }
        outages.push_back(std::move(o));
      }
      return outages;
    });
  }

  domain::Outage
  insert_outage(domain::Outage outage, AuditEntry audit,
                const std::function<std::string(const domain::Outage&)>& render_after,
                std::optional<IdempotencyRecord> idempotency) override {
    in_write_transaction("insert an outage", [&] {
      SQLite::Statement insert(m_db, k_insert_outage);
      outage.id = insert_outage_rows(m_db, insert, outage);
      audit.subject = subject("outage", outage.id);
      audit.after = render_after(outage);
      insert_audit(m_db, audit);
      if (idempotency) {
        idempotency->resource = audit.subject;
        insert_idempotency(m_db, *idempotency);
      }
    });
    return outage;
  }

  void update_outage(const domain::Outage& outage, const AuditEntry& audit) override {
    in_write_transaction("update outage " + std::to_string(outage.id), [&] {
      SQLite::Statement update(m_db, "UPDATE outages SET service = ?, start_at = ?, end_at = ?, "
                                     "impact = ?, cause = ?, description = ?, created_at = ?, "
                                     "created_by = ?, imported = ? WHERE id = ?");
      bind_outage(update, outage);
      update.bind(10, outage.id);
      if (update.exec() == 0) {
        throw StoreError("there is no outage " + std::to_string(outage.id));
      }
      SQLite::Statement delete_regions(m_db, "DELETE FROM outage_regions WHERE outage_id = ?");
      delete_regions.bind(1, outage.id);
      delete_regions.exec();
      insert_list(m_db, k_insert_outage_region, outage.id, outage.regions);
      insert_audit(m_db, audit);
    });
  }

  History
  import_history(History history, const AuditEntry& audit,
                 const std::function<std::string(const domain::Maintenance&)>& render_maintenance,
                 const std::function<std::string(const domain::Outage&)>& render_outage,
                 std::optional<IdempotencyRecord> idempotency) override {
    in_write_transaction("import history", [&] {
      // The idempotency resource names the ids as ranges; a gap (another
      // writer in between, which the write lock rules out) would make it lie.
      const auto next = [](std::int64_t& last, std::int64_t id, const char* what) {
        if (last != 0 && id != last + 1) {
          throw StoreError(std::string("the ids of imported ") + what + " are not consecutive");
        }
        last = id;
      };
      std::int64_t previous = 0;
      SQLite::Statement insert_m(m_db, k_insert_maintenance);
      for (auto& maintenance : history.maintenances) {
        maintenance.id = insert_maintenance_rows(m_db, insert_m, maintenance);
        next(previous, maintenance.id, "maintenances");
        AuditEntry entry = audit;
        entry.subject = subject("maintenance", maintenance.id);
        entry.after = render_maintenance(maintenance);
        insert_audit(m_db, entry);
      }
      previous = 0;
      SQLite::Statement insert_o(m_db, k_insert_outage);
      for (auto& outage : history.outages) {
        outage.id = insert_outage_rows(m_db, insert_o, outage);
        next(previous, outage.id, "outages");
        AuditEntry entry = audit;
        entry.subject = subject("outage", outage.id);
        entry.after = render_outage(outage);
        insert_audit(m_db, entry);
      }
      if (idempotency) {
        idempotency->resource = import_resource(history);
        insert_idempotency(m_db, *idempotency);
      }
    });
    return history;
  }

  std::optional<IdempotencyRecord> find_idempotency(const std::string& key,
                                                    const std::string& actor) override {
    return in_read_transaction(
        "find an idempotency key", [&]() -> std::optional<IdempotencyRecord> {
          SQLite::Statement query(m_db, "SELECT fingerprint, resource, created_at FROM idempotency "
                                        "WHERE key = ? AND actor = ?");
          query.bind(1, key);
          query.bind(2, actor);
          if (!query.executeStep()) {
            return std::nullopt;
          }
          return IdempotencyRecord{key, actor, query.getColumn(0).getString(),
                                   query.getColumn(1).getString(),
                                   column_instant(query.getColumn(2))};
        });
  }

  std::vector<AuditEntry> audit_log(std::size_t limit) override {
    return in_read_transaction("read the audit log", [&] {
      constexpr auto k_max = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
      SQLite::Statement query(m_db, "SELECT id, at, actor, action, subject, before, after "
                                    "FROM audit_log ORDER BY id DESC LIMIT ?");
      query.bind(1, static_cast<std::int64_t>(std::min(limit, k_max)));
      std::vector<AuditEntry> entries;
      while (query.executeStep()) {
        entries.push_back(AuditEntry{query.getColumn(0).getInt64(),
                                     column_instant(query.getColumn(1)),
                                     query.getColumn(2).getString(), query.getColumn(3).getString(),
                                     query.getColumn(4).getString(), query.getColumn(5).getString(),
                                     query.getColumn(6).getString()});
      }
      return entries;
    });
  }
};

} // namespace

std::string import_resource(const History& history) {
  const auto range = [](const auto& items) {
    return std::to_string(items.empty() ? 0 : items.front().id) + "/" +
           std::to_string(items.size());
  };
  return "import/" + range(history.maintenances) + "/" + range(history.outages);
}

std::optional<ImportRanges> parse_import_resource(const std::string& resource) {
  constexpr std::string_view prefix = "import/";
  if (resource.rfind(prefix, 0) != 0) {
    return std::nullopt;
  }
  std::int64_t numbers[4] = {0, 0, 0, 0};
  const char* at = resource.data() + prefix.size();
  const char* const end = resource.data() + resource.size();
  for (int i = 0; i < 4; ++i) {
    const auto [stop, error] = std::from_chars(at, end, numbers[i]);
    if (error != std::errc() || numbers[i] < 0 ||
        (i < 3 ? stop == end || *stop != '/' : stop != end)) {
      return std::nullopt;
    }
    at = stop + (i < 3 ? 1 : 0);
  }
  return ImportRanges{numbers[0], numbers[1], numbers[2], numbers[3]};
}

std::unique_ptr<Database> open_sqlite_database(const std::filesystem::path& path) {
  const auto name = path.string();
  if (path.has_parent_path()) {
    std::error_code error;
    std::filesystem::create_directories(path.parent_path(), error);
    if (error) {
      throw StoreError("cannot create the directory of database " + name + ": " + error.message());
    }
  }
  try {
    return std::make_unique<SqliteDatabase>(path);
  } catch (const StoreError&) {
    throw; // already names the database
  } catch (const std::exception& e) {
    throw StoreError("cannot open database " + name + ": " + e.what());
  }
}

} // namespace slate::store
