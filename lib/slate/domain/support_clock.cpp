#include <slate/domain/support_clock.hpp>

#include <algorithm>

namespace slate::domain {
namespace {

// Past every instant slated accepts: the end of a pause that has not ended.
constexpr Instant k_far_future{date::sys_days{date::year{9000} / 1 / 1}};

// The ledger's reasons are pointed to, not copied; made on first use, so
// that no exception can escape before main.
const std::string& business_reason() {
  static const std::string reason = k_business_hours;
  return reason;
}
const std::string& outside_reason() {
  static const std::string reason = k_outside_business_hours;
  return reason;
}

// Time a clock does not count whatever the calendar says: a pause, or a
// resolved ticket waiting to be reopened.
struct Exclusion {
  Interval interval;
  std::string reason;
};

// One clock as the history defines it, before any arithmetic.
struct Run {
  ClockKind kind = ClockKind::response;
  std::string severity;
  Instant start;
  std::optional<Instant> stop;
  bool superseded = false; // restart: replaced by a clock of a new severity at `stop`
  std::vector<Exclusion> gaps;
};

struct Pause {
  Interval interval;
  std::string reason;
};

// The clocks a history defines, and its pauses.
struct History {
  std::vector<Run> runs;
  std::vector<Pause> pauses;
};

std::string pause_reason(const std::string& note) {
  return note.empty() ? std::string("paused") : "paused: " + note;
}

History read_history(const SupportPolicy& policy, const Ticket& ticket) {
  const bool restart = policy.on_severity_change == SeverityChange::restart;
  History history;
  auto& runs = history.runs;
  std::string severity = ticket.severity;

  // The run of each kind that is counting now, by index into `runs`.
  PerClockKind<std::optional<std::size_t>> running;
  // A restoration clock a `reopened` would resume, with why it stopped.
  std::optional<std::size_t> resumable;
  std::string resumable_reason;
  // Restart: a restoration stopped under an older severity starts afresh
  // when the ticket is reopened.
  bool restoration_owed_on_reopen = false;
  bool update_stopped = false;
  bool open = true;
  std::optional<Instant> paused_since;
  std::string paused_note;

  const auto start = [&](ClockKind kind, Instant at) {
    running[kind] = runs.size();
    runs.push_back({kind, severity, at, std::nullopt, false, {}});
  };
  const auto stop = [&](ClockKind kind, Instant at) {
    if (running[kind]) {
      runs[*running[kind]].stop = at;
      running[kind].reset();
    }
  };
  for (const auto kind : k_clock_kinds) {
    start(kind, ticket.opened_at);
  }

  for (const auto& event : sorted_events(ticket)) {
    const Instant at = event.at;
    switch (event.type) {
    case TicketEventType::responded:
      stop(ClockKind::response, at);
      break;
    case TicketEventType::updated:
      if (running[ClockKind::update]) {
        stop(ClockKind::update, at);
        start(ClockKind::update, at);
      }
      break;
    case TicketEventType::restored:
      if (running[ClockKind::restoration]) {
        resumable = running[ClockKind::restoration];
        resumable_reason = "restored: until reopened";
        stop(ClockKind::restoration, at);
      }
      if (running[ClockKind::update]) {
        stop(ClockKind::update, at);
        update_stopped = true;
      }
      break;
    case TicketEventType::resolved:
      if (!open) {
        break;
      }
      open = false;
      stop(ClockKind::response, at);
      if (running[ClockKind::update]) {
        stop(ClockKind::update, at);
        update_stopped = true;
      }
      if (running[ClockKind::restoration]) {
        resumable = running[ClockKind::restoration];
        resumable_reason = "resolved: until reopened";
        stop(ClockKind::restoration, at);
      }
      break;
    case TicketEventType::reopened:
      if (open) {
        break;
      }
      open = true;
      if (resumable) {
        Run& run = runs[*resumable];
        run.gaps.push_back({{*run.stop, at}, resumable_reason});
        run.stop.reset();
        running[ClockKind::restoration] = resumable;
        resumable.reset();
      } else if (restoration_owed_on_reopen) {
        start(ClockKind::restoration, at);
        restoration_owed_on_reopen = false;
      }
      if (update_stopped) {
        start(ClockKind::update, at);
        update_stopped = false;
      }
      break;
    case TicketEventType::paused:
      if (!paused_since) {
        paused_since = at;
        paused_note = event.note;
      }
      break;
    case TicketEventType::resumed:
      if (paused_since) {
        history.pauses.push_back({{*paused_since, at}, pause_reason(paused_note)});
        paused_since.reset();
      }
      break;
    case TicketEventType::severity_changed:
      if (event.severity == severity) {
        break;
      }
      severity = event.severity;
      if (!restart) {
        break;
      }
      for (const auto kind : k_clock_kinds) {
        if (running[kind]) {
          runs[*running[kind]].superseded = true;
          stop(kind, at);
          start(kind, at);
        }
      }
      if (resumable) {
        resumable.reset();
        restoration_owed_on_reopen = true;
      }
      break;
    }
  }
  if (paused_since) {
    history.pauses.push_back({{*paused_since, k_far_future}, pause_reason(paused_note)});
  }
  if (!restart) {
    for (auto& run : runs) {
      run.severity = severity;
    }
  }
  return history;
}

// The exclusions of `run`: its gaps, and the pauses if they stop its kind,
// clipped to the run and made disjoint (where a pause and a gap overlap,
// the earlier one's reason holds).
std::vector<Exclusion> exclusions_of(const Run& run, const History& history, bool pauses_stop) {
  std::vector<Exclusion> all = run.gaps;
  const Interval span{run.start, run.stop.value_or(k_far_future)};
  if (pauses_stop) {
    for (const auto& pause : history.pauses) {
      const Interval part = pause.interval.intersect(span);
      if (!part.empty()) {
        all.push_back({part, pause.reason});
      }
    }
  }
  std::stable_sort(all.begin(), all.end(), [](const Exclusion& a, const Exclusion& b) {
    return a.interval.start < b.interval.start;
  });
  std::vector<Exclusion> out;
  for (auto& exclusion : all) {
    if (!out.empty()) {
      exclusion.interval.start = std::max(exclusion.interval.start, out.back().interval.end);
    }
    if (!exclusion.interval.empty()) {
      out.push_back(std::move(exclusion));
    }
  }
  return out;
}

// A clock's time from its start, stretch after contiguous stretch: its
// exclusions first, then the calendar's business hours, holidays and the
// time outside business hours.
class ClockStream {
public:
  struct Stretch {
    Interval interval;
    bool counts = false;
    const std::string* reason = nullptr;
  };

  ClockStream(const BusinessCalendar& calendar, Instant start,
              const std::vector<Exclusion>& exclusions)
      : m_cursor(calendar, start), m_position(start), m_exclusions(exclusions) {}

  Instant position() const { return m_position; }

  Stretch next() {
    while (m_exclusion < m_exclusions.size() &&
           m_exclusions[m_exclusion].interval.end <= m_position) {
      ++m_exclusion;
    }
    if (m_exclusion < m_exclusions.size() &&
        m_exclusions[m_exclusion].interval.start <= m_position) {
      const auto& exclusion = m_exclusions[m_exclusion];
      return advance({m_position, exclusion.interval.end}, false, &exclusion.reason);
    }
    const Instant limit =
        m_exclusion < m_exclusions.size() ? m_exclusions[m_exclusion].interval.start : k_far_future;
    while (!m_piece || m_piece->interval.end <= m_position) {
      m_piece = m_cursor.next();
      if (!m_piece) {
        m_piece = BusinessCalendar::Piece{{k_far_future, k_far_future}, nullptr};
        break;
      }
    }
    if (m_piece->interval.start > m_position) {
      return advance({m_position, std::min(m_piece->interval.start, limit)}, false,
                     &outside_reason());
    }
    const bool business = m_piece->holiday == nullptr;
    return advance({m_position, std::min(m_piece->interval.end, limit)}, business,
                   business ? &business_reason() : m_piece->holiday);
  }

private:
  Stretch advance(Interval interval, bool counts, const std::string* reason) {
    m_position = interval.end;
    return {interval, counts, reason};
  }

  BusinessCalendar::Cursor m_cursor;
  Instant m_position;
  const std::vector<Exclusion>& m_exclusions;
  std::size_t m_exclusion = 0;
  std::optional<BusinessCalendar::Piece> m_piece;
};

void append(std::vector<ClockLedgerEntry>& ledger, const Interval& interval, bool counts,
            const std::string& reason) {
  if (interval.empty()) {
    return;
  }
  if (!ledger.empty() && ledger.back().interval.end == interval.start &&
      ledger.back().counts == counts && ledger.back().reason == reason) {
    ledger.back().interval.end = interval.end;
    return;
  }
  ledger.push_back({interval, counts, reason});
}

// Evaluate one run on its calendar at `now`; std::nullopt for a run a
// restart replaced before it breached.
std::optional<SupportClock> evaluate(const SupportPolicy& policy, const Run& run,
                                     const History& history, const std::string& plan_id,
                                     const ClockRule& rule, const std::string& calendar_id,
                                     const BusinessCalendar& calendar, Instant now,
                                     ClockDetail detail) {
  SupportClock clock;
  clock.kind = run.kind;
  clock.severity = run.severity;
  clock.plan = plan_id;
  clock.target = rule.target;
  clock.target_seconds = target_seconds(rule, calendar);
  clock.calendar = calendar_id;
  clock.zone = calendar.zone();
  clock.started_at = run.start;
  clock.stopped_at = run.stop;

  const auto exclusions = exclusions_of(run, history, policy.pause_stops[run.kind]);
  const Seconds target = clock.target_seconds;
  const Seconds warn_amount = target * policy.warn_at_percent / 100;
  const bool full = detail == ClockDetail::full;
  // The instant up to which the clock has counted.
  const Instant counted_until = run.stop ? *run.stop : std::max(now, run.start);

  ClockStream stream(calendar, run.start, exclusions);
  Seconds counted{0};
  if (target <= Seconds{0}) {
    clock.due_at = run.start;
  }
  while (stream.position() < k_far_future) {
    const Instant position = stream.position();
    if (clock.due_at && position >= std::max(*clock.due_at, counted_until)) {
      break;
    }
    if (!full && clock.due_at && position >= *clock.due_at) {
      break;
    }
    const auto stretch = stream.next();
    const Seconds length = stretch.interval.length();
    if (stretch.counts) {
      if (!clock.warn_at && policy.warn_at_percent > 0 && warn_amount > Seconds{0} &&
          counted + length >= warn_amount) {
        clock.warn_at = stretch.interval.start + (warn_amount - counted);
      }
      if (!clock.due_at && counted + length >= target) {
        clock.due_at = stretch.interval.start + (target - counted);
      }
      if (stretch.interval.start < counted_until) {
        clock.elapsed += std::min(stretch.interval.end, counted_until) - stretch.interval.start;
      }
      counted += length;
    }
    if (full) {
      append(clock.ledger, stretch.interval, stretch.counts, *stretch.reason);
    }
  }

  if (run.stop) {
    clock.status =
        clock.due_at && *run.stop > *clock.due_at ? ClockStatus::breached : ClockStatus::met;
  } else if (clock.due_at && now > *clock.due_at) {
    clock.status = ClockStatus::breached;
  } else if (std::any_of(exclusions.begin(), exclusions.end(), [&](const Exclusion& exclusion) {
               return exclusion.interval.contains(now);
             })) {
    clock.status = ClockStatus::paused;
  } else {
    clock.status = ClockStatus::running;
  }
  if (run.superseded && clock.status != ClockStatus::breached) {
    return std::nullopt;
  }
  if (full) {
    clock.remaining = target - clock.elapsed;
    // The ledger ends at the stop; a running clock's at the later of its
    // due instant and now.
    const Instant ledger_end =
        run.stop ? *run.stop : std::max(clock.due_at.value_or(counted_until), counted_until);
    while (!clock.ledger.empty() && clock.ledger.back().interval.start >= ledger_end) {
      clock.ledger.pop_back();
    }
    if (!clock.ledger.empty() && clock.ledger.back().interval.end > ledger_end) {
      clock.ledger.back().interval.end = ledger_end;
    }
  } else {
    clock.elapsed = Seconds{0};
  }
  return clock;
}

std::vector<SupportClock> clocks_of(const SupportPolicy& policy, const Ticket& ticket, Instant now,
                                    ClockDetail detail) {
  std::vector<SupportClock> clocks;
  const SupportPlan* plan = policy.find_plan(ticket.plan);
  if (plan == nullptr) {
    return clocks;
  }
  const History history = read_history(policy, ticket);
  for (const auto kind : k_clock_kinds) {
    for (const auto& run : history.runs) {
      if (run.kind != kind) {
        continue;
      }
      const Severity* severity = policy.find_severity(run.severity);
      if (severity == nullptr || !severity->clocks[kind]) {
        continue;
      }
      const ClockRule& rule = *severity->clocks[kind];
      const std::string& calendar_id = policy.calendar_id(*plan, rule.calendar);
      const BusinessCalendar* calendar = policy.calendar_for(*plan, rule.calendar);
      if (calendar == nullptr) {
        continue;
      }
      auto clock =
          evaluate(policy, run, history, plan->id, rule, calendar_id, *calendar, now, detail);
      if (clock) {
        clocks.push_back(std::move(*clock));
      }
    }
  }
  return clocks;
}

std::string alert_id(const std::string& ref, const SupportClock& clock, AlertKind kind) {
  return "ticket/" + ref + "/" + std::string(to_string(clock.kind)) + "/" + clock.severity + "/" +
         std::to_string(clock.started_at.time_since_epoch().count()) + "/" +
         std::string(to_string(kind));
}

// Every alert of the ticket's clocks whose instant is known, with whether it
// has happened by `now`.
template <class Keep>
std::vector<SupportAlert> alerts(const SupportPolicy& policy, const Ticket& ticket, Instant now,
                                 Keep keep) {
  std::vector<SupportAlert> out;
  for (auto& clock : clocks_of(policy, ticket, now, ClockDetail::status_only)) {
    const auto consider = [&](AlertKind kind, std::optional<Instant> at) {
      if (at && keep(clock, *at)) {
        out.push_back({alert_id(ticket.ref, clock, kind), ticket.ref, kind, *at, clock});
      }
    };
    consider(AlertKind::warning, clock.warn_at);
    consider(AlertKind::breach,
             clock.due_at ? std::optional<Instant>(*clock.due_at + Seconds{1}) : std::nullopt);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const SupportAlert& a, const SupportAlert& b) { return a.at < b.at; });
  return out;
}

} // namespace

std::string_view to_string(ClockStatus status) {
  switch (status) {
  case ClockStatus::running:
    return "running";
  case ClockStatus::paused:
    return "paused";
  case ClockStatus::met:
    return "met";
  case ClockStatus::breached:
    return "breached";
  }
  return "running";
}

std::string_view to_string(AlertKind kind) {
  return kind == AlertKind::breach ? "breach" : "warning";
}

std::vector<SupportClock> ticket_clocks(const SupportPolicy& policy, const Ticket& ticket,
                                        Instant now, ClockDetail detail) {
  return clocks_of(policy, ticket, now, detail);
}

Result<std::vector<SupportClock>> deadlines(const SupportPolicy& policy, std::string_view severity,
                                            const std::optional<std::string>& plan,
                                            Instant opened_at) {
  TicketSpec spec;
  spec.ref = "deadlines";
  spec.severity = std::string(severity);
  spec.plan = plan;
  spec.opened_at = opened_at;
  auto ticket = open_ticket(policy, std::move(spec), opened_at);
  if (!ticket) {
    return ticket.problems();
  }
  return clocks_of(policy, *ticket, opened_at, ClockDetail::full);
}

std::vector<SupportAlert> due_alerts(const SupportPolicy& policy, const Ticket& ticket,
                                     Instant now) {
  return alerts(policy, ticket, now, [&](const SupportClock& clock, Instant at) {
    return at <= now && (!clock.stopped_at || at < *clock.stopped_at);
  });
}

std::vector<SupportAlert> upcoming_alerts(const SupportPolicy& policy, const Ticket& ticket,
                                          Instant now) {
  return alerts(policy, ticket, now, [&](const SupportClock& clock, Instant at) {
    return at > now && !clock.stopped_at && clock.status != ClockStatus::paused;
  });
}

} // namespace slate::domain
