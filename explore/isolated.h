// Running work in a forked child to see whether it kills its process: a run of a pool bug
// that writes through a null or freed pointer takes down whoever makes it. Replay, trace
// and shrink ask here first, so such a run is a failure "crash" (explore/crash.h) of that
// run instead of a dead harness. (Explorations isolate whole workers instead:
// explore_workers.cc.)
#pragma once

#include <functional>

#include "absl/status/statusor.h"

namespace explore {

// Runs `body` in a forked child and waits for it: the signal that killed the child, or 0
// if it returned (whatever it did; its output and effects stay in the child). An error
// only if the child could not be started.
absl::StatusOr<int> DeathSignal(const std::function<void()>& body);

}  // namespace explore
