#include <slate/api/tickets_handler.hpp>

#include <slate/api/error.hpp>
#include <slate/api/parameters.hpp>
#include <slate/api/percent_decoding.hpp>
#include <slate/api/write_request.hpp>
#include <slate/app/tickets.hpp>
#include <slate/formats/json_availability.hpp>
#include <slate/formats/json_ticket.hpp>

namespace slate::api {
namespace {

Response ticket_response(int status, const domain::Ticket& ticket, const Context& context) {
  const auto clocks = app::clocks_of(*context.snapshot, ticket, context.now);
  Response response = json_response(
      status, formats::to_json_text({{"ticket", formats::ticket_json(ticket, clocks)}}));
  if (status == 201) {
    // '#' is the one character of a ref that a path cannot hold as is.
    std::string path = "/v1/tickets/";
    for (const char c : ticket.ref) {
      path += c == '#' ? std::string("%23") : std::string(1, c);
    }
    response.headers.emplace_back("Location", path);
  }
  return response;
}

// Return the ref in the path, percent-decoded: "INC%237" names "INC#7".
std::string ref_of(const Context& context) {
  const std::string& raw = context.path_parameters.front();
  return percent_decode(raw).value_or(raw);
}

Response no_ticket(const Context& context) {
  const std::string ref = ref_of(context);
  return error_response(domain::Problem{domain::Code::not_found, "ref",
                                        "there is no ticket '" + ref.substr(0, 64) + "'"});
}

// Return the filter the list's parameters ask for, or every problem.
domain::Result<app::TicketFilter> read_filter(const Parameters& parameters,
                                              const app::Snapshot& snapshot) {
  domain::Problems problems;
  app::TicketFilter filter;
  if (const auto state = parameters.find("state"); state != parameters.end()) {
    if (state->second == "open" || state->second == "resolved") {
      filter.state =
          state->second == "open" ? domain::TicketState::open : domain::TicketState::resolved;
    } else {
      problems.push_back(
          {domain::Code::parameter_invalid, "state",
           "state '" + state->second.substr(0, 40) + "' is not one of open, resolved"});
    }
  }
  if (const auto severity = parameters.find("severity"); severity != parameters.end()) {
    if (snapshot.policy.support.find_severity(severity->second) == nullptr) {
      problems.push_back(
          {domain::Code::severity_unknown, "severity",
           "'" + severity->second.substr(0, 40) + "' is not a severity of this policy"});
    }
    filter.severity = severity->second;
  }
  if (const auto month = parameters.find("month"); month != parameters.end()) {
    auto parsed = formats::parse_month(month->second, "month");
    if (collect(parsed, problems)) {
      filter.month = *parsed;
    }
  }
  if (!problems.empty()) {
    return problems;
  }
  return filter;
}

} // namespace

Response TicketCreateHandler::handle(const Request& request, const Context& context) const {
  const auto write = write_context(request, context);
  if (!write) {
    return error_response(write.problems());
  }
  const auto parsed = formats::parse_ticket_request(request.body);
  if (!parsed) {
    return error_response(parsed.problems());
  }
  const auto opened = app::open_ticket(*context.writer, *parsed, *write);
  if (!opened) {
    return error_response(opened.problems());
  }
  return ticket_response(opened->replayed ? 200 : 201, opened->value, context);
}

Response TicketEventHandler::handle(const Request& request, const Context& context) const {
  if (context.snapshot->find_ticket(ref_of(context)) == nullptr) {
    return no_ticket(context);
  }
  const auto write = write_context(request, context);
  if (!write) {
    return error_response(write.problems());
  }
  const auto parsed = formats::parse_ticket_event_request(request.body);
  if (!parsed) {
    return error_response(parsed.problems());
  }
  const auto added = app::add_ticket_event(*context.writer, ref_of(context), *parsed, *write);
  if (!added) {
    return error_response(added.problems());
  }
  return ticket_response(200, added->value, context);
}

Response TicketHandler::handle(const Request& request, const Context& context) const {
  auto parameters = read_parameters(request.query, "/v1/tickets/{ref}", {});
  if (!parameters) {
    return error_response(parameters.problems());
  }
  const auto* ticket = context.snapshot->find_ticket(ref_of(context));
  if (ticket == nullptr) {
    return no_ticket(context);
  }
  return ticket_response(200, *ticket, context);
}

Response TicketListHandler::handle(const Request& request, const Context& context) const {
  auto parameters = read_parameters(request.query, "/v1/tickets", {"state", "severity", "month"});
  if (!parameters) {
    return error_response(parameters.problems());
  }
  const auto filter = read_filter(*parameters, *context.snapshot);
  if (!filter) {
    return error_response(filter.problems());
  }
  formats::Json list = formats::Json::array();
  for (const auto* ticket : app::list_tickets(*context.snapshot, *filter)) {
    list.push_back(
        formats::ticket_json(*ticket, app::clocks_of(*context.snapshot, *ticket, context.now)));
  }
  const auto count = list.size();
  return json_response(200,
                       formats::to_json_text({{"tickets", std::move(list)}, {"count", count}}));
}

} // namespace slate::api
