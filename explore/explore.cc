// Exploration: many runs of one target, each with its own seed (sim::RunSeed(seed, i)) and
// a fresh strategy, so run i is the same run whichever process or shard runs it. Runs go
// in this process (jobs == 1) or in forked workers (explore_workers.cc); the summary is the
// same either way: the lowest-numbered failing run and the runs up to it (or every run
// with keep_going). DFS is the exception: one strategy walks one tree in order, in this
// process; it cannot be sharded and ignores jobs.
#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "explore/explore_plan.h"
#include "explore/runner.h"
#include "sim/strategy_registry.h"

namespace explore {
namespace {

// Tree walks (dfs, dpor) keep one strategy across runs.
bool IsDfs(const std::string& spec) {
  const std::string name = spec.substr(0, spec.find(':'));
  return name == "dfs" || name == "dpor";
}

void FillCounts(const ExploreTally& tally, ExploreSummary& summary) {
  summary.runs_done = tally.runs();
  summary.failures = tally.failures();
  summary.distinct_interleavings = tally.distinct();
}

// Runs `count` runs in order in this process; run(k) runs the k-th and returns its
// report, or nothing when there is nothing left to run (an exhausted DFS tree).
template <typename RunK>
ExploreSummary RunInOrder(const ExplorePlan& plan, uint64_t count, RunK run) {
  ExploreTally tally(plan.options());
  ExploreSummary summary;
  for (uint64_t k = 0; k < count && !plan.PastDeadline(); ++k) {
    std::optional<RunReport> report = run(k);
    if (!report) {
      summary.exhausted = true;
      break;
    }
    const bool failed = report->result.failed;
    tally.Add({report->run_index, report->result.fingerprint, failed ? 1u : 0u});
    if (failed && !summary.first_failure) summary.first_failure = std::move(report);
    tally.MaybeReportProgress();
    if (summary.first_failure && !plan.options().keep_going) break;
  }
  FillCounts(tally, summary);
  return summary;
}

// Runs the shard's runs in order in this process.
ExploreSummary ExploreInProcess(const ExplorePlan& plan) {
  return RunInOrder(plan, plan.shard_runs(), [&](uint64_t k) -> std::optional<RunReport> {
    return plan.Run(plan.RunIndexAt(k));
  });
}

// Walks the DFS tree with one strategy until it is exhausted, fails, or runs out of runs.
absl::StatusOr<ExploreSummary> ExploreDfs(const ExplorePlan& plan) {
  if (plan.options().shard_count > 1) {
    return absl::InvalidArgumentError(
        "strategy dfs walks one tree in order and cannot be sharded (use --shard 0/1)");
  }
  std::unique_ptr<sim::Strategy> strategy = *sim::MakeStrategy(plan.options().strategy);
  return RunInOrder(plan, plan.options().runs, [&](uint64_t k) -> std::optional<RunReport> {
    RunReport report = plan.RunWith(*strategy, k);
    if (!report.result.failed && report.result.failure_id == "exhausted") return std::nullopt;
    return report;
  });
}

// Runs the shard in worker processes, then keeps exactly what the in-process explorer
// would have seen: without keep_going, the runs up to the lowest failing one.
absl::StatusOr<ExploreSummary> ExploreInWorkers(const ExplorePlan& plan) {
  ExploreTally live(plan.options());
  absl::StatusOr<std::vector<RunRecord>> records = RunWorkers(plan, live);
  if (!records.ok()) return records.status();
  std::sort(records->begin(), records->end(),
            [](const RunRecord& a, const RunRecord& b) { return a.index < b.index; });
  auto first_failed = std::find_if(records->begin(), records->end(),
                                   [](const RunRecord& r) { return r.failed != 0; });
  if (first_failed != records->end() && !plan.options().keep_going) {
    records->erase(first_failed + 1, records->end());
  }
  ExploreTally tally(plan.options());
  for (const RunRecord& r : *records) tally.Add(r);
  ExploreSummary summary;
  FillCounts(tally, summary);
  if (first_failed == records->end()) return summary;

  // Rerun the failing run here for its full report; it must be the run the worker saw.
  const RunRecord failed = *first_failed;
  RunReport report = plan.Run(failed.index);
  if (report.result.fingerprint != failed.fingerprint || !report.result.failed) {
    return absl::InternalError(absl::StrFormat(
        "run %u is not deterministic: a worker saw fingerprint %016x (failed), this process "
        "%016x (%s)",
        failed.index, failed.fingerprint, report.result.fingerprint,
        report.result.failed ? "failed" : "passed"));
  }
  summary.first_failure = std::move(report);
  return summary;
}

}  // namespace

absl::StatusOr<ExploreSummary> Explore(const Target& target, const ExploreOptions& options) {
  absl::StatusOr<ExplorePlan> plan = ExplorePlan::Make(target, options);
  if (!plan.ok()) return plan.status();
  if (IsDfs(options.strategy)) return ExploreDfs(*plan);
  if (options.jobs > 1 && plan->shard_runs() > 1) return ExploreInWorkers(*plan);
  return ExploreInProcess(*plan);
}

}  // namespace explore
