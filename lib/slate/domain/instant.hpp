#pragma once

#include <chrono>

#include <date/date.h>

namespace slate::domain {

// Durations and instants are whole seconds: the contracts speak in minutes,
// reports in seconds, and nothing needs more.
using Seconds = std::chrono::seconds;

// A UTC instant. Every instant the daemon stores or computes is one of these.
using Instant = std::chrono::sys_seconds;

// A reading of a wall clock in some zone, not yet tied to an instant.
using LocalTime = date::local_seconds;

// A date on a wall clock.
using LocalDate = date::local_days;

} // namespace slate::domain
