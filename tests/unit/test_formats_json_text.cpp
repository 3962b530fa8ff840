#include <slate/formats/json_text.hpp>

#include <doctest/doctest.h>

#include <initializer_list>
#include <ostream>
#include <string>
#include <vector>

using slate::domain::Problems;
using slate::formats::parse_json_object;

namespace {

// Problems as "code field: message" lines, which a failed check prints in full.
struct Lines {
  Lines(std::initializer_list<std::string> list) : items(list) {}
  explicit Lines(const Problems& problems) {
    for (const auto& problem : problems) {
      items.push_back(problem.code + " " + problem.field + ": " + problem.message);
    }
  }
  std::vector<std::string> items;
  friend bool operator==(const Lines&, const Lines&) = default;
  friend std::ostream& operator<<(std::ostream& out, const Lines& lines) {
    out << "{";
    for (const auto& item : lines.items) {
      out << "\n  \"" << item << "\"";
    }
    return out << "}";
  }
};

Lines problems_of(const std::string& body) {
  Problems problems;
  const auto document = parse_json_object(body, problems);
  CHECK(document.has_value() == problems.empty());
  return Lines(problems);
}

std::string twice(const std::string& path) {
  return "malformed_json " + path + ": '" + path +
         "' appears more than once in the same object; send each member once, so the body "
         "means one thing";
}

} // namespace

TEST_CASE("formats::parse_json_object reads one object") {
  Problems problems;
  const auto document =
      parse_json_object(R"({"title": "x", "regions": ["US", "EU"], "a": {"b": 1}})", problems);
  REQUIRE(document.has_value());
  CHECK(problems.empty());
  CHECK((*document)["title"] == "x");
  CHECK((*document)["a"]["b"] == 1);
  // The same key in different objects is no duplicate.
  CHECK(problems_of(R"({"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 1}, {"x": 2}]})") == Lines{});
}

TEST_CASE("formats::parse_json_object refuses a key that appears twice, at any depth") {
  CHECK(problems_of(R"({"title": "a", "title": "b"})") == Lines{twice("title")});
  CHECK(problems_of(R"({"title": "a", "regions": [], "title": "a"})") == Lines{twice("title")});
  CHECK(problems_of(R"({"a": {"b": 1, "b": 2}})") == Lines{twice("a.b")});
  CHECK(problems_of(R"({"outages": [{"start": "x"}, {"start": "x", "end": 1, "start": "y"}]})") ==
        Lines{twice("outages[1].start")});
  CHECK(problems_of(R"({"a": [[1, 2], [{"k": 1, "k": 1}]]})") == Lines{twice("a[1][0].k")});
  // Each key once, sorted, however often it repeats.
  CHECK(problems_of(R"({"z": 1, "z": 2, "z": 3, "a": 1, "a": 1})") ==
        Lines{twice("a"), twice("z")});
  // Keys compare byte for byte, as JSON says: case makes another key.
  CHECK(problems_of(R"({"title": "a", "Title": "b"})") == Lines{});
}

TEST_CASE("formats::parse_json_object says the body is not JSON before naming duplicates") {
  CHECK(problems_of(R"({"a": 1, "a": 2)") ==
        Lines{"malformed_json body: the body is not valid JSON; send one JSON object"});
  CHECK(problems_of(R"([{"a": 1, "a": 2}])") ==
        Lines{"malformed_json body: the body must be a JSON object, not array"});
}
