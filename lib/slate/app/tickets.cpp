#include <slate/app/tickets.hpp>

#include <slate/domain/support_compliance.hpp>
#include <slate/formats/json_ticket.hpp>
#include <slate/formats/rfc3339.hpp>

#include <algorithm>

namespace slate::app {
namespace {

std::string subject(const std::string& ref) {
  return "ticket/" + ref;
}

// The ticket as the audit log keeps it: without clocks, which are computed
// and would only repeat the history at one instant.
std::string ticket_text(const domain::Ticket& ticket) {
  return formats::to_json_text(formats::ticket_json(ticket, {}));
}

std::string event_text(const domain::TicketEvent& event) {
  formats::Json out = formats::Json::object();
  out["type"] = std::string(domain::to_string(event.type));
  out["at"] = formats::format_rfc3339_utc(event.at);
  if (event.type == domain::TicketEventType::severity_changed) {
    out["severity"] = event.severity;
  }
  out["note"] = event.note;
  return formats::to_json_text(out);
}

std::optional<domain::Ticket> find_ticket_of(const Snapshot& snapshot, std::string_view ref) {
  const auto* found = snapshot.find_ticket(ref);
  return found != nullptr ? std::optional<domain::Ticket>(*found) : std::nullopt;
}

void store_ticket(Snapshot& next, const domain::Ticket& ticket) {
  next.tickets.insert_or_assign(ticket.ref, std::make_shared<const domain::Ticket>(ticket));
}

} // namespace

std::string ticket_event_resource(const domain::Ticket& ticket) {
  return "ticket_event/" + ticket.ref + "/" + std::to_string(ticket.events.size());
}

domain::Result<Created<domain::Ticket>> open_ticket(Writer& writer, const domain::TicketSpec& spec,
                                                    const WriteContext& write) {
  WriteSteps<domain::Ticket> steps;
  steps.what = "open ticket " + spec.ref;
  steps.kind = "ticket";
  steps.find = [](const Snapshot& snapshot, const std::string& resource) {
    return find_ticket_of(snapshot, std::string_view(resource).substr(subject("").size()));
  };
  steps.decide = [&](const Snapshot& snapshot) -> domain::Result<domain::Ticket> {
    auto opened = domain::open_ticket(snapshot.policy.support, spec, write.now);
    if (opened && snapshot.find_ticket(opened->ref) != nullptr) {
      return domain::Problem{domain::Code::ticket_exists, "ref",
                             "there is already a ticket '" + opened->ref +
                                 "'; add events to it at /v1/tickets/" + opened->ref + "/events"};
    }
    return opened;
  };
  steps.rows = [](store::Transaction& transaction, domain::Ticket& ticket) {
    transaction.tickets().insert(ticket);
    return Written{{{"ticket.open", subject(ticket.ref), "", ticket_text(ticket)}}, ""};
  };
  steps.apply = store_ticket;
  return writer.write(write, steps);
}

domain::Result<Created<domain::Ticket>> add_ticket_event(Writer& writer, const std::string& ref,
                                                         const formats::TicketEventRequest& request,
                                                         const WriteContext& write) {
  WriteSteps<domain::Ticket> steps;
  steps.what = "add an event to ticket " + ref;
  steps.kind = "ticket_event";
  steps.find = [](const Snapshot& snapshot, const std::string& resource) {
    // "ticket_event/REF/N": the ref is between the first and the last slash.
    const auto first = resource.find('/');
    const auto last = resource.rfind('/');
    return find_ticket_of(snapshot, std::string_view(resource).substr(first + 1, last - first - 1));
  };
  steps.decide = [&](const Snapshot& snapshot) -> domain::Result<domain::Ticket> {
    const auto* ticket = snapshot.find_ticket(ref);
    if (ticket == nullptr) {
      return domain::Problem{domain::Code::not_found, "ref", "there is no ticket '" + ref + "'"};
    }
    return domain::add_ticket_event(snapshot.policy.support, *ticket, request.type, request.at,
                                    request.severity, request.note, write.now);
  };
  steps.rows = [](store::Transaction& transaction, domain::Ticket& ticket) {
    transaction.tickets().add_event(ticket.ref, ticket.events.back());
    // The event alone: a whole ticket before and after each of up to a
    // thousand events would make the audit log grow with its square.
    return Written{{{"ticket.event", subject(ticket.ref), "", event_text(ticket.events.back())}},
                   ticket_event_resource(ticket)};
  };
  steps.apply = store_ticket;
  return writer.write(write, steps);
}

std::vector<const domain::Ticket*> list_tickets(const Snapshot& snapshot,
                                                const TicketFilter& filter) {
  std::vector<const domain::Ticket*> out;
  const auto& policy = snapshot.policy.support;
  for (const auto& [ref, ticket] : snapshot.tickets) {
    if (filter.state && domain::ticket_state(*ticket) != *filter.state) {
      continue;
    }
    if (filter.severity && domain::current_severity(*ticket) != *filter.severity) {
      continue;
    }
    if (filter.month && domain::ticket_month(policy, *ticket) != *filter.month) {
      continue;
    }
    out.push_back(ticket.get());
  }
  std::sort(out.begin(), out.end(), [](const domain::Ticket* a, const domain::Ticket* b) {
    return a->opened_at != b->opened_at ? a->opened_at < b->opened_at : a->ref < b->ref;
  });
  return out;
}

std::vector<domain::SupportClock> clocks_of(const Snapshot& snapshot, const domain::Ticket& ticket,
                                            domain::Instant now) {
  return domain::ticket_clocks(snapshot.policy.support, ticket, now);
}

} // namespace slate::app
