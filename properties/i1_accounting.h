// I1 accounting: the pool's numOpen counts the driver conns it opened and has not finally
// closed, plus opens in flight; never negative; and Stats() agrees with the driver.
//
// Between steps numOpen may run ahead of the driver (Go reserves a slot with numOpen++
// before calling Open, and gives it back only after a failed Open or a Close returned),
// so after every step it must be at least the driver's live + opening conns. At the end,
// when every such transition has finished, the two must be equal.
#pragma once

#include "properties/invariant.h"

namespace properties {

class I1Accounting : public Invariant {
 public:
  InvariantId id() const override { return InvariantId::kI1; }
  void AfterStep(const Observation& obs) override;
  void AtEnd(const Observation& obs, const EndState& end) override;
};

}  // namespace properties
