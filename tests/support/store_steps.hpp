#pragma once

// The steps the app takes through a store::Store, each one write or read
// transaction, as the store tests drive them: an insert with its audit
// entry and idempotency record, an update with its audit entry, a load.
// The app's Writer composes its transactions the same way (app/writer.cpp);
// these helpers let the store tests say "insert this maintenance" in one
// line against any backend.

#include <slate/app/history_import.hpp>
#include <slate/store/store.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace slate::test {

class StoreSteps {
public:
  explicit StoreSteps(std::unique_ptr<store::Store> store) : m_store(std::move(store)) {}

  store::Store& store() { return *m_store; }
  int schema_version() { return m_store->schema_version(); }

  std::vector<domain::Maintenance> load_maintenances() {
    std::vector<domain::Maintenance> out;
    m_store->read("load maintenances",
                  [&](store::Transaction& t) { out = t.maintenances().load(); });
    return out;
  }
  std::vector<domain::Blackout> load_blackouts() {
    std::vector<domain::Blackout> out;
    m_store->read("load blackouts", [&](store::Transaction& t) { out = t.blackouts().load(); });
    return out;
  }
  std::vector<domain::Outage> load_outages() {
    std::vector<domain::Outage> out;
    m_store->read("load outages", [&](store::Transaction& t) { out = t.outages().load(); });
    return out;
  }
  std::vector<store::AuditEntry> audit_log(std::size_t limit) {
    std::vector<store::AuditEntry> out;
    m_store->read("read the audit log",
                  [&](store::Transaction& t) { out = t.audit_log().newest(limit); });
    return out;
  }
  std::optional<store::IdempotencyRecord> find_idempotency(const std::string& key,
                                                           const std::string& actor) {
    std::optional<store::IdempotencyRecord> out;
    m_store->read("find an idempotency key",
                  [&](store::Transaction& t) { out = t.idempotency().find(key, actor); });
    return out;
  }

  // Insert `thing` with its audit entry (subject "KIND/ID", `after` from
  // `render_after`) and, given one, its idempotency record naming it.
  template <class T, class Insert>
  T insert(const char* kind, T thing, store::AuditEntry audit,
           const std::function<std::string(const T&)>& render_after,
           std::optional<store::IdempotencyRecord> idempotency, Insert insert_rows) {
    m_store->write(std::string("insert a ") + kind, [&](store::Transaction& t) {
      thing.id = insert_rows(t, thing);
      audit.subject = std::string(kind) + "/" + std::to_string(thing.id);
      audit.after = render_after(thing);
      t.audit_log().append(audit);
      if (idempotency) {
        idempotency->resource = audit.subject;
        t.idempotency().insert(*idempotency);
      }
    });
    return thing;
  }

  domain::Maintenance
  insert_maintenance(domain::Maintenance m, store::AuditEntry audit,
                     const std::function<std::string(const domain::Maintenance&)>& render_after,
                     std::optional<store::IdempotencyRecord> idempotency) {
    return insert<domain::Maintenance>("maintenance", std::move(m), std::move(audit), render_after,
                                       std::move(idempotency),
                                       [](store::Transaction& t, const domain::Maintenance& x) {
                                         return t.maintenances().insert(x);
                                       });
  }
  domain::Blackout
  insert_blackout(domain::Blackout b, store::AuditEntry audit,
                  const std::function<std::string(const domain::Blackout&)>& render_after,
                  std::optional<store::IdempotencyRecord> idempotency) {
    return insert<domain::Blackout>(
        "blackout", std::move(b), std::move(audit), render_after, std::move(idempotency),
        [](store::Transaction& t, const domain::Blackout& x) { return t.blackouts().insert(x); });
  }
  domain::Outage
  insert_outage(domain::Outage o, store::AuditEntry audit,
                const std::function<std::string(const domain::Outage&)>& render_after,
                std::optional<store::IdempotencyRecord> idempotency) {
    return insert<domain::Outage>(
        "outage", std::move(o), std::move(audit), render_after, std::move(idempotency),
        [](store::Transaction& t, const domain::Outage& x) { return t.outages().insert(x); });
  }

  void update_maintenance(const domain::Maintenance& m, const store::AuditEntry& audit) {
    m_store->write("update maintenance " + std::to_string(m.id), [&](store::Transaction& t) {
      t.maintenances().update(m);
      t.audit_log().append(audit);
    });
  }
  void update_outage(const domain::Outage& o, const store::AuditEntry& audit) {
    m_store->write("update outage " + std::to_string(o.id), [&](store::Transaction& t) {
      t.outages().update(o);
      t.audit_log().append(audit);
    });
  }
  void delete_blackout(std::int64_t id, const store::AuditEntry& audit) {
    m_store->write("delete blackout " + std::to_string(id), [&](store::Transaction& t) {
      t.blackouts().remove(id);
      t.audit_log().append(audit);
    });
  }

  // Insert everything in `history` in one transaction with one audit entry
  // per item, as app::import_history commits it.
  app::History
  import_history(app::History history, const store::AuditEntry& audit,
                 const std::function<std::string(const domain::Maintenance&)>& render_maintenance,
                 const std::function<std::string(const domain::Outage&)>& render_outage,
                 std::optional<store::IdempotencyRecord> idempotency) {
    m_store->write("import history", [&](store::Transaction& t) {
      for (auto& m : history.maintenances) {
        m.id = t.maintenances().insert(m);
        auto entry = audit;
        entry.subject = "maintenance/" + std::to_string(m.id);
        entry.after = render_maintenance(m);
        t.audit_log().append(entry);
      }
      for (auto& o : history.outages) {
        o.id = t.outages().insert(o);
        auto entry = audit;
        entry.subject = "outage/" + std::to_string(o.id);
        entry.after = render_outage(o);
        t.audit_log().append(entry);
      }
      if (idempotency) {
        idempotency->resource = app::import_resource(history);
        t.idempotency().insert(*idempotency);
      }
    });
    return history;
  }

private:
  std::unique_ptr<store::Store> m_store;
};

// The outbox's methods, each in its own transaction, as the daemon's
// notifier calls them.
class OutboxSteps {
public:
  explicit OutboxSteps(std::unique_ptr<store::Store> store) : m_store(std::move(store)) {}

  bool add(const store::OutboxNotification& notification,
           const std::vector<store::OutboxDelivery>& deliveries) {
    bool added = false;
    m_store->write("add a notification", [&](store::Transaction& t) {
      added = t.outbox().add(notification, deliveries);
    });
    return added;
  }
  std::vector<std::string> event_ids_due_since(domain::Instant since) {
    std::vector<std::string> out;
    m_store->read("read notification ids",
                  [&](store::Transaction& t) { out = t.outbox().event_ids_due_since(since); });
    return out;
  }
  std::optional<store::PendingDelivery> claim_next(const std::string& subscriber,
                                                   const store::DeliveryClaim& claim) {
    std::optional<store::PendingDelivery> out;
    m_store->write("claim a delivery",
                   [&](store::Transaction& t) { out = t.outbox().claim_next(subscriber, claim); });
    return out;
  }
  bool record_delivered(const store::DeliveryAttempt& attempt) {
    bool recorded = false;
    m_store->write("record a delivery",
                   [&](store::Transaction& t) { recorded = t.outbox().record_delivered(attempt); });
    return recorded;
  }
  bool record_failure(const store::DeliveryAttempt& attempt, const std::string& error,
                      std::optional<domain::Instant> retry_at) {
    bool recorded = false;
    m_store->write("record a failed delivery", [&](store::Transaction& t) {
      recorded = t.outbox().record_failure(attempt, error, retry_at);
    });
    return recorded;
  }
  // Run `work` inside a write transaction of this connection, as a replica
  // in the middle of its own claim.
  void within_write(const std::function<void(store::Transaction&)>& work) {
    m_store->write("hold a transaction open", work);
  }
  store::OutboxCounts counts() {
    store::OutboxCounts out;
    m_store->read("count the deliveries",
                  [&](store::Transaction& t) { out = t.outbox().counts(); });
    return out;
  }
  std::int64_t prune(domain::Instant before) {
    std::int64_t out = 0;
    m_store->write("remove old notifications",
                   [&](store::Transaction& t) { out = t.outbox().prune(before); });
    return out;
  }

private:
  std::unique_ptr<store::Store> m_store;
};

// Open the SQLite store at `path` for the outbox steps.
inline std::unique_ptr<OutboxSteps> open_outbox_steps(const std::filesystem::path& path) {
  return std::make_unique<OutboxSteps>(store::open_sqlite_store(path));
}

// Open the SQLite store at `path` for the steps above.
inline std::unique_ptr<StoreSteps> open_store_steps(const std::filesystem::path& path) {
  return std::make_unique<StoreSteps>(store::open_sqlite_store(path));
}

} // namespace slate::test
