// What each simulated client asked of the pool and what it got back: the history the
// end-of-run invariants judge (I6: no caller gets ErrBadConn unless the driver failed enough
// conns; I10: every client operation completes). The workload interpreter writes it; the
// checkers only read it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "sim/goroutine.h"
#include "sim/time.h"

namespace properties {

// One client operation (a top-level op of a workload client).
struct ClientOp {
  uint32_t client = 0;         // index of the client in the workload
  uint32_t op_index = 0;       // index of the op in that client's list
  std::string label;           // "Exec NOOP", "Tx{Exec, Commit}", as Show() prints it
  sim::GoroutineId goroutine = 0;
  sim::Instant started;
  sim::Instant finished;
  bool done = false;           // false at the end of a run: the op never completed (I10)
  absl::Status status;         // the first error the op saw (OK if none)
};

class ClientLog {
 public:
  // Records the start of an op; returns its index for Finish.
  size_t Start(ClientOp op) {
    ops_.push_back(std::move(op));
    return ops_.size() - 1;
  }
  void Finish(size_t index, absl::Status status, sim::Instant now) {
    ClientOp& op = ops_[index];
    op.done = true;
    op.status = std::move(status);
    op.finished = now;
  }
  const std::vector<ClientOp>& ops() const { return ops_; }

 private:
  std::vector<ClientOp> ops_;
};

}  // namespace properties
