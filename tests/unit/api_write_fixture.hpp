#pragma once

// A router with a writer: the API as the daemon serves it, over the app's writer
// on a temporary SQLite file, with a clock the test sets. The token
// "secret" is the operator "ops".

#include <slate/api/router.hpp>
#include <slate/app/writer.hpp>
#include <slate/store/store.hpp>

#include <support/api_fixture.hpp>
#include <support/store_steps.hpp>
#include <support/temp_dir.hpp>
#include <support/time_literals.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <stdexcept>
#include <string>

namespace slate::test {

struct WriteFixture {
  explicit WriteFixture(domain::Policy policy = domain::Policy{},
                        const std::string& when = "2026-11-10T00:00:00Z")
      : now(utc(when)) {
    writer.start(sample_regions(), std::move(policy), zone("Asia/Kolkata"),
                 slate::formats::MessageTemplates::defaults());
    router.set_writer(&writer, [](std::string_view token) -> slate::domain::Result<std::string> {
      if (token == "secret") {
        return std::string("ops");
      }
      return slate::domain::Problem{slate::domain::Code::unauthorized, "Authorization",
                                    "the bearer token is not valid"};
    });
  }

  // Return the response to `method` `target` with `body`, authorised as
  // "ops" unless `token` says otherwise, with `headers` added.
  api::Response send(const std::string& method, const std::string& target,
                     const std::string& body = "", api::Fields headers = {},
                     const std::string& token = "secret") const {
    if (!token.empty()) {
      headers.emplace_back("Authorization", "Bearer " + token);
    }
    auto made = api::make_request(method, target, std::move(headers), body);
    if (!made) {
      throw std::invalid_argument("bad target in test: " + target);
    }
    return router.handle(made.value());
  }

  // Return the body of the response to `method` `target`, which must
  // answer `status`, as JSON.
  nlohmann::json json(const std::string& method, const std::string& target, int status,
                      const std::string& body = "", api::Fields headers = {}) const {
    const auto response = send(method, target, body, std::move(headers));
    if (response.status != status) {
      throw std::runtime_error(method + " " + target + " answered " +
                               std::to_string(response.status) + ", not " + std::to_string(status) +
                               ": " + response.body);
    }
    return nlohmann::json::parse(response.body);
  }

  TempDir dir;
  // The store, with the steps the tests use to look into it.
  std::unique_ptr<StoreSteps> database = open_store_steps(dir.path() / "s.db");
  app::SnapshotPtr current;
  app::Writer writer{database->store(), [this](app::SnapshotPtr snapshot) { current = snapshot; }};
  domain::Instant now;
  api::Router router = api::make_api_router([this] { return current; }, [this] { return now; });
};

} // namespace slate::test
