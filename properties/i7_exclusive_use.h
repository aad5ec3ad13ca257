// I7 exclusive use: a driver conn, with its statements, rows and transaction, is never
// inside two driver calls at once (Go holds the driverConn's lock around every call).
// Checked as each call starts, against the calls on that conn still running.
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
  std::vector<uint64_t> inside_;  // index: conn id; seq of the call inside it, 0 if none
};

}  // namespace properties
