// Exploration: many runs of one target, each with its own seed (sim::RunSeed(seed, i)),
// made by one strategy object per process (RunSequence) under the sim::Strategy lifetime
// contract, so run i is the same run whichever process or shard runs it. Runs go in this
// process or in forked workers (explore_workers.cc; always with isolate_crashes, so a run
// that crashes is a failure "crash" and a replacement worker takes up the rest); the
// summary is the same either way: the lowest-numbered failing run and the runs up to it
// (or every run with keep_going), with failures grouped by what broke. A strategy whose
// every run depends on all earlier ones (DFS) runs in this process whatever jobs says
// (ExplorePlan refuses to shard it), and may end the exploration early by being exhausted.
#include <algorithm>
#include <map>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "explore/crash.h"
#include "explore/explore_plan.h"
#include "explore/runner.h"

namespace explore {
namespace {

// Groups beyond this many get counts but no report of their first run.
constexpr size_t kMaxGroupReports = 32;

// Runs the shard's runs in order in this process, with one strategy object.
ExploreSummary ExploreInProcess(const ExplorePlan& plan) {
  ExploreTally tally(plan.options());
  ExploreSummary summary;
  std::map<uint64_t, RunReport> group_firsts;
  RunSequence sequence(plan);
  for (uint64_t k = 0; k < plan.shard_runs() && !plan.PastDeadline(); ++k) {
    std::optional<RunReport> report = sequence.Run(plan.RunIndexAt(k));
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

// Reruns run `record.index` here for its full report; it must be the run the worker saw.
absl::StatusOr<RunReport> Rerun(const ExplorePlan& plan, const RunRecord& record) {
  std::optional<RunReport> rerun = plan.Run(record.index);
  if (!rerun) return absl::InternalError("the strategy is exhausted before the failing run");
  RunReport& report = *rerun;
  if (report.result.fingerprint != record.fingerprint || !report.result.failed()) {
    return absl::InternalError(absl::StrFormat(
        "run %u is not deterministic: a worker saw fingerprint %016x (failed), this process "
        "%016x (%s)",
        record.index, record.fingerprint, report.result.fingerprint,
        report.result.failed() ? "failed" : "passed"));
  }
  return std::move(report);
}

// Runs the shard in worker processes, then keeps exactly what the in-process explorer
// would have seen: without keep_going, the runs up to the lowest failing one.
absl::StatusOr<ExploreSummary> ExploreInWorkers(ExplorePlan& plan) {
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
    absl::StatusOr<RunReport> report =
        it->crash_signal != 0 ? CrashReport(plan, *it) : Rerun(plan, *it);
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
  // A sequential strategy (DFS) runs in this process: its runs depend on every earlier
  // one, so a worker restarted after a crash could not take up its sequence.
  if (!plan->sequential() &&
      (options.isolate_crashes || (options.jobs > 1 && plan->shard_runs() > 1))) {
    return ExploreInWorkers(*plan);
  }
  return ExploreInProcess(*plan);
}

}  // namespace explore
