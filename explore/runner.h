// Running scenarios: one run of a workload under a strategy with every invariant checked;
// an exploration of many runs (sharded, parallel, budgeted) that reports the lowest-numbered
// failing run; and replay of a token. The CLI and the tests use only this API.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "explore/coverage.h"
#include "explore/distinct_sketch.h"
#include "properties/client_log.h"
#include "properties/monitor.h"
#include "scenarios/scenario.h"
#include "sim/run.h"
#include "sim/token.h"

namespace explore {

// The scenario name of a target that carries its own workload (WorkloadTarget).
inline constexpr std::string_view kWorkloadScenario = "workload";

// What to run: a scenario with resolved parameters on one pool version, or (scenario
// "workload") a workload given as data, e.g. one a property test generated.
struct Target {
  std::string scenario;
  scenarios::Params params;
  model::sql::PoolVersion pool = model::sql::kDefaultPoolVersion;
  model::sql::Mutation mutation = model::sql::Mutation::kNone;  // mutant builds only
  // Known bugs of the pool the checkers look past (none by default: a strict run reports
  // them). Travels in tokens, so a replay judges the run the same way.
  properties::KnownBugAllowances allow;
  // The invariants checked (all by default). A demonstration of one checker narrows it;
  // it travels in tokens too, so the replay fails the same way.
  properties::InvariantSet checks = properties::InvariantSet::All();
  // Scenario "workload" only: the workload itself (its pool version and mutation are
  // `pool` and `mutation` above). It travels in tokens (explore/workload_codec.h).
  std::optional<scenarios::Workload> workload;
};

// A target running `workload` as it is, judged with `checks` looking past `allow`.
Target WorkloadTarget(scenarios::Workload workload,
                      properties::InvariantSet checks = properties::InvariantSet::All(),
                      properties::KnownBugAllowances allow = {});

// How a run that passed because of an allowed known bug ended (RunReport::known_bug_end).
enum class KnownBugEnd : uint8_t {
  kNone,      // not by a known bug
  kDeadlock,  // deadlocked in the state an allowed known bug leaves (its permanent hang)
  kPanic,     // panicked as an allowed known panic does (properties::AllowedKnownPanic)
};

// The outcome of one run, with everything a failure report needs.
struct RunReport {
  Target target;
  std::string strategy;          // Strategy::Describe()
  uint64_t exploration_seed = 0;
  uint64_t run_index = 0;
  sim::RunResult result;         // failure: a check "I1".."I11", a deadlock, the budget, ...
  std::vector<properties::ClientOp> client_ops;
  sim::ReplayToken token;        // replays exactly this run
  std::string workload_text;     // scenarios::Workload::Show()
  RunCoverage coverage;          // pool events, pairs and invariant checks it reached
  // Set when the run ended in an allowed known bug (properties/known_bugs.h): it deadlocked
  // in the state the bug leaves (its permanent hang), or panicked as the bug does. The run
  // counts as passed, attributed to that bug; result.message says what happened.
  std::string known_bug_consequence;
  KnownBugEnd known_bug_end = KnownBugEnd::kNone;
};

// The one run path of poolcheck: runs `workload` once as run `run` (a lone run is
// sim::RunStart(seed)), opening a fake driver and a DB per the workload, attaching the
// invariant checkers, running the clients, closing the DB and checking the end-of-run
// invariants. Explorations, replays, shrinking, the corpus and the property tests all run
// through it (RunTarget below adds the token's target).
RunReport RunWorkload(const scenarios::Workload& workload, sim::Strategy& strategy,
                      const sim::RunStart& run,
                      const sim::RunOptions& options);
// The same with chosen checkers (e.g. one invariant switched off to see what else a run
// does). The token does not record monitor options.
RunReport RunWorkload(const scenarios::Workload& workload, sim::Strategy& strategy,
                      const sim::RunStart& run,
                      const sim::RunOptions& options,
                      const properties::MonitorOptions& monitor_options);

// One run of `target` (BuildTarget's workload, MonitorOptionsFor's checkers) as run
// `run_index` of an exploration with `exploration_seed`: the report's token names the
// target, so `poolcheck replay` reruns it. Errors are BuildTarget's.
absl::StatusOr<RunReport> RunTarget(const Target& target, sim::Strategy& strategy,
                                    uint64_t exploration_seed, const sim::RunStart& run,
                                    bool record_trace = false);

// A run of generated cases (`poolcheck fuzz`): the target run i runs (a workload target)
// and the strategy spec it runs under, with a fresh strategy object.
struct GeneratedRun {
  Target target;
  std::string strategy;
};

struct ExploreOptions {
  std::string strategy = "pct";   // a spec for sim::MakeStrategy
  uint64_t seed = 1;
  uint64_t runs = 100;            // runs of the whole (unsharded) run space
  double time_budget_s = 0;       // > 0: stop starting runs after this much wall time
  uint32_t shard_index = 0;       // this process runs run indices i with i % shard_count
  uint32_t shard_count = 1;       //   == shard_index
  uint32_t jobs = 1;              // worker processes; results identical for any value
  bool keep_going = false;        // count every failure instead of stopping at the first
  // > 0: stop once the Good-Turing residual risk (coverage.h) over the runs so far, in
  // run-index order, falls below this.
  double until_risk = 0;
  // Run every run in forked workers, also for jobs == 1, so a run that crashes the pool
  // (a signal) is a failure "crash" of that run, not a dead process. DFS runs in-process.
  bool isolate_crashes = false;
  // Set for generated cases: run i runs generate(i) instead of the exploration's target
  // under `strategy` (which must then not learn from runs, e.g. "random"). Must be a pure
  // function of i: workers and reruns call it again.
  std::function<GeneratedRun(uint64_t run_index)> generate;
  // Called now and then with progress (runs done, failures, distinct interleavings).
  std::function<void(uint64_t runs_done, uint64_t failures, uint64_t distinct)> progress;
  // When set and nonzero (a signal handler stores its signal number), no further run
  // starts; the runs done so far make the summary, with `stopped` set.
  const std::atomic<int>* stop = nullptr;
};

// The failing runs that broke the same invariant the same way: same failure id, location
// it was raised at, and FailureShape of the message (which pool event or operation broke
// it, with the numbers that differ between runs left out), with the lowest-numbered run.
struct FailureGroup {
  uint64_t key = 0;        // FailureKey(failure_id, location, message)
  uint64_t runs = 0;       // failing runs in the group
  uint64_t first_run = 0;  // the lowest run index among them
  std::optional<RunReport> first;  // that run's report (keep_going: every group's)
};

struct ExploreSummary {
  uint64_t runs_done = 0;
  uint64_t failures = 0;
  uint64_t distinct_interleavings = 0;  // distinct fingerprints seen (see `distinct`)
  DistinctSketch distinct;               // exact up to its capacity, then an estimate
  bool exhausted = false;                // a DFS strategy covered its whole tree
  bool stopped = false;                  // ExploreOptions::stop ended it early
  // Runs that ended in an allowed known bug (passed, attributed to the bug:
  // RunReport::known_bug_consequence), and the lowest of them; known_bug_panics of them
  // panicked (KnownBugEnd::kPanic), the others deadlocked.
  uint64_t known_bug_runs = 0;
  uint64_t known_bug_panics = 0;
  std::optional<uint64_t> first_known_bug_run;
  std::optional<RunReport> first_failure;  // the lowest-numbered failing run
  std::vector<FailureGroup> groups;      // distinct failures, by first run index
  CoverageTally coverage;                  // over the runs counted in runs_done
  bool risk_reached = false;               // stopped by until_risk
};

// A failure message's first line with every run of digits replaced by '#'
// ("client # op # \"Exec NOOP\" (conn #) ..."): what broke, without which conn or client.
std::string FailureShape(const std::string& message);
// The group key of a failure: a stable hash of its id, location and message shape.
uint64_t FailureKey(const std::string& failure_id, const std::string& location,
                    const std::string& message);

absl::StatusOr<ExploreSummary> Explore(const Target& target, const ExploreOptions& options);

// Reruns the run a token describes (with a trace if record_trace). A token for an unknown
// scenario, or one whose replay diverges, is an error or a "divergence" failure.
absl::StatusOr<RunReport> Replay(const sim::ReplayToken& token, bool record_trace);

// A token written for a run that crashed the process (explore/crash.h): seed-only, with no
// step count or fingerprint to compare a rerun with. Replay reruns it from its seed and
// returns whatever that run does on this build, a crash included (then the caller's
// child dies).
bool RecordsACrash(const sim::ReplayToken& token);

}  // namespace explore
