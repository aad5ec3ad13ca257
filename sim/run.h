// Running one simulated program under a strategy: the harness's entry point into sim/.
// A run starts `main` as goroutine 0 and schedules until main has returned and nothing
// else can run without time passing, or until a failure: a deadlock, the step budget, a
// Go panic, a check that called sim::Fail, or a replay that diverged.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "sim/outcome.h"
#include "sim/strategy.h"
#include "sim/time.h"
#include "sim/trace.h"

namespace sim {

struct RunOptions {
  uint64_t max_steps = 2'000'000;  // scheduling decisions before FailureKind::kBudget
  bool record_trace = false;       // keep a full event trace (replay and trace commands)
};

// One recorded decision of the choice stream.
struct Choice {
  ChoiceKind kind = ChoiceKind::kSchedule;
  uint32_t value = 0;  // kSchedule: candidate id (timer ids offset by kTimerChoiceBase);
                       // otherwise: the number picked
  bool operator==(const Choice&) const = default;
};
inline constexpr uint32_t kTimerChoiceBase = 1u << 31;

// A goroutine's state when the run ended: what it was blocked on, and where.
struct GoroutineReport {
  uint32_t id = 0;
  std::string name;
  GoroutineState state = GoroutineState::kRunnable;
  std::string blocked_on;  // e.g. "chan receive", "sync.Mutex.Lock"
  std::string location;    // file:line of the blocking call
};

struct RunResult {
  FailureId failure;        // kind kNone: the run passed
  bool exhausted = false;   // the strategy had nothing left: no run was made (not a failure)
  std::string message;      // plain words
  std::string location;     // file:line where the failure was raised, if any
  uint64_t steps = 0;       // scheduling decisions made
  Instant end_time;
  uint64_t fingerprint = 0; // hash of the choice stream, step count and end time
  std::vector<Choice> choices;
  std::vector<GoroutineReport> goroutines;
  Trace trace;              // empty unless RunOptions::record_trace

  bool failed() const { return failure.kind != FailureKind::kNone; }
};

// Checks run by the scheduler on its own stack. They read state and may call sim::Fail;
// they must not call sim primitives (Lock, Send, Atomic::Load...; use Atomic::Peek and
// Chan::Len): doing so fails the run with FailureKind::kHarness.
struct RunHooks {
  std::function<void()> after_step;  // after every scheduling decision's step completes
  std::function<void()> at_end;      // once, when the run ends without another failure
};

// Calls strategy.StartRun(run) first; if that returns false, nothing runs and the
// result has exhausted == true and is not a failure. Runs on different threads are
// independent; RunProgram must not be called from inside a run.
//
// Teardown: before RunProgram returns, every goroutine that has not returned is unwound
// from where it waits by a private exception, so its destructors run. Primitives called
// during the unwinding do nothing. Simulated code must therefore not swallow exceptions
// it does not know (a catch (...) must rethrow). A goroutine paused inside a destructor
// (which C++ forbids to throw) runs on to its next blocking point when the pause was at a
// release operation (Unlock, RUnlock, Done, Close, cancel, Timer.Stop), and is abandoned
// without unwinding its outer frames only if it was blocked inside the destructor.
RunResult RunProgram(Strategy& strategy, const RunStart& run, const RunOptions& options,
                     std::function<void()> main, const RunHooks& hooks = {});
// A lone run: RunStart(run_seed), run index 0 (tests and one-off runs).
inline RunResult RunProgram(Strategy& strategy, uint64_t run_seed, const RunOptions& options,
                            std::function<void()> main, const RunHooks& hooks = {}) {
  return RunProgram(strategy, RunStart(run_seed), options, std::move(main), hooks);
}

// Goroutines of the current run that have not returned (for leak checks in at_end).
std::vector<GoroutineReport> LiveGoroutines();

}  // namespace sim
