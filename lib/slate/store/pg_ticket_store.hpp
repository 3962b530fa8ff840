#pragma once

#include <slate/store/ticket_store.hpp>

#include <slate/store/pg_connection.hpp>

namespace slate::store::pg {

// The tickets, ticket_events and ticket_alerts tables.
class PgTicketStore final : public TicketStore {
public:
  explicit PgTicketStore(PgConnection& db) : m_db(db) {}

  std::vector<domain::Ticket> load() override;
  void insert(const domain::Ticket& ticket) override;
  void add_event(const std::string& ref, const domain::TicketEvent& event) override;
  bool record_alert(const TicketAlertRecord& record) override;
  std::vector<std::string> alert_ids() override;

private:
  void insert_event(std::int64_t ticket_id, const domain::TicketEvent& event);

  PgConnection& m_db;
};

} // namespace slate::store::pg
