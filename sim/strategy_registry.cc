// The strategy registry: one table row per strategy. A new strategy is a file pair under
// sim/strategies/ plus one row here.
#include "sim/strategy_registry.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "sim/strategies/dfs.h"
#include "sim/strategies/dpor.h"
#include "sim/strategies/pct.h"
#include "sim/strategies/portfolio.h"
#include "sim/strategies/pos.h"
#include "sim/strategies/prng.h"
#include "sim/strategies/random_walk.h"
#include "sim/strategies/replay.h"

namespace sim {
namespace {

absl::StatusOr<std::unique_ptr<Strategy>> RefuseReplaySpec(ParamReader& params) {
  return absl::InvalidArgumentError(
      "strategy 'replay' is built from a replay token, not a spec: pass the token instead");
}

constexpr StrategyInfo kStrategies[] = {
    {"portfolio", "runs take turns: pct:depth=3, random, pct:depth=2",
     PortfolioStrategy::kParamsDoc, &PortfolioStrategy::Make},
    {"pct", "probabilistic concurrency testing (Burckhardt et al. 2010)",
     PctStrategy::kParamsDoc, &PctStrategy::Make},
    {"random", "uniform random walk", RandomWalkStrategy::kParamsDoc,
     &RandomWalkStrategy::Make},
    {"pos", "partial-order sampling: racing events re-draw priorities (Yuan et al. 2018)",
     PosStrategy::kParamsDoc, &PosStrategy::Make},
    {"dfs", "exhaustive depth-first search of the choice tree", DfsStrategy::kParamsDoc,
     &DfsStrategy::Make},
    {"dpor", "dynamic partial-order reduction: source-DPOR with sleep sets (Abdulla et al. 2014)",
     DporStrategy::kParamsDoc, &DporStrategy::Make},
    {"replay", "reruns a replay token's recorded choices", "(built from a token)",
     &RefuseReplaySpec},
};

}  // namespace

std::span<const StrategyInfo> ListStrategies() { return kStrategies; }

absl::StatusOr<std::unique_ptr<Strategy>> MakeStrategy(const std::string& spec) {
  absl::StatusOr<StrategySpec> parsed = ParseStrategySpec(spec);
  if (!parsed.ok()) return parsed.status();
  for (const StrategyInfo& info : kStrategies) {
    if (info.name != parsed->name) continue;
    ParamReader params(*parsed);
    return info.make(params);
  }
  std::vector<std::string> names;
  for (const StrategyInfo& info : kStrategies) names.emplace_back(info.name);
  return absl::InvalidArgumentError(absl::StrCat("unknown strategy '", parsed->name,
                                                 "' (known: ", absl::StrJoin(names, ", "), ")"));
}

bool SpecPlaysTime(const std::string& spec) {
  absl::StatusOr<std::unique_ptr<Strategy>> strategy = MakeStrategy(spec);
  return strategy.ok() && (*strategy)->TimeAdversary();
}

absl::StatusOr<std::unique_ptr<Strategy>> MakeReplayStrategy(const ReplayToken& token) {
  if (token.has_choices) {
    return std::make_unique<ReplayStrategy>(token.choices, SpecPlaysTime(token.strategy));
  }
  return MakeStrategy(token.strategy);
}

std::optional<std::string> ReplayMismatch(const ReplayToken& token, const RunResult& rerun) {
  if (rerun.steps != token.steps) {
    return absl::StrCat("replay diverged: the run made ", rerun.steps,
                        " scheduling decisions, the recording ", token.steps);
  }
  if (rerun.fingerprint != token.fingerprint) {
    return absl::StrCat("replay diverged: same step count but fingerprint ",
                        absl::Hex(rerun.fingerprint, absl::kZeroPad16), ", the recording has ",
                        absl::Hex(token.fingerprint, absl::kZeroPad16));
  }
  return std::nullopt;
}

uint64_t RunSeed(uint64_t exploration_seed, uint64_t run_index) {
  return SplitMix64Mix(SplitMix64Mix(exploration_seed + kGoldenGamma) +
                       (run_index + 1) * kGoldenGamma);
}

}  // namespace sim
