// Shrinking a failing generated case: first its workload (drop clients, ops, nested ops
// and fault rules; simplify contexts, holds, pauses and latency), keeping the failure id,
// then its schedule with the schedule shrinker (shrink.h). A workload candidate is kept
// when some run of it fails with the same id: the failing run's own seed first, then a few
// fresh seeds, so a smaller workload whose interleaving moved still counts. Deterministic:
// the same failing run and options give the same result.
#pragma once

#include <cstdint>

#include "absl/status/statusor.h"
#include "explore/runner.h"
#include "scenarios/workload.h"

namespace explore {

struct WorkloadShrinkOptions {
  uint64_t max_runs = 1500;       // workload candidate runs before stopping with the best
  uint32_t seeds_per_candidate = 8;  // runs per candidate: its seed, then fresh ones
  uint64_t schedule_runs = 400;   // the schedule shrinker's budget afterwards
};

// Every workload one edit smaller than `w` (each is valid if `w` is), in the order tried:
// fewer clients, fewer ops, fewer nested ops, fewer fault rules, then simpler fields.
std::vector<scenarios::Workload> SmallerWorkloads(const scenarios::Workload& w);

// The smallest failing run found from `failing` (a run of a workload target that failed),
// with a token that replays it. FailedPrecondition if `failing` did not fail or carries no
// workload.
absl::StatusOr<RunReport> ShrinkWorkloadRun(const RunReport& failing,
                                            const WorkloadShrinkOptions& options);

}  // namespace explore
