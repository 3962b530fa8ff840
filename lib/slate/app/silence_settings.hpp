#pragma once

#include <string>

namespace slate::app {

// Whether slated keeps Alertmanager silences for maintenance (only when the
// daemon is given Alertmanager URLs: without them no silence is queued and
// nothing changes), and the URL their comments link to.
struct SilenceSettings {
  bool enabled = false;
  std::string public_url; // no trailing '/'; empty: comments carry no link
};

} // namespace slate::app
