// What one `poolcheck explore` asked for and found, as plain data: the input of the --json
// summary and the --junit XML writers (kept apart from the command so both are testable
// from a hand-built value).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

#include "cli/values.h"
#include "explore/runner.h"

namespace cli {

// One distinct failure (a FailureGroup) as printed and written.
struct FailureOutput {
  std::string failure_id;  // "I6", "deadlock", ...
  std::string location;    // where it was raised ("" if nowhere in particular)
  std::string shape;       // explore::FailureShape of its message: what broke
  uint64_t runs = 0;       // failing runs in the group
  uint64_t first_run = 0;  // the lowest of them
  std::string report;      // the first run's failure report ("" if not rerun)
  std::string token;       // the first run's token
  std::string file;        // where the token was written ("" if it was not)
};

// How an exploration ended, for the summary line, JSON and the exit code.
enum class ExploreStatus { kPassed, kFailed, kNoRuns, kInterrupted };

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
  std::vector<FailureOutput> failures;  // every distinct failure, by first run
  std::string build;                    // explore::SourceId()
  int stopped_by_signal = 0;            // SIGINT/SIGTERM stopped it early (0: it did not)
  // fuzz only: the generator's reach histogram over the runs counted, as (feature, cases
  // reaching it) rows (scenarios/workload_reach.h); empty for explore.
  std::vector<std::pair<std::string, uint64_t>> reach;
};

ExploreStatus StatusOf(const ExploreOutcome& outcome);
// "SIGINT", "SIGTERM", or "signal N".
std::string SignalName(int signal);
absl::string_view StatusName(ExploreStatus status);  // "passed", "failed", ...

// The JSON summary's schema version (cli/JSON.md documents every version).
inline constexpr int kSummarySchemaVersion = 1;

// The --json document (one object, ending in a newline).
std::string FormatSummaryJson(const ExploreOutcome& outcome);

// The --junit document: one testsuite with one testcase for this exploration, with a
// <failure> holding the report when a run failed.
std::string FormatJUnitXml(const ExploreOutcome& outcome);

// "issue31480 pool=async-reset strategy=pct seed=1 runs=100 shard=0/1": the summary line's
// description of the exploration.
std::string ExplorationTitle(const ExploreOutcome& outcome);

// The JUnit testcase name: stable across CI runs of the same check (scenario, pool,
// strategy, known-bug allowances; never the seed, run count, time budget or shard, which
// go into <properties>).
std::string JUnitTestName(const ExploreOutcome& outcome);

}  // namespace cli
