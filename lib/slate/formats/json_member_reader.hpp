#pragma once

#include <slate/domain/instant.hpp>
#include <slate/domain/problem.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace slate::formats {

// Reads the members of one JSON object of a request body, recording every
// problem with the member's name after `prefix` ("" for a request's own
// members, "outages[2]." for an item of an import): the one reader every
// request body is read with, so that each says what is wrong the same way.
class MemberReader {
public:
  // The most names a list member (regions, services) may hold, and the
  // longest name.
  static constexpr std::size_t k_max_list = 32;
  static constexpr std::size_t k_max_name = 64;

  MemberReader(const nlohmann::json& object, std::string prefix, domain::Problems& problems)
      : m_object(object), m_prefix(std::move(prefix)), m_problems(problems) {}

  // Return the member's name as problems name it: `prefix` + `name`.
  std::string field(const std::string& name) const { return m_prefix + name; }

  // Record an invalid_field problem for member `name`.
  void invalid(const std::string& name, const std::string& message);

  // Record an unknown_field problem for every member not in `members`.
  void allow_only(const std::set<std::string>& members);

  // Return member `name`, or nullptr when it is absent or null (then, if
  // `required`, record a missing_field problem ending with `example`).
  const nlohmann::json* member(const std::string& name, bool required,
                               const std::string& example = "");

  // What control characters a text member may hold: a `line` (ids, titles,
  // kinds) none at all, `free` text (a reason, a message, a note) tabs and
  // line breaks (\t, \n, \r) so that it can be laid out; no text may hold
  // any other C0 control or DEL, which only garble pages, feeds and logs.
  enum class Text { line, free };

  // Return string member `name` of at most `max_length` bytes (at least one
  // if `required`) holding only the controls `form` allows, or std::nullopt
  // with a problem.
  std::optional<std::string> text(const std::string& name, bool required, std::size_t max_length,
                                  Text form = Text::line);

  // Return RFC 3339 member `name` (see formats/rfc3339.hpp).
  std::optional<domain::Instant> instant(const std::string& name, bool required);

  // Return boolean member `name`, or std::nullopt when absent.
  std::optional<bool> flag(const std::string& name);

  // Return list member `name` of distinct names (ignoring ASCII case), at
  // least one if `required`; empty with a problem when it is not one.
  std::vector<std::string> names(const std::string& name, bool required);

  // Record a problem unless `start` < `end` (when both are known).
  void check_order(const std::optional<domain::Instant>& start,
                   const std::optional<domain::Instant>& end, const std::string& start_name,
                   const std::string& end_name);

private:
  const nlohmann::json& m_object;
  std::string m_prefix;
  domain::Problems& m_problems;
};

} // namespace slate::formats
