#include <slate/app/message_facts.hpp>

namespace slate::app {

formats::MessageFacts message_facts(const domain::Maintenance& maintenance,
                                    const Snapshot& snapshot) {
  formats::MessageFacts facts{maintenance, {}, snapshot.home_zone, std::nullopt};
  for (const auto& id : maintenance.regions) {
    if (const auto* region = domain::find_region(snapshot.regions, id)) {
      facts.regions.push_back(
          {region->id, region->name,
           region->windows.empty() ? snapshot.home_zone : region->windows.front().rule.zone()});
    }
  }
  return facts;
}

formats::MessagePhase message_phase(NotificationPhase phase) {
  switch (phase) {
  case NotificationPhase::announced:
    return formats::MessagePhase::announced;
  case NotificationPhase::emergency:
    return formats::MessagePhase::emergency;
  case NotificationPhase::reminder:
    return formats::MessagePhase::reminder;
  case NotificationPhase::started:
    return formats::MessagePhase::starting;
  case NotificationPhase::extended:
    return formats::MessagePhase::extended;
  case NotificationPhase::overrun:
    return formats::MessagePhase::in_progress;
  case NotificationPhase::completed:
    return formats::MessagePhase::completed;
  case NotificationPhase::cancelled:
    return formats::MessagePhase::cancelled;
  }
  return formats::MessagePhase::announced;
}

std::string notification_text(const DueNotification& notification,
                              const domain::Maintenance& maintenance, const Snapshot& snapshot,
                              const formats::MessageTemplates& templates) {
  auto facts = message_facts(maintenance, snapshot);
  if (notification.phase == NotificationPhase::reminder) {
    facts.lead = domain::Seconds{notification.variant};
  }
  facts.overrun = notification.phase == NotificationPhase::overrun;
  return templates.render(message_phase(notification.phase), facts);
}

} // namespace slate::app
