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
  std::optional<PendingDelivery> claim_next(const std::string& subscriber,
                                            const DeliveryClaim& claim) override;
  bool record_delivered(const DeliveryAttempt& attempt) override;
  bool record_failure(const DeliveryAttempt& attempt, const std::string& error,
                      std::optional<domain::Instant> retry_at) override;
  std::int64_t release_claims(const std::string& claimant) override;
  OutboxCounts counts() override;
  std::int64_t prune(domain::Instant before) override;

private:
  // Set the attempt's delivery to `state`, held by `held_by` until
  // `held_until` (both null: released), if its claimant still holds it.
  bool update(const DeliveryAttempt& attempt, const char* state, const std::string& error,
              std::optional<domain::Instant> held_until);

  PgConnection& m_db;
};

} // namespace slate::store::pg
