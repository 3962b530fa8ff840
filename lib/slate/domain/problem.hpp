#pragma once

#include <slate/domain/problem_code.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace slate::domain {

// One thing wrong with user input: a stable machine `code` from the table
// in problem_code.hpp, the `field` it concerns (may be empty) and a sentence
// a person can act on. Only a Code makes one, so every code a client can
// see is in the table.
struct Problem {
  Problem(Code problem_code, std::string problem_field, std::string problem_message)
      : code(to_string(problem_code)), field(std::move(problem_field)),
        message(std::move(problem_message)) {}

  std::string code; // the Code's name, as clients see it
  std::string field;
  std::string message;
};

using Problems = std::vector<Problem>;

// Return the messages of `problems` with `separator` between them, for a
// log line or a terminal.
std::string messages_of(const Problems& problems, std::string_view separator = "; ");

// Either a value or the list of every problem that prevented it. The domain
// returns this for user input instead of throwing.
template <class T> class Result {
public:
  Result(T value) : m_state(std::move(value)) {}
  Result(Problem problem) : m_state(Problems{std::move(problem)}) {}
  Result(Problems problems) : m_state(std::move(problems)) {}

  bool ok() const { return std::holds_alternative<T>(m_state); }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<T>(m_state); }
  T& value() & { return std::get<T>(m_state); }
  T&& value() && { return std::get<T>(std::move(m_state)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }

  // Return the problems; empty when the result holds a value.
  const Problems& problems() const {
    static const Problems none;
    return ok() ? none : std::get<Problems>(m_state);
  }

private:
  std::variant<T, Problems> m_state;
};

} // namespace slate::domain
