// Shrinking a run that crashes its process (failure "crash", explore/crash.h). Such a run
// never ends, so its token has no choice stream to edit: only its workload can shrink.
// Each candidate (lower integer parameters, shrink_params.h) is run in a forked child
// (isolated.h) under the token's strategy, first with the token's run seed and then with
// fresh seeds, and kept if it kills the child with the same signal. The result is a
// seed-only token of the smallest crashing workload.
#pragma once

#include "absl/status/statusor.h"
#include "explore/shrink.h"
#include "sim/token.h"

namespace explore {

// `signal` is the one the token's own run dies of.
absl::StatusOr<ShrinkResult> ShrinkCrash(const sim::ReplayToken& token, int signal,
                                         const ShrinkOptions& options);

}  // namespace explore
