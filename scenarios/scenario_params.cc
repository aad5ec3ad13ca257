// Typed reading of scenario parameters; see scenario_params.h.
#include "scenarios/scenario_params.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace scenarios {

int ParamValues::Int(const std::string& name, int min, int max) {
  auto it = params_.find(name);
  if (it == params_.end()) {
    if (status_.ok()) status_ = absl::InvalidArgumentError(absl::StrCat("parameter ", name,
                                                                        " is missing"));
    return min;
  }
  int value = 0;
  if (!absl::SimpleAtoi(it->second, &value) || value < min || value > max) {
    if (status_.ok()) {
      status_ = absl::InvalidArgumentError(absl::StrCat("parameter ", name, "=", it->second,
                                                        ": want an integer in [", min, ", ",
                                                        max, "]"));
    }
    return min;
  }
  return value;
}

sim::Duration ParamValues::Millis(const std::string& name, int min_ms, int max_ms) {
  return sim::Duration::Milliseconds(Int(name, min_ms, max_ms));
}

}  // namespace scenarios
