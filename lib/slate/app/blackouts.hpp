#pragma once

#include <slate/app/writer.hpp>
#include <slate/formats/json_maintenance.hpp>

#include <cstdint>

// The write use cases of blackouts (change freezes), on the Writer's one
// write path.
namespace slate::app {

// Create the blackout `request` asks for, global or for the regions it
// names (each must be known: 422 unknown_region).
domain::Result<Created<domain::Blackout>>
create_blackout(Writer& writer, const formats::BlackoutRequest& request, const WriteContext& write);

// Delete blackout `id` and return it (404 if there is none).
domain::Result<domain::Blackout> delete_blackout(Writer& writer, std::int64_t id,
                                                 const WriteContext& write);

} // namespace slate::app
