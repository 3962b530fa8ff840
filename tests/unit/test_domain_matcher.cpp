#include <slate/domain/matcher.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using slate::domain::check_silence_matchers;
using slate::domain::Labels;
using slate::domain::Matcher;
using slate::domain::matches_all;
using slate::domain::matches_empty_string;
using slate::domain::MatchType;
using slate::domain::parse_matcher;

namespace {

Matcher matcher(const std::string& text) {
  auto parsed = parse_matcher(text, "m");
  REQUIRE_MESSAGE(parsed.ok(), text);
  return parsed.value();
}

} // namespace

TEST_CASE("domain::parse_matcher reads Alertmanager 0.25's syntax") {
  struct Row {
    const char* text;
    const char* name;
    MatchType type;
    const char* value;
  };
  // The value column is the unescaped value, written as a C++ literal.
  const Row rows[] = {
      {R"(region="US")", "region", MatchType::equal, "US"},
      {R"(region!="US")", "region", MatchType::not_equal, "US"},
      {R"(service=~"api|billing")", "service", MatchType::regex, "api|billing"},
      {R"(service!~"api.*")", "service", MatchType::not_regex, "api.*"},
      // Blanks around name, operator and value do not count.
      {" \t region = \"US\" \n", "region", MatchType::equal, "US"},
      // Quotes are optional when the value holds none.
      {"region=US", "region", MatchType::equal, "US"},
      {"region=", "region", MatchType::equal, ""},
      {R"(region="")", "region", MatchType::equal, ""},
      // Only the first '=' is the operator.
      {"a==b", "a", MatchType::equal, "=b"},
      // \" \\ and \n are escapes; any other backslash stays.
      {R"(a="x\"y")", "a", MatchType::equal, "x\"y"},
      {R"(a="x\\y")", "a", MatchType::equal, "x\\y"},
      {R"(a="x\ny")", "a", MatchType::equal, "x\ny"},
      {R"(a="x\ty")", "a", MatchType::equal, "x\\ty"},
      {R"(a=~"\d+")", "a", MatchType::regex, "\\d+"},
      // A backslash as the last character is literal.
      {R"(a=x\)", "a", MatchType::equal, "x\\"},
      {"_a_1=\"é\"", "_a_1", MatchType::equal, "é"},
      // Blanks inside a quoted value stay.
      {R"(a=" x ")", "a", MatchType::equal, " x "},
  };
  for (const auto& row : rows) {
    CAPTURE(row.text);
    const auto parsed = parse_matcher(row.text, "m");
    REQUIRE(parsed.ok());
    CHECK(parsed->name == row.name);
    CHECK(parsed->type == row.type);
    CHECK(parsed->value == row.value);
  }
}

TEST_CASE("domain::parse_matcher refuses what Alertmanager refuses, saying why") {
  struct Row {
    const char* text;
    const char* code;
    const char* reason; // part of the message
  };
  const Row rows[] = {
      {"", "matcher_invalid", "it must start with a label name"},
      {R"(="US")", "matcher_invalid", "it must start with a label name"},
      {R"(region~"US")", "matcher_invalid", "must be followed by =, !=, =~ or !~"},
      {R"(region "US")", "matcher_invalid", "must be followed by =, !=, =~ or !~"},
      {R"(a b="x")", "matcher_invalid", "must be followed by =, !=, =~ or !~"},
      {R"(region=U"S)", "matcher_invalid", "double quote that is not escaped"},
      {R"(region="U"S")", "matcher_invalid", "double quote that is not escaped"},
      {R"(region="US)", "matcher_invalid", "opening double quote is never closed"},
      {R"(region="US\")", "matcher_invalid", "opening double quote is never closed"},
      {R"(1region="US")", "matcher_invalid", "is not one Alertmanager accepts in a silence"},
      // Alertmanager's parser takes ':' in names, its silences do not.
      {R"(a:b="x")", "matcher_invalid", "(no ':')"},
      {"a=\"\xff\"", "matcher_invalid", "not valid UTF-8"},
      {"a=\"\xc3\"", "matcher_invalid", "not valid UTF-8"},
      {R"(a=~"(")", "matcher_regex_invalid",
       "is not valid in Alertmanager's regex syntax (RE2): missing ): ("},
      {R"(a=~"a)|(b")", "matcher_regex_invalid",
       "is not valid in Alertmanager's regex syntax (RE2): unexpected ): a)|(b"},
      // RE2 refuses these, though other regex engines have them.
      {R"m(a=~"x(?=y)")m", "matcher_regex_invalid", "lookahead and lookbehind"},
      {R"m(a!~"x(?!y)")m", "matcher_regex_invalid", "lookahead and lookbehind"},
      {R"(a=~"(a)\1")", "matcher_regex_invalid", "backreferences"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.text);
    const auto parsed = parse_matcher(row.text, "alertmanager.regions.US.matchers");
    REQUIRE_FALSE(parsed.ok());
    REQUIRE(parsed.problems().size() == 1);
    CHECK(parsed.problems().front().code == row.code);
    CHECK(parsed.problems().front().field == "alertmanager.regions.US.matchers");
    CHECK(parsed.problems().front().message.find(row.reason) != std::string::npos);
  }
}

TEST_CASE("domain::parse_matcher: the message names the text and shows the syntax") {
  const auto parsed = parse_matcher(R"(region="US)", "m");
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.problems().front().message ==
        R"('region="US' is not an Alertmanager matcher: the value's opening double quote is )"
        R"(never closed; write e.g. region="US" or service=~"api|billing")");
}

TEST_CASE("domain::Matcher::to_string writes what parse_matcher reads back") {
  const std::vector<Matcher> matchers{
      {"region", MatchType::equal, "US"},
      {"service", MatchType::regex, "api|billing"},
      {"a", MatchType::not_equal, "say \"hi\"\\\n"},
      {"b", MatchType::not_regex, ""},
      {"c", MatchType::equal, "\\t"},
  };
  CHECK(matchers[0].to_string() == R"(region="US")");
  CHECK(matchers[1].to_string() == R"(service=~"api|billing")");
  CHECK(matchers[2].to_string() == R"(a!="say \"hi\"\\\n")");
  CHECK(matchers[3].to_string() == R"(b!~"")");
  CHECK(matchers[4].to_string() == R"(c="\\t")");
  for (const auto& m : matchers) {
    CAPTURE(m.to_string());
    CHECK(matcher(m.to_string()) == m);
  }
}

TEST_CASE("domain::Matcher flags are the API's isRegex and isEqual") {
  CHECK_FALSE(matcher(R"(a="x")").is_regex());
  CHECK(matcher(R"(a="x")").is_equal());
  CHECK_FALSE(matcher(R"(a!="x")").is_regex());
  CHECK_FALSE(matcher(R"(a!="x")").is_equal());
  CHECK(matcher(R"(a=~"x")").is_regex());
  CHECK(matcher(R"(a=~"x")").is_equal());
  CHECK(matcher(R"(a!~"x")").is_regex());
  CHECK_FALSE(matcher(R"(a!~"x")").is_equal());
}

TEST_CASE("domain::Matcher::matches anchors regexes and reads absent labels as empty") {
  const Labels labels{{"region", "US"}, {"service", "api"}};
  struct Row {
    const char* matcher;
    bool expected;
  };
  const Row rows[] = {
      {R"(region="US")", true},
      {R"(region="us")", false},
      {R"(region!="US")", false},
      {R"(region!="EU")", true},
      {R"(region=~"U.")", true},
      // Anchored at both ends: part of the value is not enough.
      {R"(region=~"U")", false},
      {R"(region=~"S")", false},
      {R"(region=~"EU|US")", true},
      {R"(region=~"E|US|X")", true},
      {R"(region!~"E.*")", true},
      {R"(region!~"U.*")", false},
      // An absent label is the empty string.
      {R"(team="")", true},
      {R"(team!="")", false},
      {R"(team=~".*")", true},
      {R"(team=~".+")", false},
      {R"(team!~".+")", true},
  };
  for (const auto& row : rows) {
    CAPTURE(row.matcher);
    CHECK(matcher(row.matcher).matches(labels) == row.expected);
  }
  CHECK(matches_all({}, labels));
  CHECK(matches_all({matcher(R"(region="US")"), matcher(R"(service=~"api|web")")}, labels));
  CHECK_FALSE(matches_all({matcher(R"(region="US")"), matcher(R"(service="web")")}, labels));
}

TEST_CASE("domain::Matcher takes RE2's syntax, as Alertmanager does") {
  const Labels labels{{"region", "US"}, {"city", "Zürich"}};
  CHECK(matcher(R"(region=~"(?i)us")").matches(labels));
  CHECK(matcher(R"(city=~"Z\p{L}rich")").matches(labels));
  // UTF-8: "." is the letter ü, not one of its two bytes.
  CHECK(matcher(R"(city=~"Z.rich")").matches(labels));
}

TEST_CASE("domain::Matcher::matches a long value without running out of stack") {
  const Labels labels{{"text", std::string(4096, 'x')}};
  CHECK(matcher(R"(text=~".*")").matches(labels));
  CHECK(matcher(R"(text=~"(x|y)+")").matches(labels));
  CHECK_FALSE(matcher(R"(text=~"x*y")").matches(labels));
}

TEST_CASE("domain::matches_empty_string counts as Alertmanager 0.25 validates silences") {
  struct Row {
    const char* matcher;
    bool expected;
  };
  const Row rows[] = {
      {R"(a="")", true},
      {R"(a="x")", false},
      {R"(a=~".*")", true},
      {R"(a=~"x*")", true},
      {R"(a=~"x|")", true},
      {R"(a=~"(x)?")", true},
      {R"(a=~"^$")", true},
      {R"(a=~".+")", false},
      {R"(a=~"x")", false},
      // Negative matchers never count, though a!="x" matches a missing label.
      {R"(a!="x")", false},
      {R"(a!="")", false},
      {R"(a!~"x")", false},
      {R"(a!~".*")", false},
  };
  for (const auto& row : rows) {
    CAPTURE(row.matcher);
    CHECK(matches_empty_string(matcher(row.matcher)) == row.expected);
  }
}

TEST_CASE("domain::check_silence_matchers refuses a set that all matches the empty string") {
  const auto problems = check_silence_matchers(
      {matcher(R"(region=~".*")"), matcher(R"(service="")")}, "alertmanager.regions.US.matchers");
  REQUIRE(problems.size() == 1);
  CHECK(problems.front().code == "matchers_match_empty");
  CHECK(problems.front().field == "alertmanager.regions.US.matchers");
  CHECK(problems.front().message ==
        R"(every matcher of region=~".*", service="" matches the empty string, so the silence )"
        R"(would hide nearly every alert and Alertmanager refuses it; add one that needs a )"
        R"(label value, such as region="US")");
  CHECK(check_silence_matchers({}, "m").size() == 1);
  // One matcher that needs a value is enough.
  CHECK(check_silence_matchers({matcher(R"(region=~".*")"), matcher(R"(service="api")")}, "m")
            .empty());
  CHECK(check_silence_matchers({matcher(R"(region!="US")")}, "m").empty());
}
