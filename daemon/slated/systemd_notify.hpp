#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace slate::daemon {

// Messages to systemd for a Type=notify service (sd_notify(3)). Each is a
// no-op when slated was not started by systemd (NOTIFY_SOCKET unset).

// The listener is bound and the first snapshot is served.
void notify_ready(std::string_view status);
// A SIGHUP reload begins; notify_ready ends it.
void notify_reloading();
// A clean stop begins.
void notify_stopping();
// One watchdog keep-alive.
void notify_watchdog();

// Return the interval within which systemd expects watchdog keep-alives
// (WatchdogSec=), or std::nullopt when the watchdog is off for this process.
std::optional<std::chrono::microseconds> watchdog_interval();

} // namespace slate::daemon
