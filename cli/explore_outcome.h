// What one `poolcheck explore` asked for and found, as plain data: the input of the --json
// summary and the --junit XML writers (kept apart from the command so both are testable
// from a hand-built value).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "cli/values.h"
#include "explore/runner.h"

namespace cli {

struct ExploreOutcome {
  std::string scenario;
  std::string pool;        // the version's name, e.g. "sync-reset"
  std::string strategy;    // the spec as given
  std::map<std::string, std::string> params;  // resolved
  std::string allowed_known_bugs;  // comma-separated names; "" for a strict exploration
  uint64_t seed = 0;
  uint64_t runs_requested = 0;  // 0: bounded by time only
  double time_budget_s = 0;
  Shard shard;
  uint32_t jobs = 1;
  explore::ExploreSummary summary;
  uint64_t elapsed_ms = 0;      // wall time (not part of any comparison between runs)
  // When a run failed: its report (as printed) and token.
  std::string failure_report;
  std::string failure_token;
};

// The --json document (one object, ending in a newline).
std::string FormatSummaryJson(const ExploreOutcome& outcome);

// The --junit document: one testsuite with one testcase for this exploration, with a
// <failure> holding the report when a run failed.
std::string FormatJUnitXml(const ExploreOutcome& outcome);

// "issue31480 pool=async-reset strategy=pct seed=1 runs=100 shard=0/1": the testcase name.
std::string ExplorationTitle(const ExploreOutcome& outcome);

}  // namespace cli
