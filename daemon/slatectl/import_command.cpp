#include "import_command.hpp"

#include "api_client.hpp"

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace slate::ctl {
namespace {

int run(const Invocation& invocation, const Call& call) {
  const auto file = one_word(invocation, call, "FILE to import (- for standard input)");
  if (!file) {
    return k_exit_usage;
  }
  std::string text;
  if (*file == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(*file, std::ios::binary);
    if (!in) {
      invocation.err << call.command << ": cannot read '" << *file << "'\n";
      return k_exit_usage;
    }
    std::ostringstream read;
    read << in.rdbuf();
    text = read.str();
  }
  // Checked here only for being JSON at all, so that a wrong file is
  // named as such; slated checks everything else and names each item.
  const auto body = nlohmann::json::parse(text, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    invocation.err << call.command << ": '" << *file
                   << "' is not a JSON object such as {\"maintenances\": [...], \"outages\": "
                      "[...]}\n";
    return k_exit_usage;
  }
  const auto settings = settings_for(invocation, call);
  if (!settings || !have_token(invocation, call.command, *settings)) {
    return k_exit_usage;
  }
  std::vector<std::pair<std::string, std::string>> headers;
  if (const auto key = call.arguments.value("--idempotency-key")) {
    if (!header_safe(*key)) {
      return usage_error(invocation, call,
                         "--idempotency-key must be printable ASCII without spaces");
    }
    headers.emplace_back("Idempotency-Key", *key);
  }
  const ApiClient client(*settings);
  // Retried only with a key: without one a lost reply and a second
  // request would import the history twice. The file goes as written, so
  // that slated sees (and refuses) a member named twice.
  return finish(invocation, call.command, *settings,
                client.post_text("/v1/import", text, headers, !headers.empty()),
                [](const nlohmann::json& reply, std::ostream& out) {
                  const auto& maintenances = member_of(reply, "maintenances");
                  const auto& outages = member_of(reply, "outages");
                  out << "imported " << (maintenances.is_array() ? maintenances.size() : 0)
                      << " maintenances and " << (outages.is_array() ? outages.size() : 0)
                      << " outages\n";
                });
}

const auto k_options = options_with({{"--idempotency-key"}}, k_api_options);

} // namespace

int import_command(const Invocation& invocation) {
  const auto& all = invocation.arguments;
  constexpr std::string_view usage =
      "slatectl import FILE [--idempotency-key KEY] [--url URL] [--token TOKEN | --token-file "
      "FILE] [--output table|json|csv]   (FILE: {\"maintenances\": [...], \"outages\": [...]}, - "
      "for standard "
      "input; all of it is imported or nothing)";
  for (const auto& argument : all) {
    if (argument == "--") {
      break;
    }
    if (argument == "--help" || argument == "-h") {
      invocation.out << "usage: " << usage << "\n";
      return k_exit_ok;
    }
  }
  Call call{"slatectl import", usage, {}};
  auto parsed = parse_arguments(all, k_options);
  if (!parsed) {
    return usage_error(invocation, call, parsed.problems().front().message);
  }
  call.arguments = std::move(parsed).value();
  return run(invocation, call);
}

} // namespace slate::ctl
