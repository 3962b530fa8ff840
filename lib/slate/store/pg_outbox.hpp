#pragma once

#include <slate/store/outbox.hpp>

#include <slate/store/pg_connection.hpp>

namespace slate::store::pg {

// The notifications and notification_deliveries tables.
class PgOutbox final : public Outbox {
public:
  explicit PgOutbox(PgConnection& db) : m_db(db) {}

  bool add(const OutboxNotification& notification,
           const std::vector<OutboxDelivery>& deliveries) override;
  std::vector<std::string> event_ids_due_since(domain::Instant since) override;
  std::optional<PendingDelivery> next_pending(const std::string& subscriber) override;
  void record_delivered(std::int64_t notification_id, const std::string& subscriber, int attempts,
                        domain::Instant at) override;
  void record_failure(std::int64_t notification_id, const std::string& subscriber, int attempts,
                      const std::string& error, bool give_up, domain::Instant at) override;
  OutboxCounts counts() override;
  std::int64_t prune(domain::Instant before) override;

private:
  void update(std::int64_t notification_id, const std::string& subscriber, const char* state,
              int attempts, const std::string& error, domain::Instant at);

  PgConnection& m_db;
};

} // namespace slate::store::pg
