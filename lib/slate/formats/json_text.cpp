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

// Return `text` fit to name in a message: a NUL would cut it short in logs
// and C strings, so it is written as the JSON escape a client sent.
std::string printable(const std::string& text) {
  std::string out;
  for (const char c : text) {
    out += c == '\0' ? std::string("\\u0000") : std::string(1, c);
  }
  return out;
}

// Add an invalid_field problem for every key and string value, at any depth,
// that holds a NUL: PostgreSQL's text type cannot hold one and SQLite would
// keep it, so no body may carry one; refused here, every backend stores the
// same and a client hears which member to fix, before anything is written.
// Iterative, with each node's path made only for a hit: a body may nest as
// deep as it is long, which recursion (or a path per node) would not survive.
void find_nul(const nlohmann::json& document, domain::Problems& problems) {
  struct Node {
    const nlohmann::json* value;
    std::size_t parent; // index in `nodes`; the root is its own parent
    std::string label;  // "name" of a member, "[2]" of an item
    bool item;
  };
  std::vector<Node> nodes{{&document, 0, "", false}};
  const auto path_of = [&nodes](std::size_t index) {
    std::vector<const Node*> chain;
    for (; index != 0; index = nodes[index].parent) {
      chain.push_back(&nodes[index]);
    }
    std::string path;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      path += (path.empty() || (*it)->item ? "" : ".") + (*it)->label;
    }
    return path;
  };
  const auto refuse = [&problems](const std::string& name, const std::string& what,
                                  std::size_t at) {
    problems.push_back({domain::Code::invalid_field, name,
                        "'" + name + "' holds a NUL character (\\u0000) in its " + what +
                            " at byte " + std::to_string(at) +
                            "; JSON text sent to slated may not hold a NUL"});
  };
  std::vector<std::size_t> todo{0};
  while (!todo.empty()) {
    const auto index = todo.back();
    todo.pop_back();
    const auto& value = *nodes[index].value;
    // Children are pushed last first, so that problems come in document order.
    std::vector<std::size_t> children;
    if (value.is_string()) {
      if (const auto at = value.get_ref<const std::string&>().find('\0'); at != std::string::npos) {
        refuse(path_of(index), "value", at);
      }
    } else if (value.is_object()) {
      for (const auto& [key, member] : value.items()) {
        nodes.push_back({&member, index, printable(key), false});
        if (const auto at = key.find('\0'); at != std::string::npos) {
          refuse(path_of(nodes.size() - 1), "name", at);
          continue;
        }
        children.push_back(nodes.size() - 1);
      }
    } else if (value.is_array()) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        nodes.push_back({&value[i], index, "[" + std::to_string(i) + "]", true});
        children.push_back(nodes.size() - 1);
      }
    }
    todo.insert(todo.end(), children.rbegin(), children.rend());
  }
}

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
  const auto before = problems.size();
  // A NUL can only come from the escape (JSON text holds no raw control
  // character), so a body without one is not walked.
  if (body.find("\\u0000") != std::string_view::npos) {
    find_nul(document, problems);
  }
  if (problems.size() != before) {
    return std::nullopt;
  }
  return document;
}

} // namespace slate::formats
