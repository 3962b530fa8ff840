#include <slate/domain/problem_code.hpp>

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

using slate::domain::Code;
using slate::domain::entry;
using slate::domain::parse_code;
using slate::domain::problem_codes;

namespace {

// The Problem schema's `code` in docs/openapi.yaml: its enum and its
// x-status map, read line by line (the two lists are plain YAML).
struct DocumentedCodes {
  std::set<std::string> listed;
  std::map<std::string, int> statuses;
};

DocumentedCodes documented_codes() {
  std::ifstream in(SLATE_SOURCE_DIR "/docs/openapi.yaml");
  REQUIRE(in);
  DocumentedCodes codes;
  const std::regex item(R"(^            - ([a-z_]+)$)");
  const std::regex status(R"(^            ([a-z_]+): (\d+)$)");
  std::string line;
  enum class Part { before, code, enumeration, statuses, after } part = Part::before;
  while (std::getline(in, line) && part != Part::after) {
    std::smatch match;
    if (part == Part::before && line == "    Problem:") {
      part = Part::code;
    } else if (part == Part::code && line == "          enum:") {
      part = Part::enumeration;
    } else if (part == Part::enumeration && std::regex_match(line, match, item)) {
      codes.listed.insert(match[1]);
    } else if (part == Part::enumeration && line == "          x-status:") {
      part = Part::statuses;
    } else if (part == Part::statuses && std::regex_match(line, match, status)) {
      codes.statuses[match[1]] = std::stoi(match[2]);
    } else if (part == Part::statuses) {
      part = Part::after;
    }
  }
  return codes;
}

} // namespace

TEST_CASE("domain::problem_codes: one row per code, named once, each with a meaning") {
  std::set<std::string> names;
  for (const auto& row : problem_codes()) {
    CAPTURE(row.name);
    CHECK(names.insert(std::string(row.name)).second);
    CHECK(&entry(row.code) == &row);
    CHECK(parse_code(row.name) == row.code);
    CHECK_FALSE(row.meaning.empty());
    const bool http = row.http_status >= 400 && row.http_status <= 599;
    CHECK((http || row.http_status == 0));
  }
  CHECK_FALSE(parse_code("no_such_code"));
  CHECK(to_string(Code::outside_window) == "outside_window");
  CHECK(entry(Code::invalid_transition).http_status == 409);
}

TEST_CASE("domain::problem_codes: the table is ordered by HTTP status, then by name") {
  const auto rows = problem_codes();
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto rank = [](int status) { return status == 0 ? 1000 : status; };
    CAPTURE(rows[i].name);
    const bool ordered =
        rank(rows[i - 1].http_status) < rank(rows[i].http_status) ||
        (rows[i - 1].http_status == rows[i].http_status && rows[i - 1].name < rows[i].name);
    CHECK(ordered);
  }
}

TEST_CASE("domain::problem_codes: docs/openapi.yaml lists every code a client can get, with its "
          "status") {
  const auto documented = documented_codes();
  std::set<std::string> expected;
  for (const auto& row : problem_codes()) {
    if (row.http_status != 0) {
      expected.insert(std::string(row.name));
      CAPTURE(row.name);
      REQUIRE(documented.statuses.count(std::string(row.name)) == 1);
      CHECK(documented.statuses.at(std::string(row.name)) == row.http_status);
    }
  }
  CHECK(documented.listed == expected);
  CHECK(documented.statuses.size() == expected.size());
}
