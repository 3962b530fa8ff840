#include <slate/store/sqlite_ticket_store.hpp>

#include <slate/store/sqlite_values.hpp>
#include <slate/store/store_error.hpp>

#include <string_view>
#include <unordered_map>

namespace slate::store::sqlite {
namespace {

domain::TicketEventType event_type_of(const std::string& name) {
  const auto type = domain::parse_ticket_event_type(name);
  if (!type) {
    // The CHECK of the column keeps other values out; a newer slated may
    // have added a type this one does not know.
    throw StoreError("the database holds a ticket event of unknown type '" + name + "'");
  }
  return *type;
}

} // namespace

std::vector<domain::Ticket> SqliteTicketStore::load() {
  std::unordered_map<std::int64_t, std::vector<domain::TicketEvent>> events;
  SQLite::Statement event_query(m_db, "SELECT ticket_id, type, at, severity, note "
                                      "FROM ticket_events ORDER BY ticket_id, id");
  while (event_query.executeStep()) {
    domain::TicketEvent event;
    event.type = event_type_of(event_query.getColumn(1).getString());
    event.at = column_instant(event_query.getColumn(2));
    event.severity = event_query.getColumn(3).getString();
    event.note = event_query.getColumn(4).getString();
    events[event_query.getColumn(0).getInt64()].push_back(std::move(event));
  }
  std::vector<domain::Ticket> tickets;
  SQLite::Statement query(
      m_db, "SELECT id, ref, title, severity, plan, opened_at FROM tickets ORDER BY id");
  while (query.executeStep()) {
    domain::Ticket ticket;
    const auto id = query.getColumn(0).getInt64();
    ticket.ref = query.getColumn(1).getString();
    ticket.title = query.getColumn(2).getString();
    ticket.severity = query.getColumn(3).getString();
    ticket.plan = query.getColumn(4).getString();
    ticket.opened_at = column_instant(query.getColumn(5));
    if (auto it = events.find(id); it != events.end()) {
      ticket.events = std::move(it->second);
    }
    tickets.push_back(std::move(ticket));
  }
  return tickets;
}

void SqliteTicketStore::insert(const domain::Ticket& ticket) {
  SQLite::Statement insert(m_db, "INSERT INTO tickets (ref, title, severity, plan, opened_at) "
                                 "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
  insert.bind(1, ticket.ref);
  insert.bind(2, ticket.title);
  insert.bind(3, ticket.severity);
  insert.bind(4, ticket.plan);
  bind_instant(insert, 5, ticket.opened_at);
  if (insert.exec() == 0) {
    throw StoreError("there is already a ticket '" + ticket.ref + "'");
  }
  const auto id = m_db.getLastInsertRowid();
  for (const auto& event : ticket.events) {
    insert_event(id, event);
  }
}

void SqliteTicketStore::add_event(const std::string& ref, const domain::TicketEvent& event) {
  SQLite::Statement query(m_db, "SELECT id FROM tickets WHERE ref = ?");
  query.bind(1, ref);
  if (!query.executeStep()) {
    throw StoreError("there is no ticket '" + ref + "'");
  }
  insert_event(query.getColumn(0).getInt64(), event);
}

void SqliteTicketStore::insert_event(std::int64_t ticket_id, const domain::TicketEvent& event) {
  SQLite::Statement insert(m_db, "INSERT INTO ticket_events (ticket_id, type, at, severity, note) "
                                 "VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, ticket_id);
  insert.bind(2, std::string(domain::to_string(event.type)));
  bind_instant(insert, 3, event.at);
  insert.bind(4, event.severity);
  insert.bind(5, event.note);
  insert.exec();
}

bool SqliteTicketStore::record_alert(const TicketAlertRecord& record) {
  SQLite::Statement insert(m_db, "INSERT INTO ticket_alerts (alert_id, ticket_ref, kind, due_at, "
                                 "queued_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
  insert.bind(1, record.alert_id);
  insert.bind(2, record.ticket);
  insert.bind(3, record.kind);
  bind_instant(insert, 4, record.due_at);
  bind_instant(insert, 5, record.queued_at);
  return insert.exec() != 0;
}

std::vector<std::string> SqliteTicketStore::alert_ids() {
  SQLite::Statement query(m_db, "SELECT alert_id FROM ticket_alerts ORDER BY alert_id");
  std::vector<std::string> ids;
  while (query.executeStep()) {
    ids.push_back(query.getColumn(0).getString());
  }
  return ids;
}

} // namespace slate::store::sqlite
