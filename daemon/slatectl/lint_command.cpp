#include "lint_command.hpp"

#include <common/calendar_directory.hpp>
#include <common/configuration.hpp>

#include <slate/domain/form_comparison.hpp>

#include <chrono>
#include <optional>
#include <ostream>
#include <sstream>

namespace slate::ctl {
namespace {

using domain::Seconds;

std::string format_day(domain::LocalDate day) {
  return date::format("%a %F", day);
}

std::string format_clock(Seconds since_midnight) {
  return date::format("%R", date::sys_seconds{since_midnight});
}

// "1h30m", "30m", "2h"; always positive.
std::string format_length(Seconds length) {
  const auto hours = std::chrono::duration_cast<std::chrono::hours>(length);
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(length - hours);
  std::string text;
  if (hours.count() != 0) {
    text += std::to_string(hours.count()) + "h";
  }
  if (minutes.count() != 0 || text.empty()) {
    text += std::to_string(minutes.count()) + "m";
  }
  return text;
}

std::string format_shift(const char* what, Seconds difference) {
  if (difference == Seconds{0}) {
    return std::string(what) + " at the same time";
  }
  return std::string(what) + " " +
         format_length(difference < Seconds{0} ? -difference : difference) +
         (difference < Seconds{0} ? " earlier" : " later");
}

std::string describe(const domain::WindowRule& rule) {
  return rule.days().to_string() + " " + format_clock(rule.local_start()) + "-" +
         format_clock(rule.local_end()) + " " + rule.zone().name();
}

// "01:30-04:00 AEDT": how the zone's wall clock reads `interval`.
std::string local_reading(const domain::Zone& zone, const domain::Interval& interval) {
  const auto start = zone.to_local(interval.start);
  const auto end = zone.to_local(interval.end);
  std::string text = date::format("%R", start.local) + " " + start.abbreviation + " - " +
                     date::format("%R", end.local) + " " + end.abbreviation;
  if (date::floor<date::days>(end.local) != date::floor<date::days>(start.local)) {
    text += " (next day)";
  }
  return text;
}

std::optional<domain::LocalDate> parse_date(const std::string& text) {
  std::istringstream in(text);
  domain::LocalDate day;
  in >> date::parse("%F", day);
  if (in.fail() || in.peek() != std::char_traits<char>::eof()) {
    return std::nullopt;
  }
  return day;
}

int report(const std::vector<domain::Region>& regions, const domain::Interval& range,
           std::ostream& out) {
  int findings = 0;
  for (const auto& region : regions) {
    for (const auto& window : region.windows) {
      const auto& contract = window.rule;
      for (const auto& alternate : window.alternates) {
        const auto runs = domain::compare_forms(contract, alternate.rule, range);
        if (runs.empty()) {
          continue;
        }
        ++findings;
        out << alternate.source << ": " << region.id << ": '" << alternate.label << "' ("
            << describe(alternate.rule) << ") disagrees with the window it restates ("
            << describe(contract) << ", " << window.source << ") on " << runs.size()
            << (runs.size() == 1 ? " run" : " runs") << " of dates:\n";
        for (const auto& run : runs) {
          out << "  " << format_day(run.first_day) << " to " << format_day(run.last_day) << " ("
              << run.occurrences << (run.occurrences == 1 ? " occurrence" : " occurrences")
              << "): ";
          if (run.missing) {
            out << "the alternate statement has no occurrence within half a week\n";
            continue;
          }
          out << format_shift("starts", run.start_difference) << ", "
              << format_shift("ends", run.end_difference);
          if (const auto first = contract.occurrence_on(run.first_day)) {
            const domain::Interval meant{first->interval.start + run.start_difference,
                                         first->interval.end + run.end_difference};
            out << " (it means " << local_reading(contract.zone(), meant) << " where the window is "
                << local_reading(contract.zone(), first->interval) << ")";
          }
          out << "\n";
        }
      }
      for (const auto& irregular : domain::irregular_occurrences(contract, range)) {
        ++findings;
        out << window.source << ": " << region.id << ": '" << window.summary << "' ("
            << describe(contract) << ") on " << format_day(irregular.day) << " ";
        if (irregular.length == Seconds{0}) {
          out << "has no occurrence: a DST gap swallows it whole\n";
          continue;
        }
        const Seconds change = irregular.length - irregular.nominal_length;
        out << "lasts " << format_length(irregular.length) << " instead of "
            << format_length(irregular.nominal_length) << " ("
            << format_length(change < Seconds{0} ? -change : change)
            << (change < Seconds{0} ? " shorter: a DST gap" : " longer: a DST fold") << "), "
            << local_reading(contract.zone(), irregular.interval) << "\n";
      }
    }
  }
  return findings;
}

} // namespace

int lint_command(const Invocation& invocation) {
  std::filesystem::path dir = "calendars";
  std::optional<domain::LocalDate> from;
  std::optional<std::filesystem::path> policy;
  bool have_dir = false;
  const auto& arguments = invocation.arguments;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    if (argument == "--help" || argument == "-h") {
      invocation.out << "usage: slatectl lint [DIR] [--from YYYY-MM-DD]\n";
      return k_exit_ok;
    }
    if (argument == "--from") {
      if (i + 1 == arguments.size() || !(from = parse_date(arguments[i + 1]))) {
        invocation.err << "slatectl lint: --from needs a date YYYY-MM-DD\n";
        return k_exit_usage;
      }
      ++i;
    } else if (argument == "--policy") {
      if (i + 1 == arguments.size()) {
        invocation.err << "slatectl lint: --policy needs a policy file\n";
        return k_exit_usage;
      }
      policy = arguments[++i];
    } else if (!argument.empty() && argument[0] == '-') {
      invocation.err << "slatectl lint: unknown option '" << argument
                     << "'; usage: slatectl lint [DIR] [--from YYYY-MM-DD] [--policy FILE]\n";
      return k_exit_usage;
    } else if (have_dir) {
      invocation.err << "slatectl lint: one directory only; usage: slatectl lint [DIR] [--from "
                        "YYYY-MM-DD] [--policy FILE]\n";
      return k_exit_usage;
    } else {
      dir = argument;
      have_dir = true;
    }
  }
  if (!from) {
    // The edge of the program: the only place lint reads the clock.
    const auto today = date::floor<date::days>(std::chrono::system_clock::now());
    from = domain::LocalDate{today.time_since_epoch()};
  }
  const auto regions = daemon::load_calendar_directory(dir);
  if (!regions) {
    for (const auto& problem : regions.problems()) {
      invocation.err << problem.message << "\n";
    }
    return k_exit_usage;
  }
  const domain::Instant start{from->time_since_epoch()};
  const domain::Interval range{start, domain::Instant{(*from + date::years{1}).time_since_epoch()}};
  const int findings = report(*regions, range, invocation.out);
  if (policy) {
    const auto loaded = daemon::load_policy_file(*policy, dir);
    if (!loaded) {
      for (const auto& problem : loaded.problems()) {
        invocation.err << problem.message << "\n";
      }
      return k_exit_usage;
    }
    // The policy's assumptions are notes, not findings: they say how the
    // policy read what its SLA document leaves open.
    for (const auto& assumption : loaded->support.assumptions) {
      invocation.out << "note: " << policy->string() << ": assumption: " << assumption << "\n";
    }
  }
  invocation.out << dir.string() << ": " << regions->size()
                 << (regions->size() == 1 ? " calendar" : " calendars") << ", " << findings
                 << (findings == 1 ? " finding" : " findings") << " from "
                 << date::format("%F", *from) << " for 12 months\n";
  return findings == 0 ? k_exit_ok : k_exit_findings;
}

} // namespace slate::ctl
