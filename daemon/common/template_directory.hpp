#pragma once

#include <slate/domain/problem.hpp>
#include <slate/formats/message_text.hpp>

#include <filesystem>

namespace slate::daemon {

// Read the message templates in `dir`: one file "<phase>.mustache" for each
// phase (announced.mustache, reminder.mustache, starting.mustache,
// in_progress.mustache, extended.mustache, completed.mustache,
// cancelled.mustache, emergency.mustache). Returns the templates, or every
// problem found, each message starting "FILE:LINE: " (or "FILE: " for one
// that is missing or unreadable): syntax errors, unknown variables,
// partials. Other files in `dir` are ignored.
domain::Result<formats::MessageTemplates> load_templates(const std::filesystem::path& dir);

} // namespace slate::daemon
