#pragma once

#include <slate/app/notification.hpp>
#include <slate/app/snapshot.hpp>
#include <slate/formats/message_text.hpp>

#include <optional>

namespace slate::app {

// Return the facts a message about `maintenance` is rendered from: its
// regions that `snapshot` knows, each with its name and clock (the zone of
// its first window; the home zone for a region without windows), and the
// snapshot's home zone.
formats::MessageFacts message_facts(const domain::Maintenance& maintenance,
                                    const Snapshot& snapshot);

// Return the template phase that tells customers about a notification of
// `phase`: started -> starting, overrun -> in_progress (it is still under
// way), every other phase the one of the same name.
formats::MessagePhase message_phase(NotificationPhase phase);

// Return the text of `notification` about `maintenance`, rendered with
// `templates` (for a reminder, its lead is the notification's offset).
std::string notification_text(const DueNotification& notification,
                              const domain::Maintenance& maintenance, const Snapshot& snapshot,
                              const formats::MessageTemplates& templates);

} // namespace slate::app
