// A sweep of one target: the default sweep (sim/sweep.h: every default strategy, a number
// of seeds each) run through the one run path (RunTarget), counting failures by id and
// keeping the first failing run's report, whose token `poolcheck replay` reruns. The
// invariant demonstrations use it to show a checker firing on a broken pool and staying
// quiet on the real one.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "explore/runner.h"
#include "sim/sweep.h"

namespace explore {

struct SweepSummary {
  uint64_t runs = 0;
  std::map<std::string, uint64_t> failures;  // failure id -> runs that failed with it
  std::optional<RunReport> first_failure;    // in sweep order (strategy, then run index)

  uint64_t count(const std::string& id) const;
  uint64_t failed_runs() const;
  // "75 runs: I3 x12, deadlock x1", then the first failure: what broke, its workload, its
  // token and the command that replays it.
  std::string Summary() const;
};

// Runs `target` for every run of `plan`. Errors: a bad strategy spec, BuildTarget's.
absl::StatusOr<SweepSummary> SweepTarget(const Target& target, const sim::SweepPlan& plan);

// The lines every failure report ends with: the token, and the command that replays it.
std::string ReproductionLines(const RunReport& report);

}  // namespace explore
