#include <slate/app/support_deadlines.hpp>

namespace slate::app {

domain::Result<SupportDeadlines> support_deadlines(const Snapshot& snapshot,
                                                   const std::string& severity,
                                                   const std::optional<std::string>& plan,
                                                   domain::Instant opened_at) {
  const auto& policy = snapshot.policy.support;
  auto clocks = domain::deadlines(policy, severity, plan, opened_at);
  if (!clocks) {
    return clocks.problems();
  }
  return SupportDeadlines{severity, plan.value_or(policy.default_plan), opened_at,
                          std::move(clocks).value()};
}

} // namespace slate::app
