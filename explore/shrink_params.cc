// Lowering integer scenario parameters by bisection; see shrink_params.h.
#include "explore/shrink_params.h"

#include <map>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "explore/target.h"
#include "scenarios/scenario.h"

namespace explore {

void LowerParams(const Target& best, const std::function<bool(const Target&)>& try_lower,
                 const std::function<bool()>& out_of_runs) {
  absl::StatusOr<const scenarios::Scenario*> scenario = scenarios::FindScenario(best.scenario);
  if (!scenario.ok()) return;
  for (int round = 0; round < 2 && !out_of_runs(); ++round) {
    std::map<std::string, int> floors;
    bool open = true;
    while (open && !out_of_runs()) {
      open = false;
      for (const scenarios::ParamSpec& spec : (*scenario)->params) {
        int value = 0;
        auto it = best.params.find(spec.name);
        if (it == best.params.end() || !absl::SimpleAtoi(it->second, &value)) continue;
        int& floor = floors[spec.name];
        if (value - floor <= 1 || out_of_runs()) continue;
        open = true;
        const int candidate = floor + (value - floor) / 2;
        Target lower = best;
        lower.params[spec.name] = absl::StrCat(candidate);
        if (!try_lower(lower)) floor = candidate;
      }
    }
  }
}

std::vector<ParamChange> ParamChanges(const sim::ReplayToken& token, const Target& best) {
  std::vector<ParamChange> changes;
  absl::StatusOr<Target> original = TargetFromMeta(token.meta);
  for (const auto& [name, after] : best.params) {
    const std::string before = original.ok() ? original->params[name] : "";
    if (before != after) changes.push_back({name, before, after});
  }
  return changes;
}

}  // namespace explore
