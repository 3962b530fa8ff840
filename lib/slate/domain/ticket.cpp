#include <slate/domain/ticket.hpp>

#include <algorithm>
#include <cctype>

namespace slate::domain {
namespace {

std::string severity_list(const SupportPolicy& policy) {
  std::string list;
  for (const auto& severity : policy.severities) {
    list += (list.empty() ? "" : ", ") + severity.id;
  }
  return list;
}

std::string plan_list(const SupportPolicy& policy) {
  std::string list;
  for (const auto& plan : policy.plans) {
    list += (list.empty() ? "" : ", ") + plan.id;
  }
  return list;
}

Problem unknown_severity(const SupportPolicy& policy, const std::string& severity,
                         const std::string& field) {
  return {Code::severity_unknown, field,
          "'" + severity.substr(0, 40) + "' is not a severity of this policy; the severities are " +
              severity_list(policy)};
}

} // namespace

std::string_view to_string(TicketEventType type) {
  switch (type) {
  case TicketEventType::responded:
    return "responded";
  case TicketEventType::updated:
    return "updated";
  case TicketEventType::paused:
    return "paused";
  case TicketEventType::resumed:
    return "resumed";
  case TicketEventType::restored:
    return "restored";
  case TicketEventType::resolved:
    return "resolved";
  case TicketEventType::reopened:
    return "reopened";
  case TicketEventType::severity_changed:
    return "severity_changed";
  }
  return "updated";
}

std::optional<TicketEventType> parse_ticket_event_type(std::string_view name) {
  for (const auto type : k_ticket_event_types) {
    if (to_string(type) == name) {
      return type;
    }
  }
  return std::nullopt;
}

std::string_view to_string(TicketState state) {
  return state == TicketState::resolved ? "resolved" : "open";
}

std::vector<TicketEvent> sorted_events(const Ticket& ticket) {
  std::vector<TicketEvent> events = ticket.events;
  std::stable_sort(events.begin(), events.end(),
                   [](const TicketEvent& a, const TicketEvent& b) { return a.at < b.at; });
  return events;
}

TicketState ticket_state(const Ticket& ticket) {
  TicketState state = TicketState::open;
  for (const auto& event : sorted_events(ticket)) {
    if (event.type == TicketEventType::resolved) {
      state = TicketState::resolved;
    } else if (event.type == TicketEventType::reopened) {
      state = TicketState::open;
    }
  }
  return state;
}

std::string current_severity(const Ticket& ticket) {
  std::string severity = ticket.severity;
  for (const auto& event : sorted_events(ticket)) {
    if (event.type == TicketEventType::severity_changed) {
      severity = event.severity;
    }
  }
  return severity;
}

bool valid_ticket_ref(std::string_view ref) {
  return !ref.empty() && ref.size() <= k_max_ticket_ref &&
         std::all_of(ref.begin(), ref.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' ||
                  c == '-' || c == ':' || c == '#';
         });
}

Result<Ticket> open_ticket(const SupportPolicy& policy, TicketSpec spec, Instant now) {
  if (!policy.enabled()) {
    return Problem{Code::support_not_configured, "severity",
                   "the policy has no [support] part, so it defines no severities; add one to "
                   "the policy file (see etc/policies/enghouse.toml)"};
  }
  Problems problems;
  if (!valid_ticket_ref(spec.ref)) {
    problems.push_back({Code::ticket_ref_invalid, "ref",
                        "ref must be 1 to 64 of the characters A-Z a-z 0-9 . _ - : #, such as "
                        "the helpdesk's ticket id \"INC-1042\""});
  }
  Ticket ticket;
  ticket.ref = std::move(spec.ref);
  ticket.title = std::move(spec.title);
  ticket.severity = spec.severity.value_or(policy.default_severity);
  ticket.plan = spec.plan.value_or(policy.default_plan);
  ticket.opened_at = spec.opened_at.value_or(now);
  if (policy.find_severity(ticket.severity) == nullptr) {
    problems.push_back(unknown_severity(policy, ticket.severity, "severity"));
  }
  if (policy.find_plan(ticket.plan) == nullptr) {
    problems.push_back({Code::plan_unknown, "plan",
                        "'" + ticket.plan.substr(0, 40) +
                            "' is not a plan of this policy; the plans are " + plan_list(policy)});
  }
  if (ticket.opened_at > now + k_allowed_clock_skew) {
    problems.push_back({Code::time_in_future, "opened_at",
                        "opened_at is more than a minute after the daemon's clock; a ticket "
                        "cannot be opened in the future"});
  }
  if (!problems.empty()) {
    return problems;
  }
  return ticket;
}

Result<Ticket> add_ticket_event(const SupportPolicy& policy, const Ticket& ticket,
                                TicketEventType type, std::optional<Instant> at,
                                std::string severity, std::string note, Instant now) {
  Problems problems;
  const Instant when = at.value_or(now);
  if (type == TicketEventType::severity_changed) {
    if (severity.empty()) {
      problems.push_back({Code::missing_field, "severity",
                          "a severity_changed event needs the new severity, e.g. \"P1\""});
    } else if (policy.find_severity(severity) == nullptr) {
      problems.push_back(unknown_severity(policy, severity, "severity"));
    }
  } else if (!severity.empty()) {
    problems.push_back({Code::invalid_field, "severity",
                        "only a severity_changed event takes a severity; this is a " +
                            std::string(to_string(type)) + " event"});
  }
  if (when < ticket.opened_at) {
    problems.push_back({Code::event_before_opening, "at",
                        "the event is before the ticket was opened; nothing can happen to a "
                        "ticket before it exists"});
  }
  if (when > now + k_allowed_clock_skew) {
    problems.push_back({Code::time_in_future, "at",
                        "the event is more than a minute after the daemon's clock; report events "
                        "when they have happened"});
  }
  if (ticket.events.size() >= k_max_ticket_events) {
    problems.push_back({Code::events_too_many, "type",
                        "the ticket already has " + std::to_string(ticket.events.size()) +
                            " events, the most one ticket may hold"});
  }
  if (!problems.empty()) {
    return problems;
  }
  Ticket next = ticket;
  next.events.push_back({type, when, std::move(severity), std::move(note)});
  return next;
}

Problems check_ticket(const SupportPolicy& policy, const Ticket& ticket) {
  Problems problems;
  if (!valid_ticket_ref(ticket.ref)) {
    problems.push_back({Code::ticket_ref_invalid, "ref", "the ticket's ref is not valid"});
  }
  if (policy.find_severity(ticket.severity) == nullptr) {
    problems.push_back(unknown_severity(policy, ticket.severity, "severity"));
  }
  if (policy.find_plan(ticket.plan) == nullptr) {
    problems.push_back(
        {Code::plan_unknown, "plan",
         "'" + ticket.plan + "' is not a plan of this policy; the plans are " + plan_list(policy)});
  }
  for (std::size_t i = 0; i < ticket.events.size(); ++i) {
    const auto& event = ticket.events[i];
    const std::string prefix = "events[" + std::to_string(i) + "].";
    if (event.at < ticket.opened_at) {
      problems.push_back(
          {Code::event_before_opening, prefix + "at", "the event is before the ticket was opened"});
    }
    if (event.type == TicketEventType::severity_changed &&
        policy.find_severity(event.severity) == nullptr) {
      problems.push_back(unknown_severity(policy, event.severity, prefix + "severity"));
    }
  }
  return problems;
}

} // namespace slate::domain
