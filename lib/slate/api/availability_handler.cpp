#include <slate/api/availability_handler.hpp>

#include <slate/api/error.hpp>
#include <slate/api/parameters.hpp>

#include <algorithm>
#include <set>

namespace slate::api {
namespace {

// The most months one request may cover: ten years.
constexpr int k_max_months = 120;
constexpr std::size_t k_max_service = 64;

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

// Whether `a` covers `b` in time, touching included: a conservative test,
// so that the domain sees everything that could matter to the period.
bool near(domain::Instant a_start, domain::Instant a_end, const domain::Interval& period) {
  return a_start <= period.end && period.start <= a_end;
}

// The maintenance that could take something down in `period`: its booked
// span, its extension and its actual start and finish, running ones until
// `now`. The domain decides what of it counts.
std::vector<domain::Maintenance> maintenance_near(const std::vector<domain::Maintenance>& all,
                                                  const domain::Interval& period,
                                                  domain::Instant now) {
  std::vector<domain::Maintenance> out;
  for (const auto& m : all) {
    domain::Instant start = std::min(m.booked.start, m.started_at.value_or(m.booked.start));
    domain::Instant end = std::max(m.end, m.finished_at.value_or(m.end));
    if (m.open()) {
      end = std::max(end, now);
    }
    if (near(start, end, period)) {
      out.push_back(m);
    }
  }
  return out;
}

std::vector<domain::Outage> outages_near(std::span<const domain::Outage> all,
                                         const domain::Interval& period, domain::Instant now) {
  std::vector<domain::Outage> out;
  for (const auto& outage : all) {
    const auto span = outage.span(now);
    if (near(span.start, span.end, period)) {
      out.push_back(outage);
    }
  }
  return out;
}

date::year_month month_of(domain::Instant instant, const domain::Zone& zone) {
  const date::year_month_day day{date::floor<date::days>(zone.to_local(instant).local)};
  return day.year() / day.month();
}

int months_between(date::year_month first, date::year_month last) {
  return static_cast<int>((last - first).count());
}

// Whether the client asks for CSV: the first of text/csv and
// application/json that its Accept names decides; neither means JSON.
bool wants_csv(const Request& request) {
  const auto accept = find_field(request.headers, "Accept");
  if (!accept) {
    return false;
  }
  std::string lower(*accept);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto csv = lower.find("text/csv");
  const auto json = lower.find("application/json");
  return csv != std::string::npos && (json == std::string::npos || csv < json);
}

Response csv_response(std::string body) {
  return Response{200,
                  {{"Content-Type", "text/csv; charset=utf-8; header=present"},
                   {"Cache-Control", "no-store"},
                   {"Content-Disposition", "inline; filename=\"availability.csv\""}},
                  std::move(body)};
}

} // namespace

std::vector<std::string> reported_services(const app::Snapshot& snapshot) {
  std::set<std::string> names(snapshot.policy.availability.services.begin(),
                              snapshot.policy.availability.services.end());
  for (auto& service : snapshot.outages.services()) {
    names.insert(std::move(service));
  }
  for (const auto& maintenance : snapshot.maintenances) {
    names.insert(maintenance.services.begin(), maintenance.services.end());
  }
  return {names.begin(), names.end()};
}

std::vector<formats::ReportView> availability_reports(const app::Snapshot& snapshot,
                                                      const AvailabilityRequest& request,
                                                      domain::Instant now) {
  const auto& rules = snapshot.policy.availability;
  const std::string zone = rules.reporting_zone.name();
  const std::string formula = formats::formula_name(rules.formula);
  std::vector<formats::ReportView> views;
  const int months = months_between(request.first, request.last) + 1;
  views.reserve(request.services.size() * static_cast<std::size_t>(std::max(months, 0)));
  // Months outer: the maintenance near a month is shared by every service.
  std::vector<std::vector<formats::ReportView>> by_month;
  for (auto month = request.first; month <= request.last; month += date::months{1}) {
    const auto period = domain::month_interval(month, rules.reporting_zone);
    const auto maintenances = maintenance_near(snapshot.maintenances, period, now);
    std::vector<formats::ReportView> reports;
    reports.reserve(request.services.size());
    for (const auto& service : request.services) {
      // Only what touches the month: the domain looks at every outage it is
      // given, and a service may have years of them.
      const auto outages = outages_near(snapshot.outages.of_service(service), period, now);
      const domain::AvailabilityInputs inputs{snapshot.policy, snapshot.regions, outages,
                                              maintenances, now};
      reports.push_back(
          {domain::compute_availability({service, request.region, month}, inputs), zone, formula});
    }
    by_month.push_back(std::move(reports));
  }
  for (std::size_t s = 0; s < request.services.size(); ++s) {
    for (auto& reports : by_month) {
      views.push_back(std::move(reports[s]));
    }
  }
  return views;
}

std::vector<formats::ReportView> current_month_reports(const app::Snapshot& snapshot,
                                                       domain::Instant now) {
  const auto month = month_of(now, snapshot.policy.availability.reporting_zone);
  return availability_reports(snapshot, {reported_services(snapshot), std::nullopt, month, month},
                              now);
}

Response AvailabilityHandler::handle(const Request& request, const Context& context) const {
  auto parameters = read_parameters(request.query, "/v1/availability",
                                    {"service", "region", "month", "from", "to", "format", "rows"});
  if (!parameters) {
    return error_response(parameters.problems());
  }
  const auto& snapshot = *context.snapshot;
  const auto& rules = snapshot.policy.availability;
  domain::Problems problems;
  bool csv = wants_csv(request);
  // For links a browser follows, which cannot set Accept.
  if (const auto format = parameters->find("format"); format != parameters->end()) {
    if (format->second == "csv" || format->second == "json") {
      csv = format->second == "csv";
    } else {
      problems.push_back({"parameter_invalid", "format",
                          "format '" + format->second.substr(0, 40) + "' is not one of json, csv"});
    }
  }

  AvailabilityRequest wanted;
  const auto service = parameters->find("service");
  if (service != parameters->end()) {
    const auto& listed = rules.services;
    if (service->second.empty() || service->second.size() > k_max_service) {
      problems.push_back({"parameter_invalid", "service",
                          "service must be 1 to " + std::to_string(k_max_service) + " bytes long"});
    } else if (!listed.empty() &&
               std::find(listed.begin(), listed.end(), service->second) == listed.end()) {
      problems.push_back({"unknown_service", "service",
                          "service '" + service->second + "' is not one that policy '" +
                              snapshot.policy.name + "' lists: " + joined(listed)});
    } else {
      wanted.services.push_back(service->second);
    }
  }
  if (parameters->count("region") != 0) {
    const auto found = region_parameter(*parameters, snapshot);
    if (collect(found, problems)) {
      wanted.region = found.value()->id;
    }
  }

  const auto current = month_of(context.now, rules.reporting_zone);
  wanted.first = wanted.last = current;
  const auto month = parameters->find("month");
  bool range = false; // from/to: a list even for one month
  const auto from = parameters->find("from");
  const auto to = parameters->find("to");
  const auto read_month = [&](const char* name, date::year_month& into) {
    const auto parsed = formats::parse_month(parameters->at(name), name);
    if (collect(parsed, problems)) {
      into = parsed.value();
    }
  };
  if (month != parameters->end() && (from != parameters->end() || to != parameters->end())) {
    problems.push_back(
        {"parameter_conflict", "month", "give 'month', or 'from' and 'to', not both"});
  } else if (month != parameters->end()) {
    read_month("month", wanted.first);
    wanted.last = wanted.first;
  } else if ((from != parameters->end()) != (to != parameters->end())) {
    const char* missing = from == parameters->end() ? "from" : "to";
    problems.push_back({"parameter_missing", missing,
                        std::string("'from' and 'to' go together: give '") + missing +
                            "' too (YYYY-MM, inclusive)"});
  } else if (from != parameters->end()) {
    range = true;
    const auto before = problems.size();
    read_month("from", wanted.first);
    read_month("to", wanted.last);
    if (problems.size() == before) {
      if (wanted.last < wanted.first) {
        problems.push_back({"parameter_invalid", "to",
                            "'to' (" + formats::month_text(wanted.last) + ") is before 'from' (" +
                                formats::month_text(wanted.first) + ")"});
      } else if (months_between(wanted.first, wanted.last) >= k_max_months) {
        problems.push_back(
            {"parameter_invalid", "to",
             "one request covers at most " + std::to_string(k_max_months) + " months"});
      }
    }
  }
  if (problems.empty() && wanted.last > current) {
    problems.push_back({"parameter_invalid", month != parameters->end() ? "month" : "to",
                        "month " + formats::month_text(wanted.last) + " has not begun in " +
                            rules.reporting_zone.name() + "; the current month is " +
                            formats::month_text(current)});
  }
  bool ledger_rows = false;
  if (const auto rows = parameters->find("rows"); rows != parameters->end()) {
    if (!csv) {
      problems.push_back({"parameter_invalid", "rows",
                          "'rows' chooses the rows of CSV; ask for CSV with 'Accept: text/csv' "
                          "or format=csv (JSON always has each report with its ledger)"});
    } else if (rows->second == "ledger" || rows->second == "reports") {
      ledger_rows = rows->second == "ledger";
    } else {
      problems.push_back(
          {"parameter_invalid", "rows",
           "rows '" + rows->second.substr(0, 40) + "' is not one of reports, ledger"});
    }
  }
  if (!problems.empty()) {
    return error_response(problems);
  }

  const bool one_service = !wanted.services.empty();
  if (!one_service) {
    wanted.services = reported_services(snapshot);
  }
  const auto views = availability_reports(snapshot, wanted, context.now);
  if (csv) {
    return csv_response(ledger_rows ? formats::ledger_csv(views) : formats::reports_csv(views));
  }
  if (one_service && !range) {
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

} // namespace slate::api
