#include <slate/store/pg_ticket_store.hpp>

#include <slate/store/pg_values.hpp>
#include <slate/store/store_error.hpp>

#include <unordered_map>

namespace slate::store::pg {
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

std::vector<domain::Ticket> PgTicketStore::load() {
  std::unordered_map<std::int64_t, std::vector<domain::TicketEvent>> events;
  const auto event_rows = m_db.run("SELECT ticket_id, type, at, severity, note "
                                   "FROM ticket_events ORDER BY ticket_id, id");
  for (int row = 0; row < event_rows.rows(); ++row) {
    domain::TicketEvent event;
    event.type = event_type_of(event_rows.text(row, 1));
    event.at = column_instant(event_rows, row, 2);
    event.severity = event_rows.text(row, 3);
    event.note = event_rows.text(row, 4);
    events[event_rows.int64(row, 0)].push_back(std::move(event));
  }
  std::vector<domain::Ticket> tickets;
  const auto rows =
      m_db.run("SELECT id, ref, title, severity, plan, opened_at FROM tickets ORDER BY id");
  for (int row = 0; row < rows.rows(); ++row) {
    domain::Ticket ticket;
    const auto id = rows.int64(row, 0);
    ticket.ref = rows.text(row, 1);
    ticket.title = rows.text(row, 2);
    ticket.severity = rows.text(row, 3);
    ticket.plan = rows.text(row, 4);
    ticket.opened_at = column_instant(rows, row, 5);
    if (auto it = events.find(id); it != events.end()) {
      ticket.events = std::move(it->second);
    }
    tickets.push_back(std::move(ticket));
  }
  return tickets;
}

void PgTicketStore::insert(const domain::Ticket& ticket) {
  const auto inserted = m_db.run("INSERT INTO tickets (ref, title, severity, plan, opened_at) "
                                 "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id",
                                 ticket.ref, ticket.title, ticket.severity, ticket.plan,
                                 instant_param(ticket.opened_at));
  if (inserted.rows() == 0) {
    throw StoreError("there is already a ticket '" + ticket.ref + "'");
  }
  const auto id = inserted.int64(0, 0);
  for (const auto& event : ticket.events) {
    insert_event(id, event);
  }
}

void PgTicketStore::add_event(const std::string& ref, const domain::TicketEvent& event) {
  const auto rows = m_db.run("SELECT id FROM tickets WHERE ref = $1", ref);
  if (rows.rows() == 0) {
    throw StoreError("there is no ticket '" + ref + "'");
  }
  insert_event(rows.int64(0, 0), event);
}

void PgTicketStore::insert_event(std::int64_t ticket_id, const domain::TicketEvent& event) {
  m_db.run("INSERT INTO ticket_events (ticket_id, type, at, severity, note) "
           "VALUES ($1, $2, $3, $4, $5)",
           ticket_id, std::string(domain::to_string(event.type)), instant_param(event.at),
           event.severity, event.note);
}

bool PgTicketStore::record_alert(const TicketAlertRecord& record) {
  return m_db.run("INSERT INTO ticket_alerts (alert_id, ticket_ref, kind, due_at, queued_at) "
                  "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                  record.alert_id, record.ticket, record.kind, instant_param(record.due_at),
                  instant_param(record.queued_at))
             .affected() != 0;
}

std::vector<std::string> PgTicketStore::alert_ids() {
  const auto rows = m_db.run("SELECT alert_id FROM ticket_alerts ORDER BY alert_id");
  std::vector<std::string> ids;
  ids.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) {
    ids.push_back(rows.text(row, 0));
  }
  return ids;
}

} // namespace slate::store::pg
