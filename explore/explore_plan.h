// What one exploration runs, shared by the sequential explorer (explore.cc) and the
// worker processes (explore_workers.cc): the built target, which run indices belong to
// this shard, how to build the strategy of run i, the wall-time budget, and the records
// runs report back. Results depend only on (target, strategy spec, seed, run index), never
// on which process ran a run or in what order.
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
struct RunRecord {
  uint64_t index = 0;
  uint64_t fingerprint = 0;
  uint64_t failed = 0;       // 0 or 1
  uint64_t failure_key = 0;  // FailureKey of a failed run, else 0
  uint64_t known_bug = 0;    // 1: passed, a deadlock attributed to an allowed known bug
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
  // The strategy of run `run_index`: a fresh object, independent of every other run.
  std::unique_ptr<sim::Strategy> StrategyForRun(uint64_t run_index) const;
  // Runs run `run_index` with a fresh strategy and stamps the report with the target.
  RunReport Run(uint64_t run_index) const;
  // Runs with a caller-owned strategy (DFS reuses one across runs).
  RunReport RunWith(sim::Strategy& strategy, uint64_t run_index) const;
  // True once the wall-time budget (if any) is spent or options.stop is set.
  bool PastDeadline() const;
  // True once options.stop is set (a signal asked the exploration to stop).
  bool StopRequested() const;

 private:
  ExplorePlan() = default;

  ExploreOptions options_;
  BuiltTarget built_;
  uint64_t shard_runs_ = 0;
  uint32_t portfolio_turns_ = 0;  // > 0: the spec is a portfolio of this many members
  std::optional<std::chrono::steady_clock::time_point> deadline_;
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
  std::optional<uint64_t> first_known_bug_run_;
  DistinctSketch fingerprints_;  // bounded: memory stays flat on unbounded runs
  std::map<uint64_t, FailureGroup> groups_;  // by FailureKey
  std::chrono::steady_clock::time_point last_progress_;
};

// Runs the shard in `options.jobs` forked worker processes; returns every run's record
// (unordered). Without keep_going, runs above the lowest failure found may be missing or
// present; every run below it is present.
absl::StatusOr<std::vector<RunRecord>> RunWorkers(const ExplorePlan& plan, ExploreTally& tally);

}  // namespace explore
