#include "ticket_command.hpp"

#include "api_client.hpp"
#include "support_clock_text.hpp"

#include <ostream>

namespace slate::ctl {
namespace {

void print_ticket(const nlohmann::json& ticket, std::ostream& out, bool ledgers) {
  out << "ticket " << text_of(ticket, "ref") << " (" << text_of(ticket, "severity") << ", "
      << text_of(ticket, "plan") << ", " << text_of(ticket, "state") << "): opened "
      << text_of(ticket, "opened_at") << "\n";
  if (const std::string title = text_of(ticket, "title"); !title.empty()) {
    out << "  title: " << title << "\n";
  }
  const auto& events = member_of(ticket, "events");
  if (events.is_array()) {
    for (const auto& event : events) {
      const std::string severity = text_of(event, "severity");
      const std::string note = text_of(event, "note");
      out << "  " << text_of(event, "at") << " " << text_of(event, "type")
          << (severity.empty() ? "" : " " + severity) << (note.empty() ? "" : ": " + note) << "\n";
    }
  }
  print_clocks(member_of(ticket, "clocks"), out, ledgers);
}

void print_one(const nlohmann::json& body, std::ostream& out) {
  print_ticket(member_of(body, "ticket"), out, true);
}

void print_list(const nlohmann::json& body, std::ostream& out) {
  const auto& tickets = member_of(body, "tickets");
  if (!tickets.is_array() || tickets.empty()) {
    out << "no tickets\n";
    return;
  }
  std::vector<std::vector<std::string>> rows{
      {"REF", "SEVERITY", "PLAN", "STATE", "OPENED", "BREACHED", "TITLE"}};
  for (const auto& ticket : tickets) {
    int breached = 0;
    const auto& clocks = member_of(ticket, "clocks");
    if (clocks.is_array()) {
      for (const auto& clock : clocks) {
        breached += text_of(clock, "status") == "breached" ? 1 : 0;
      }
    }
    rows.push_back({text_of(ticket, "ref"), text_of(ticket, "severity"), text_of(ticket, "plan"),
                    text_of(ticket, "state"), text_of(ticket, "opened_at"),
                    std::to_string(breached), text_of(ticket, "title")});
  }
  print_table(out, rows);
}

// Run a write with its own Idempotency-Key, so that slatectl's retry of a
// request that got no answer does not do it twice.
int write(const Invocation& invocation, const Call& call, const std::string& path,
          const nlohmann::json& body) {
  const auto settings = settings_for(invocation, call);
  if (!settings || !have_token(invocation, call.command, *settings)) {
    return k_exit_usage;
  }
  const ApiClient client(*settings);
  return finish(invocation, call.command, *settings,
                client.post(path, body, {{"Idempotency-Key", random_idempotency_key()}}, true),
                print_one);
}

int open(const Invocation& invocation, const Call& call) {
  const auto ref = one_word(invocation, call, "ticket REF");
  if (!ref) {
    return k_exit_usage;
  }
  const auto& arguments = call.arguments;
  nlohmann::json body = {{"ref", *ref}, {"title", arguments.value("--title").value_or("")}};
  for (const auto& [option, member] :
       {std::pair{"--severity", "severity"}, std::pair{"--plan", "plan"},
        std::pair{"--opened-at", "opened_at"}}) {
    if (const auto value = arguments.value(option)) {
      body[member] = *value;
    }
  }
  return write(invocation, call, "/v1/tickets", body);
}

int event(const Invocation& invocation, const Call& call) {
  const auto ref = one_word(invocation, call, "ticket REF");
  if (!ref) {
    return k_exit_usage;
  }
  const auto& arguments = call.arguments;
  const auto type = arguments.value("--type");
  if (!type) {
    return usage_error(invocation, call,
                       "missing --type (responded, updated, paused, resumed, restored, resolved, "
                       "reopened, severity_changed)");
  }
  nlohmann::json body = {{"type", *type}};
  for (const auto& [option, member] : {std::pair{"--at", "at"}, std::pair{"--severity", "severity"},
                                       std::pair{"--note", "note"}}) {
    if (const auto value = arguments.value(option)) {
      body[member] = *value;
    }
  }
  return write(invocation, call, "/v1/tickets/" + percent_encode(*ref) + "/events", body);
}

int show(const Invocation& invocation, const Call& call) {
  const auto ref = one_word(invocation, call, "ticket REF");
  if (!ref) {
    return k_exit_usage;
  }
  const auto settings = settings_for(invocation, call);
  if (!settings) {
    return k_exit_usage;
  }
  const ApiClient client(*settings);
  return finish(invocation, call.command, *settings,
                client.get("/v1/tickets/" + percent_encode(*ref)), print_one);
}

int list(const Invocation& invocation, const Call& call) {
  if (!call.arguments.words().empty()) {
    return usage_error(invocation, call,
                       "unexpected argument '" + call.arguments.words().front() + "'");
  }
  const auto settings = settings_for(invocation, call);
  if (!settings) {
    return k_exit_usage;
  }
  Query query;
  for (const char* option : {"--state", "--severity", "--month"}) {
    if (const auto value = call.arguments.value(option)) {
      query.emplace_back(option + 2, *value);
    }
  }
  const ApiClient client(*settings);
  return finish(invocation, call.command, *settings, client.get("/v1/tickets", query), print_list);
}

const auto k_open_options =
    options_with({{"--title"}, {"--severity"}, {"--plan"}, {"--opened-at"}}, k_api_options);
const auto k_event_options =
    options_with({{"--type"}, {"--at"}, {"--severity"}, {"--note"}}, k_api_options);
const auto k_list_options = options_with({{"--state"}, {"--severity"}, {"--month"}}, k_api_options);

const Subcommand k_subcommands[] = {
    {"open",
     "slatectl ticket open REF --title TEXT [--severity S] [--plan P] [--opened-at RFC3339] "
     "[--url URL] [--token TOKEN | --token-file FILE] [--json]",
     k_open_options, open},
    {"event",
     "slatectl ticket event REF --type TYPE [--at RFC3339] [--severity S] [--note TEXT] "
     "[--url URL] [--token TOKEN | --token-file FILE] [--json]",
     k_event_options, event},
    {"show", "slatectl ticket show REF [--url URL] [--json]", k_api_options, show},
    {"list",
     "slatectl ticket list [--state open|resolved] [--severity S] [--month YYYY-MM] [--url URL] "
     "[--json]",
     k_list_options, list},
};

} // namespace

int ticket_command(const Invocation& invocation) {
  return dispatch(invocation, "ticket", k_subcommands);
}

} // namespace slate::ctl
