#include <common/template_directory.hpp>

#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

namespace slate::daemon {
namespace {

// A message template is a few hundred bytes; a far larger file is a mistake.
constexpr std::uintmax_t k_max_template_bytes = 64 * 1024;

domain::Problem file_problem(const std::string& name, const std::string& message) {
  return domain::Problem{domain::Code::invalid_template, name, name + ": " + message};
}

} // namespace

domain::Result<formats::MessageTemplates> load_templates(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::exists(dir, error) && !error) {
    return file_problem(dir.string(), "no such directory: the message templates "
                                      "(announced.mustache, ...) are read from here");
  }
  if (!fs::is_directory(dir, error)) {
    return file_problem(dir.string(), error
                                          ? "cannot read the template directory: " + error.message()
                                          : "is not a directory of message templates");
  }
  const auto path_of = [&](formats::MessagePhase phase) {
    return (dir / (std::string(formats::to_string(phase)) + ".mustache")).string();
  };
  std::map<formats::MessagePhase, formats::TemplateSource> sources;
  domain::Problems problems;
  for (const auto phase : formats::all_message_phases()) {
    const std::string name = path_of(phase);
    if (!fs::exists(name, error)) {
      continue; // reported as missing by MessageTemplates::make
    }
    // An empty stand-in for a file that cannot be read, so that it is not
    // reported as missing as well.
    sources[phase] = {name, ""};
    const auto size = fs::file_size(name, error);
    if (error) {
      problems.push_back(file_problem(name, "cannot read: " + error.message()));
      continue;
    }
    if (size > k_max_template_bytes) {
      problems.push_back(file_problem(name, "is " + std::to_string(size) +
                                                " bytes; a template may be at most 64 KiB"));
      continue;
    }
    std::ifstream in(name, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
      problems.push_back(file_problem(name, "cannot read the file"));
      continue;
    }
    sources[phase].text = text.str();
  }
  auto templates = formats::MessageTemplates::make(sources, path_of);
  if (!templates) {
    problems.insert(problems.end(), templates.problems().begin(), templates.problems().end());
  }
  if (!problems.empty()) {
    return problems;
  }
  return std::move(templates).value();
}

} // namespace slate::daemon
