#include <slate/domain/maintenance_silence.hpp>

#include <array>

namespace slate::domain {

std::string_view to_string(SilenceStatus status) {
  switch (status) {
  case SilenceStatus::queued:
    return "queued";
  case SilenceStatus::pending:
    return "pending";
  case SilenceStatus::active:
    return "active";
  case SilenceStatus::expired:
    return "expired";
  case SilenceStatus::expired_by_operator:
    return "expired_by_operator";
  case SilenceStatus::failed:
    return "failed";
  }
  return "queued";
}

std::optional<SilenceStatus> parse_silence_status(std::string_view text) {
  constexpr std::array k_all{SilenceStatus::queued,
                             SilenceStatus::pending,
                             SilenceStatus::active,
                             SilenceStatus::expired,
                             SilenceStatus::expired_by_operator,
                             SilenceStatus::failed};
  for (const auto status : k_all) {
    if (to_string(status) == text) {
      return status;
    }
  }
  return std::nullopt;
}

std::vector<MaintenanceSilence> silences_of(const std::vector<MaintenanceSilence>& silences,
                                            std::int64_t id) {
  std::vector<MaintenanceSilence> out;
  for (const auto& silence : silences) {
    if (silence.maintenance_id == id) {
      out.push_back(silence);
    }
  }
  return out;
}

} // namespace slate::domain
