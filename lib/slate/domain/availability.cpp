#include <slate/domain/availability.hpp>

#include <slate/util/text.hpp>

#include <slate/domain/booking_rules.hpp>
#include <slate/domain/interval_set.hpp>
#include <slate/domain/time_text.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace slate::domain {
namespace {

constexpr std::int64_t k_million = 1'000'000;
constexpr std::int64_t k_full_weight = 1000;
constexpr const char* k_scheduled_category = "(i) scheduled maintenance";

bool names_region(const std::vector<std::string>& regions, const std::string& id) {
  return util::contains_ignoring_case(regions, id);
}

// One source of downtime, already split into the parts that share a verdict.
struct Piece {
  Interval interval;
  std::string kind;
  bool excluded = false;
  std::string category;
  std::string reason;
  std::string source;
  std::int64_t weight_permille = k_full_weight; // for counted pieces
};

// The actual interval a maintenance took the service down, or an empty one.
// Planned work that never started took nothing down, nor did work
// cancelled before it started; work under way runs until `now`.
Interval actual_downtime(const Maintenance& maintenance, Instant now) {
  if (!maintenance.disruptive || !maintenance.started_at) {
    return Interval{};
  }
  const Instant start = *maintenance.started_at;
  if (maintenance.state == MaintenanceState::in_progress) {
    return Interval{start, std::max(start, now)};
  }
  return Interval{start, maintenance.finished_at.value_or(start)};
}

void add_outage_pieces(const Outage& outage, const AvailabilityRules& rules, Instant now,
                       std::vector<Piece>& out) {
  const std::string source = "outage/" + std::to_string(outage.id);
  const auto category = rules.excluded_causes.find(outage.cause);
  Piece piece{outage.span(now), "outage", false, "", "", source, k_full_weight};
  if (category != rules.excluded_causes.end()) {
    piece.excluded = true;
    piece.category = category->second;
    piece.reason = "outage " + std::to_string(outage.id) + " (" +
                   std::string(to_string(outage.cause)) + ") is excluded: " + category->second;
  } else {
    const bool partial = outage.impact == OutageImpact::partial;
    piece.weight_permille = partial ? rules.partial_weight_permille : k_full_weight;
    piece.reason = "outage " + std::to_string(outage.id) + " (" +
                   std::string(to_string(outage.impact)) + ", " +
                   std::string(to_string(outage.cause)) + ") counts" +
                   (partial && piece.weight_permille != k_full_weight
                        ? " with weight " + std::to_string(piece.weight_permille) + "/1000"
                        : std::string());
  }
  out.push_back(std::move(piece));
}

void add_maintenance_pieces(const Maintenance& maintenance,
                            const std::vector<const Region*>& regions, const Policy& policy,
                            const Interval& period, Instant now, std::vector<Piece>& out) {
  const Interval actual = actual_downtime(maintenance, now);
  if (actual.empty()) {
    return;
  }
  const std::string id = std::to_string(maintenance.id);
  const std::string source = "maintenance/" + id;
  if (maintenance.kind == MaintenanceKind::emergency) {
    out.push_back({actual, "emergency_maintenance", false, "",
                   "emergency maintenance " + id + " is unscheduled downtime", source,
                   k_full_weight});
    return;
  }
  if (regions.empty()) {
    // No window can be checked, so nothing can be excluded.
    out.push_back(
        {actual, "maintenance", false, "",
         "maintenance " + id + " names no region of the calendars, so no window excludes it",
         source, k_full_weight});
    return;
  }
  // Exclusion needs the notice of every region it covers...
  for (const Region* region : regions) {
    const Seconds notice = policy.for_region(region->id).notice;
    const Seconds given = maintenance.booked.start - maintenance.announced_at;
    if (given < notice) {
      out.push_back({actual, "maintenance", false, "",
                     "maintenance " + id + " was announced " + length_text(given) + " ahead in " +
                         region->id + ", less than the " + length_text(notice) +
                         " of notice the policy needs, so it counts",
                     source, k_full_weight});
      return;
    }
  }
  // ...and only its part inside an allowed window of each of them is excluded.
  const Interval search{std::min(actual.start, period.start) - std::chrono::days{8},
                        std::max(actual.end, period.end) + std::chrono::days{8}};
  IntervalSet inside{actual};
  for (const Region* region : regions) {
    IntervalSet windows;
    for (const auto& occurrence :
         allowed_occurrences(*region, policy.for_region(region->id), search)) {
      windows.add(occurrence.interval);
    }
    inside = inside.intersect(windows);
  }
  for (const auto& part : inside.intervals()) {
    out.push_back({part, "maintenance", true, k_scheduled_category,
                   "scheduled maintenance " + id + ", announced with notice and inside its window",
                   source, k_full_weight});
  }
  const IntervalSet outside =
      IntervalSet{actual}.subtract(inside); // named: a temporary's intervals() would dangle
  for (const auto& part : outside.intervals()) {
    out.push_back({part, "maintenance_overrun", false, "",
                   "maintenance " + id + " ran outside its window (overrun), so this part counts",
                   source, k_full_weight});
  }
}

// The verdict for one elementary stretch covered by `covering`.
struct Verdict {
  const Piece* deciding = nullptr;
  std::int64_t weight_permille = 0;
  std::vector<std::string> sources;
};

Verdict decide(const std::vector<const Piece*>& covering) {
  Verdict verdict;
  for (const Piece* piece : covering) {
    if (std::find(verdict.sources.begin(), verdict.sources.end(), piece->source) ==
        verdict.sources.end()) {
      verdict.sources.push_back(piece->source);
    }
    // An exclusion wins; among counted pieces the heaviest decides.
    if (piece->excluded) {
      if (verdict.deciding == nullptr || !verdict.deciding->excluded) {
        verdict.deciding = piece;
      }
    } else if (verdict.deciding == nullptr ||
               (!verdict.deciding->excluded && piece->weight_permille > verdict.weight_permille)) {
      verdict.deciding = piece;
      verdict.weight_permille = piece->weight_permille;
    }
  }
  if (verdict.deciding->excluded) {
    verdict.weight_permille = 0;
  }
  return verdict;
}

} // namespace

Interval month_interval(date::year_month month, const Zone& zone) {
  const LocalDate first{date::year_month_day{month / 1}};
  const LocalDate next{date::year_month_day{(month + date::months{1}) / 1}};
  return Interval{zone.to_utc(LocalTime{first}), zone.to_utc(LocalTime{next})};
}

date::year_month month_of(Instant instant, const Zone& zone) {
  const date::year_month_day day{date::floor<date::days>(zone.to_local(instant).local)};
  return day.year() / day.month();
}

std::string percent_text(std::int64_t numerator, std::int64_t denominator, int decimals) {
  std::int64_t scale = 1;
  for (int i = 0; i < decimals; ++i) {
    scale *= 10;
  }
  // Nothing measured: nothing was unavailable either.
  const std::int64_t scaled =
      denominator <= 0 ? 100 * scale : numerator * 100 * scale / denominator;
  std::string text = std::to_string(scaled / scale);
  if (decimals > 0) {
    std::string fraction = std::to_string(scaled % scale);
    text += "." + std::string(static_cast<std::size_t>(decimals) - fraction.size(), '0') + fraction;
  }
  return text;
}

AvailabilityReport compute_availability(const AvailabilityQuery& query,
                                        const AvailabilityInputs& inputs) {
  const AvailabilityRules& rules = inputs.policy.availability;
  AvailabilityReport report;
  report.query = query;
  report.period = month_interval(query.month, rules.reporting_zone);
  report.total = report.period.end - report.period.start;
  report.target_ppm = rules.target_ppm;

  std::vector<Piece> pieces;
  for (const auto& outage : inputs.outages) {
    if (outage.service == query.service &&
        (!query.region || names_region(outage.regions, *query.region))) {
      add_outage_pieces(outage, rules, inputs.now, pieces);
    }
  }
  for (const auto& maintenance : inputs.maintenances) {
    const bool covers_service = maintenance.services.empty() ||
                                std::find(maintenance.services.begin(), maintenance.services.end(),
                                          query.service) != maintenance.services.end();
    if (!covers_service || (query.region && !names_region(maintenance.regions, *query.region))) {
      continue;
    }
    std::vector<const Region*> regions;
    for (const auto& id : maintenance.regions) {
      if (query.region && !util::equal_ignoring_case(id, *query.region)) {
        continue;
      }
      if (const Region* region = find_region(inputs.regions, id)) {
        regions.push_back(region);
      }
    }
    add_maintenance_pieces(maintenance, regions, inputs.policy, report.period, inputs.now, pieces);
  }

  // Cut the month at every boundary so each stretch has one set of causes.
  std::vector<Instant> cuts{report.period.start, report.period.end};
  for (auto& piece : pieces) {
    piece.interval = piece.interval.intersect(report.period);
    if (!piece.interval.empty()) {
      cuts.push_back(piece.interval.start);
      cuts.push_back(piece.interval.end);
    }
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());

  // Sweep the stretches in order, keeping the pieces that cover the
  // current one: linear in the pieces rather than stretches x pieces.
  std::vector<const Piece*> by_start;
  for (const auto& piece : pieces) {
    if (!piece.interval.empty()) {
      by_start.push_back(&piece);
    }
  }
  std::stable_sort(by_start.begin(), by_start.end(), [](const Piece* a, const Piece* b) {
    return a->interval.start < b->interval.start;
  });
  std::size_t next_piece = 0;
  std::vector<const Piece*> covering;

  std::int64_t weighted_permille = 0;
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    const Interval stretch{cuts[i], cuts[i + 1]};
    std::erase_if(covering,
                  [&](const Piece* piece) { return piece->interval.end <= stretch.start; });
    while (next_piece < by_start.size() && by_start[next_piece]->interval.start <= stretch.start) {
      covering.push_back(by_start[next_piece++]);
    }
    if (covering.empty()) {
      continue;
    }
    const Verdict verdict = decide(covering);
    const Seconds length = stretch.end - stretch.start;
    report.down += length;
    if (verdict.deciding->excluded) {
      report.excluded += length;
      report.excluded_by_category[verdict.deciding->category] += length;
    } else {
      weighted_permille += length.count() * verdict.weight_permille;
    }
    std::string reason = verdict.deciding->reason;
    if (verdict.sources.size() > 1) {
      std::string others;
      for (const auto& source : verdict.sources) {
        if (source != verdict.deciding->source) {
          others += (others.empty() ? "" : ", ") + source;
        }
      }
      reason += "; " + others + " overlaps it and is not counted again";
    }
    LedgerEntry entry{stretch,           verdict.deciding->kind,     !verdict.deciding->excluded,
                      std::move(reason), verdict.deciding->category, verdict.sources};
    auto& ledger = report.ledger;
    if (!ledger.empty() && ledger.back().interval.end == stretch.start &&
        ledger.back().kind == entry.kind && ledger.back().counted == entry.counted &&
        ledger.back().reason == entry.reason && ledger.back().sources == entry.sources) {
      ledger.back().interval.end = stretch.end;
    } else {
      ledger.push_back(std::move(entry));
    }
  }
  // A partial weight is rounded up to whole seconds: never in the provider's favour.
  report.counted = Seconds{(weighted_permille + k_full_weight - 1) / k_full_weight};

  const Seconds base = rules.formula == AvailabilityFormula::exclusions_leave_total
                           ? report.total - report.excluded
                           : report.total;
  report.denominator = base.count();
  report.numerator = (base - report.counted).count();
  report.met = report.denominator <= 0 ||
               report.numerator * k_million >= report.target_ppm * report.denominator;
  report.error_budget = Seconds{(k_million - report.target_ppm) * base.count() / k_million};
  report.error_budget_remaining = report.error_budget - report.counted;

  if (report.period.contains(inputs.now)) {
    const Seconds elapsed = inputs.now - report.period.start;
    report.elapsed = elapsed;
    if (report.error_budget > Seconds{0} && elapsed > Seconds{0}) {
      // Share of the budget used over share of the month gone; a rate, so a
      // double is precise enough (no verdict depends on it).
      const double used = static_cast<double>(report.counted.count()) /
                          static_cast<double>(report.error_budget.count());
      const double gone =
          static_cast<double>(elapsed.count()) / static_cast<double>(report.total.count());
      report.burn_rate_ppm =
          static_cast<std::int64_t>(used / gone * static_cast<double>(k_million));
    }
  }
  for (const auto& tier : rules.credit_tiers) {
    const bool below = report.denominator > 0 &&
                       report.numerator * k_million < tier.below_ppm * report.denominator;
    if (below && (!report.credit || tier.below_ppm < report.credit->below_ppm)) {
      report.credit = tier;
    }
  }
  return report;
}

} // namespace slate::domain
