// I7 exclusive use: a driver conn, with its statements, rows and transaction, is never
// inside two driver calls at once (Go holds the driverConn's lock around every call), and
// the pool never resets or validates a conn someone is using: no ResetSession or
// ValidConnection while the conn has a transaction or rows open (Go resets and validates
// a conn only between two holders, after the last holder's rows closed and its tx ended).
// Checked as each call starts, against the calls on that conn still running and the
// driver's summary of the conn.
#pragma once

#include <cstdint>
#include <vector>

#include "properties/invariant.h"

namespace properties {

class I7ExclusiveUse : public Invariant {
 public:
  InvariantId id() const override { return InvariantId::kI7; }
  void OnDriverCallStart(const model::fakedb::DriverCall& call, const Observation& obs) override;
  void OnDriverCallEnd(const model::fakedb::DriverCall& call, const Observation& obs) override;

 private:
  void CheckResetOfConnInUse(const model::fakedb::DriverCall& call, const Observation& obs);

  std::vector<uint64_t> inside_;  // index: conn id; seq of the call inside it, 0 if none
};

}  // namespace properties
