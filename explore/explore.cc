// Exploration: many runs of one target, each with its own seed (sim::RunSeed(seed, i)) and
// a fresh strategy, so run i is the same run whichever process or shard runs it. Runs go
// in this process (jobs == 1) or in forked workers (explore_workers.cc); the summary is the
// same either way: the lowest-numbered failing run and the runs up to it (or every run
// with keep_going). DFS is the exception: one strategy walks one tree in order, in this
// process; it cannot be sharded and ignores jobs.
#include <algorithm>
#include <map>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "explore/explore_plan.h"
#include "explore/runner.h"
#include "sim/strategy_registry.h"

namespace explore {
namespace {

bool IsDfs(const std::string& spec) { return spec.substr(0, spec.find(':')) == "dfs"; }

// Groups beyond this many get counts but no report of their first run.
constexpr size_t kMaxGroupReports = 32;

// Runs `count` runs in order in this process; run(k) runs the k-th and returns its
// report, or nothing when there is nothing left to run (an exhausted DFS tree).
template <typename RunK>
ExploreSummary RunInOrder(const ExplorePlan& plan, uint64_t count, RunK run) {
  ExploreTally tally(plan.options());
  ExploreSummary summary;
  std::map<uint64_t, RunReport> group_firsts;
  for (uint64_t k = 0; k < count && !plan.PastDeadline(); ++k) {
    std::optional<RunReport> report = run(k);
    if (!report) {
      summary.exhausted = true;
      break;
    }
    const RunRecord record = RecordOf(*report);
    tally.Add(record);
    if (record.failed != 0 && group_firsts.size() < kMaxGroupReports) {
      group_firsts.emplace(record.failure_key, *report);
    }
    if (record.failed != 0 && !summary.first_failure) summary.first_failure = std::move(report);
    tally.MaybeReportProgress();
    if (summary.first_failure && !plan.options().keep_going) break;
  }
  tally.FillSummary(summary);
  summary.stopped = plan.StopRequested();
  for (FailureGroup& group : summary.groups) {
    auto it = group_firsts.find(group.key);
    if (it != group_firsts.end()) group.first = std::move(it->second);
  }
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

// Reruns run `record.index` here for its full report; it must be the run the worker saw.
absl::StatusOr<RunReport> Rerun(const ExplorePlan& plan, const RunRecord& record) {
  RunReport report = plan.Run(record.index);
  if (report.result.fingerprint != record.fingerprint || !report.result.failed) {
    return absl::InternalError(absl::StrFormat(
        "run %u is not deterministic: a worker saw fingerprint %016x (failed), this process "
        "%016x (%s)",
        record.index, record.fingerprint, report.result.fingerprint,
        report.result.failed ? "failed" : "passed"));
  }
  return report;
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
  tally.FillSummary(summary);
  summary.stopped = plan.StopRequested();
  for (size_t g = 0; g < summary.groups.size() && g < kMaxGroupReports; ++g) {
    FailureGroup& group = summary.groups[g];
    auto it = std::find_if(records->begin(), records->end(),
                           [&](const RunRecord& r) { return r.index == group.first_run; });
    absl::StatusOr<RunReport> report = Rerun(plan, *it);
    if (!report.ok()) return report.status();
    group.first = *std::move(report);
  }
  if (!summary.groups.empty()) summary.first_failure = summary.groups.front().first;
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
