#include <slate/app/writer.hpp>

#include <slate/app/silences.hpp>

#include <charconv>

namespace slate::app {

std::int64_t resource_id(const std::string& resource) {
  const auto slash = resource.rfind('/');
  std::int64_t id = 0;
  if (slash != std::string::npos) {
    std::from_chars(resource.data() + slash + 1, resource.data() + resource.size(), id);
  }
  return id;
}

Writer::Writer(store::Store& store, Publish publish)
    : m_store(store), m_publish(std::move(publish)) {}

void Writer::start(std::vector<domain::Region> regions, domain::Policy policy,
                   domain::Zone home_zone, formats::MessageTemplates templates) {
  auto snapshot = std::make_shared<Snapshot>();
  snapshot->version = 1;
  snapshot->home_zone = std::move(home_zone);
  snapshot->regions = std::move(regions);
  snapshot->policy = std::move(policy);
  snapshot->templates = std::move(templates);
  m_store.read("load the stored state", [&](store::Transaction& transaction) {
    // From the same transaction as the rows: the version says what they are.
    m_state_version = transaction.state_version();
    load(transaction, *snapshot);
  });
  m_snapshot = std::move(snapshot);
  m_publish(m_snapshot);
}

bool Writer::catch_up() {
  bool reloaded = false;
  m_store.read("catch up with the stored state", [&](store::Transaction& transaction) {
    reloaded = follow(transaction, transaction.state_version());
  });
  return reloaded;
}

void Writer::load(store::Transaction& transaction, Snapshot& snapshot) {
  snapshot.maintenances = transaction.maintenances().load();
  snapshot.blackouts = transaction.blackouts().load();
  snapshot.outages = OutageBook(transaction.outages().load());
  snapshot.tickets.clear();
  for (auto& ticket : transaction.tickets().load()) {
    auto ref = ticket.ref;
    snapshot.tickets.emplace(std::move(ref),
                             std::make_shared<const domain::Ticket>(std::move(ticket)));
  }
  snapshot.silences = load_silences(transaction);
}

bool Writer::follow(store::Transaction& transaction, std::int64_t version) {
  if (version == m_state_version) {
    return false;
  }
  // Another replica committed since this snapshot was made. What the
  // transaction sees is committed, so it may be published even before (or
  // without) this replica's own write committing.
  auto next = std::make_shared<Snapshot>(*m_snapshot);
  load(transaction, *next);
  publish(std::move(next));
  m_state_version = version;
  return true;
}

void Writer::reconfigure(std::vector<domain::Region> regions, domain::Policy policy,
                         formats::MessageTemplates templates) {
  auto next = std::make_shared<Snapshot>(*m_snapshot);
  next->regions = std::move(regions);
  next->policy = std::move(policy);
  next->templates = std::move(templates);
  publish(std::move(next));
}

domain::Result<std::optional<std::string>>
Writer::replayed_resource(store::Transaction& transaction, const WriteContext& write,
                          std::string_view kind) const {
  if (!write.idempotency_key) {
    return std::optional<std::string>();
  }
  const auto record = transaction.idempotency().find(*write.idempotency_key, write.actor);
  if (!record) {
    return std::optional<std::string>();
  }
  if (record->fingerprint != write.fingerprint ||
      record->resource.rfind(std::string(kind) + "/", 0) != 0) {
    return domain::Problem{domain::Code::idempotency_key_reused, "Idempotency-Key",
                           "Idempotency-Key '" + *write.idempotency_key +
                               "' was already used for another request (" + record->resource +
                               "); use a new key for a new request"};
  }
  return std::optional<std::string>(record->resource);
}

domain::Problem Writer::gone(const WriteContext& write, const std::string& resource) const {
  return {domain::Code::idempotency_key_reused, "Idempotency-Key",
          "Idempotency-Key '" + write.idempotency_key.value_or("") + "' made " + resource +
              ", which has since been deleted; use a new key to create it again"};
}

void Writer::record(store::Transaction& transaction, const WriteContext& write,
                    const Written& written) {
  for (const auto& change : written.changes) {
    transaction.audit_log().append(
        {0, write.now, write.actor, change.action, change.subject, change.before, change.after});
  }
  if (write.idempotency_key) {
    const std::string resource = !written.resource.empty() ? written.resource
                                 : written.changes.empty() ? std::string()
                                                           : written.changes.front().subject;
    transaction.idempotency().insert(
        {*write.idempotency_key, write.actor, write.fingerprint, resource, write.now});
  }
}

void Writer::publish(std::shared_ptr<Snapshot> next) {
  ++next->version;
  m_snapshot = std::move(next);
  m_publish(m_snapshot);
}

} // namespace slate::app
