#include <slate/domain/matcher.hpp>

#include <re2/re2.h>

#include <algorithm>
#include <memory>
#include <optional>

namespace slate::domain {
namespace {

constexpr std::string_view k_example = "write e.g. region=\"US\" or service=~\"api|billing\"";

// Go's \s, which Alertmanager's matcher pattern uses: no \v.
bool blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

bool name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool name_char(char c) {
  return name_start(c) || (c >= '0' && c <= '9');
}

bool valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    char32_t value = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      length = 2;
      value = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3;
      value = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4;
      value = c & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) {
      return false;
    }
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) {
        return false;
      }
      value = (value << 6) | (next & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    const char32_t least = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
    if (value < least || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

// Keep what we echo short: the text comes from a policy file or a peer.
std::string quoted(std::string_view text) {
  constexpr std::size_t k_max = 80;
  if (text.size() > k_max) {
    return "'" + std::string(text.substr(0, k_max)) + "...'";
  }
  return "'" + std::string(text) + "'";
}

Problem invalid(std::string_view text, std::string_view field, const std::string& reason) {
  return {Code::matcher_invalid, std::string(field),
          quoted(text) + " is not an Alertmanager matcher: " + reason + "; " +
              std::string(k_example)};
}

// RE2 refuses these; ECMAScript would accept them and mean something.
std::optional<std::string> re2_refuses(std::string_view re) {
  for (std::size_t i = 0; i < re.size(); ++i) {
    if (re[i] == '\\' && i + 1 < re.size()) {
      if (re[i + 1] >= '1' && re[i + 1] <= '9') {
        return "backreferences such as \\" + std::string(1, re[i + 1]) +
               " are not supported by Alertmanager's regexes (RE2)";
      }
      ++i;
      continue;
    }
    if (re.substr(i, 3) == "(?=" || re.substr(i, 3) == "(?!" || re.substr(i, 4) == "(?<=" ||
        re.substr(i, 4) == "(?<!") {
      return "lookahead and lookbehind are not supported by Alertmanager's regexes (RE2)";
    }
  }
  return std::nullopt;
}

// Alertmanager's regexes are Go's, which is RE2's syntax, so slated
// compiles them with RE2: the same language, linear time, and no recursion
// that a long label value could run out of stack with (std::regex's does).
// Alertmanager anchors a matcher's regex; it also compiles the bare pattern
// when it validates a silence, so both must compile.
std::unique_ptr<RE2> compile(const std::string& pattern) {
  RE2::Options options;
  options.set_log_errors(false);
  return std::make_unique<RE2>(pattern, options);
}

std::unique_ptr<RE2> anchored(const std::string& re) {
  return compile("^(?:" + re + ")$");
}

std::string_view operator_text(MatchType type) {
  switch (type) {
  case MatchType::equal:
    return "=";
  case MatchType::not_equal:
    return "!=";
  case MatchType::regex:
    return "=~";
  case MatchType::not_regex:
    return "!~";
  }
  return "=";
}

} // namespace

std::string Matcher::to_string() const {
  std::string out = name + std::string(operator_text(type)) + "\"";
  for (const char c : value) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

bool Matcher::matches(const Labels& labels) const {
  const auto found = labels.find(name);
  const std::string& actual = found == labels.end() ? std::string() : found->second;
  switch (type) {
  case MatchType::equal:
    return actual == value;
  case MatchType::not_equal:
    return actual != value;
  case MatchType::regex:
  case MatchType::not_regex: {
    const auto re = anchored(value);
    const bool hit = re->ok() && RE2::PartialMatch(actual, *re);
    return type == MatchType::regex ? hit : !hit;
  }
  }
  return false;
}

Result<Matcher> parse_matcher(std::string_view text, std::string_view field) {
  std::size_t i = 0;
  const auto skip_blanks = [&] {
    while (i < text.size() && blank(text[i])) {
      ++i;
    }
  };
  skip_blanks();
  const std::size_t name_begin = i;
  // Alertmanager's parser allows ':' in names; read it so the message can
  // say what is wrong with such a name instead of "bad format".
  while (i < text.size() && (name_char(text[i]) || text[i] == ':')) {
    ++i;
  }
  const std::string name(text.substr(name_begin, i - name_begin));
  skip_blanks();
  const std::string_view rest = text.substr(i);
  Matcher matcher;
  std::size_t operator_length = 2;
  if (rest.substr(0, 2) == "=~") {
    matcher.type = MatchType::regex;
  } else if (rest.substr(0, 2) == "!=") {
    matcher.type = MatchType::not_equal;
  } else if (rest.substr(0, 2) == "!~") {
    matcher.type = MatchType::not_regex;
  } else if (rest.substr(0, 1) == "=") {
    matcher.type = MatchType::equal;
    operator_length = 1;
  } else {
    return invalid(text, field,
                   name.empty() ? "it must start with a label name"
                                : "the label name must be followed by =, !=, =~ or !~");
  }
  if (name.empty()) {
    return invalid(text, field, "it must start with a label name");
  }
  i += operator_length;
  skip_blanks();
  std::size_t end = text.size();
  while (end > i && blank(text[end - 1])) {
    --end;
  }
  std::string_view raw = text.substr(i, end - i);
  const bool quoted_value = !raw.empty() && raw.front() == '"';
  if (quoted_value) {
    raw.remove_prefix(1);
  }
  if (!valid_utf8(raw)) {
    return invalid(text, field, "the value is not valid UTF-8");
  }
  // Alertmanager 0.25's unescaping: \" \\ \n are escapes, any other
  // backslash stays literal, and a quote may only close a quoted value.
  bool expect_closing_quote = quoted_value;
  bool escaped = false;
  for (std::size_t k = 0; k < raw.size(); ++k) {
    const char c = raw[k];
    if (escaped) {
      escaped = false;
      if (c == 'n') {
        matcher.value += '\n';
      } else if (c == '"' || c == '\\') {
        matcher.value += c;
      } else {
        matcher.value += '\\';
        matcher.value += c;
      }
      continue;
    }
    if (c == '\\') {
      if (k + 1 < raw.size()) {
        escaped = true;
      } else {
        matcher.value += '\\';
      }
    } else if (c == '"') {
      if (!expect_closing_quote || k + 1 < raw.size()) {
        return invalid(text, field, "the value holds a double quote that is not escaped (\\\")");
      }
      expect_closing_quote = false;
    } else {
      matcher.value += c;
    }
  }
  if (expect_closing_quote) {
    return invalid(text, field, "the value's opening double quote is never closed");
  }
  matcher.name = name;
  if (auto problems = check_matcher(matcher, field); !problems.empty()) {
    return problems;
  }
  return matcher;
}

Problems check_matcher(const Matcher& matcher, std::string_view field) {
  Problems problems;
  const bool name_ok = !matcher.name.empty() && name_start(matcher.name.front()) &&
                       std::all_of(matcher.name.begin(), matcher.name.end(), name_char);
  if (!name_ok) {
    problems.push_back({Code::matcher_invalid, std::string(field),
                        "the label name " + quoted(matcher.name) +
                            " is not one Alertmanager accepts in a silence: letters, digits and "
                            "'_', not starting with a digit (no ':')"});
  }
  if (matcher.is_regex()) {
    const auto refused = re2_refuses(matcher.value);
    if (refused) {
      problems.push_back({Code::matcher_regex_invalid, std::string(field),
                          "the regex " + quoted(matcher.value) + " of label " + matcher.name +
                              " is refused: " + *refused});
    } else if (const auto bare = compile(matcher.value); !bare->ok()) {
      problems.push_back(
          {Code::matcher_regex_invalid, std::string(field),
           "the regex " + quoted(matcher.value) + " of label " + matcher.name +
               " is not valid in Alertmanager's regex syntax (RE2): " + bare->error()});
    } else if (const auto whole = anchored(matcher.value); !whole->ok()) {
      problems.push_back(
          {Code::matcher_regex_invalid, std::string(field),
           "the regex " + quoted(matcher.value) + " of label " + matcher.name +
               " cannot be anchored as Alertmanager anchors it (^(?:...)$): " + whole->error()});
    }
  }
  return problems;
}

bool matches_empty_string(const Matcher& matcher) {
  switch (matcher.type) {
  case MatchType::equal:
    return matcher.value.empty();
  case MatchType::regex: {
    // Alertmanager tests the bare pattern unanchored; on the empty string
    // that is the same as the anchored one.
    const auto re = compile(matcher.value);
    return re->ok() && RE2::PartialMatch("", *re);
  }
  case MatchType::not_equal:
  case MatchType::not_regex:
    return false;
  }
  return false;
}

Problems check_silence_matchers(const std::vector<Matcher>& matchers, std::string_view field) {
  if (std::all_of(matchers.begin(), matchers.end(), matches_empty_string)) {
    std::string list;
    for (const auto& matcher : matchers) {
      list += (list.empty() ? "" : ", ") + matcher.to_string();
    }
    return {{Code::matchers_match_empty, std::string(field),
             matchers.empty()
                 ? std::string("a silence needs at least one matcher that does not match the empty "
                               "string, such as region=\"US\"")
                 : "every matcher of " + list +
                       " matches the empty string, so the silence would hide nearly every "
                       "alert and Alertmanager refuses it; add one that needs a label value, "
                       "such as region=\"US\""}};
  }
  return {};
}

bool matches_all(const std::vector<Matcher>& matchers, const Labels& labels) {
  return std::all_of(matchers.begin(), matchers.end(),
                     [&](const Matcher& matcher) { return matcher.matches(labels); });
}

} // namespace slate::domain
