// Shorthands for the runtime's tests: run a program under one of the test strategies.
#pragma once

#include <cstdint>
#include <functional>
#include <utility>

#include "sim/run.h"
#include "sim/testing/test_strategies.h"

namespace sim::testing {

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
