#pragma once

#include <slate/api/request.hpp>
#include <slate/api/response.hpp>
#include <slate/app/snapshot.hpp>
#include <slate/formats/status_model.hpp>

#include <string>
#include <vector>

namespace slate::app {
class Writer;
}
#include <slate/domain/instant.hpp>

namespace slate::api {

// What a handler may read besides the request: the snapshot current when the
// request arrived (never null) and the time then. Handlers never read a clock.
struct Context {
  app::SnapshotPtr snapshot;
  domain::Instant now;
  // The one writer, for handlers of writes; null in a read-only router.
  app::Writer* writer = nullptr;
  // The name of the token that authorised a write; empty for reads.
  std::string actor;
  // What the `{...}` parts of the route's pattern matched, in order.
  std::vector<std::string> path_parameters;
  // Whether the database answers and how stale the snapshot may be (the
  // daemon's view when the request arrived; always reachable with SQLite).
  formats::DatabaseState database;
};

// One resource of the API. The router has already checked the path and the
// method; `handle` answers a GET (a HEAD is answered as a GET).
class Handler {
public:
  virtual ~Handler() = default;

  // Return the response to `request`, given `context`. Problems with the
  // request are responses too (see error_response); exceptions mean a bug.
  virtual Response handle(const Request& request, const Context& context) const = 0;
};

} // namespace slate::api
