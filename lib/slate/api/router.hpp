#pragma once

#include <slate/api/handler.hpp>
#include <slate/api/request.hpp>
#include <slate/api/response.hpp>
#include <slate/api/status_handler.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slate::api {

// Return the snapshot to answer from; the daemon swaps it on reload.
using SnapshotSource = std::function<app::SnapshotPtr()>;

// Return the current time; injected so that lib/ never reads a clock.
using Clock = std::function<domain::Instant()>;

// Return what the daemon knows of its database now (see
// formats::DatabaseState); called once per request, on any thread.
using DatabaseStateSource = std::function<formats::DatabaseState()>;

// Receives the text of an unexpected exception, for the daemon's log.
using ErrorSink = std::function<void(std::string_view)>;

// Return the name of the token `token`, or a problem whose message tells the
// client why it is refused (the answer is 401 with that message).
using Authenticator = std::function<domain::Result<std::string>(std::string_view token)>;

// Dispatches requests to handlers by method and path pattern, and answers
// what no handler can: unknown paths (404), other methods (405 with Allow),
// writes without a valid bearer token (401), no snapshot (503), a database
// that cannot be reached (503 database_unavailable with Retry-After) and
// other exceptions (500). While the database cannot be reached, reads are
// answered from the snapshot with `Warning: 110 - "Response is Stale"` and
// `X-Slated-Stale-Seconds`.
class Router {
public:
  Router(SnapshotSource snapshot, Clock clock, ErrorSink on_internal_error = {});

  // Serve GET and HEAD on `path` with `handler`.
  void add(std::string path, std::unique_ptr<Handler> handler);

  // Serve `method` on `pattern`, where a segment "{name}" matches any one
  // non-empty segment and "{name}.ext" one that ends in ".ext" after at
  // least one character (what precedes the suffix is passed on in
  // Context::path_parameters). A write
  // needs `Authorization: Bearer TOKEN` that the authenticator accepts.
  enum class Access { read, write };
  void add(std::string method, std::string pattern, Access access,
           std::unique_ptr<Handler> handler);

  // Serve `method` on `pattern` as a write authorised by `authenticate`
  // instead of the router's authenticator: an integration with a token of
  // its own, which must not be good for any other write.
  void add(std::string method, std::string pattern, Authenticator authenticate,
           std::unique_ptr<Handler> handler);

  // Writes go through `writer` (owned by the caller), authorised by
  // `authenticate`. Without an authenticator every write is refused.
  void set_writer(app::Writer* writer, Authenticator authenticate);

  // Tell requests what `source` says of the database. Without a source the
  // database is always reachable (SQLite, tests).
  void set_database_state(DatabaseStateSource source) { m_database = std::move(source); }

  // Return the response to `request`; never throws. A HEAD gets the GET
  // response with its body: the transport sends only the body's length.
  Response handle(const Request& request) const;

  // Return the pattern of the first route whose path matches `request`'s
  // ("/v1/maintenances/{id}"), whatever its method, or "" if none does: a
  // label for metrics that no client can multiply. Valid while the router is.
  std::string_view route_of(const Request& request) const;

  // Return whether `request` goes to a write route (its path and method
  // match one added with Access::write): what the daemon hands to its
  // writer thread. Everything else is answered without the writer.
  bool writes(const Request& request) const;

  // Return the 401 to send if `request` goes to a write route without a
  // valid bearer token, or nothing (a read, an unknown path, or a write
  // whose token is good). Cheap and safe on any thread if the
  // authenticators are: the daemon calls it on its HTTP thread so that a
  // flood of unauthenticated writes never queues behind real ones.
  std::optional<Response> refuse_unauthorised(const Request& request) const;

private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Access access;
    std::unique_ptr<Handler> handler;
    Authenticator authenticate; // empty: the router's
  };

  Response dispatch(const Request& request) const;
  std::optional<Response> authorise(const Request& request, const Route& route,
                                    std::string& actor) const;

  SnapshotSource m_snapshot;
  Clock m_clock;
  ErrorSink m_on_internal_error;
  app::Writer* m_writer = nullptr;
  Authenticator m_authenticate;
  DatabaseStateSource m_database;
  std::vector<Route> m_routes;
};

// Return a router serving every endpoint of slated's API; the status
// documents and the page are made with `status`.
Router make_api_router(SnapshotSource snapshot, Clock clock, ErrorSink on_internal_error = {},
                       const StatusSettings& status = {});

} // namespace slate::api
