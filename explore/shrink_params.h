// Lowering a failing target's integer scenario parameters by bisection: the part of
// shrinking that both schedule shrinking (shrink.cc) and crash shrinking
// (shrink_crash.cc) share. The caller says how to try a candidate.
#pragma once

#include <functional>
#include <vector>

#include "explore/runner.h"
#include "explore/shrink.h"
#include "sim/token.h"

namespace explore {

// Bisection per integer parameter, round-robin over the parameters: between the lowest
// value known to fail (the current one) and the highest known not to (a floor, at first
// 0, never tried: for many parameters 0 means "unlimited" or "off", which is not smaller).
// A second round restarts the floors, since lowering one parameter can let another go
// lower. `best` is the caller's current best target; `try_lower` runs a candidate and, if
// it fails the same way, makes it the caller's best (so `best` changes) and returns true.
void LowerParams(const Target& best, const std::function<bool(const Target&)>& try_lower,
                 const std::function<bool()>& out_of_runs);

// The parameters whose value in `best` differs from the token's.
std::vector<ParamChange> ParamChanges(const sim::ReplayToken& token, const Target& best);

}  // namespace explore
