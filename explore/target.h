// A Target (scenario, parameters, pool version, mutation) as data that travels: building
// its workload, writing it into a replay token's metadata and reading it back. The runner,
// the explorer and replay share these so a token always names exactly what ran.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "explore/runner.h"

namespace explore {

// The scenario and the workload a target runs. InvalidArgument if the mutation is not
// compiled into this build, NotFound for an unknown scenario.
struct BuiltTarget {
  const scenarios::Scenario* scenario = nullptr;
  Target target;  // the input with every parameter present (defaults filled in)
  scenarios::Workload workload;
};
absl::StatusOr<BuiltTarget> BuildTarget(const Target& target);

// Token metadata: scenario, pool, param.<k> for every parameter, mutation (if any), and the
// exploration seed and run index ("seed", "run").
std::map<std::string, std::string> TargetMeta(const Target& target, uint64_t exploration_seed,
                                              uint64_t run_index);

// Reads a target back from token metadata; parameters pass through
// scenarios::ResolveParams, so a token naming an unknown parameter is an error. The pool
// may be named by an old alias (model/sql/pool_version.h): old tokens keep replaying.
absl::StatusOr<Target> TargetFromMeta(const std::map<std::string, std::string>& meta);

// A number stored in token metadata ("seed", "run"); 0 if absent or not a number.
uint64_t MetaNumber(const std::map<std::string, std::string>& meta, const std::string& key);

// Fills the report's target, seed, run index and token metadata.
void StampReport(RunReport& report, const Target& target, uint64_t exploration_seed,
                 uint64_t run_index);

// The checkers a run of `target` gets: all of them, looking past target.allow.
properties::MonitorOptions MonitorOptionsFor(const Target& target);

// Choice streams up to this long go into tokens; longer runs keep steps+fingerprint only.
inline constexpr size_t kMaxTokenChoices = 20'000;

}  // namespace explore
