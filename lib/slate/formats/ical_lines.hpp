#pragma once

// The parts of reading an iCalendar file that the region reader
// (ical_calendar) and the holiday reader (holiday_calendar) share: a first
// pass that records the line of every property, problems with FILE:LINE,
// and small libical helpers.

#include <slate/domain/instant.hpp>
#include <slate/domain/problem.hpp>

#include <libical/ical.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slate::formats::ical {

// Where each property of a component starts in the file. libical keeps no
// line numbers, so a first pass over the content lines records them; it
// also checks the line syntax libical would otherwise accept silently.
struct ComponentLines {
  int begin = 0;
  std::map<std::string, int> properties; // first line of each property name

  int line_of(const std::string& property) const {
    const auto found = properties.find(property);
    return found == properties.end() ? begin : found->second;
  }
};

struct FileLines {
  ComponentLines calendar;
  std::vector<ComponentLines> events; // in file order, as libical keeps them
};

// Problems of one file, each "NAME:LINE: message" with code
// "invalid_calendar" and the field "NAME:LINE".
class ProblemList {
public:
  explicit ProblemList(const std::string& name) : m_name(name) {}

  void add(int line, const std::string& message) {
    m_problems.push_back(domain::Problem{domain::Code::invalid_calendar,
                                         m_name + ":" + std::to_string(line),
                                         m_name + ":" + std::to_string(line) + ": " + message});
  }
  bool empty() const { return m_problems.empty(); }
  domain::Problems take() { return std::move(m_problems); }

private:
  const std::string& m_name;
  domain::Problems m_problems;
};

// Return `text` in upper case (ASCII).
std::string upper(std::string_view text);

// Split `text` into unfolded content lines, check each is NAME[;PARAMS]:VALUE
// and that BEGIN/END nest, and record the line of every property of the
// calendar and of its events; std::nullopt (with a problem) if it is not
// one well-formed calendar.
std::optional<FileLines> scan_lines(std::string_view text, ProblemList& problems);

struct ComponentFree {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentFree>;

// Return the value of the first X-property called `name` (upper case).
std::optional<std::string> x_property(icalcomponent* component, const std::string& name);

// Return the value of the first property of `kind` as text.
std::optional<std::string> text_property(icalcomponent* component, icalproperty_kind kind);

// libical 3.0 does not range-check the fields it parses (20260230 reads
// as a date), so slated checks them before anything is computed from them.
bool valid_fields(const icaltimetype& time);

// Return the wall-clock reading of `time`'s fields (its zone ignored).
domain::LocalTime local_time_of(const icaltimetype& time);

} // namespace slate::formats::ical
