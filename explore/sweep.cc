// Sweeping one target over the default strategies and seeds; see sweep.h.
#include "explore/sweep.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "sim/token.h"

namespace explore {

uint64_t SweepSummary::count(const std::string& id) const {
  auto it = failures.find(id);
  return it == failures.end() ? 0 : it->second;
}

uint64_t SweepSummary::failed_runs() const {
  uint64_t all = 0;
  for (const auto& [id, n] : failures) all += n;
  return all;
}

std::string ReproductionLines(const RunReport& report) {
  const std::string token = sim::EncodeToken(report.token);
  return absl::StrCat("token: ", token, "\nreplay: poolcheck replay ", token, "\n");
}

std::string SweepSummary::Summary() const {
  std::string out = absl::StrCat(runs, " runs:");
  for (const auto& [id, n] : failures) absl::StrAppend(&out, " ", id, " x", n);
  if (!first_failure) return out;
  const RunReport& f = *first_failure;
  absl::StrAppend(&out, "\nfirst failure (", f.strategy, " run ", f.run_index, "): ",
                  f.result.failure.Name(), ": ", f.result.message, "\nworkload:\n", f.workload_text,
                  "\n", ReproductionLines(f));
  return out;
}

absl::StatusOr<SweepSummary> SweepTarget(const Target& target, const sim::SweepPlan& plan) {
  SweepSummary summary;
  absl::Status error;
  absl::Status swept = sim::RunSweep(plan, [&](const sim::SweepRun& run) {
    absl::StatusOr<RunReport> report =
        RunTarget(target, run.strategy, plan.exploration_seed,
                  sim::RunStart(run.run_seed, run.run_index));
    if (!report.ok()) {
      error = report.status();
      return sim::SweepNext::kStop;
    }
    ++summary.runs;
    if (report->result.failed()) {
      ++summary.failures[report->result.failure.Name()];
      if (!summary.first_failure) summary.first_failure = *std::move(report);
    }
    return sim::SweepNext::kContinue;
  });
  if (!swept.ok()) return swept;
  if (!error.ok()) return error;
  return summary;
}

}  // namespace explore
