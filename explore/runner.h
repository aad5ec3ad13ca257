// Running scenarios: one run of a workload under a strategy with every invariant checked;
// an exploration of many runs (sharded, parallel, budgeted) that reports the lowest-numbered
// failing run; and replay of a token. The CLI and the tests use only this API.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "properties/client_log.h"
#include "properties/monitor.h"
#include "scenarios/scenario.h"
#include "sim/run.h"
#include "sim/token.h"

namespace explore {

// What to run: a scenario with resolved parameters on one pool version.
struct Target {
  std::string scenario;
  scenarios::Params params;
  model::sql::PoolVersion pool = model::sql::kDefaultPoolVersion;
  model::sql::Mutation mutation = model::sql::Mutation::kNone;  // mutant builds only
  // Known bugs of the pool the checkers look past (none by default: a strict run reports
  // them). Travels in tokens, so a replay judges the run the same way.
  properties::KnownBugAllowances allow;
};

// The outcome of one run, with everything a failure report needs.
struct RunReport {
  Target target;
  std::string strategy;          // Strategy::Describe()
  uint64_t exploration_seed = 0;
  uint64_t run_index = 0;
  sim::RunResult result;         // failure_id is "I1".."I11", "deadlock", "budget", ...
  std::vector<properties::ClientOp> client_ops;
  sim::ReplayToken token;        // replays exactly this run
  std::string workload_text;     // scenarios::Workload::Show()
};

// Runs `workload` once: opens a fake driver and a DB per the workload, attaches every
// invariant checker, runs the clients, closes the DB, and checks the end-of-run invariants.
RunReport RunWorkload(const scenarios::Workload& workload, sim::Strategy& strategy, uint64_t run_seed,
                      const sim::RunOptions& options);
// The same with chosen checkers (e.g. one invariant switched off to see what else a run
// does). The token does not record monitor options.
RunReport RunWorkload(const scenarios::Workload& workload, sim::Strategy& strategy, uint64_t run_seed,
                      const sim::RunOptions& options,
                      const properties::MonitorOptions& monitor_options);

struct ExploreOptions {
  std::string strategy = "pct";   // a spec for sim::MakeStrategy
  uint64_t seed = 1;
  uint64_t runs = 100;            // runs of the whole (unsharded) run space
  double time_budget_s = 0;       // > 0: stop starting runs after this much wall time
  uint32_t shard_index = 0;       // this process runs run indices i with i % shard_count
  uint32_t shard_count = 1;       //   == shard_index
  uint32_t jobs = 1;              // worker processes; results identical for any value
  bool keep_going = false;        // count every failure instead of stopping at the first
  // Called now and then with progress (runs done, failures, distinct interleavings).
  std::function<void(uint64_t runs_done, uint64_t failures, uint64_t distinct)> progress;
};

struct ExploreSummary {
  uint64_t runs_done = 0;
  uint64_t failures = 0;
  uint64_t distinct_interleavings = 0;  // distinct fingerprints seen
  bool exhausted = false;                // a DFS strategy covered its whole tree
  std::optional<RunReport> first_failure;  // the lowest-numbered failing run
};

absl::StatusOr<ExploreSummary> Explore(const Target& target, const ExploreOptions& options);

// Reruns the run a token describes (with a trace if record_trace). A token for an unknown
// scenario, or one whose replay diverges, is an error or a "divergence" failure.
absl::StatusOr<RunReport> Replay(const sim::ReplayToken& token, bool record_trace);

}  // namespace explore
