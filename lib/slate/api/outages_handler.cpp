#include <slate/api/outages_handler.hpp>

#include <slate/api/error.hpp>
#include <slate/api/parameters.hpp>
#include <slate/api/write_request.hpp>
#include <slate/app/outages.hpp>
#include <slate/formats/json_outage.hpp>
#include <slate/util/text.hpp>

#include <algorithm>
#include <charconv>

namespace slate::api {
namespace {

constexpr std::int64_t k_default_limit = 100;
constexpr std::int64_t k_max_limit = 10000;

formats::Json outage_json(const domain::Outage& outage, const app::Snapshot& snapshot) {
  return formats::outage_json(outage, app::exclusion_of(outage, snapshot.policy));
}

Response outage_response(int status, const domain::Outage& outage, const app::Snapshot& snapshot) {
  Response response =
      json_response(status, formats::to_json_text({{"outage", outage_json(outage, snapshot)}}));
  if (status == 201) {
    response.headers.emplace_back("Location", "/v1/outages/" + std::to_string(outage.id));
  }
  return response;
}

// Region ids match ignoring ASCII case, as find_region does.
bool names_region(const domain::Outage& outage, const domain::Region& region) {
  return util::contains_ignoring_case(outage.regions, region.id);
}

} // namespace

Response OutageListHandler::handle(const Request& request, const Context& context) const {
  auto parameters = read_parameters(request.query, "/v1/outages",
                                    {"service", "region", "state", "from", "to", "limit"});
  if (!parameters) {
    return error_response(parameters.problems());
  }
  const auto& snapshot = *context.snapshot;
  domain::Problems problems;
  const auto from = instant_parameter(*parameters, "from");
  const auto to = instant_parameter(*parameters, "to");
  collect(from, problems);
  collect(to, problems);
  const domain::Region* region = nullptr;
  if (parameters->count("region") != 0) {
    const auto found = region_parameter(*parameters, snapshot);
    if (collect(found, problems)) {
      region = found.value();
    }
  }
  std::optional<bool> open;
  if (const auto state = parameters->find("state"); state != parameters->end()) {
    if (state->second == "open" || state->second == "resolved") {
      open = state->second == "open";
    } else {
      problems.push_back(
          {domain::Code::parameter_invalid, "state",
           "state '" + state->second.substr(0, 40) + "' is not one of open, resolved"});
    }
  }
  std::int64_t limit = k_default_limit;
  if (const auto text = parameters->find("limit"); text != parameters->end()) {
    const auto& value = text->second;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), limit);
    if (error != std::errc() || end != value.data() + value.size() || limit < 1 ||
        limit > k_max_limit) {
      problems.push_back({domain::Code::parameter_invalid, "limit",
                          "limit '" + value.substr(0, 40) + "' is not a number from 1 to " +
                              std::to_string(k_max_limit)});
    }
  }
  const auto service = parameters->find("service");
  if (!problems.empty()) {
    return error_response(problems);
  }

  std::vector<const domain::Outage*> matching;
  const auto consider = [&](const domain::Outage& outage) {
    if ((region != nullptr && !names_region(outage, *region)) || (open && outage.open() != *open) ||
        (to.value() && outage.start >= *to.value()) ||
        (from.value() && outage.end && *outage.end <= *from.value())) {
      return;
    }
    matching.push_back(&outage);
  };
  if (service != parameters->end()) {
    for (const auto& outage : snapshot.outages.of_service(service->second)) {
      consider(outage);
    }
  } else {
    snapshot.outages.for_each(consider);
  }
  const auto shown = std::min(matching.size(), static_cast<std::size_t>(limit));
  std::partial_sort(matching.begin(), matching.begin() + static_cast<std::ptrdiff_t>(shown),
                    matching.end(),
                    [](const domain::Outage* a, const domain::Outage* b) { return a->id > b->id; });
  formats::Json list = formats::Json::array();
  for (std::size_t i = 0; i < shown; ++i) {
    list.push_back(outage_json(*matching[i], snapshot));
  }
  return json_response(
      200, formats::to_json_text(
               {{"outages", std::move(list)}, {"count", shown}, {"total", matching.size()}}));
}

Response OutageCreateHandler::handle(const Request& request, const Context& context) const {
  const auto write = write_context(request, context);
  if (!write) {
    return error_response(write.problems());
  }
  const auto parsed = formats::parse_outage_request(request.body);
  if (!parsed) {
    return error_response(parsed.problems());
  }
  const auto created = app::record_outage(*context.writer, *parsed, *write);
  if (!created) {
    return error_response(created.problems());
  }
  return outage_response(created->replayed ? 200 : 201, created->value,
                         *context.writer->snapshot());
}

Response OutageHandler::handle(const Request& request, const Context& context) const {
  auto parameters = read_parameters(request.query, "/v1/outages/{id}", {});
  if (!parameters) {
    return error_response(parameters.problems());
  }
  const auto id = id_parameter(context);
  const auto* outage = id ? context.snapshot->find_outage(*id) : nullptr;
  if (outage == nullptr) {
    return not_found_response("outage", context);
  }
  return outage_response(200, *outage, *context.snapshot);
}

Response OutageResolveHandler::handle(const Request& request, const Context& context) const {
  const auto id = id_parameter(context);
  if (!id || context.snapshot->find_outage(*id) == nullptr) {
    return not_found_response("outage", context);
  }
  const auto write = write_context(request, context);
  if (!write) {
    return error_response(write.problems());
  }
  const auto parsed = formats::parse_resolve_request(request.body);
  if (!parsed) {
    return error_response(parsed.problems());
  }
  const auto resolved = app::resolve_outage(*context.writer, *id, *parsed, *write);
  if (!resolved) {
    return error_response(resolved.problems());
  }
  return outage_response(200, *resolved, *context.writer->snapshot());
}

} // namespace slate::api
