// The default sweep: the one list of strategies every multi-run check in poolcheck uses
// (invariant demonstrations, ported Go tests, the portfolio strategy's members), and the
// loop that runs a program under each of them for a number of seeds. Seeds derive from
// (exploration seed, run index) with RunSeed, so a sweep's run k is the same run whatever
// ran before it. One strategy object serves all runs of its spec, so an adaptive strategy
// (PCT's run length) learns across them as it does in an exploration.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "sim/strategy.h"

namespace sim {

// pct:depth=3, random, pct:depth=2: PCT d=3 first, the single most effective strategy in
// the SCTBench study (Thomson et al. 2016). The portfolio strategy takes turns among these.
std::span<const std::string_view> DefaultSweepStrategies();

// DefaultSweepStrategies() as strings, for option structs that hold a list.
std::vector<std::string> DefaultSweepSpecs();

// What a sweep runs: `runs_per_strategy` runs under each spec, with seeds
// RunSeed(exploration_seed, i) for i in [0, runs_per_strategy).
struct SweepPlan {
  std::vector<std::string> strategies = DefaultSweepSpecs();
  uint64_t runs_per_strategy = 25;
  uint64_t exploration_seed = 1;
};

// One run of a sweep, as the callback sees it.
struct SweepRun {
  const std::string& spec;  // as given in the plan
  Strategy& strategy;       // the spec's strategy, shared by its runs
  uint64_t run_index = 0;
  uint64_t run_seed = 0;
};

// What the callback wants next.
enum class SweepNext : uint8_t {
  kContinue,      // the next run
  kNextStrategy,  // skip the rest of this spec's runs
  kStop,          // end the sweep
};

// Calls `run` for every (spec, run index) of `plan`, spec by spec. A spec MakeStrategy
// rejects is an error returned before anything runs.
absl::Status RunSweep(const SweepPlan& plan, const std::function<SweepNext(const SweepRun&)>& run);

}  // namespace sim
