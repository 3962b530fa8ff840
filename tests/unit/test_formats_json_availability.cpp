#include <slate/formats/json_availability.hpp>

#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <string>

using slate::domain::AvailabilityReport;
using slate::domain::CreditTier;
using slate::domain::LedgerEntry;
using slate::domain::Seconds;
using slate::formats::ledger_csv;
using slate::formats::millionths_text;
using slate::formats::month_text;
using slate::formats::parse_month;
using slate::formats::report_json;
using slate::formats::reports_csv;
using slate::formats::ReportView;
using slate::test::utc;

namespace {

// October 2026 in UTC: 31 days = 2,678,400 s. Down 3,600 s, of which 1,800 s
// excluded as scheduled maintenance, 1,800 s counted.
// Measured: 2,678,400 - 1,800 = 2,676,600 s; available 2,676,600 - 1,800 =
// 2,674,800 s; 2,674,800 / 2,676,600 = 99.93275...%, shown 99.9327.
AvailabilityReport october() {
  AvailabilityReport r;
  r.query.service = "voice";
  r.query.region = "US";
  r.query.month = date::year{2026} / date::October;
  r.period = {utc("2026-10-01T00:00:00Z"), utc("2026-11-01T00:00:00Z")};
  r.total = Seconds{2678400};
  r.down = Seconds{3600};
  r.excluded = Seconds{1800};
  r.counted = Seconds{1800};
  r.excluded_by_category = {{"(i) scheduled maintenance", Seconds{1800}}};
  r.denominator = 2676600;
  r.numerator = 2674800;
  r.target_ppm = 999500;
  r.met = false;
  // (1 - 0.9995) x 2,676,600 = 1,338.3 s, truncated to 1,338 s.
  r.error_budget = Seconds{1338};
  r.error_budget_remaining = Seconds{1338 - 1800};
  r.credit = CreditTier{999500, "10 %"};
  r.ledger.push_back(LedgerEntry{{utc("2026-10-07T09:00:00Z"), utc("2026-10-07T09:30:00Z")},
                                 "maintenance",
                                 false,
                                 "scheduled maintenance 3, announced with notice and inside its "
                                 "window",
                                 "(i) scheduled maintenance",
                                 {"maintenance/3"}});
  r.ledger.push_back(LedgerEntry{{utc("2026-10-07T09:30:00Z"), utc("2026-10-07T10:00:00Z")},
                                 "maintenance_overrun",
                                 true,
                                 "maintenance 3 ran outside its window (overrun), so this part "
                                 "counts; outage/9 overlaps it and is not counted again",
                                 "",
                                 {"maintenance/3", "outage/9"}});
  return r;
}

} // namespace

TEST_SUITE_BEGIN("formats");

TEST_CASE("formats::report_json: every figure, exact, and the ledger") {
  const auto json = report_json(ReportView{october(), "UTC", "exclusions_leave_total"});
  CHECK(json.dump() ==
        R"({"service":"voice","region":"US","month":"2026-10","zone":"UTC",)"
        R"("formula":"exclusions_leave_total","start":"2026-10-01T00:00:00Z",)"
        R"("end":"2026-11-01T00:00:00Z","total_seconds":2678400,"down_seconds":3600,)"
        R"("excluded_seconds":1800,"counted_seconds":1800,)"
        R"("excluded_by_category":{"(i) scheduled maintenance":1800},)"
        R"("measured_seconds":2676600,"available_seconds":2674800,)"
        R"("availability_percent":"99.9327","target_percent":"99.9500","met":false,)"
        R"("error_budget_seconds":1338,"error_budget_remaining_seconds":-462,)"
        R"("elapsed_seconds":null,"burn_rate":null,)"
        R"("credit":{"below_percent":"99.9500","credit":"10 %"},)"
        R"("ledger":[{"start":"2026-10-07T09:00:00Z","end":"2026-10-07T09:30:00Z",)"
        R"("seconds":1800,"kind":"maintenance","counted":false,)"
        R"("reason":"scheduled maintenance 3, announced with notice and inside its window",)"
        R"("category":"(i) scheduled maintenance","sources":["maintenance/3"]},)"
        R"({"start":"2026-10-07T09:30:00Z","end":"2026-10-07T10:00:00Z","seconds":1800,)"
        R"("kind":"maintenance_overrun","counted":true,)"
        R"("reason":"maintenance 3 ran outside its window (overrun), so this part counts; )"
        R"(outage/9 overlaps it and is not counted again","category":null,)"
        R"("sources":["maintenance/3","outage/9"]}]})");
}

TEST_CASE("formats::report_json: a month under way, no region, no credit") {
  auto r = october();
  r.query.region.reset();
  r.credit.reset();
  // 10 days of 31 gone; 1,800 s of 1,338 s used: (1800/1338) / (864000/2678400)
  // = 1.34529... / 0.32258... = 4.1704..., in millionths 4,170,403.
  r.elapsed = Seconds{864000};
  r.burn_rate_ppm = 4170403;
  const auto json = report_json(ReportView{r, "Europe/London", "exclusions_count_as_up"});
  CHECK(json["region"].is_null());
  CHECK(json["zone"] == "Europe/London");
  CHECK(json["formula"] == "exclusions_count_as_up");
  CHECK(json["elapsed_seconds"] == 864000);
  CHECK(json["burn_rate"] == "4.1704");
  CHECK(json["credit"].is_null());
}

TEST_CASE("formats::report_json: nothing measured is 100 %") {
  AvailabilityReport r;
  r.query.service = "api";
  r.query.month = date::year{2026} / date::February;
  CHECK(report_json(ReportView{r, "UTC", "exclusions_leave_total"})["availability_percent"] ==
        "100.0000");
}

TEST_CASE("formats::reports_csv: one row per report, RFC 4180 quoting") {
  auto second = october();
  second.query.service = "api";
  second.query.region.reset();
  second.elapsed = Seconds{864000};
  second.burn_rate_ppm = 4170403;
  second.credit.reset();
  second.excluded_by_category["(ii)(a) causes beyond reasonable control"] = Seconds{60};
  const auto csv = reports_csv({ReportView{october(), "UTC", "exclusions_leave_total"},
                                ReportView{second, "UTC", "exclusions_leave_total"}});
  CHECK(csv ==
        "service,region,month,start,end,total_seconds,down_seconds,excluded_seconds,"
        "counted_seconds,availability_percent,target_percent,met,error_budget_seconds,"
        "error_budget_remaining_seconds,elapsed_seconds,burn_rate,credit,excluded_by_category\r\n"
        "voice,US,2026-10,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,2678400,3600,1800,1800,"
        "99.9327,99.9500,false,1338,-462,,,10 %,(i) scheduled maintenance=1800\r\n"
        "api,,2026-10,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,2678400,3600,1800,1800,"
        "99.9327,99.9500,false,1338,-462,864000,4.1704,,"
        "(i) scheduled maintenance=1800; (ii)(a) causes beyond reasonable control=60\r\n");
}

TEST_CASE("formats::ledger_csv: one row per ledger entry, reasons quoted when needed") {
  const auto csv = ledger_csv({ReportView{october(), "UTC", "exclusions_leave_total"}});
  CHECK(csv == "service,region,month,start,end,seconds,kind,counted,category,reason,sources\r\n"
               "voice,US,2026-10,2026-10-07T09:00:00Z,2026-10-07T09:30:00Z,1800,maintenance,"
               "false,(i) scheduled maintenance,\"scheduled maintenance 3, announced with notice "
               "and inside its window\",maintenance/3\r\n"
               "voice,US,2026-10,2026-10-07T09:30:00Z,2026-10-07T10:00:00Z,1800,"
               "maintenance_overrun,true,,\"maintenance 3 ran outside its window (overrun), so "
               "this part counts; outage/9 overlaps it and is not counted again\","
               "maintenance/3 outage/9\r\n");
  auto quoted = october();
  quoted.ledger.resize(1);
  quoted.ledger[0].reason = "said \"down\"\nthen up";
  CHECK(ledger_csv({ReportView{quoted, "UTC", ""}}).find("\"said \"\"down\"\"\nthen up\"") !=
        std::string::npos);
  CHECK(ledger_csv({}) ==
        "service,region,month,start,end,seconds,kind,counted,category,reason,sources\r\n");
}

TEST_CASE("formats::millionths_text truncates toward zero") {
  struct Row {
    std::int64_t millionths;
    int decimals;
    const char* expected;
  };
  const Row rows[] = {
      {999500, 4, "0.9995"},    {1000000, 4, "1.0000"}, {4170403, 4, "4.1704"},
      {4170499, 4, "4.1704"},   {4170403, 2, "4.17"},   {4170403, 0, "4"},
      {4170403, 6, "4.170403"}, {-1500000, 1, "-1.5"},  {-50, 4, "0.0000"},
      {0, 4, "0.0000"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.millionths);
    CHECK(millionths_text(row.millionths, row.decimals) == row.expected);
  }
}

TEST_CASE("formats::parse_month and month_text") {
  const auto parsed = parse_month("2026-03", "month");
  REQUIRE(parsed.ok());
  CHECK(parsed.value() == date::year{2026} / date::March);
  CHECK(month_text(parsed.value()) == "2026-03");
  CHECK(month_text(date::year{1999} / date::December) == "1999-12");
  for (const char* bad : {"2026-3", "2026-13", "2026-00", "26-03", "2026/03", "2026-03-01", "",
                          "1969-12", "9000-01", "abcd-ef"}) {
    CAPTURE(bad);
    const auto refused = parse_month(bad, "from");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.problems()[0].code == "month_invalid");
    CHECK(refused.problems()[0].field == "from");
  }
  CHECK(parse_month("2026-13", "month").problems()[0].message ==
        "'month' must be a month written YYYY-MM, such as 2026-10; '2026-13' has no month 13");
}

TEST_SUITE_END();
