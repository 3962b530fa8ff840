#include <slate/api/conditional.hpp>

#include <slate/api/content_coding.hpp>
#include <slate/util/text.hpp>

#include <array>
#include <cctype>

namespace slate::api {
namespace {

constexpr std::array<std::string_view, 7> k_days{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 7> k_long_days{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                      "Thursday", "Friday", "Saturday"};
constexpr std::array<std::string_view, 12> k_months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Reads the fixed-layout pieces of an HTTP-date from left to right.
class DateReader {
public:
  explicit DateReader(std::string_view text) : m_text(text) {}

  bool literal(std::string_view expected) {
    if (m_text.substr(m_at, expected.size()) != expected) {
      return false;
    }
    m_at += expected.size();
    return true;
  }

  // Read exactly `count` digits.
  std::optional<int> digits(std::size_t count) {
    if (m_at + count > m_text.size()) {
      return std::nullopt;
    }
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
      const char c = m_text[m_at + i];
      if (c < '0' || c > '9') {
        return std::nullopt;
      }
      value = value * 10 + (c - '0');
    }
    m_at += count;
    return value;
  }

  // Read exactly `count` digits followed by `separator`.
  std::optional<int> field(std::size_t count, std::string_view separator) {
    auto value = digits(count);
    return value && literal(separator) ? value : std::nullopt;
  }

  // Read one of `names` (case-sensitive, as RFC 9110 writes them) followed
  // by `separator`; return its index.
  template <std::size_t N>
  std::optional<unsigned> name(const std::array<std::string_view, N>& names,
                               std::string_view separator) {
    auto index = one_of(names);
    return index && literal(separator) ? index : std::nullopt;
  }

  // Read one of `names` (case-sensitive, as RFC 9110 writes them); return
  // its index.
  template <std::size_t N>
  std::optional<unsigned> one_of(const std::array<std::string_view, N>& names) {
    for (std::size_t i = 0; i < N; ++i) {
      if (literal(names[i])) {
        return static_cast<unsigned>(i);
      }
    }
    return std::nullopt;
  }

  bool done() const { return m_at == m_text.size(); }

private:
  std::string_view m_text;
  std::size_t m_at = 0;
};

std::optional<domain::Instant> make_instant(int year, unsigned month, int day, int hour, int minute,
                                            int second) {
  const date::year_month_day ymd{date::year{year}, date::month{month + 1},
                                 date::day{static_cast<unsigned>(day)}};
  // 60 seconds is a leap second, which an HTTP-date may carry; it reads as
  // the next second's start, which errs on the side of "modified".
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  return date::sys_days{ymd} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
         std::chrono::seconds{second};
}

struct TimeOfDay {
  int hour = 0;
  int minute = 0;
  int second = 0;
};

// Read "HH:MM:SS" followed by `separator`.
std::optional<TimeOfDay> read_time(DateReader& in, std::string_view separator) {
  const auto hour = in.field(2, ":");
  const auto minute = hour ? in.field(2, ":") : std::nullopt;
  const auto second = minute ? in.field(2, separator) : std::nullopt;
  if (!second) {
    return std::nullopt;
  }
  return TimeOfDay{*hour, *minute, *second};
}

// Read "HH:MM:SS GMT", which ends the text, and return the instant it makes
// with the date.
std::optional<domain::Instant> read_time_and_finish(DateReader& in, int year, unsigned month,
                                                    int day) {
  const auto time = read_time(in, " GMT");
  if (!time || !in.done()) {
    return std::nullopt;
  }
  return make_instant(year, month, day, time->hour, time->minute, time->second);
}

// "Sun, 06 Nov 1994 08:49:37 GMT"
std::optional<domain::Instant> read_imf_fixdate(std::string_view text) {
  DateReader in(text);
  const auto weekday = in.name(k_days, ", ");
  const auto day = weekday ? in.field(2, " ") : std::nullopt;
  const auto month = day ? in.name(k_months, " ") : std::nullopt;
  const auto year = month ? in.field(4, " ") : std::nullopt;
  if (!year) {
    return std::nullopt;
  }
  return read_time_and_finish(in, *year, *month, *day);
}

// "Sunday, 06-Nov-94 08:49:37 GMT"
std::optional<domain::Instant> read_rfc850(std::string_view text) {
  DateReader in(text);
  const auto weekday = in.name(k_long_days, ", ");
  const auto day = weekday ? in.field(2, "-") : std::nullopt;
  const auto month = day ? in.name(k_months, "-") : std::nullopt;
  const auto two_digit_year = month ? in.field(2, " ") : std::nullopt;
  if (!two_digit_year) {
    return std::nullopt;
  }
  // RFC 9110 5.6.7 puts a two-digit year that would be more than 50
  // years ahead in the past century; without a clock here, 70-99 is taken
  // as 19xx and 00-69 as 20xx, as curl does: the same for any date a
  // client can have been given.
  const int year = *two_digit_year + (*two_digit_year >= 70 ? 1900 : 2000);
  return read_time_and_finish(in, year, *month, *day);
}

// "Sun Nov  6 08:49:37 1994"
std::optional<domain::Instant> read_asctime(std::string_view text) {
  DateReader in(text);
  const auto weekday = in.name(k_days, " ");
  const auto month = weekday ? in.name(k_months, " ") : std::nullopt;
  if (!month) {
    return std::nullopt;
  }
  // The day is space-padded: " 6" or "16".
  const auto day = in.literal(" ") ? in.field(1, " ") : in.field(2, " ");
  // The time comes before the year here.
  const auto time = day ? read_time(in, " ") : std::nullopt;
  const auto year = time ? in.digits(4) : std::nullopt;
  if (!year || !in.done()) {
    return std::nullopt;
  }
  return make_instant(*year, *month, *day, time->hour, time->minute, time->second);
}

std::string two_digits(unsigned value) {
  return {static_cast<char>('0' + value / 10 % 10), static_cast<char>('0' + value % 10)};
}

void add_validators(Response& response, const RenderedDocument& document, std::string_view etag,
                    std::string_view cache_control) {
  response.headers.emplace_back("ETag", std::string(etag));
  response.headers.emplace_back("Last-Modified", format_http_date(document.last_modified));
  response.headers.emplace_back("Cache-Control", std::string(cache_control));
  // The answer depends on Accept-Encoding, whichever coding it has: a
  // shared cache must not give a gzip copy to a client that did not ask.
  response.headers.emplace_back("Vary", "Accept-Encoding");
}

// The document's bytes and tag in the coding the request is answered with.
struct Representation {
  ContentCoding coding;
  const std::string* body;
  std::string_view etag;
};

Representation representation(const Request& request, const RenderedDocument& document) {
  const auto coding = choose_coding(
      request.headers, AvailableCodings{document.gzip.has_value(), document.brotli.has_value()});
  switch (coding) {
  case ContentCoding::gzip:
    return {coding, &document.gzip->body, document.gzip->etag};
  case ContentCoding::brotli:
    return {coding, &document.brotli->body, document.brotli->etag};
  case ContentCoding::identity:
    break;
  }
  return {ContentCoding::identity, &document.body, document.etag};
}

bool not_modified(const Request& request, const RenderedDocument& document, std::string_view etag,
                  domain::Instant now) {
  // RFC 9110 13.2.2: If-None-Match, when present, decides alone.
  bool has_none_match = false;
  for (const auto& [name, value] : request.headers) {
    if (util::equal_ignoring_case(name, "If-None-Match")) {
      has_none_match = true;
      if (none_match(value, etag)) {
        return true;
      }
    }
  }
  if (has_none_match) {
    return false;
  }
  std::optional<std::string_view> since;
  for (const auto& [name, value] : request.headers) {
    if (util::equal_ignoring_case(name, "If-Modified-Since")) {
      if (since) {
        return false; // more than one: ignored (RFC 9110 13.1.3)
      }
      since = value;
    }
  }
  if (!since) {
    return false;
  }
  const auto date = parse_http_date(*since);
  // A date later than our clock is not one we gave: a client's guess or a
  // skewed clock. Trusting it could hide every change until then.
  return date && *date <= now && document.last_modified <= *date;
}

} // namespace

bool none_match(std::string_view field, std::string_view etag) {
  const auto opaque = [](std::string_view tag) {
    if (tag.substr(0, 2) == "W/") {
      tag.remove_prefix(2);
    }
    return tag;
  };
  const std::string_view wanted = opaque(etag);
  std::size_t at = 0;
  const auto skip_space = [&] {
    while (at < field.size() && (field[at] == ' ' || field[at] == '\t')) {
      ++at;
    }
  };
  skip_space();
  if (field.substr(at, 1) == "*") {
    ++at;
    skip_space();
    return at == field.size();
  }
  // #entity-tag: elements separated by commas, empty elements allowed.
  while (true) {
    while (at < field.size() && (field[at] == ' ' || field[at] == '\t' || field[at] == ',')) {
      ++at;
    }
    if (at == field.size()) {
      return false;
    }
    const std::size_t start = at;
    if (field.substr(at, 2) == "W/") {
      at += 2;
    }
    if (at >= field.size() || field[at] != '"') {
      return false;
    }
    const std::size_t close = field.find('"', at + 1);
    if (close == std::string_view::npos) {
      return false;
    }
    at = close + 1;
    if (opaque(field.substr(start, at - start)) == wanted) {
      return true;
    }
    skip_space();
    if (at < field.size() && field[at] != ',') {
      return false;
    }
  }
}

std::optional<domain::Instant> parse_http_date(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  if (auto instant = read_imf_fixdate(text)) {
    return instant;
  }
  if (auto instant = read_asctime(text)) {
    return instant;
  }
  return read_rfc850(text);
}

std::string format_http_date(domain::Instant instant) {
  const auto day = date::floor<date::days>(instant);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss time{instant - day};
  std::string out;
  out.reserve(29);
  out += k_days[date::weekday{day}.c_encoding()];
  out += ", ";
  out += two_digits(static_cast<unsigned>(ymd.day()));
  out += ' ';
  out += k_months[static_cast<unsigned>(ymd.month()) - 1];
  out += ' ';
  const int year = static_cast<int>(ymd.year());
  out += two_digits(static_cast<unsigned>(year / 100));
  out += two_digits(static_cast<unsigned>(year % 100));
  out += ' ';
  out += two_digits(static_cast<unsigned>(time.hours().count()));
  out += ':';
  out += two_digits(static_cast<unsigned>(time.minutes().count()));
  out += ':';
  out += two_digits(static_cast<unsigned>(time.seconds().count()));
  out += " GMT";
  return out;
}

Response conditional_response(const Request& request,
                              const std::shared_ptr<const RenderedDocument>& document,
                              std::string_view content_type, std::string_view cache_control,
                              domain::Instant now) {
  Response response;
  const Representation chosen = representation(request, *document);
  if (not_modified(request, *document, chosen.etag, now)) {
    response.status = 304;
    response.headers.reserve(5);
    add_validators(response, *document, chosen.etag, cache_control);
    return response;
  }
  response.status = 200;
  response.headers.reserve(7);
  response.headers.emplace_back("Content-Type", std::string(content_type));
  if (chosen.coding != ContentCoding::identity) {
    response.headers.emplace_back("Content-Encoding", std::string(coding_name(chosen.coding)));
  }
  add_validators(response, *document, chosen.etag, cache_control);
  // Shares the document's ownership and points at its bytes: the cache may
  // drop the document while the response is still being sent.
  response.shared_body = std::shared_ptr<const std::string>(document, chosen.body);
  return response;
}

} // namespace slate::api
