#pragma once

#include <slate/app/window_schedule.hpp>
#include <slate/formats/json_windows.hpp>

#include <optional>

namespace slate::api {

// Return how `occurrence` is shown: its UTC interval, read on the clock of
// its window's zone and, when `shown_in` is given, on that zone's clock too.
formats::OccurrenceView to_view(const app::WindowOccurrence& occurrence,
                                const std::optional<domain::Zone>& shown_in);

} // namespace slate::api
