#include <slate/api/availability_handler.hpp>

#include <slate/api/csv_negotiation.hpp>
#include <slate/api/error.hpp>
#include <slate/api/parameters.hpp>
#include <slate/util/text.hpp>

#include <algorithm>
#include <set>

namespace slate::api {
namespace {

// The most months one request may cover: ten years.
constexpr int k_max_months = 120;
constexpr std::size_t k_max_service = 64;

int months_between(date::year_month first, date::year_month last) {
  return static_cast<int>((last - first).count());
}

// What a request for availability asks, read and checked.
struct Query {
  app::AvailabilityRequest wanted;
  bool one_service = false; // `service` named one
  bool range = false;       // from/to: a list even for one month
  bool csv = false;
  bool ledger_rows = false; // CSV: one row per ledger entry
};

// Return what `request` with `parameters` asks of `snapshot` at `now`, or
// every problem with it: a malformed month or range, one longer than ten
// years or not begun yet, a service the policy does not list, an unknown
// region, a format or rows that do not go together.
domain::Result<Query> read_query(const Request& request, const Parameters& parameters,
                                 const app::Snapshot& snapshot, domain::Instant now) {
  const auto& rules = snapshot.policy.availability;
  domain::Problems problems;
  Query query;
  auto& wanted = query.wanted;
  bool& csv = query.csv;
  csv = wants_csv(request);
  // For links a browser follows, which cannot set Accept.
  if (const auto format = parameters.find("format"); format != parameters.end()) {
    if (format->second == "csv" || format->second == "json") {
      csv = format->second == "csv";
    } else {
      problems.push_back({domain::Code::parameter_invalid, "format",
                          "format '" + format->second.substr(0, 40) + "' is not one of json, csv"});
    }
  }

  const auto service = parameters.find("service");
  if (service != parameters.end()) {
    const auto& listed = rules.services;
    if (service->second.empty() || service->second.size() > k_max_service) {
      problems.push_back({domain::Code::parameter_invalid, "service",
                          "service must be 1 to " + std::to_string(k_max_service) + " bytes long"});
    } else if (!listed.empty() &&
               std::find(listed.begin(), listed.end(), service->second) == listed.end()) {
      problems.push_back({domain::Code::unknown_service, "service",
                          "service '" + service->second + "' is not one that policy '" +
                              snapshot.policy.name + "' lists: " + util::joined(listed)});
    } else {
      wanted.services.push_back(service->second);
      query.one_service = true;
    }
  }
  if (parameters.count("region") != 0) {
    const auto found = region_parameter(parameters, snapshot);
    if (collect(found, problems)) {
      wanted.region = found.value()->id;
    }
  }

  const auto current = domain::month_of(now, rules.reporting_zone);
  wanted.first = wanted.last = current;
  const auto month = parameters.find("month");
  const auto from = parameters.find("from");
  const auto to = parameters.find("to");
  const auto read_month = [&](const char* name, date::year_month& into) {
    const auto parsed = formats::parse_month(parameters.at(name), name);
    if (collect(parsed, problems)) {
      into = parsed.value();
    }
  };
  if (month != parameters.end() && (from != parameters.end() || to != parameters.end())) {
    problems.push_back(
        {domain::Code::parameter_conflict, "month", "give 'month', or 'from' and 'to', not both"});
  } else if (month != parameters.end()) {
    read_month("month", wanted.first);
    wanted.last = wanted.first;
  } else if ((from != parameters.end()) != (to != parameters.end())) {
    const char* missing = from == parameters.end() ? "from" : "to";
    problems.push_back({domain::Code::parameter_missing, missing,
                        std::string("'from' and 'to' go together: give '") + missing +
                            "' too (YYYY-MM, inclusive)"});
  } else if (from != parameters.end()) {
    query.range = true;
    const auto before = problems.size();
    read_month("from", wanted.first);
    read_month("to", wanted.last);
    if (problems.size() == before) {
      if (wanted.last < wanted.first) {
        problems.push_back({domain::Code::parameter_invalid, "to",
                            "'to' (" + formats::month_text(wanted.last) + ") is before 'from' (" +
                                formats::month_text(wanted.first) + ")"});
      } else if (months_between(wanted.first, wanted.last) >= k_max_months) {
        problems.push_back(
            {domain::Code::parameter_invalid, "to",
             "one request covers at most " + std::to_string(k_max_months) + " months"});
      }
    }
  }
  if (problems.empty() && wanted.last > current) {
    problems.push_back({domain::Code::parameter_invalid, month != parameters.end() ? "month" : "to",
                        "month " + formats::month_text(wanted.last) + " has not begun in " +
                            rules.reporting_zone.name() + "; the current month is " +
                            formats::month_text(current)});
  }
  if (const auto rows = parameters.find("rows"); rows != parameters.end()) {
    if (!csv) {
      problems.push_back({domain::Code::parameter_invalid, "rows",
                          "'rows' chooses the rows of CSV; ask for CSV with 'Accept: text/csv' "
                          "or format=csv (JSON always has each report with its ledger)"});
    } else if (rows->second == "ledger" || rows->second == "reports") {
      query.ledger_rows = rows->second == "ledger";
    } else {
      problems.push_back(
          {domain::Code::parameter_invalid, "rows",
           "rows '" + rows->second.substr(0, 40) + "' is not one of reports, ledger"});
    }
  }
  if (!problems.empty()) {
    return problems;
  }
  return query;
}

Response render(const Query& query, const std::vector<formats::ReportView>& views) {
  if (query.csv) {
    return csv_response(query.ledger_rows ? formats::ledger_csv(views)
                                          : formats::reports_csv(views),
                        "availability.csv");
  }
  if (query.one_service && !query.range) {
    return json_response(200, formats::to_json_text(formats::report_json(views.front())));
  }
  formats::Json list = formats::Json::array();
  list.get_ref<formats::Json::array_t&>().reserve(views.size());
  for (const auto& view : views) {
    list.push_back(formats::report_json(view));
  }
  // Member by member: an initializer list would copy every report.
  formats::Json document = formats::Json::object();
  document["count"] = list.size();
  document["reports"] = std::move(list);
  return json_response(200, formats::to_json_text(document));
}

} // namespace

Response AvailabilityHandler::handle(const Request& request, const Context& context) const {
  auto parameters = read_parameters(request.query, "/v1/availability",
                                    {"service", "region", "month", "from", "to", "format", "rows"});
  if (!parameters) {
    return error_response(parameters.problems());
  }
  auto query = read_query(request, *parameters, *context.snapshot, context.now);
  if (!query) {
    return error_response(query.problems());
  }
  if (!query->one_service) {
    query.value().wanted.services = app::reported_services(*context.snapshot);
  }
  return render(*query, app::availability_reports(*context.snapshot, query->wanted, context.now));
}

} // namespace slate::api
