// Targets as token metadata and as workloads; see target.h.
#include "explore/target.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "properties/known_bugs.h"

namespace explore {
namespace {

constexpr absl::string_view kParamPrefix = "param.";

}  // namespace

uint64_t MetaNumber(const std::map<std::string, std::string>& meta, const std::string& key) {
  uint64_t n = 0;
  auto it = meta.find(key);
  if (it != meta.end() && absl::SimpleAtoi(it->second, &n)) return n;
  return 0;
}

absl::StatusOr<BuiltTarget> BuildTarget(const Target& target) {
  absl::StatusOr<const scenarios::Scenario*> scenario = scenarios::FindScenario(target.scenario);
  if (!scenario.ok()) return scenario.status();
  if (target.mutation != model::sql::Mutation::kNone && !model::sql::kMutationsCompiled) {
    return absl::InvalidArgumentError(
        absl::StrCat("mutation ", std::string(model::sql::MutationName(target.mutation)),
                     " needs the mutant build of the pool (poolcheck_scenarios_mutants)"));
  }
  // Parameters missing from target.params take their defaults; unknown ones are errors.
  std::vector<std::string> overrides;
  for (const auto& [key, value] : target.params) {
    overrides.push_back(absl::StrCat(key, "=", value));
  }
  absl::StatusOr<scenarios::Params> params = scenarios::ResolveParams(**scenario, overrides);
  if (!params.ok()) return params.status();
  absl::StatusOr<scenarios::Workload> workload = (*scenario)->build(target.pool, *params);
  if (!workload.ok()) return workload.status();
  workload->pool.mutation = target.mutation;
  Target resolved = target;
  resolved.params = *std::move(params);
  return BuiltTarget{*scenario, std::move(resolved), *std::move(workload)};
}

std::map<std::string, std::string> TargetMeta(const Target& target, uint64_t exploration_seed,
                                              uint64_t run_index) {
  std::map<std::string, std::string> meta;
  meta["scenario"] = target.scenario;
  meta["pool"] = std::string(model::sql::PoolVersionName(target.pool));
  for (const auto& [key, value] : target.params) {
    meta[absl::StrCat(kParamPrefix, key)] = value;
  }
  if (target.mutation != model::sql::Mutation::kNone) {
    meta["mutation"] = std::string(model::sql::MutationName(target.mutation));
  }
  if (target.allow != properties::KnownBugAllowances{}) {
    meta["allow"] = properties::KnownBugNames(target.allow);
  }
  meta["seed"] = absl::StrCat(exploration_seed);
  meta["run"] = absl::StrCat(run_index);
  return meta;
}

absl::StatusOr<Target> TargetFromMeta(const std::map<std::string, std::string>& meta) {
  auto scenario_it = meta.find("scenario");
  if (scenario_it == meta.end()) {
    return absl::InvalidArgumentError("replay token names no scenario");
  }
  Target target;
  target.scenario = scenario_it->second;
  absl::StatusOr<const scenarios::Scenario*> scenario = scenarios::FindScenario(target.scenario);
  if (!scenario.ok()) return scenario.status();
  // A version's current name or an old alias (tokens written before the rename); a token
  // without one ran the default pool.
  if (auto pool_it = meta.find("pool"); pool_it != meta.end()) {
    absl::StatusOr<model::sql::PoolVersion> pool = model::sql::ParsePoolVersion(pool_it->second);
    if (!pool.ok()) return pool.status();
    target.pool = *pool;
  }
  if (auto it = meta.find("mutation"); it != meta.end()) {
    std::optional<model::sql::Mutation> m = model::sql::ParseMutation(it->second);
    if (!m) return absl::InvalidArgumentError(absl::StrCat("unknown mutation '", it->second, "'"));
    target.mutation = *m;
  }
  if (auto it = meta.find("allow"); it != meta.end()) {
    absl::StatusOr<properties::KnownBugAllowances> allow = properties::ParseKnownBugs(it->second);
    if (!allow.ok()) return allow.status();
    target.allow = *allow;
  }
  std::vector<std::string> overrides;
  for (const auto& [key, value] : meta) {
    absl::string_view name = key;
    if (absl::ConsumePrefix(&name, kParamPrefix)) {
      overrides.push_back(absl::StrCat(name, "=", value));
    }
  }
  absl::StatusOr<scenarios::Params> params = scenarios::ResolveParams(**scenario, overrides);
  if (!params.ok()) return params.status();
  target.params = *std::move(params);
  return target;
}

properties::MonitorOptions MonitorOptionsFor(const Target& target) {
  properties::MonitorOptions options;
  options.allow = target.allow;
  return options;
}

void StampReport(RunReport& report, const Target& target, uint64_t exploration_seed,
                 uint64_t run_index) {
  report.target = target;
  report.exploration_seed = exploration_seed;
  report.run_index = run_index;
  report.token.meta = TargetMeta(target, exploration_seed, run_index);
}

}  // namespace explore
