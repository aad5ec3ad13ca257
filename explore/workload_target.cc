// Workload targets and the checked-invariants key of token metadata; see workload_target.h.
#include "explore/workload_target.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "explore/workload_codec.h"

namespace explore {

Target WorkloadTarget(scenarios::Workload workload, properties::InvariantSet checks,
                      properties::KnownBugAllowances allow) {
  Target target;
  target.scenario = std::string(kWorkloadScenario);
  target.pool = workload.pool.version;
  target.mutation = workload.pool.mutation;
  target.allow = allow;
  target.checks = checks;
  target.workload = std::move(workload);
  return target;
}

const scenarios::Scenario& WorkloadPseudoScenario() {
  static const scenarios::Scenario* const kScenario = [] {
    auto* s = new scenarios::Scenario;
    s->name = std::string(kWorkloadScenario);
    s->summary = "a workload carried by the replay token itself (e.g. a property test's case)";
    s->max_steps = kWorkloadMaxSteps;
    return s;
  }();
  return *kScenario;
}

absl::StatusOr<BuiltTarget> BuildWorkloadTarget(const Target& target) {
  if (!target.workload) {
    return absl::InvalidArgumentError("target 'workload' carries no workload");
  }
  if (absl::Status s = scenarios::ValidateWorkload(*target.workload); !s.ok()) return s;
  BuiltTarget built{&WorkloadPseudoScenario(), target, *target.workload};
  built.workload.pool.version = target.pool;
  built.workload.pool.mutation = target.mutation;
  return built;
}

void AddChecksAndWorkloadMeta(const Target& target, std::map<std::string, std::string>& meta) {
  if (target.checks != properties::InvariantSet::All()) {
    meta["checks"] = InvariantSetText(target.checks);
  }
  if (!target.workload) return;
  // A workload too large for a token leaves the key out; its replay then says so.
  absl::StatusOr<std::string> text = EncodeWorkload(*target.workload);
  if (text.ok()) meta["workload"] = *std::move(text);
}

absl::Status ReadChecksAndWorkloadMeta(const std::map<std::string, std::string>& meta,
                                       Target& target) {
  if (auto it = meta.find("checks"); it != meta.end()) {
    absl::StatusOr<properties::InvariantSet> checks = ParseInvariantSet(it->second);
    if (!checks.ok()) return checks.status();
    target.checks = *checks;
  }
  if (target.scenario != kWorkloadScenario) return absl::OkStatus();
  auto it = meta.find("workload");
  if (it == meta.end()) {
    return absl::InvalidArgumentError(
        "replay token of a generated workload does not carry it (it was too large)");
  }
  absl::StatusOr<scenarios::Workload> workload = DecodeWorkload(it->second);
  if (!workload.ok()) return workload.status();
  target.workload = *std::move(workload);
  return absl::OkStatus();
}

absl::Status NoScenarioError(const std::map<std::string, std::string>& meta) {
  auto test = meta.find("gotest");
  auto rerun = meta.find("rerun");
  if (test == meta.end() || rerun == meta.end()) {
    return absl::InvalidArgumentError("replay token names no scenario");
  }
  return absl::InvalidArgumentError(
      absl::StrCat("replay token is a run of the ported Go test ", test->second,
                   ", which only its test binary can rerun: ", rerun->second));
}

std::string InvariantSetText(properties::InvariantSet set) {
  std::vector<std::string> names;
  for (int i = 1; i <= properties::kInvariantCount; ++i) {
    const auto id = static_cast<properties::InvariantId>(i);
    if (set.Contains(id)) names.emplace_back(properties::InvariantName(id));
  }
  return names.empty() ? "none" : absl::StrJoin(names, ",");
}

absl::StatusOr<properties::InvariantSet> ParseInvariantSet(const std::string& text) {
  properties::InvariantSet set = properties::InvariantSet::None();
  if (text == "none") return set;
  for (absl::string_view name : absl::StrSplit(text, ',')) {
    std::optional<properties::InvariantId> id = properties::ParseInvariantId(std::string_view(name.data(), name.size()));
    if (!id) return absl::InvalidArgumentError(absl::StrCat("unknown invariant '", name, "'"));
    set = set.With(*id);
  }
  return set;
}

}  // namespace explore
