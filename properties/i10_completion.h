// I10 completion: every client operation the workload started has completed, with a
// result or an error, by the end of the run. (A run in which everything blocks ends as a
// "deadlock" failure and a Go panic as "panic"; the simulator reports those itself. I10
// covers runs that end with operations still hanging, e.g. when main stops waiting.)
#pragma once

#include "properties/invariant.h"

namespace properties {

class I10Completion : public Invariant {
 public:
  InvariantId id() const override { return InvariantId::kI10; }
  void AtEnd(const Observation& obs, const EndState& end) override;
};

}  // namespace properties
