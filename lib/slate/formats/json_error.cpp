#include <slate/formats/json_error.hpp>

#include <slate/formats/json_text.hpp>

namespace slate::formats {
namespace {

Json problem_json(const domain::Problem& problem) {
  // null rather than "" says plainly that the error concerns no one field.
  return {{"code", problem.code},
          {"message", problem.message},
          {"field", problem.field.empty() ? Json(nullptr) : Json(problem.field)}};
}

} // namespace

std::string render_error(const domain::Problems& problems) {
  Json document = Json::object();
  if (problems.empty()) {
    // Callers always pass a problem; a missing one must still give a valid body.
    document["error"] =
        problem_json({domain::Code::internal, "", "an error without a description"});
    return to_json_text(document);
  }
  document["error"] = problem_json(problems.front());
  if (problems.size() > 1) {
    Json all = Json::array();
    for (const auto& problem : problems) {
      all.push_back(problem_json(problem));
    }
    document["errors"] = std::move(all);
  }
  return to_json_text(document);
}

} // namespace slate::formats
