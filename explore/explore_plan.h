// What one exploration runs, shared by the in-process explorer (explore.cc) and the
// worker processes (explore_workers.cc): the built target, which run indices belong to
// this shard, the one strategy object each of them keeps across its runs (RunSequence),
// the wall-time budget, and the records runs report back. Results depend only on (target,
// strategy spec, seed, run index), never on which process ran a run or in what order: the
// sim::Strategy lifetime contract, which RunSequence upholds.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <map>

#include "absl/status/statusor.h"
#include "explore/runner.h"
#include "explore/target.h"
#include "sim/strategy.h"

namespace explore {

// What a run reports back to the explorer (fixed size: it crosses a pipe as bytes).
// A worker follows each record with coverage_bytes bytes of EncodeCoverage(run coverage).
struct RunRecord {
  uint64_t index = 0;
  uint64_t fingerprint = 0;
  uint64_t failed = 0;       // 0 or 1
  uint64_t failure_key = 0;  // FailureKey of a failed run, else 0
  uint64_t known_bug = 0;    // a KnownBugEnd: passed, the run ended in an allowed known bug
  uint64_t crash_signal = 0;  // > 0: the run killed its worker with this signal ("crash")
  uint64_t coverage_bytes = 0;
};

// The record of a finished run.
RunRecord RecordOf(const RunReport& report);

class ExplorePlan {
 public:
  static absl::StatusOr<ExplorePlan> Make(const Target& target, const ExploreOptions& options);

  const ExploreOptions& options() const { return options_; }
  const BuiltTarget& built() const { return built_; }
  // Runs of this shard, and the run index of the k-th of them.
  uint64_t shard_runs() const { return shard_runs_; }
  uint64_t RunIndexAt(uint64_t k) const {
    return options_.shard_index + k * options_.shard_count;
  }
  // Whether one strategy object must make every run in order (its runs depend on all
  // earlier ones, e.g. DFS): then the run space cannot be split over shards or workers.
  bool sequential() const { return sequential_; }
  // A fresh strategy object of the exploration's spec.
  std::unique_ptr<sim::Strategy> MakeStrategy() const;
  // Run `run_index` on its own: a fresh RunSequence that makes just that run (after the
  // runs its strategy learns from). nullopt if the strategy is exhausted before it.
  std::optional<RunReport> Run(uint64_t run_index) const;
  // Runs run `run_index` with `strategy` (whose earlier runs are the caller's business:
  // see RunSequence) and stamps the report with the target.
  // With options.generate, the strategy is unused: the generated run's own one runs.
  RunReport RunWith(sim::Strategy& strategy, uint64_t run_index) const;
  // True once the wall-time budget (if any) is spent or options.stop is set.
  bool PastDeadline() const;
  // True once options.stop is set (a signal asked the exploration to stop).
  bool StopRequested() const;
  // Runs the strategy learns from (a prefix 0..n-1 of the run space; explore_workers.cc
  // makes them first in a probe worker) that crashed their process: they teach nothing.
  // Every process that makes runs (or describes them) after the probe skips them, so a
  // run sees the same history in every process.
  void MarkCrashedLearningRun(uint64_t run_index) { crashed_learning_runs_.push_back(run_index); }
  bool CrashedLearningRun(uint64_t run_index) const;

 private:
  ExplorePlan() = default;
  RunReport RunGenerated(uint64_t run_index) const;

  ExploreOptions options_;
  BuiltTarget built_;
  uint64_t shard_runs_ = 0;
  bool sequential_ = false;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  std::vector<uint64_t> crashed_learning_runs_;
};

// One strategy object making one process's share of the run space, in ascending index
// order (all runs, a shard's, or a worker's k = w, w + jobs, ...). Before run k it makes
// the runs below k that the strategy learns from (Strategy::LearnsFromRuns) and this
// object has not made, and drops their reports: so run k sees exactly the history it would
// see in any other process, and is the same run.
class RunSequence {
 public:
  explicit RunSequence(const ExplorePlan& plan);
  // Makes run `run_index` (greater than every index before); nullopt once the strategy is
  // exhausted (nothing left to explore: not a failure and not a run).
  std::optional<RunReport> Run(uint64_t run_index);
  // What Strategy::Describe says for run `run_index` (greater than every index before)
  // once it has learned what it would have before that run, without making the run: the
  // strategy a crashed run's token names.
  std::string DescribeRun(uint64_t run_index);

 private:
  // Makes the runs below `run_index` this object learns from and has not made yet; false
  // if the strategy was exhausted among them.
  bool LearnBefore(uint64_t run_index);

  const ExplorePlan& plan_;
  std::unique_ptr<sim::Strategy> strategy_;
  uint64_t learned_through_ = 0;  // runs 0..this-1 are made, or not needed
  std::optional<uint64_t> last_index_;
};

// Counts what runs report and calls options.progress about every 0.5 s of wall time.
class ExploreTally {
 public:
  explicit ExploreTally(const ExploreOptions& options);
  void Add(const RunRecord& record);
  void MaybeReportProgress();

  uint64_t runs() const { return runs_; }
  uint64_t failures() const { return failures_; }
  uint64_t distinct() const { return fingerprints_.Count(); }
  // Counts, sketch and failure groups (without reports) into `summary`.
  void FillSummary(ExploreSummary& summary) const;

 private:
  const ExploreOptions& options_;
  uint64_t runs_ = 0;
  uint64_t failures_ = 0;
  uint64_t known_bug_runs_ = 0;
  uint64_t known_bug_panics_ = 0;
  std::optional<uint64_t> first_known_bug_run_;
  DistinctSketch fingerprints_;  // bounded: memory stays flat on unbounded runs
  std::map<uint64_t, FailureGroup> groups_;  // by FailureKey
  std::chrono::steady_clock::time_point last_progress_;
};

// Runs the shard in `options.jobs` forked worker processes; returns every run's record
// (unordered). A worker killed by a signal crashed on its current run: that run gets a
// CrashRecord (crash.h) and a new worker carries on with the rest. Without keep_going, runs above the lowest failure found may be missing or
// present; every run below it is present.
// Each run's coverage lands in `coverage` under its run index (none for a crashed run).
absl::StatusOr<std::vector<RunRecord>> RunWorkers(ExplorePlan& plan, ExploreTally& tally,
                                                  std::map<uint64_t, RunCoverage>& coverage);

}  // namespace explore
