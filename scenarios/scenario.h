// Named scenarios: a workload shape with parameters and defaults, registered in one table
// (scenarios/registry.cc) so the CLI can list them and a new scenario is one file plus one
// line there.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "scenarios/workload.h"

namespace scenarios {

struct ParamSpec {
  std::string name;
  std::string default_value;
  std::string help;
};

// Resolved parameter values, every ParamSpec present (defaults filled in).
using Params = std::map<std::string, std::string>;

struct Scenario {
  std::string name;     // "issue31480"
  std::string summary;  // one line for `poolcheck list`
  std::vector<ParamSpec> params;
  uint64_t max_steps = 2'000'000;  // the step budget of one run
  // Builds the workload for the given pool version and resolved parameters; a parameter
  // value that does not parse is an InvalidArgument naming it.
  std::function<absl::StatusOr<Workload>(model::sql::PoolVersion, const Params&)> build;
};

// Every registered scenario, in registration order.
const std::vector<Scenario>& AllScenarios();
// NotFound "unknown scenario 'x' (try: poolcheck list)" if absent.
absl::StatusOr<const Scenario*> FindScenario(const std::string& name);
// Fills defaults and applies "key=value" overrides; an unknown key or a malformed pair is
// an InvalidArgument with one line naming it and the scenario's parameters.
absl::StatusOr<Params> ResolveParams(const Scenario& scenario,
                                     const std::vector<std::string>& overrides);

}  // namespace scenarios
