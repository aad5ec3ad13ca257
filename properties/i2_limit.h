// I2 limit: with maxOpen > 0 the driver never holds more conns than the pool may open.
//
// The check is made as each driver Open starts: open conns plus opens in flight (this one
// included) must not exceed the ceiling. Go reserves a slot while numOpen < maxOpen, so a
// lowered maxOpen may leave more conns open than the new limit until they are released;
// the ceiling therefore is the highest limit seen since the pool last became limited (or,
// if higher, its numOpen at that moment, which counts slots reserved while unlimited). While maxOpen is unlimited nothing is checked.
// The limit is watched after every step and at every driver call.
#pragma once

#include <cstdint>

#include "properties/invariant.h"

namespace properties {

class I2Limit : public Invariant {
 public:
  InvariantId id() const override { return InvariantId::kI2; }
  void AfterStep(const Observation& obs) override;
  void OnDriverCallStart(const model::fakedb::DriverCall& call, const Observation& obs) override;

 private:
  // Updates the ceiling from the pool's current maxOpen.
  void Watch(const Observation& obs);

  int last_max_open_ = 0;    // the limit at the last observation (<= 0: unlimited)
  int64_t ceiling_ = 0;      // valid while last_max_open_ > 0
  bool attached_ = false;
};

}  // namespace properties
