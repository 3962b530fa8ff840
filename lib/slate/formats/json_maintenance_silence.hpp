#pragma once

#include <slate/domain/maintenance_silence.hpp>
#include <slate/domain/problem.hpp>
#include <slate/domain/silence_plan.hpp>
#include <slate/formats/json_text.hpp>

#include <string>
#include <string_view>

namespace slate::formats {

// Return `silence` as the JSON text the store keeps it in (a silence's
// whole desired state, in its row and in each outbox change):
// {"tag", "region", "service", "matchers": ["region=\"US\""], "start",
// "end", "comment", "goal": "in_force"|"expired"}.
std::string desired_silence_text(const domain::DesiredSilence& silence);

// Return the silence desired_silence_text wrote, or a problem (code
// "malformed_json") saying what is wrong with `text`.
domain::Result<domain::DesiredSilence> parse_desired_silence(std::string_view text);

// How the API shows one silence of a maintenance: {"id" (null until
// Alertmanager gave one), "state", "alertmanager" (null until one
// answered), "region", "service" (null for the region's), "starts_at",
// "ends_at"}.
Json maintenance_silence_json(const domain::MaintenanceSilence& silence);

} // namespace slate::formats
