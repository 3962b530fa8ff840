#include <slate/app/notification_queue.hpp>

#include <slate/app/maintenance_view.hpp>
#include <slate/app/message_facts.hpp>
#include <slate/formats/json_notification.hpp>

namespace slate::app {
namespace {

constexpr std::string_view k_slack_prefix = "slack+";

} // namespace

Subscriber subscriber_of(const std::string& configured) {
  const bool slack = configured.rfind(k_slack_prefix, 0) == 0;
  return {configured, slack ? configured.substr(k_slack_prefix.size()) : configured, slack};
}

NotificationQueue::NotificationQueue(store::Store& store, std::vector<Subscriber> subscribers)
    : m_store(store), m_subscribers(std::move(subscribers)) {}

void NotificationQueue::load_known(domain::Instant since) {
  m_store.read("read notification ids", [&](store::Transaction& transaction) {
    for (auto& id : transaction.outbox().event_ids_due_since(since)) {
      m_known.insert(std::move(id));
    }
  });
}

std::vector<QueuedNotification> NotificationQueue::queue(const std::vector<DueNotification>& due,
                                                         const Snapshot& snapshot,
                                                         domain::Instant now) {
  std::vector<QueuedNotification> added;
  for (const auto& notification : due) {
    const std::string id = event_id(notification);
    if (m_known.count(id) != 0) {
      continue;
    }
    const auto* maintenance = snapshot.find_maintenance(notification.maintenance_id);
    if (maintenance == nullptr) {
      continue;
    }
    const std::string phase(to_string(notification.phase));
    formats::NotificationDocument document{
        id,
        event_type(notification.phase),
        phase,
        notification.phase == NotificationPhase::reminder
            ? std::optional<domain::Seconds>(domain::Seconds{notification.variant})
            : std::nullopt,
        notification.due,
        now,
        notification_text(notification, *maintenance, snapshot, snapshot.templates),
        view_of(*maintenance, snapshot)};
    std::vector<store::OutboxDelivery> deliveries;
    std::string json_body;
    std::string slack_body;
    for (const auto& subscriber : m_subscribers) {
      auto& body = subscriber.slack ? slack_body : json_body;
      if (body.empty()) {
        body = subscriber.slack ? formats::render_notification_slack(document)
                                : formats::render_notification_json(document);
      }
      deliveries.push_back({subscriber.configured, body});
    }
    const store::OutboxNotification record{id,
                                           notification.maintenance_id,
                                           phase,
                                           notification.variant,
                                           document.event_type,
                                           notification.due,
                                           now};
    bool stored = false;
    m_store.write("add notification " + id, [&](store::Transaction& transaction) {
      stored = transaction.outbox().add(record, deliveries);
    });
    if (stored) {
      added.push_back({id, notification.phase, document.message, deliveries.size()});
    }
    m_known.insert(id);
  }
  return added;
}

} // namespace slate::app
