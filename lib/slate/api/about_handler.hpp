#pragma once

#include <slate/api/handler.hpp>
#include <slate/formats/json_about.hpp>

namespace slate::api {

// GET /v1/about: the version, the commit, the tz database version, the
// policy in force (from the snapshot, so a reload shows) and the start time.
class AboutHandler final : public Handler {
public:
  explicit AboutHandler(formats::About about);
  // Return 200 with formats::render_about; a query parameter is a 400.
  Response handle(const Request& request, const Context& context) const override;

private:
  formats::About m_about;
};

} // namespace slate::api
