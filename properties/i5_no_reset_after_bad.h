// I5 no reset after a bad connection: once the pool has seen ErrBadConn on a conn (a
// driver call on it returned ErrBadConn, or ValidConnection said invalid), the driver gets
// no ResetSession on it, and the conn is never handed out again.
//
// "Seen": errors of Close and Stmt.Close are not counted, as Go ignores them. After the
// failure the driver may still get the calls that wind down what the holder had open
// (Close, Stmt.Close, Rows.Close, Commit, Rollback, ValidConnection) and further
// statements from the same holder (the goroutine that saw the failure, within the same
// client operation, e.g. the rest of a transaction). Any other call, from another
// goroutine or a later operation, means the conn was handed out again.
#pragma once

#include <cstdint>
#include <vector>

#include "properties/invariant.h"

namespace properties {

class I5NoResetAfterBad : public Invariant {
 public:
  InvariantId id() const override { return InvariantId::kI5; }
  void OnDriverCallStart(const model::fakedb::DriverCall& call, const Observation& obs) override;
  void OnDriverCallEnd(const model::fakedb::DriverCall& call, const Observation& obs) override;

 private:
  // Who saw the conn fail.
  struct Failure {
    bool seen = false;
    uint64_t call_seq = 0;       // the call that failed
    sim::GoroutineId goroutine = 0;
    int64_t client_op = -1;      // that goroutine's client op then, -1 if none
  };
  std::vector<Failure> failures_;  // index: driver conn id
};

// The index in `clients` of the op goroutine `g` is running now (not done), or -1.
int64_t CurrentClientOp(const ClientLog& clients, sim::GoroutineId g);

}  // namespace properties
