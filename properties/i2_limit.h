// I2 limit: with maxOpen > 0 the pool never holds more conns than Go's SetMaxOpenConns
// allows, judged two ways:
//
// - As each driver Open starts: open conns plus opens in flight (this one included) must
//   not exceed the ceiling. Go reserves a slot while numOpen < maxOpen, so a lowered
//   maxOpen may leave more conns open (or reserved) than the new limit until they are
//   released: the ceiling is the higher of the limit and what was held when it was set
//   (numOpen, which counts slots reserved while unlimited), and it comes down as those
//   conns go, never below the current limit.
// - After every step: a conn newly in the free list was pooled while numOpen <= maxOpen
//   (putConnDBLocked closes a conn released above a lowered limit instead of keeping it).
// While maxOpen is unlimited nothing is checked.
#pragma once

#include <cstdint>
#include <vector>

#include "properties/invariant.h"

namespace properties {

class I2Limit : public Invariant {
 public:
  InvariantId id() const override { return InvariantId::kI2; }
  void AfterStep(const Observation& obs) override;
  void OnDriverCallStart(const model::fakedb::DriverCall& call, const Observation& obs) override;

 private:
  // Updates the ceiling from the pool's current maxOpen and what is held now.
  void Watch(const Observation& obs);
  // Conns newly in the free list, against the current limit.
  void CheckStep(const Observation& obs);

  int last_max_open_ = 0;    // the limit at the last observation (<= 0: unlimited)
  int64_t ceiling_ = 0;      // valid while last_max_open_ > 0
  bool attached_ = false;
  std::vector<uint64_t> last_free_;  // freeConn ids at the last step, sorted
  std::vector<uint64_t> free_;       // this step's, sorted (a buffer reused across steps)
};

}  // namespace properties
