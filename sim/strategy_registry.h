// Building strategies from their text specs ("pct:depth=3", "dfs:preemptions=2"), the
// table of known strategies the CLI lists, and the per-run seed derivation that makes runs
// independent of each other (and so shardable across processes and machines).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "sim/strategies/params.h"
#include "sim/strategy.h"
#include "sim/token.h"

namespace sim {

using StrategyFactory = absl::StatusOr<std::unique_ptr<Strategy>> (*)(ParamReader& params);

// One row of the registry: a strategy's name, what it does, its parameters, its factory.
struct StrategyInfo {
  std::string_view name;
  std::string_view summary;
  std::string_view params_doc;
  StrategyFactory make;
};

// Every strategy MakeStrategy knows, in the order the CLI lists them.
std::span<const StrategyInfo> ListStrategies();

// Builds a strategy from "name" or "name:key=value,...". Unknown names and parameters,
// and values out of range, are InvalidArgument with a one-line message. "replay" is not
// built from a spec: use MakeReplayStrategy.
absl::StatusOr<std::unique_ptr<Strategy>> MakeStrategy(const std::string& spec);

// Whether runs of the strategy `spec` play time as an adversary (Strategy::TimeAdversary);
// false for a spec MakeStrategy refuses. A replay of recorded choices needs to know.
bool SpecPlaysTime(const std::string& spec);

// The strategy that reruns a token's run: with recorded choices, a ReplayStrategy fed
// those choices (it reports divergence itself); without, the token's strategy spec, to be
// started with token.run_seed, after which the caller must compare the run's steps and
// fingerprint with the token's to detect divergence.
absl::StatusOr<std::unique_ptr<Strategy>> MakeReplayStrategy(const ReplayToken& token);

// After a replay run that did not itself fail with kDivergence: nullopt if the run
// reproduced the token (same step count and fingerprint), else a one-line divergence
// message. This catches what a replay strategy cannot see, e.g. a run that ends before
// using all recorded choices, or a seed-only token whose program has changed.
std::optional<std::string> ReplayMismatch(const ReplayToken& token, const RunResult& rerun);

// The seed of run `run_index` of an exploration: a splitmix64 mix of both, so each run's
// seed depends only on (exploration_seed, run_index), not on the runs before it.
uint64_t RunSeed(uint64_t exploration_seed, uint64_t run_index);

}  // namespace sim
