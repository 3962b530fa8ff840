#pragma once

#include <slate/api/handler.hpp>

namespace slate::api {

// GET /v1/regions: every region with its window rules (see
// formats::render_regions for the document).
class RegionsHandler final : public Handler {
public:
  // Return 200 with the regions of the snapshot, in the order they were loaded.
  Response handle(const Request& request, const Context& context) const override;
};

} // namespace slate::api
