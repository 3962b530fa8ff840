#pragma once

#include <slate/api/handler.hpp>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace slate::api {

// Return the snapshot to answer from; the daemon swaps it on reload.
using SnapshotSource = std::function<app::SnapshotPtr()>;

// Return the current time; injected so that lib/ never reads a clock.
using Clock = std::function<domain::Instant()>;

// Receives the text of an unexpected exception, for the daemon's log.
using ErrorSink = std::function<void(std::string_view)>;

// Dispatches requests to handlers by exact path, and answers what no handler
// can: unknown paths (404), other methods (405 with Allow), no snapshot
// (503) and exceptions (500).
class Router {
public:
  Router(SnapshotSource snapshot, Clock clock, ErrorSink on_internal_error = {});

  // Serve GET and HEAD on `path` with `handler`.
  void add(std::string path, std::unique_ptr<Handler> handler);

  // Return the response to `request`; never throws. A HEAD gets the GET
  // response with its body: the transport sends only the body's length.
  Response handle(const Request& request) const;

private:
  struct Route {
    std::string path;
    std::unique_ptr<Handler> handler;
  };

  SnapshotSource m_snapshot;
  Clock m_clock;
  ErrorSink m_on_internal_error;
  std::vector<Route> m_routes;
};

// Return a router serving every endpoint of slated's API.
Router make_api_router(SnapshotSource snapshot, Clock clock, ErrorSink on_internal_error = {});

} // namespace slate::api
