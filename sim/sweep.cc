// The default sweep list and loop; see sweep.h.
#include "sim/sweep.h"

#include <array>
#include <memory>

#include "sim/strategy_registry.h"

namespace sim {
namespace {

constexpr std::array<std::string_view, 3> kDefaultSweep = {"pct:depth=3", "random",
                                                          "pct:depth=2"};

}  // namespace

std::span<const std::string_view> DefaultSweepStrategies() { return kDefaultSweep; }

std::vector<std::string> DefaultSweepSpecs() {
  return std::vector<std::string>(kDefaultSweep.begin(), kDefaultSweep.end());
}

absl::Status RunSweep(const SweepPlan& plan,
                      const std::function<SweepNext(const SweepRun&)>& run) {
  std::vector<std::unique_ptr<Strategy>> strategies;
  for (const std::string& spec : plan.strategies) {
    absl::StatusOr<std::unique_ptr<Strategy>> made = MakeStrategy(spec);
    if (!made.ok()) return made.status();
    strategies.push_back(*std::move(made));
  }
  for (size_t s = 0; s < strategies.size(); ++s) {
    for (uint64_t i = 0; i < plan.runs_per_strategy; ++i) {
      const SweepRun one{plan.strategies[s], *strategies[s], i,
                         RunSeed(plan.exploration_seed, i)};
      const SweepNext next = run(one);
      if (next == SweepNext::kStop) return absl::OkStatus();
      if (next == SweepNext::kNextStrategy) break;
    }
  }
  return absl::OkStatus();
}

}  // namespace sim
