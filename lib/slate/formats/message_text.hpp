#pragma once

#include <slate/domain/maintenance.hpp>
#include <slate/domain/problem.hpp>
#include <slate/domain/zone.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slate::formats {

// The phases of a maintenance that customers are told about, one template
// each (etc/templates/<phase>.mustache).
enum class MessagePhase {
  announced,   // a scheduled maintenance was booked
  reminder,    // its start is near
  starting,    // it has started
  in_progress, // it is under way (status pages show this while it lasts)
  extended,    // its end moved later
  completed,
  cancelled,
  emergency, // emergency maintenance was declared
};

std::string_view to_string(MessagePhase phase);
std::optional<MessagePhase> parse_message_phase(std::string_view text);
// Every phase, in declaration order.
const std::vector<MessagePhase>& all_message_phases();

// One region of a maintenance, with the clock its customers read.
struct MessageRegion {
  std::string id;   // "US"
  std::string name; // "United States"
  domain::Zone zone;
};

// What a message is about. Times are shown on each region's clock and, in
// parentheses, on the home zone's.
struct MessageFacts {
  domain::Maintenance maintenance;
  std::vector<MessageRegion> regions; // those of the maintenance that are known
  domain::Zone home_zone = domain::Zone::utc();
  // For a reminder: how long before the start it is sent.
  std::optional<domain::Seconds> lead;
  // Still under way after its planned end (an overrun notification).
  bool overrun = false;
};

// A variable templates may use, and what it holds.
struct MessageVariable {
  std::string_view name;
  std::string_view meaning;
  bool in_regions = false; // only inside {{#regions}}...{{/regions}}
};

// Every variable of MessageFacts as templates see it.
const std::vector<MessageVariable>& message_variables();

// Where a template came from, for problems, and its text.
struct TemplateSource {
  std::string name; // e.g. "etc/templates/announced.mustache"
  std::string text;
};

// Return every problem with the Mustache template `text`: syntax errors
// (unclosed tags and sections, a section closed that is not open, a bad
// set-delimiter tag), partials (not supported: a message is one file) and
// variables the facts do not have. Each message reads "NAME:LINE: ...",
// LINE counting from 1; the field is `name`. Empty when it is fine.
domain::Problems check_message_template(std::string_view text, std::string_view name);

// One template per phase, checked; immutable and cheap to copy.
class MessageTemplates {
public:
  // The built-in templates: the text of the shipped etc/templates/ files.
  static const MessageTemplates& defaults();
  static std::string_view default_text(MessagePhase phase);

  // Return the templates of `sources`, which must hold every phase, or every
  // problem of every source (see check_message_template) plus one for each
  // missing phase (field `missing_name(phase)`).
  static domain::Result<MessageTemplates>
  make(const std::map<MessagePhase, TemplateSource>& sources,
       const std::function<std::string(MessagePhase)>& missing_name = {});

  // Return the message for `phase` about `facts`: the template rendered
  // without HTML escaping (messages are plain text; a page that shows one
  // escapes it), leading line breaks and trailing white space removed.
  std::string render(MessagePhase phase, const MessageFacts& facts) const;

  const std::string& text(MessagePhase phase) const;
  const std::string& source_name(MessagePhase phase) const;

  // Return a short digest of every text: equal for equal templates, so that
  // documents rendered with them can be cached by it.
  const std::string& fingerprint() const;

private:
  struct Data;
  explicit MessageTemplates(std::shared_ptr<const Data> data) : m_data(std::move(data)) {}
  std::shared_ptr<const Data> m_data;
};

} // namespace slate::formats
