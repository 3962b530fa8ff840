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

namespace {

std::string nul(const std::string& path, const std::string& what, int at) {
  return "invalid_field " + path + ": '" + path + "' holds a NUL character (\\u0000) in its " +
         what + " at byte " + std::to_string(at) + "; JSON text sent to slated may not hold a NUL";
}

} // namespace

TEST_CASE("formats::parse_json_object refuses a NUL in any string or key, naming its path") {
  CHECK(problems_of(R"({"reason": "a\u0000b"})") == Lines{nul("reason", "value", 1)});
  CHECK(problems_of(R"({"outages": [{"title": "ok"}, {"title": "\u0000"}]})") ==
        Lines{nul("outages[1].title", "value", 0)});
  CHECK(problems_of(R"({"a": {"b": ["x", ["y\u0000"]]}})") == Lines{nul("a.b[1][0]", "value", 1)});
  // A key with a NUL is named as the client wrote it, not cut short.
  CHECK(problems_of(R"({"re\u0000ason": "x"})") == Lines{nul("re\\u0000ason", "name", 2)});
  // Every NUL is named, so that one answer says all there is to fix.
  CHECK(problems_of(R"({"a": "\u0000", "b": "x\u0000"})") ==
        Lines{nul("a", "value", 0), nul("b", "value", 1)});
  // Other control characters are the members' business (MemberReader::text).
  CHECK(problems_of(R"({"reason": "a\u0001\t\n"})") == Lines{});
}

TEST_CASE("formats::parse_json_object finds a NUL however deep, without recursing") {
  const std::size_t depth = 100000;
  const auto body =
      R"({"a": )" + std::string(depth, '[') + R"("\u0000")" + std::string(depth, ']') + "}";
  std::string path = "a";
  for (std::size_t i = 0; i < depth; ++i) {
    path += "[0]";
  }
  CHECK(problems_of(body) == Lines{nul(path, "value", 0)});
}
