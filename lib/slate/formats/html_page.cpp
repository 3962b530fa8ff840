#include <slate/formats/html_page.hpp>

#include <slate/util/text.hpp>

#include <slate/domain/dual_time_text.hpp>
#include <slate/formats/json_availability.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <set>

namespace slate::formats {
namespace {

constexpr std::int64_t k_million = 1'000'000;

// Inline, so that the page needs nothing but itself.
constexpr std::string_view k_style = R"css(
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#f6f8fa}
main{max-width:62rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
h3{font-size:1.05rem;margin:.75rem 0 .25rem}
section,article{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem}
article{border-left:4px solid #0969da}
article.outage{border-left-color:#cf222e}
.banner{padding:.75rem 1rem;border-radius:8px;color:#fff;font-weight:600;font-size:1.1rem}
.i-none{background:#1a7f37}.i-minor{background:#9a6700}.i-major{background:#bc4c00}.i-critical{background:#cf222e}.i-maintenance{background:#0969da}
.s{font-weight:600;white-space:nowrap}
.s-operational{color:#1a7f37}.s-under_maintenance{color:#0969da}.s-degraded_performance,.s-partial_outage{color:#bc4c00}.s-major_outage{color:#cf222e}
.msg{white-space:pre-wrap;margin:.5rem 0;font:inherit}
.muted{color:#59636e;font-size:.9rem}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #d0d7de;vertical-align:top}
.scroll{overflow-x:auto}
svg{display:block;width:100%;height:auto;font-family:inherit}
svg.timeline{min-width:34rem}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:0 1.5rem}
ul{padding-left:1.25rem;margin:.25rem 0}
footer{color:#59636e;font-size:.9rem;padding:1rem 0}
)css";

std::string percent_value(const domain::AvailabilityReport& report) {
  return domain::percent_text(report.numerator, report.denominator, 4);
}

double percent_number(const domain::AvailabilityReport& report) {
  if (report.denominator <= 0) {
    return 100.0;
  }
  return 100.0 * static_cast<double>(report.numerator) / static_cast<double>(report.denominator);
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

std::string status_words(ComponentStatus status) {
  switch (status) {
  case ComponentStatus::operational:
    return "Operational";
  case ComponentStatus::degraded_performance:
    return "Degraded performance";
  case ComponentStatus::partial_outage:
    return "Partial outage";
  case ComponentStatus::major_outage:
    return "Major outage";
  case ComponentStatus::under_maintenance:
    return "Under maintenance";
  }
  return "Operational";
}

std::string status_span(ComponentStatus status) {
  return "<span class=\"s s-" + std::string(to_string(status)) + "\">" + status_words(status) +
         "</span>";
}

std::string services_text(const std::vector<std::string>& services) {
  return services.empty() ? std::string("all services") : util::joined(services, ", ");
}

class PageWriter {
public:
  PageWriter(const StatusModel& model, const PageSettings& settings)
      : m_model(model), m_settings(settings) {}

  std::string write() {
    out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
    out += html_escape(m_settings.title);
    out += "</title>\n<style>";
    out += k_style;
    out += "</style>\n</head>\n<body>\n<main>\n<h1>" + html_escape(m_settings.title) + "</h1>\n";
    out += "<p class=\"muted\">Times are on each region&#39;s clock, with " +
           html_escape(m_model.home_zone.name()) + " in parentheses.</p>\n";
    current_status();
    upcoming();
    windows();
    availability();
    support();
    out += "<footer>Also as data: <a href=\"/v1/status\">/v1/status</a>, "
           "<a href=\"/api/v2/summary.json\">/api/v2/summary.json</a> (Statuspage), "
           "<a href=\"/calendars/all.ics\">/calendars/all.ics</a> (calendar). Updated " +
           html_escape(date::format("%F %R UTC", m_model.updated_at)) + "." +
           (m_settings.tz_database.empty() ? std::string()
                                           : " Time zone rules: IANA tz database " +
                                                 html_escape(m_settings.tz_database) + ".") +
           "</footer>\n</main>\n</body>\n</html>\n";
    return std::move(out);
  }

private:
  const RegionStatus* region(std::string_view id) const {
    for (const auto& r : m_model.regions) {
      if (r.id == id) {
        return &r;
      }
    }
    return nullptr;
  }

  // "United States: Wed 14 Jan ..." for each region of the maintenance.
  void maintenance_times(const domain::Maintenance& m) {
    out += "<ul>";
    bool any = false;
    for (const auto& r : m_model.regions) {
      if (std::find(m.regions.begin(), m.regions.end(), r.id) == m.regions.end()) {
        continue;
      }
      any = true;
      out += "<li>" + html_escape(r.name) + ": " +
             html_escape(domain::local_and_home(m.span(), r.zone, m_model.home_zone)) + "</li>";
    }
    if (!any) {
      out += "<li>" + html_escape(domain::local_range_text(m.span(), m_model.home_zone)) + "</li>";
    }
    out += "</ul>\n";
  }

  void current_status() {
    out += "<section id=\"current-status\">\n<h2>Current status</h2>\n";
    out += "<p class=\"banner i-" + std::string(to_string(m_model.indicator)) + "\">" +
           std::string(description(m_model.indicator)) + "</p>\n";
    out += "<div class=\"scroll\"><table>\n<thead><tr><th>Region</th><th>Status</th></tr>"
           "</thead>\n<tbody>\n";
    for (const auto& r : m_model.regions) {
      out += "<tr><td>" + html_escape(r.name) + " <span class=\"muted\">" + html_escape(r.id) +
             " &#183; " + html_escape(r.zone.name()) + "</span></td><td>" + status_span(r.status);
      std::vector<std::string> troubled;
      for (const auto& service : r.services) {
        if (!service.service.empty() && service.status != ComponentStatus::operational) {
          troubled.push_back(service.service + ": " + status_words(service.status));
        }
      }
      if (!troubled.empty()) {
        out += "<br><span class=\"muted\">" + html_escape(util::joined(troubled, "; ")) + "</span>";
      }
      out += "</td></tr>\n";
    }
    out += "</tbody></table></div>\n";

    bool any = false;
    for (const auto& entry : m_model.maintenances) {
      const auto& m = entry.maintenance;
      if (m.state != domain::MaintenanceState::in_progress) {
        continue;
      }
      any = true;
      m_anchored.insert(m.id);
      out += "<article id=\"maintenance-" + std::to_string(m.id) +
             "\">\n<h3>In progress: " + html_escape(m.title) + "</h3>\n";
      maintenance_times(m);
      out += "<p class=\"msg\">" + html_escape(entry.text) + "</p>\n";
      for (const auto& silence : entry.silences) {
        out += "<p class=\"silence\">Alertmanager silence " +
               html_escape(silence.silence_id.empty() ? "(not made yet)" : silence.silence_id) +
               ": " + html_escape(std::string(to_string(silence.status))) + "</p>\n";
      }
      out += "</article>\n";
    }
    for (const auto& outage : m_model.open_outages) {
      any = true;
      const auto* first = outage.regions.empty() ? nullptr : region(outage.regions.front());
      const auto& zone = first != nullptr ? first->zone : m_model.home_zone;
      out += "<article class=\"outage\" id=\"outage-" + std::to_string(outage.id) + "\">\n<h3>" +
             (outage.impact == domain::OutageImpact::major ? "Outage" : "Partial outage") + " of " +
             html_escape(outage.service) + " in " +
             html_escape(util::joined(outage.regions, ", ")) + "</h3>\n<p>Since " +
             html_escape(domain::local_and_home(outage.start, zone, m_model.home_zone)) + "</p>\n";
      if (!outage.description.empty()) {
        out += "<p class=\"msg\">" + html_escape(outage.description) + "</p>\n";
      }
      out += "</article>\n";
    }
    if (!any) {
      out += "<p>No maintenance is under way and no outage is open.</p>\n";
    }
    out += "</section>\n";
  }

  void upcoming() {
    out += "<section id=\"upcoming-maintenance\">\n<h2>Upcoming maintenance</h2>\n";
    std::vector<std::string> quiet;
    for (const auto& r : m_model.regions) {
      if (r.upcoming.empty()) {
        quiet.push_back(r.name);
        continue;
      }
      out += "<h3>" + html_escape(r.name) + "</h3>\n<ul>\n";
      for (const auto index : r.upcoming) {
        const auto& entry = m_model.maintenances.at(index);
        const auto& m = entry.maintenance;
        const bool first = m_anchored.insert(m.id).second;
        out += "<li" +
               (first ? " id=\"maintenance-" + std::to_string(m.id) + "\"" : std::string()) +
               "><strong>" + html_escape(m.title) + "</strong>" +
               (m.kind == domain::MaintenanceKind::emergency ? " (emergency)" : "") + "<br>" +
               html_escape(domain::local_and_home(m.span(), r.zone, m_model.home_zone)) +
               "<br><span class=\"muted\">Services: " + html_escape(services_text(m.services)) +
               (m.disruptive ? "; unavailable during the work" : "; no interruption expected") +
               "</span>";
        if (!m.message.empty()) {
          out += "<p class=\"msg\">" + html_escape(m.message) + "</p>";
        }
        out += "</li>\n";
      }
      out += "</ul>\n";
    }
    if (!quiet.empty()) {
      out +=
          "<p class=\"muted\">" +
          std::string(quiet.size() == m_model.regions.size() ? "No maintenance is announced."
                                                             : "None announced in ") +
          (quiet.size() == m_model.regions.size() ? std::string()
                                                  : html_escape(util::joined(quiet, ", ")) + ".") +
          "</p>\n";
    }
    out += "</section>\n";
  }

  void windows() {
    out += "<section id=\"maintenance-windows\">\n<h2>Maintenance windows</h2>\n";
    if (m_model.timeline) {
      timeline(*m_model.timeline);
    }
    out += "<ul>\n";
    for (const auto& r : m_model.regions) {
      out += "<li><strong>" + html_escape(r.name) + "</strong>: ";
      if (r.current_window) {
        out += "a window is open now, " +
               html_escape(
                   domain::local_and_home(r.current_window->interval, r.zone, m_model.home_zone)) +
               "; ";
      }
      if (r.next_window) {
        out += "next window " + html_escape(domain::local_and_home(r.next_window->interval, r.zone,
                                                                   m_model.home_zone));
      } else {
        out += "no further window";
      }
      out += "</li>\n";
    }
    out += "</ul>\n</section>\n";
  }

  void timeline(const domain::Interval& range) {
    constexpr double width = 720;
    constexpr double label = 120;
    constexpr double plot = width - label - 10;
    constexpr double header = 30;
    constexpr double row = 30;
    const double height = header + row * static_cast<double>(m_model.regions.size()) + 8;
    const double span = static_cast<double>((range.end - range.start).count());
    const auto x = [&](domain::Instant t) {
      const auto clamped = std::clamp(t, range.start, range.end);
      return label + plot * static_cast<double>((clamped - range.start).count()) / span;
    };
    out += "<div class=\"scroll\"><svg class=\"timeline\" viewBox=\"0 0 " + number(width) + " " +
           number(height) +
           "\" role=\"img\" aria-labelledby=\"timeline-title\">\n<title id=\"timeline-title\">"
           "Maintenance windows of every region from " +
           html_escape(domain::local_range_text(range, m_model.home_zone)) + "</title>\n";
    // A line and a label at each midnight of the home zone.
    const auto& home = m_model.home_zone;
    auto day = date::floor<date::days>(home.to_local(range.start).local) + date::days{1};
    for (;; day += date::days{1}) {
      const auto midnight = home.to_utc(domain::LocalTime{day});
      if (midnight >= range.end) {
        break;
      }
      const auto at = number(x(midnight));
      out += "<line x1=\"" + at + "\" y1=\"" + number(header - 12) + "\" x2=\"" + at + "\" y2=\"" +
             number(height - 8) + "\" stroke=\"#d0d7de\"/>";
      out += "<text x=\"" + number(x(midnight) + 4) + "\" y=\"" + number(header - 16) +
             "\" font-size=\"12\" fill=\"#59636e\">" +
             html_escape(date::format("%a %d", domain::LocalTime{day})) + "</text>\n";
    }
    double y = header;
    bool shade = false;
    for (const auto& r : m_model.regions) {
      if (shade) {
        out += "<rect x=\"0\" y=\"" + number(y) + "\" width=\"" + number(width) + "\" height=\"" +
               number(row) + "\" fill=\"#f6f8fa\"/>";
      }
      shade = !shade;
      out += "<text x=\"4\" y=\"" + number(y + row / 2 + 5) + "\" font-size=\"13\">" +
             html_escape(r.name) + "</text>\n";
      for (const auto& window : r.timeline) {
        const double left = x(window.interval.start);
        const double bar = std::max(2.0, x(window.interval.end) - left);
        out += "<rect class=\"window\" x=\"" + number(left) + "\" y=\"" + number(y + 6) +
               "\" width=\"" + number(bar) + "\" height=\"" + number(row - 12) +
               "\" rx=\"3\" fill=\"#54aeff\"><title>" +
               html_escape(window.summary + ": " +
                           domain::local_and_home(window.interval, r.zone, home)) +
               "</title></rect>\n";
      }
      for (const auto& indexes : {r.in_progress, r.upcoming}) {
        for (const auto index : indexes) {
          const auto& m = m_model.maintenances.at(index).maintenance;
          const auto span_of = m.span();
          if (span_of.end <= range.start || span_of.start >= range.end) {
            continue;
          }
          const double left = x(span_of.start);
          const double bar = std::max(2.0, x(span_of.end) - left);
          out += "<rect class=\"maintenance\" x=\"" + number(left) + "\" y=\"" +
                 number(y + row / 2 - 4) + "\" width=\"" + number(bar) +
                 "\" height=\"8\" fill=\"#bc4c00\"><title>" +
                 html_escape(m.title + ": " + domain::local_and_home(span_of, r.zone, home)) +
                 "</title></rect>\n";
        }
      }
      y += row;
    }
    out += "</svg></div>\n<p class=\"muted\"><span style=\"color:#54aeff\">&#9632;</span> window "
           "<span style=\"color:#bc4c00\">&#9632;</span> announced maintenance &#8212; days in " +
           html_escape(home.name()) + "</p>\n";
  }

  // This month's support compliance, per plan, severity and clock kind.
  void support() {
    if (!m_model.support) {
      return;
    }
    const auto& report = *m_model.support;
    out += "<section id=\"support\">\n<h2>Support this month</h2>\n<p class=\"muted\">" +
           html_escape(month_text(report.month)) + ", " + html_escape(report.zone.name()) +
           ": clocks met of those decided, truncated.</p>\n";
    if (report.rows.empty()) {
      out += "<p>No support ticket was opened this month.</p>\n</section>\n";
      return;
    }
    out += "<div class=\"scroll\"><table>\n<thead><tr><th>Plan</th><th>Severity</th><th>Clock</th>"
           "<th>Met</th><th>Breached</th><th>Running</th><th>Percent</th><th>Target</th></tr>"
           "</thead>\n<tbody>\n";
    for (const auto& row : report.rows) {
      const auto percent = row.percent_hundredths
                               ? domain::hundredths_text(*row.percent_hundredths) + " %"
                               : std::string("-");
      const auto target =
          row.target_hundredths
              ? domain::hundredths_text(*row.target_hundredths) + " %" +
                    (row.target_met ? (*row.target_met ? " (met)" : " (missed)") : std::string())
              : std::string("-");
      out += "<tr><td>" + html_escape(row.plan) + "</td><td>" + html_escape(row.severity) +
             "</td><td>" + html_escape(std::string(domain::to_string(row.kind))) + "</td><td>" +
             std::to_string(row.met) + "</td><td>" + std::to_string(row.breached) + "</td><td>" +
             std::to_string(row.running) + "</td><td>" + html_escape(percent) + "</td><td>" +
             html_escape(target) + "</td></tr>\n";
    }
    out += "</tbody></table></div>\n</section>\n";
  }

  void availability() {
    out += "<section id=\"availability\">\n<h2>Availability</h2>\n";
    if (m_model.history.empty()) {
      out += "<p class=\"muted\">No availability figures.</p>\n</section>\n";
      return;
    }
    const double target = static_cast<double>(m_model.target_ppm) / 10000.0;
    out += "<p>Monthly availability against the target of " +
           html_escape(domain::percent_text(m_model.target_ppm, k_million, 2)) + " %, months in " +
           html_escape(m_model.reporting_zone) + ".</p>\n";
    out += "<div class=\"charts\">\n";
    for (const auto& series : m_model.history) {
      const std::string name = series.service.empty() ? "All services" : series.service;
      out += "<div><h3>" + html_escape(name) + "</h3>\n";
      chart(series, name, target);
      out += "</div>\n";
    }
    out += "</div>\n";
    // The figures, for those who cannot see the charts.
    out += "<div class=\"scroll\"><table>\n<thead><tr><th>Month</th>";
    for (const auto& series : m_model.history) {
      out +=
          "<th>" + html_escape(series.service.empty() ? "All services" : series.service) + "</th>";
    }
    out += "</tr></thead>\n<tbody>\n";
    const auto months = m_model.history.front().months.size();
    for (std::size_t i = months; i-- > 0;) {
      out += "<tr><td>" + month_text(m_model.history.front().months[i].query.month) + "</td>";
      for (const auto& series : m_model.history) {
        const auto& report = series.months.at(i);
        out +=
            "<td>" + percent_value(report) + " %" + (report.met ? "" : " (below target)") + "</td>";
      }
      out += "</tr>\n";
    }
    out += "</tbody></table></div>\n</section>\n";
  }

  void chart(const AvailabilitySeries& series, const std::string& name, double target) {
    constexpr double width = 600;
    constexpr double height = 220;
    constexpr double left = 84;
    constexpr double right = 10;
    constexpr double top = 30;
    constexpr double bottom = 30;
    const double plot_w = width - left - right;
    const double plot_h = height - top - bottom;
    double lowest = target;
    for (const auto& report : series.months) {
      lowest = std::min(lowest, percent_number(report));
    }
    const double range = std::max(100.0 - lowest, 0.01) * 1.25;
    const double floor = 100.0 - range;
    const auto y = [&](double value) {
      return top + plot_h * (100.0 - std::max(value, floor)) / range;
    };
    out += "<svg class=\"availability\" viewBox=\"0 0 " + number(width) + " " + number(height) +
           "\" role=\"img\"><title>" +
           html_escape("Monthly availability of " + name + " against the target") + "</title>\n";
    out += "<text x=\"" + number(left - 6) + "\" y=\"" + number(top + 5) +
           "\" font-size=\"16\" text-anchor=\"end\" fill=\"#59636e\">100 %</text>";
    char low[32];
    std::snprintf(low, sizeof low, "%.3f %%", floor);
    out += "<text x=\"" + number(left - 6) + "\" y=\"" + number(top + plot_h) +
           "\" font-size=\"16\" text-anchor=\"end\" fill=\"#59636e\">" + low + "</text>\n";
    out += "<line x1=\"" + number(left) + "\" y1=\"" + number(top + plot_h) + "\" x2=\"" +
           number(width - right) + "\" y2=\"" + number(top + plot_h) + "\" stroke=\"#8c959f\"/>\n";
    const auto count = static_cast<double>(std::max<std::size_t>(series.months.size(), 1));
    const double slot = plot_w / count;
    double x = left;
    for (const auto& report : series.months) {
      const double value = percent_number(report);
      const double bar_top = y(value);
      const double bar_h = std::max(1.0, top + plot_h - bar_top);
      out += "<rect x=\"" + number(x + slot * 0.15) + "\" y=\"" + number(top + plot_h - bar_h) +
             "\" width=\"" + number(slot * 0.7) + "\" height=\"" + number(bar_h) + "\" fill=\"" +
             (report.met ? "#2da44e" : "#cf222e") + "\"><title>" +
             html_escape(month_text(report.query.month) + ": " + percent_value(report) + " %" +
                         (report.met ? " (target met)" : " (below target)")) +
             "</title></rect>";
      constexpr std::array<std::string_view, 12> names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
      const auto month = static_cast<unsigned>(report.query.month.month());
      out += "<text x=\"" + number(x + slot / 2) + "\" y=\"" + number(height - 6) +
             "\" font-size=\"16\" text-anchor=\"middle\" fill=\"#59636e\">" +
             std::string(names.at((month + 11) % 12)) + "</text>\n";
      x += slot;
    }
    const double target_y = y(target);
    out += "<line x1=\"" + number(left) + "\" y1=\"" + number(target_y) + "\" x2=\"" +
           number(width - right) + "\" y2=\"" + number(target_y) +
           "\" stroke=\"#1f2328\" stroke-dasharray=\"6 4\"/>";
    out += "<line x1=\"" + number(width - right - 186) + "\" y1=\"12\" x2=\"" +
           number(width - right - 156) +
           "\" y2=\"12\" stroke=\"#1f2328\" "
           "stroke-dasharray=\"6 4\"/><text x=\"" +
           number(width - right) + "\" y=\"18\" font-size=\"16\" text-anchor=\"end\">target " +
           html_escape(domain::percent_text(m_model.target_ppm, k_million, 2)) + " %</text>\n";
    out += "</svg>\n";
  }

  const StatusModel& m_model;
  const PageSettings& m_settings;
  std::set<std::int64_t> m_anchored; // maintenance whose anchor is written
  std::string out;
};

} // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::string render_html_page(const StatusModel& model, const PageSettings& settings) {
  return PageWriter(model, settings).write();
}

} // namespace slate::formats
