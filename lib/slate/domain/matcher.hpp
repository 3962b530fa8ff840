#pragma once

#include <slate/domain/problem.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace slate::domain {

// An alert's labels (or annotations): name to value. A label that is absent
// reads as the empty string, as in Alertmanager.
using Labels = std::map<std::string, std::string>;

// The four operators of Alertmanager's matcher syntax: `=`, `!=`, `=~`, `!~`.
enum class MatchType { equal, not_equal, regex, not_regex };

// One Alertmanager label matcher, e.g. region="US" or service=~"api|billing".
// A regex is anchored at both ends, as Alertmanager anchors it (^(?:re)$).
struct Matcher {
  std::string name;
  MatchType type = MatchType::equal;
  std::string value;

  // The flags Alertmanager's API v2 writes a matcher with.
  bool is_regex() const { return type == MatchType::regex || type == MatchType::not_regex; }
  bool is_equal() const { return type == MatchType::equal || type == MatchType::regex; }

  // Return the matcher in Alertmanager's syntax, the value always quoted and
  // escaped, e.g. service=~"api|billing"; parse_matcher reads it back.
  std::string to_string() const;

  // Return whether `labels` satisfy the matcher; an absent label is "".
  // A regex slated cannot compile (check_matcher refuses those) matches
  // nothing, so its negation matches everything.
  bool matches(const Labels& labels) const;

  friend bool operator==(const Matcher&, const Matcher&) = default;
};

// Return the matcher written in `text` in Alertmanager's syntax, or the
// problems with it for `field`. As in Alertmanager 0.25: blanks around the
// name, the operator and the value are ignored; the value may be quoted
// ("..." with \" \\ and \n escapes; any other backslash is literal) or bare
// (then it may not hold a '"'). Refused with code "matcher_invalid": a text
// that is not NAME OP VALUE, a label name that is not [a-zA-Z_][a-zA-Z0-9_]*
// (Alertmanager's silences refuse the ':' its parser allows), a value that
// is not UTF-8; with code "matcher_regex_invalid": a regex slated cannot
// check (see check_matcher).
Result<Matcher> parse_matcher(std::string_view text, std::string_view field);

// Return the problems of a matcher built from parts (e.g. read from
// Alertmanager's API): its label name and, for a regex, the regex.
//
// Regexes are checked with RE2, the syntax of Go's regexes, which
// Alertmanager uses: lookahead, lookbehind and backreferences are refused
// (with a message that names them), flags such as "(?i)" and classes such as
// "\p{L}" are accepted, and matching reads UTF-8 as Alertmanager does.
Problems check_matcher(const Matcher& matcher, std::string_view field);

// Return whether Alertmanager counts `matcher` as matching the empty
// string when it validates a silence (silence.go in 0.25): an `=` matcher
// with an empty value and a regex that matches "". A negative matcher
// (`!=`, `!~`) never counts, even though region!="US" does match an alert
// without a region label: Alertmanager accepts a silence made of it alone.
bool matches_empty_string(const Matcher& matcher);

// Return a problem with code "matchers_match_empty" for `field` if every
// matcher of `matchers` matches the empty string (or there is none):
// Alertmanager refuses such a silence, which would silence nearly every
// alert. Nothing otherwise.
Problems check_silence_matchers(const std::vector<Matcher>& matchers, std::string_view field);

// Return whether `labels` satisfy every matcher of `matchers` (true when
// there is none).
bool matches_all(const std::vector<Matcher>& matchers, const Labels& labels);

} // namespace slate::domain
