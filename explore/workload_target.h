// The parts of a Target that plain scenarios do not have: the "workload" pseudo-scenario
// (a target carrying its own workload, as a property test's generated case does) and the
// set of invariants checked. Both travel in token metadata ("workload", "checks"), so
// `poolcheck replay` reruns a generated workload judged exactly as it was. target.cc calls
// these; nothing else needs to.
#pragma once

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "explore/runner.h"
#include "explore/target.h"

namespace explore {

// The step budget of a run of a workload target.
inline constexpr uint64_t kWorkloadMaxSteps = 200'000;

// The scenario a workload target reports: no parameters, and no build function (the
// target carries its workload).
const scenarios::Scenario& WorkloadPseudoScenario();

// The built form of a workload target (scenario kWorkloadScenario).
absl::StatusOr<BuiltTarget> BuildWorkloadTarget(const Target& target);

// Writes "checks" (when not every invariant) and "workload" (when the target has one).
void AddChecksAndWorkloadMeta(const Target& target, std::map<std::string, std::string>& meta);
// Reads them back into `target`; InvalidArgument for a malformed value, or for a workload
// target whose token has no workload.
absl::Status ReadChecksAndWorkloadMeta(const std::map<std::string, std::string>& meta,
                                       Target& target);

// The error for metadata without "scenario": a ported Go test's token says which binary
// and command rerun it (model/gotest/run_report.h); anything else is not a poolcheck run.
absl::Status NoScenarioError(const std::map<std::string, std::string>& meta);

// "I1,I5" for a set of invariants, and back (InvalidArgument for an unknown id).
std::string InvariantSetText(properties::InvariantSet set);
absl::StatusOr<properties::InvariantSet> ParseInvariantSet(const std::string& text);

}  // namespace explore
