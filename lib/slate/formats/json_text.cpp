#include <slate/formats/json_text.hpp>

#include <cstddef>
#include <set>
#include <vector>

namespace slate::formats {

std::string to_json_text(const Json& document) {
  // A trailing newline keeps `curl` output and logs readable; JSON parsers
  // ignore it.
  return document.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

namespace {

// Follows the parser through nested objects and arrays to name, as problems
// name members ("outages[2].start"), every key an object holds twice: the
// parser itself keeps the last one silently, so a body could say two things.
class DuplicateKeys {
public:
  bool on_event(nlohmann::json::parse_event_t event, const nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    switch (event) {
    case Event::object_start:
      m_frames.push_back({false, 0, {}, {}});
      break;
    case Event::array_start:
      m_frames.push_back({true, 0, {}, {}});
      break;
    case Event::key:
      if (!m_frames.empty()) {
        auto& frame = m_frames.back();
        frame.key = parsed.get<std::string>();
        if (!frame.keys.insert(frame.key).second) {
          m_paths.insert(path());
        }
      }
      break;
    case Event::object_end:
    case Event::array_end:
      if (!m_frames.empty()) {
        m_frames.pop_back();
      }
      next_item();
      break;
    case Event::value:
      next_item();
      break;
    }
    return true;
  }

  const std::set<std::string>& paths() const { return m_paths; }

private:
  struct Frame {
    bool array;
    std::size_t index;
    std::string key;
    std::set<std::string> keys;
  };

  // A value just ended: in an array the next one has the next index.
  void next_item() {
    if (!m_frames.empty() && m_frames.back().array) {
      ++m_frames.back().index;
    }
  }

  std::string path() const {
    std::string path;
    for (const auto& frame : m_frames) {
      if (frame.array) {
        path += "[" + std::to_string(frame.index) + "]";
      } else {
        path += (path.empty() ? "" : ".") + frame.key;
      }
    }
    return path;
  }

  std::vector<Frame> m_frames;
  std::set<std::string> m_paths;
};

} // namespace

std::optional<nlohmann::json> parse_json_object(std::string_view body, domain::Problems& problems) {
  DuplicateKeys duplicates;
  auto document = nlohmann::json::parse(
      body,
      [&duplicates](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        return duplicates.on_event(event, parsed);
      },
      false);
  if (document.is_discarded()) {
    problems.push_back(
        {domain::Code::malformed_json, "body", "the body is not valid JSON; send one JSON object"});
    return std::nullopt;
  }
  if (!document.is_object()) {
    problems.push_back(
        {domain::Code::malformed_json, "body",
         "the body must be a JSON object, not " + std::string(document.type_name())});
    return std::nullopt;
  }
  if (!duplicates.paths().empty()) {
    for (const auto& path : duplicates.paths()) {
      problems.push_back({domain::Code::malformed_json, path,
                          "'" + path +
                              "' appears more than once in the same object; send each member "
                              "once, so the body means one thing"});
    }
    return std::nullopt;
  }
  return document;
}

} // namespace slate::formats
