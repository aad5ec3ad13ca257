// Bounded verification of one target: DPOR (sim/strategies/dpor.h) walks the reduced
// choice tree to its end, so when no run fails every interleaving up to the preemption
// bound has been covered (under DPOR's soundness assumption). The CLI's `poolcheck verify`
// and the benchmarks use this.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>

#include "absl/status/statusor.h"
#include "explore/runner.h"

namespace explore {

// How a verification ended.
enum class VerifyVerdict : uint8_t {
  kVerified,         // the tree was exhausted and no run failed
  kCounterexample,   // a run failed: VerifyResult::counterexample
  kBudgetExhausted,  // --runs or --time ran out first
};

struct VerifyProgress {
  uint64_t executions = 0;
  uint64_t depth = 0;               // decisions in the latest run
  double estimated_remaining = 0;   // Knuth's estimator: executions still to run
};

struct VerifyOptions {
  static constexpr uint64_t kUnbounded = std::numeric_limits<uint64_t>::max();
  uint64_t preemption_bound = kUnbounded;
  // Time as an adversary: clock advances explored as branch points, at most this many per
  // run (0: the clock moves only when every goroutine is blocked).
  uint64_t advance_bound = 0;
  uint64_t max_executions = kUnbounded;
  double time_budget_s = 0;  // > 0: stop starting runs after this much wall time
  // Plain DFS instead of DPOR (no reduction): for comparisons.
  bool without_reduction = false;
  // Called about every 0.5 s of wall time.
  std::function<void(const VerifyProgress&)> progress;
};

struct VerifyResult {
  VerifyVerdict verdict = VerifyVerdict::kBudgetExhausted;
  uint64_t executions = 0;       // complete runs made
  uint64_t sleep_blocked = 0;    // of which redundant (DPOR found every process asleep)
  double estimated_remaining = 0;
  double seconds = 0;
  std::string strategy;          // e.g. "dpor:preemptions=2"
  std::optional<RunReport> counterexample;
};

absl::StatusOr<VerifyResult> Verify(const Target& target, const VerifyOptions& options);

}  // namespace explore
