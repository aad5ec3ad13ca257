// RunProgram and LiveGoroutines (see sim/run.h): one Scheduler per run, on the calling
// thread. Runs on different threads are independent; a run inside a run is refused.
#include "sim/run.h"

#include <cstdio>
#include <cstdlib>
#include <utility>

#include "sim/internal/scheduler.h"

namespace sim {

using internal::Scheduler;

RunResult RunProgram(Strategy& strategy, const RunStart& run, const RunOptions& options,
                     std::function<void()> main, const RunHooks& hooks) {
  if (Scheduler::Get() != nullptr) {
    std::fprintf(stderr, "poolcheck: RunProgram called inside a simulated run\n");
    std::abort();
  }
  if (!strategy.StartRun(run)) {
    RunResult exhausted;
    exhausted.exhausted = true;
    exhausted.message = "the strategy has nothing left to explore; no run was made";
    return exhausted;
  }
  Scheduler scheduler(strategy, options, hooks);
  return scheduler.Run(std::move(main));
}

std::vector<GoroutineReport> LiveGoroutines() {
  Scheduler* s = Scheduler::Get();
  if (s == nullptr) return {};
  return s->Reports(/*live_only=*/true);
}

}  // namespace sim
