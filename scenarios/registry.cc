// The scenario registry: the table of named scenarios, lookup by name, and parameter
// resolution (defaults plus "key=value" overrides).
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "scenarios/catalog.h"
#include "scenarios/scenario.h"

namespace scenarios {
namespace {

std::string ParamNames(const Scenario& scenario) {
  std::vector<std::string> names;
  for (const ParamSpec& p : scenario.params) names.push_back(p.name);
  return names.empty() ? "none" : absl::StrJoin(names, ", ");
}

const ParamSpec* FindParam(const Scenario& scenario, std::string_view name) {
  for (const ParamSpec& p : scenario.params) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

}  // namespace

const std::vector<Scenario>& AllScenarios() {
  static const std::vector<Scenario> kScenarios = {
      Issue31480Scenario(),       LifetimeExpiryScenario(), WaitersOpenFailScenario(),
      TxCancelScenario(),         CloseWithWaitersScenario(), LowerMaxOpenScenario(),
      BadConnOnReuseScenario(),
  };
  return kScenarios;
}

absl::StatusOr<const Scenario*> FindScenario(const std::string& name) {
  for (const Scenario& s : AllScenarios()) {
    if (s.name == name) return &s;
  }
  return absl::NotFoundError(absl::StrCat("unknown scenario '", name, "' (try: poolcheck list)"));
}

absl::StatusOr<Params> ResolveParams(const Scenario& scenario,
                                     const std::vector<std::string>& overrides) {
  Params params;
  for (const ParamSpec& p : scenario.params) params[p.name] = p.default_value;
  for (const std::string& pair : overrides) {
    const size_t eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("malformed parameter '", pair, "' for scenario ", scenario.name,
                       ": want key=value (parameters: ", ParamNames(scenario), ")"));
    }
    const std::string key = pair.substr(0, eq);
    if (FindParam(scenario, key) == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown parameter '", key, "' for scenario ", scenario.name,
                       " (parameters: ", ParamNames(scenario), ")"));
    }
    params[key] = pair.substr(eq + 1);
  }
  // A value that does not parse is reported now, naming the parameter, not at run time.
  absl::StatusOr<Workload> check = scenario.build(model::sql::kDefaultPoolVersion, params);
  if (!check.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("scenario ", scenario.name, ": ", check.status().message()));
  }
  return params;
}

}  // namespace scenarios
