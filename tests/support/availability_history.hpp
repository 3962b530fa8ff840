#pragma once

#include <string>

namespace slate::test {

// A month of history for the service "api" in the US, October 2026, with
// everything the availability rules distinguish; see
// tests/unit/test_api_availability_handler.cpp for the hand calculation
// (the unit tests and the system tests import the same history):
// total 2,678,400 s, down 24,600 s, excluded 14,400 s (7,200 scheduled
// maintenance inside its window, 7,200 force majeure), counted 10,200 s,
// availability 2,653,800 / 2,664,000 = 99.6171 %, budget 1,332 s, left
// -8,868 s; ten ledger entries.
inline const std::string k_october_history = R"({
  "maintenances": [
    {"title": "M1", "regions": ["US"], "start": "2026-10-12T05:00:00Z",
     "end": "2026-10-12T06:00:00Z", "announced_at": "2026-09-01T00:00:00Z",
     "actual_start": "2026-10-12T05:00:00Z", "actual_end": "2026-10-12T07:30:00Z"},
    {"title": "E1", "kind": "emergency", "regions": ["US"], "start": "2026-10-20T10:00:00Z",
     "end": "2026-10-20T10:20:00Z", "announced_at": "2026-10-20T10:00:00Z",
     "actual_start": "2026-10-20T10:00:00Z", "actual_end": "2026-10-20T10:20:00Z"},
    {"title": "C1", "state": "cancelled", "regions": ["US"], "start": "2026-10-26T05:00:00Z",
     "end": "2026-10-26T06:00:00Z", "announced_at": "2026-09-01T00:00:00Z"},
    {"title": "N1", "regions": ["US"], "disruptive": false, "start": "2026-10-19T05:00:00Z",
     "end": "2026-10-19T06:00:00Z", "announced_at": "2026-09-01T00:00:00Z",
     "actual_start": "2026-10-19T05:00:00Z", "actual_end": "2026-10-19T06:00:00Z"}
  ],
  "outages": [
    {"service": "api", "regions": ["US"], "start": "2026-10-03T10:00:00Z",
     "end": "2026-10-03T10:45:00Z"},
    {"service": "api", "regions": ["US"], "start": "2026-10-03T10:30:00Z",
     "end": "2026-10-03T11:00:00Z"},
    {"service": "api", "regions": ["US"], "start": "2026-10-12T06:30:00Z",
     "end": "2026-10-12T07:15:00Z"},
    {"service": "api", "regions": ["US"], "start": "2026-10-15T00:00:00Z",
     "end": "2026-10-15T02:00:00Z", "cause": "force_majeure"},
    {"service": "api", "regions": ["US"], "start": "2026-10-31T23:00:00Z",
     "end": "2026-11-01T01:00:00Z"}
  ]})";

} // namespace slate::test
