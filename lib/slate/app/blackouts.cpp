#include <slate/app/blackouts.hpp>

#include <algorithm>

namespace slate::app {
namespace {

std::string blackout_text(const domain::Blackout& blackout) {
  return formats::to_json_text(formats::blackout_json(blackout));
}

std::string subject(std::int64_t id) {
  return "blackout/" + std::to_string(id);
}

} // namespace

domain::Result<Created<domain::Blackout>> create_blackout(Writer& writer,
                                                          const formats::BlackoutRequest& request,
                                                          const WriteContext& write) {
  WriteSteps<domain::Blackout> steps;
  steps.what = "insert a blackout";
  steps.kind = "blackout";
  steps.find = find_by_id(&Snapshot::find_blackout);
  steps.decide = [&](const Snapshot& snapshot) -> domain::Result<domain::Blackout> {
    domain::Problems problems;
    for (const auto& id : request.regions) {
      if (domain::find_region(snapshot.regions, id) == nullptr) {
        problems.push_back(
            {domain::Code::unknown_region, "regions", "region '" + id + "' is unknown"});
      }
    }
    if (!problems.empty()) {
      return problems;
    }
    return domain::Blackout{0,
                            domain::canonical_region_ids(request.regions, snapshot.regions),
                            request.period,
                            request.reason,
                            write.now,
                            write.actor};
  };
  steps.rows = [](store::Transaction& transaction, domain::Blackout& blackout) {
    blackout.id = transaction.blackouts().insert(blackout);
    return Written{{{"blackout.create", subject(blackout.id), "", blackout_text(blackout)}}, ""};
  };
  steps.apply = [](Snapshot& next, const domain::Blackout& blackout) {
    next.blackouts.push_back(blackout);
  };
  return writer.write(write, steps);
}

domain::Result<domain::Blackout> delete_blackout(Writer& writer, std::int64_t id,
                                                 const WriteContext& write) {
  WriteSteps<domain::Blackout> steps;
  steps.what = "delete blackout " + std::to_string(id);
  steps.decide = [id](const Snapshot& snapshot) -> domain::Result<domain::Blackout> {
    const auto* current = snapshot.find_blackout(id);
    if (current == nullptr) {
      return domain::Problem{domain::Code::not_found, "id",
                             "there is no blackout " + std::to_string(id)};
    }
    return *current;
  };
  steps.rows = [](store::Transaction& transaction, domain::Blackout& removed) {
    transaction.blackouts().remove(removed.id);
    return Written{{{"blackout.delete", subject(removed.id), blackout_text(removed), ""}}, ""};
  };
  steps.apply = [](Snapshot& next, const domain::Blackout& removed) {
    std::erase_if(next.blackouts, [&](const domain::Blackout& b) { return b.id == removed.id; });
  };
  return value_of(writer.write(write, steps));
}

} // namespace slate::app
