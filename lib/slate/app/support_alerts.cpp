#include <slate/app/support_alerts.hpp>

#include <slate/formats/support_alert_text.hpp>
#include <slate/util/fnv1a.hpp>

#include <algorithm>

namespace slate::app {

std::vector<domain::SupportAlert> due_support_alerts(const Snapshot& snapshot, domain::Instant now,
                                                     domain::Instant since) {
  std::vector<domain::SupportAlert> due;
  const auto& policy = snapshot.policy.support;
  if (!policy.enabled()) {
    return due;
  }
  for (const auto& [ref, ticket] : snapshot.tickets) {
    for (auto& alert : domain::due_alerts(policy, *ticket, now)) {
      if (alert.at >= since) {
        due.push_back(std::move(alert));
      }
    }
  }
  std::stable_sort(due.begin(), due.end(),
                   [](const auto& a, const auto& b) { return a.at < b.at; });
  return due;
}

std::optional<domain::Instant> next_support_alert_time(const Snapshot& snapshot,
                                                       domain::Instant now) {
  std::optional<domain::Instant> next;
  const auto& policy = snapshot.policy.support;
  if (!policy.enabled()) {
    return next;
  }
  for (const auto& [ref, ticket] : snapshot.tickets) {
    if (domain::ticket_state(*ticket) == domain::TicketState::resolved) {
      continue; // a resolved ticket's clocks have all stopped
    }
    for (const auto& alert : domain::upcoming_alerts(policy, *ticket, now)) {
      if (!next || alert.at < *next) {
        next = alert.at;
      }
      break; // sorted: the first is the soonest
    }
  }
  return next;
}

SupportAlertQueue::SupportAlertQueue(store::Store& store, std::vector<Subscriber> subscribers)
    : m_store(store), m_subscribers(std::move(subscribers)) {}

void SupportAlertQueue::load_known() {
  m_store.read("read the support alerts queued", [&](store::Transaction& transaction) {
    for (auto& id : transaction.tickets().alert_ids()) {
      m_known.insert(std::move(id));
    }
  });
}

std::vector<QueuedSupportAlert>
SupportAlertQueue::queue(const std::vector<domain::SupportAlert>& due, const Snapshot& snapshot,
                         domain::Instant now) {
  std::vector<QueuedSupportAlert> added;
  for (const auto& alert : due) {
    if (m_known.count(alert.id) != 0) {
      continue;
    }
    const auto* ticket = snapshot.find_ticket(alert.ticket);
    const formats::SupportAlertDocument document{alert,
                                                 ticket != nullptr ? ticket->title : std::string(),
                                                 snapshot.policy.support.warn_at_percent, now};
    std::vector<store::OutboxDelivery> deliveries;
    std::string json_body;
    std::string slack_body;
    for (const auto& subscriber : m_subscribers) {
      auto& body = subscriber.slack ? slack_body : json_body;
      if (body.empty()) {
        body = subscriber.slack ? formats::render_support_alert_slack(document)
                                : formats::render_support_alert_json(document);
      }
      deliveries.push_back({subscriber.configured, body});
    }
    const std::string event = formats::support_alert_event(alert.alert);
    // The outbox names a notification by (maintenance, phase, variant) as
    // well as by its event id; a support alert has no maintenance (0), and
    // its variant is a digest of its id, kept to 62 bits.
    const auto variant =
        static_cast<std::int64_t>(util::Fnv1a().add(alert.id).value() & 0x3fffffffffffffffULL);
    const store::OutboxNotification record{alert.id, 0, event, variant, event, alert.at, now};
    bool stored = false;
    m_store.write("queue support alert " + alert.id, [&](store::Transaction& transaction) {
      stored = transaction.tickets().record_alert(
          {alert.id, alert.ticket, std::string(domain::to_string(alert.alert)), alert.at, now});
      if (stored) {
        transaction.outbox().add(record, deliveries);
      }
    });
    if (stored) {
      added.push_back({alert.id, formats::support_alert_message(document), deliveries.size()});
    }
    m_known.insert(alert.id);
  }
  return added;
}

} // namespace slate::app
