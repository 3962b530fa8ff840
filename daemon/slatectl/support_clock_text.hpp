#pragma once

#include <nlohmann/json.hpp>

#include <ostream>

namespace slate::ctl {

// Print the clocks (C of the API) in `clocks` as a table: kind, severity,
// target, status, due (UTC and on the calendar's clock), elapsed and
// remaining; with `ledgers`, each clock's ledger below the table.
void print_clocks(const nlohmann::json& clocks, std::ostream& out, bool ledgers);

} // namespace slate::ctl
