// Targets as token metadata and as workloads; see target.h.
#include "explore/target.h"

#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "explore/build_identity.h"
#include "explore/workload_target.h"
#include "properties/known_bugs.h"

namespace explore {
namespace {

constexpr absl::string_view kParamPrefix = "param.";

// Every metadata key TargetMeta writes, besides "param.<name>", "seed" and "run".
const absl::flat_hash_set<std::string> kKnownMetaKeys = {"scenario", "pool",     "mutation",
                                                         "allow",    "build",    "checks",
                                                         "workload"};

}  // namespace

uint64_t MetaNumber(const std::map<std::string, std::string>& meta, const std::string& key) {
  uint64_t n = 0;
  auto it = meta.find(key);
  if (it != meta.end() && absl::SimpleAtoi(it->second, &n)) return n;
  return 0;
}

absl::StatusOr<BuiltTarget> BuildTarget(const Target& target) {
  if (target.mutation != model::sql::Mutation::kNone && !model::sql::kMutationsCompiled) {
    return absl::InvalidArgumentError(
        absl::StrCat("mutation ", std::string(model::sql::MutationName(target.mutation)),
                     " needs the mutant build of the pool; this binary links the shipped "
                     "pool: run it with poolcheck-mutants (build/cli/poolcheck-mutants)"));
  }
  if (target.scenario == kWorkloadScenario) return BuildWorkloadTarget(target);
  absl::StatusOr<const scenarios::Scenario*> scenario = scenarios::FindScenario(target.scenario);
  if (!scenario.ok()) return scenario.status();
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
  AddChecksAndWorkloadMeta(target, meta);
  meta["seed"] = absl::StrCat(exploration_seed);
  meta["run"] = absl::StrCat(run_index);
  meta["build"] = SourceId();
  return meta;
}

static absl::Status CheckMetaKeys(const std::map<std::string, std::string>& meta) {
  for (const auto& [key, value] : meta) {
    if (absl::StartsWith(key, kParamPrefix)) continue;
    if (key == "seed" || key == "run") {
      uint64_t n = 0;
      if (!absl::SimpleAtoi(value, &n) || value.empty() ||
          value.find_first_not_of("0123456789") != std::string::npos) {
        return absl::InvalidArgumentError(
            absl::StrCat("replay token: metadata ", key, "='", value, "' is not a run number"));
      }
      continue;
    }
    if (!kKnownMetaKeys.contains(key)) {
      return absl::InvalidArgumentError(
          absl::StrCat("replay token: unknown metadata key '", key, "'"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Target> TargetFromMeta(const std::map<std::string, std::string>& meta) {
  auto scenario_it = meta.find("scenario");
  if (scenario_it == meta.end()) return NoScenarioError(meta);
  if (absl::Status s = CheckMetaKeys(meta); !s.ok()) return s;
  Target target;
  target.scenario = scenario_it->second;
  const bool is_workload = target.scenario == kWorkloadScenario;
  absl::StatusOr<const scenarios::Scenario*> scenario =
      is_workload ? &WorkloadPseudoScenario() : scenarios::FindScenario(target.scenario);
  // (The pseudo-scenario has no build function for ResolveParams to call.)
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
  if (absl::Status s = ReadChecksAndWorkloadMeta(meta, target); !s.ok()) return s;
  if (is_workload) return target;  // a carried workload has no parameters
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
  options.enabled = target.checks;
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
