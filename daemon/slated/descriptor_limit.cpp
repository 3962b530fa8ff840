#include <slated/descriptor_limit.hpp>

#include <cerrno>
#include <cstring>

#include <sys/resource.h>

namespace slate::daemon {

DescriptorLimit raise_descriptor_limit() {
  DescriptorLimit limit;
  rlimit current{};
  if (getrlimit(RLIMIT_NOFILE, &current) != 0) {
    limit.error = std::strerror(errno);
    return limit;
  }
  limit.before = current.rlim_cur;
  limit.soft = current.rlim_cur;
  limit.hard = current.rlim_max;
  if (current.rlim_max == RLIM_INFINITY || current.rlim_cur >= current.rlim_max) {
    return limit;
  }
  rlimit raised = current;
  raised.rlim_cur = current.rlim_max;
  if (setrlimit(RLIMIT_NOFILE, &raised) != 0) {
    limit.error = std::strerror(errno);
    return limit;
  }
  limit.soft = raised.rlim_cur;
  return limit;
}

std::string describe(const DescriptorLimit& limit) {
  const std::uint64_t connections =
      limit.soft > k_reserved_descriptors ? limit.soft - k_reserved_descriptors : 0;
  std::string text = "can hold about " + std::to_string(connections) +
                     " client connections (open file limit " + std::to_string(limit.soft);
  if (limit.soft != limit.before) {
    text += ", raised from " + std::to_string(limit.before);
  } else if (!limit.error.empty()) {
    text +=
        "; cannot raise it to the hard limit " + std::to_string(limit.hard) + ": " + limit.error;
  } else if (limit.soft < limit.hard && limit.hard != RLIM_INFINITY) {
    text += ", below the hard limit " + std::to_string(limit.hard);
  }
  text += ")";
  return text;
}

} // namespace slate::daemon
