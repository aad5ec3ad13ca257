// Reading a scenario's resolved parameters as typed values. A scenario's build function
// reads every parameter it needs, then checks status() once: the first bad value is one
// clear line naming the parameter ("parameter clients=abc: want an integer in [1, 5000]").
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "scenarios/scenario.h"
#include "sim/time.h"

namespace scenarios {

class ParamValues {
 public:
  explicit ParamValues(const Params& params) : params_(params) {}

  // An integer in [min, max]; on a bad value records the error and returns min.
  int Int(const std::string& name, int min, int max);
  // A duration given as whole milliseconds in [min_ms, max_ms].
  sim::Duration Millis(const std::string& name, int min_ms, int max_ms);

  // OK, or the first bad or missing parameter.
  const absl::Status& status() const { return status_; }

 private:
  const Params& params_;
  absl::Status status_;
};

}  // namespace scenarios
