#pragma once

#include <slate/domain/instant.hpp>

#include <date/date.h>

#include <sstream>
#include <stdexcept>
#include <string>

namespace slate::test {

// Return the instant written as "YYYY-MM-DDTHH:MM:SSZ"; throws on a typo in
// a test table, so that a bad row fails loudly instead of comparing garbage.
inline domain::Instant utc(const std::string& text) {
  std::istringstream in(text);
  domain::Instant t;
  in >> date::parse("%Y-%m-%dT%H:%M:%SZ", t);
  if (in.fail()) {
    throw std::invalid_argument("bad UTC literal in test: " + text);
  }
  return t;
}

// Return the wall-clock reading written as "YYYY-MM-DDTHH:MM:SS".
inline domain::LocalTime local(const std::string& text) {
  std::istringstream in(text);
  domain::LocalTime t;
  in >> date::parse("%Y-%m-%dT%H:%M:%S", t);
  if (in.fail()) {
    throw std::invalid_argument("bad local literal in test: " + text);
  }
  return t;
}

// Return the local date written as "YYYY-MM-DD".
inline domain::LocalDate day(const std::string& text) {
  return date::floor<date::days>(local(text + "T00:00:00"));
}

// Return `t` as "YYYY-MM-DDTHH:MM:SSZ", for readable failure messages.
inline std::string iso(domain::Instant t) {
  return date::format("%Y-%m-%dT%H:%M:%SZ", t);
}

} // namespace slate::test
