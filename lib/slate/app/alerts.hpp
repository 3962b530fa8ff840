#pragma once

#include <slate/app/writer.hpp>
#include <slate/domain/alert.hpp>
#include <slate/domain/alert_outage.hpp>

#include <cstddef>
#include <string>
#include <vector>

// Outages from Alertmanager's alerts: the use case behind POST
// /v1/integrations/alertmanager.
namespace slate::app {

// The actor outages opened and resolved from alerts are recorded by, and
// under which their keys are remembered (as Idempotency-Keys), whatever the
// token's name: a repeat is recognised even after the token was renamed.
inline constexpr const char* k_alert_actor = "alertmanager";

// What the alerts of one notification did.
struct AlertReport {
  std::size_t received = 0;
  std::size_t opened = 0;    // outages opened (a resolved alert seen first opens and ends one)
  std::size_t resolved = 0;  // open outages resolved
  std::size_t unchanged = 0; // repeats: the outage already was as the alert says
  // Alerts that open or resolve nothing, with the reason (for metrics and
  // the log): what domain::map_alert ignores, and "refused" when the
  // outage would break a rule (its detail says which).
  std::vector<domain::IgnoredAlert> ignored;

  std::size_t mapped() const { return opened + resolved + unchanged; }
};

// Open an outage for each firing alert that maps to a service under the
// snapshot's policy (domain::map_alert), starting at its startsAt, and
// resolve it at the endsAt of its resolution. Each alert is keyed by its
// fingerprint and start: Alertmanager's repeats of a notification change
// nothing, and a resolution seen before its firing records the outage
// already ended. An instant after `write.now` (clocks differ) is taken as
// `write.now`. Never fails for an alert: one that maps to nothing is
// reported ignored. Throws store::StoreError if the store fails.
AlertReport receive_alerts(Writer& writer, const std::vector<domain::Alert>& alerts,
                           const WriteContext& write);

} // namespace slate::app
