// Shorthands for the runtime's tests: run a program under one of the test strategies.
#pragma once

#include <cstdint>
#include <functional>
#include <utility>

#include "sim/run.h"
#include "sim/timer.h"
#include "sim/testing/test_strategies.h"

namespace sim::testing {

// Lets every other goroutine run until it blocks or returns: time cannot pass (and so this
// sleep cannot end) while any goroutine is runnable.
inline void LetOthersRunUntilBlocked() { Sleep(Duration::Nanoseconds(1)); }

inline RunResult RunCooperative(std::function<void()> main, RunOptions options = {},
                                const RunHooks& hooks = {}) {
  CooperativeStrategy strategy;
  return RunProgram(strategy, 0, options, std::move(main), hooks);
}

inline RunResult RunRandom(uint64_t seed, std::function<void()> main, RunOptions options = {},
                           const RunHooks& hooks = {}) {
  SeededRandomStrategy strategy;
  return RunProgram(strategy, seed, options, std::move(main), hooks);
}

}  // namespace sim::testing
