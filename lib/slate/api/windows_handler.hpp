#pragma once

#include <slate/api/handler.hpp>
#include <slate/domain/instant.hpp>

namespace slate::api {

// GET /v1/windows?region=R[&from=T][&to=T][&tz=Z]: the occurrences of the
// region's windows that overlap [from, to), by start (see
// formats::render_window_listing for the document). `from` defaults to now
// and `to` to 30 days after `from`; the response lists the defaults it
// applied. `tz` adds each occurrence read on that zone's clock.
class WindowsHandler final : public Handler {
public:
  // How far `to` lies after `from` when the client leaves it out.
  static constexpr date::days k_default_span{30};
  // The longest range a client may ask for: ten years, leap days included.
  static constexpr date::days k_max_span{3653};

  // Return 200 with the listing, or 400 naming the field at fault: unknown
  // or missing region, unparseable time, `to` before `from`, a range over
  // ten years, a zone that is unknown or an abbreviation, an unknown or
  // repeated parameter.
  Response handle(const Request& request, const Context& context) const override;
};

} // namespace slate::api
