// Bounded verification (see verify.h): one DPOR (or DFS) strategy walks its tree run by
// run through the exploration plan, until the tree ends, a run fails, or the budget runs
// out.
#include "explore/verify.h"

#include <chrono>
#include <memory>

#include "absl/strings/str_cat.h"
#include "explore/explore_plan.h"
#include "sim/strategies/dfs.h"
#include "sim/strategies/dpor.h"

namespace explore {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();  // nondeterminism-ok
}

std::unique_ptr<sim::Strategy> MakeTreeStrategy(const VerifyOptions& options) {
  if (options.without_reduction) {
    return std::make_unique<sim::DfsStrategy>(options.preemption_bound, options.advance_bound);
  }
  return std::make_unique<sim::DporStrategy>(options.preemption_bound, options.advance_bound);
}

VerifyProgress ProgressOf(const sim::Strategy& strategy, uint64_t executions) {
  VerifyProgress p;
  p.executions = executions;
  if (const auto* dpor = dynamic_cast<const sim::DporStrategy*>(&strategy)) {
    p.depth = dpor->depth();
    p.estimated_remaining = std::max(0.0, dpor->EstimatedTotal() - static_cast<double>(executions));
  }
  return p;
}

}  // namespace

absl::StatusOr<VerifyResult> Verify(const Target& target, const VerifyOptions& options) {
  const Clock::time_point start = Clock::now();  // nondeterminism-ok: budget and timing
  std::unique_ptr<sim::Strategy> strategy = MakeTreeStrategy(options);
  ExploreOptions explore_options;
  explore_options.strategy = strategy->Describe();
  explore_options.seed = 0;
  explore_options.time_budget_s = options.time_budget_s;
  absl::StatusOr<ExplorePlan> plan = ExplorePlan::Make(target, explore_options);
  if (!plan.ok()) return plan.status();

  VerifyResult result;
  result.strategy = strategy->Describe();
  Clock::time_point last_progress = start;
  for (uint64_t k = 0;; ++k) {
    if (k >= options.max_executions || plan->PastDeadline()) break;  // budget exhausted
    RunReport report = plan->RunWith(*strategy, k);
    if (report.result.exhausted) {
      result.verdict = VerifyVerdict::kVerified;
      break;
    }
    result.executions = k + 1;
    if (report.result.failed()) {
      result.verdict = VerifyVerdict::kCounterexample;
      result.counterexample = std::move(report);
      break;
    }
    if (options.progress && SecondsSince(last_progress) >= 0.5) {
      last_progress = Clock::now();  // nondeterminism-ok: progress display only
      options.progress(ProgressOf(*strategy, result.executions));
    }
  }
  const VerifyProgress last = ProgressOf(*strategy, result.executions);
  result.estimated_remaining = result.verdict == VerifyVerdict::kBudgetExhausted
                                   ? last.estimated_remaining : 0;
  if (const auto* dpor = dynamic_cast<const sim::DporStrategy*>(strategy.get())) {
    result.sleep_blocked = dpor->stats().sleep_blocked;
  }
  result.seconds = SecondsSince(start);
  return result;
}

}  // namespace explore
