#include <slate/formats/message_text.hpp>

#include <slate/util/fnv1a.hpp>
#include <slate/util/text.hpp>

#include <slate/domain/dual_time_text.hpp>

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace slate::formats {
namespace {

namespace mustache = kainjow::mustache;

constexpr std::size_t k_phases = 8;

constexpr std::array<std::pair<MessagePhase, std::string_view>, k_phases> k_phase_names{{
    {MessagePhase::announced, "announced"},
    {MessagePhase::reminder, "reminder"},
    {MessagePhase::starting, "starting"},
    {MessagePhase::in_progress, "in_progress"},
    {MessagePhase::extended, "extended"},
    {MessagePhase::completed, "completed"},
    {MessagePhase::cancelled, "cancelled"},
    {MessagePhase::emergency, "emergency"},
}};

std::size_t index_of(MessagePhase phase) {
  return static_cast<std::size_t>(phase);
}

// The text of etc/templates/<phase>.mustache as shipped, embedded at build
// time (cmake/embed_templates.cmake), so that messages work without the files.
constexpr std::array<std::string_view, k_phases> k_default_texts{{
#include <slate/formats/default_templates.inc>
}};

// ---------------------------------------------------------------------------
// Checking: a scanner that reads tags the way kainjow's parser does, so that
// it can say on which line each problem is and which names a template uses.

struct Scope {
  std::string section; // empty for the top level
  bool regions = false;
  std::size_t line = 0;
};

std::size_t line_at(std::string_view text, std::size_t offset) {
  return 1 + static_cast<std::size_t>(std::count(
                 text.begin(),
                 text.begin() + static_cast<std::ptrdiff_t>(std::min(offset, text.size())), '\n'));
}

std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

bool known_variable(std::string_view name, bool in_regions) {
  const auto& all = message_variables();
  return std::any_of(all.begin(), all.end(), [&](const MessageVariable& variable) {
    return variable.name == name && (!variable.in_regions || in_regions);
  });
}

std::string variable_list(bool in_regions) {
  std::string list;
  for (const auto& variable : message_variables()) {
    if (variable.in_regions == in_regions) {
      list += (list.empty() ? "" : ", ") + std::string(variable.name);
    }
  }
  return list;
}

// Parse "=<% %>=" into the two new delimiters; false if it is not one.
bool set_delimiters(std::string_view contents, std::string& begin, std::string& end) {
  if (contents.size() < 5 || contents.front() != '=' || contents.back() != '=') {
    return false;
  }
  const auto inner = trimmed(contents.substr(1, contents.size() - 2));
  const auto space = inner.find_first_of(" \t");
  if (space == std::string_view::npos) {
    return false;
  }
  const auto first = inner.substr(0, space);
  const auto second = trimmed(inner.substr(space));
  if (first.empty() || second.empty() || second.find_first_of(" \t=") != std::string_view::npos ||
      first.find('=') != std::string_view::npos) {
    return false;
  }
  begin = first;
  end = second;
  return true;
}

// Return the byte offset in kainjow's "... at 123" message, if any.
std::optional<std::size_t> offset_in(const std::string& message) {
  const auto at = message.rfind(" at ");
  if (at == std::string::npos) {
    return std::nullopt;
  }
  std::size_t value = 0;
  std::size_t i = at + 4;
  if (i >= message.size()) {
    return std::nullopt;
  }
  for (; i < message.size(); ++i) {
    if (message[i] < '0' || message[i] > '9') {
      return std::nullopt;
    }
    value = value * 10 + static_cast<std::size_t>(message[i] - '0');
  }
  return value;
}

// ---------------------------------------------------------------------------
// Rendering.

std::string utc_text(domain::Instant instant) {
  return date::format("%F %R UTC", instant);
}

mustache::data facts_data(const MessageFacts& facts) {
  const auto& m = facts.maintenance;
  const auto span = m.span();
  const bool extended = m.end > m.booked.end;
  mustache::data data;
  data.set("id", std::to_string(m.id));
  data.set("title", m.title);
  data.set("kind", std::string(domain::to_string(m.kind)));
  data.set("emergency", m.kind == domain::MaintenanceKind::emergency);
  data.set("disruptive", m.disruptive);
  data.set("overrun", facts.overrun);
  if (!m.message.empty()) {
    data.set("message", m.message);
  }
  data.set("services",
           m.services.empty() ? std::string("all services") : util::joined(m.services, ", "));
  data.set("start_utc", utc_text(span.start));
  data.set("end_utc", utc_text(span.end));
  data.set("duration", domain::length_words(span.end - span.start));
  data.set("home_zone", facts.home_zone.name());
  if (facts.lead) {
    data.set("lead", domain::length_words(*facts.lead));
  }

  mustache::data regions{mustache::data::type::list};
  std::vector<std::string> names;
  std::vector<std::string> whens;
  std::vector<std::string> ends;
  for (const auto& region : facts.regions) {
    mustache::data item;
    const std::string when = domain::local_and_home(span, region.zone, facts.home_zone);
    const std::string end = domain::local_and_home(span.end, region.zone, facts.home_zone);
    item.set("id", region.id);
    item.set("name", region.name);
    item.set("zone", region.zone.name());
    item.set("when", when);
    item.set("start", domain::local_and_home(span.start, region.zone, facts.home_zone));
    item.set("end", end);
    if (extended) {
      item.set("original_end", domain::local_and_home(m.booked.end, region.zone, facts.home_zone));
    }
    regions.push_back(item);
    names.push_back(region.name);
    whens.push_back(region.name + ": " + when);
    ends.push_back(region.name + ": " + end);
  }
  // Several regions on one clock read as one.
  const bool one_clock =
      !facts.regions.empty() &&
      std::all_of(facts.regions.begin(), facts.regions.end(),
                  [&](const MessageRegion& r) { return r.zone == facts.regions.front().zone; });
  if (facts.regions.empty()) {
    data.set("when", domain::local_range_text(span, facts.home_zone));
    data.set("end_when", domain::local_and_home(span.end, facts.home_zone, facts.home_zone));
  } else if (one_clock) {
    const auto& zone = facts.regions.front().zone;
    data.set("when", domain::local_and_home(span, zone, facts.home_zone));
    data.set("end_when", domain::local_and_home(span.end, zone, facts.home_zone));
  } else {
    data.set("when", util::joined(whens, "; "));
    data.set("end_when", util::joined(ends, "; "));
  }
  data.set("regions", regions);
  data.set("region_names",
           facts.regions.empty() ? util::joined(m.regions, ", ") : util::joined(names, ", "));
  if (extended) {
    const auto& zone = facts.regions.empty() ? facts.home_zone : facts.regions.front().zone;
    data.set("original_end", domain::local_and_home(m.booked.end, zone, facts.home_zone));
  }
  return data;
}

std::string fnv_digest(const std::array<std::string, k_phases>& texts) {
  util::Fnv1a hash;
  for (const auto& text : texts) {
    hash.add_field(text);
  }
  return hash.hex();
}

} // namespace

struct MessageTemplates::Data {
  std::array<std::string, k_phases> texts;
  std::array<std::string, k_phases> names;
  std::string fingerprint;
};

std::string_view to_string(MessagePhase phase) {
  return k_phase_names.at(index_of(phase)).second;
}

std::optional<MessagePhase> parse_message_phase(std::string_view text) {
  for (const auto& [phase, name] : k_phase_names) {
    if (name == text) {
      return phase;
    }
  }
  return std::nullopt;
}

const std::vector<MessagePhase>& all_message_phases() {
  static const std::vector<MessagePhase> phases = [] {
    std::vector<MessagePhase> all;
    all.reserve(k_phase_names.size());
    for (const auto& [phase, name] : k_phase_names) {
      all.push_back(phase);
    }
    return all;
  }();
  return phases;
}

const std::vector<MessageVariable>& message_variables() {
  static const std::vector<MessageVariable> variables{
      {"id", "the maintenance's id, e.g. 12"},
      {"title", "its title"},
      {"kind", "scheduled or emergency"},
      {"emergency", "true for emergency maintenance (use as a section)"},
      {"disruptive", "true when the services are down during it (use as a section)"},
      {"overrun", "true when it is still under way after its planned end (use as a section)"},
      {"message", "the operator's message for customers; absent when empty"},
      {"services", "the services it covers, e.g. \"api, web\", or \"all services\""},
      {"region_names", "the names of its regions, e.g. \"United States, Europe\""},
      {"when", "its times on its regions' clock and the home zone's, e.g. "
               "\"Wed 14 Jan 02:30–04:30 GMT (08:00–10:00 IST)\"; with regions on several "
               "clocks, \"NAME: times\" for each, joined by \"; \""},
      {"end_when", "its end the same way, e.g. \"Wed 14 Jan 04:30 GMT (10:00 IST)\""},
      {"original_end", "the end it was booked with, when it was extended; else absent"},
      {"start_utc", "its start in UTC, e.g. \"2026-01-14 02:30 UTC\""},
      {"end_utc", "its end in UTC"},
      {"duration", "its length, e.g. \"2 hours\""},
      {"lead", "for a reminder, how long before the start it is sent, e.g. \"24 hours\""},
      {"home_zone", "the home zone's IANA name, e.g. Asia/Kolkata"},
      {"regions", "a list: one item per region (use as a section)"},
      {"id", "the region's id, e.g. US", true},
      {"name", "the region's name, e.g. United States", true},
      {"zone", "the region's IANA zone", true},
      {"when", "the times on the region's clock and the home zone's", true},
      {"start", "the start the same way", true},
      {"end", "the end the same way", true},
      {"original_end", "the booked end the same way, when it was extended", true},
  };
  return variables;
}

domain::Problems check_message_template(std::string_view text, std::string_view name) {
  domain::Problems problems;
  const auto problem = [&](std::size_t offset, const std::string& message) {
    problems.push_back(
        {domain::Code::invalid_template, std::string(name),
         std::string(name) + ":" + std::to_string(line_at(text, offset)) + ": " + message});
  };
  std::string begin = "{{";
  std::string end = "}}";
  std::vector<Scope> scopes{Scope{}};
  std::size_t position = 0;
  while (true) {
    const std::size_t tag = text.find(begin, position);
    if (tag == std::string_view::npos) {
      break;
    }
    std::size_t contents_start = tag + begin.size();
    std::string_view closing = end;
    const bool triple =
        begin == "{{" && end == "}}" && contents_start < text.size() && text[contents_start] == '{';
    if (triple) {
      ++contents_start;
      closing = "}}}";
    }
    const std::size_t tag_end = text.find(closing, contents_start);
    if (tag_end == std::string_view::npos) {
      problem(tag, "unclosed tag: '" + begin + "' has no '" + std::string(closing) + "' after it");
      return problems;
    }
    position = tag_end + closing.size();
    const auto contents = trimmed(text.substr(contents_start, tag_end - contents_start));
    if (!triple && !contents.empty() && contents.front() == '=') {
      if (!set_delimiters(contents, begin, end)) {
        problem(tag, "invalid set-delimiter tag '" + std::string(contents) +
                         "': write it as {{=<% %>=}}, two delimiters separated by a space");
        return problems;
      }
      continue;
    }
    char kind = triple ? '&' : 'v';
    std::string_view tag_name = contents;
    if (!triple && !contents.empty() &&
        std::string_view("#^/!>&").find(contents.front()) != std::string_view::npos) {
      kind = contents.front();
      tag_name = trimmed(contents.substr(1));
    }
    if (kind == '!') {
      continue;
    }
    const std::string shown(tag_name.substr(0, 60));
    if (kind == '>') {
      problem(tag, "partial '" + shown + "': partials are not supported; a message is one file");
      continue;
    }
    if (tag_name.empty()) {
      problem(tag, "empty tag: a tag needs a variable name");
      continue;
    }
    const bool in_regions =
        std::any_of(scopes.begin(), scopes.end(), [](const Scope& scope) { return scope.regions; });
    if (kind == '/') {
      if (scopes.size() == 1) {
        problem(tag, "'{{/" + shown + "}}' closes a section that is not open");
      } else if (scopes.back().section != tag_name) {
        problem(tag, "'{{/" + shown + "}}' closes a section that is not open: the open one is '" +
                         scopes.back().section + "', opened on line " +
                         std::to_string(scopes.back().line));
        scopes.pop_back();
      } else {
        scopes.pop_back();
      }
      continue;
    }
    if (!known_variable(tag_name, in_regions)) {
      const bool region_only = known_variable(tag_name, true);
      problem(tag, "unknown variable '" + shown + "'" +
                       (region_only
                            ? std::string(": it exists only inside {{#regions}}")
                            : "; the variables are " + variable_list(false) +
                                  (in_regions ? ", and inside {{#regions}} " + variable_list(true)
                                              : std::string())));
    }
    if (kind == '#' || kind == '^') {
      scopes.push_back(
          Scope{std::string(tag_name), kind == '#' && tag_name == "regions", line_at(text, tag)});
    }
  }
  for (std::size_t i = scopes.size(); i-- > 1;) {
    problems.push_back({domain::Code::invalid_template, std::string(name),
                        std::string(name) + ":" + std::to_string(scopes[i].line) + ": section '" +
                            scopes[i].section + "' is not closed: add {{/" + scopes[i].section +
                            "}}"});
  }
  if (problems.empty()) {
    // The engine itself is the last word on syntax.
    mustache::mustache parsed{std::string(text)};
    if (!parsed.is_valid()) {
      problem(offset_in(parsed.error_message()).value_or(0),
              "the template does not parse: " + parsed.error_message());
    }
  }
  return problems;
}

const MessageTemplates& MessageTemplates::defaults() {
  static const MessageTemplates templates = [] {
    std::map<MessagePhase, TemplateSource> sources;
    for (const auto phase : all_message_phases()) {
      sources[phase] = {"built-in " + std::string(to_string(phase)) + ".mustache",
                        std::string(default_text(phase))};
    }
    auto made = make(sources);
    if (!made) {
      // A bug in the texts above, caught by the unit tests.
      std::abort();
    }
    return std::move(made).value();
  }();
  return templates;
}

std::string_view MessageTemplates::default_text(MessagePhase phase) {
  return k_default_texts.at(index_of(phase));
}

domain::Result<MessageTemplates>
MessageTemplates::make(const std::map<MessagePhase, TemplateSource>& sources,
                       const std::function<std::string(MessagePhase)>& missing_name) {
  auto data = std::make_shared<Data>();
  domain::Problems problems;
  for (const auto phase : all_message_phases()) {
    const auto found = sources.find(phase);
    if (found == sources.end()) {
      const std::string where =
          missing_name ? missing_name(phase) : std::string(to_string(phase)) + ".mustache";
      problems.push_back({domain::Code::invalid_template, where,
                          where + ": missing: every phase needs a template (announced, reminder, "
                                  "starting, in_progress, extended, completed, cancelled, "
                                  "emergency)"});
      continue;
    }
    auto found_problems = check_message_template(found->second.text, found->second.name);
    problems.insert(problems.end(), found_problems.begin(), found_problems.end());
    data->texts.at(index_of(phase)) = found->second.text;
    data->names.at(index_of(phase)) = found->second.name;
  }
  if (!problems.empty()) {
    return problems;
  }
  data->fingerprint = fnv_digest(data->texts);
  return MessageTemplates(std::move(data));
}

std::string MessageTemplates::render(MessagePhase phase, const MessageFacts& facts) const {
  // Parsed per call: a kainjow template is not safe to render from two
  // threads at once, and messages are rendered only when a document is
  // (the render cache keeps the result).
  mustache::mustache engine{text(phase)};
  engine.set_custom_escape([](const std::string& value) { return value; });
  std::string out = engine.render(facts_data(facts));
  // A comment on lines of its own at the top (as the shipped templates
  // have) leaves its line break behind.
  out.erase(0, out.find_first_not_of("\r\n"));
  while (!out.empty() &&
         (out.back() == '\n' || out.back() == ' ' || out.back() == '\r' || out.back() == '\t')) {
    out.pop_back();
  }
  return out;
}

const std::string& MessageTemplates::text(MessagePhase phase) const {
  return m_data->texts.at(index_of(phase));
}

const std::string& MessageTemplates::source_name(MessagePhase phase) const {
  return m_data->names.at(index_of(phase));
}

const std::string& MessageTemplates::fingerprint() const {
  return m_data->fingerprint;
}

} // namespace slate::formats
