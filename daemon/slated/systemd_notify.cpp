#include <slated/systemd_notify.hpp>

#include <systemd/sd-daemon.h>

#include <string>
#include <time.h>

namespace slate::daemon {
namespace {

void notify(const std::string& state) {
  // Failures are not errors: without systemd there is nobody to tell.
  sd_notify(0, state.c_str());
}

} // namespace

void notify_ready(std::string_view status) {
  notify("READY=1\nSTATUS=" + std::string(status));
}

void notify_reloading() {
  // MONOTONIC_USEC lets systemd 253+ match the reload to its READY=1.
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  const auto usec = static_cast<long long>(now.tv_sec) * 1'000'000LL + now.tv_nsec / 1000;
  notify("RELOADING=1\nSTATUS=reloading\nMONOTONIC_USEC=" + std::to_string(usec));
}

void notify_stopping() {
  notify("STOPPING=1\nSTATUS=stopping");
}

void notify_watchdog() {
  notify("WATCHDOG=1");
}

std::optional<std::chrono::microseconds> watchdog_interval() {
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) {
    return std::nullopt;
  }
  return std::chrono::microseconds{static_cast<std::chrono::microseconds::rep>(usec)};
}

} // namespace slate::daemon
