#pragma once

#include <slate/store/ticket_store.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

namespace slate::store::sqlite {

// The tickets, ticket_events and ticket_alerts tables.
class SqliteTicketStore final : public TicketStore {
public:
  explicit SqliteTicketStore(SQLite::Database& db) : m_db(db) {}

  std::vector<domain::Ticket> load() override;
  void insert(const domain::Ticket& ticket) override;
  void add_event(const std::string& ref, const domain::TicketEvent& event) override;
  bool record_alert(const TicketAlertRecord& record) override;
  std::vector<std::string> alert_ids() override;

private:
  void insert_event(std::int64_t ticket_id, const domain::TicketEvent& event);

  SQLite::Database& m_db;
};

} // namespace slate::store::sqlite
