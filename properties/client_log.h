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
    const sim::GoroutineId g = op.goroutine;
    ops_.push_back(std::move(op));
    if (last_by_goroutine_.size() <= g) last_by_goroutine_.resize(g + 1, -1);
    last_by_goroutine_[g] = static_cast<int64_t>(ops_.size() - 1);
    return ops_.size() - 1;
  }
  void Finish(size_t index, absl::Status status, sim::Instant now) {
    ClientOp& op = ops_[index];
    op.done = true;
    op.status = std::move(status);
    op.finished = now;
  }
  const std::vector<ClientOp>& ops() const { return ops_; }
  // The index of the op goroutine `g` is running now, or -1: its latest op, if not done.
  // O(1): the checkers ask at every driver call.
  int64_t CurrentOp(sim::GoroutineId g) const {
    if (g >= last_by_goroutine_.size()) return -1;
    const int64_t last = last_by_goroutine_[g];
    return last < 0 || ops_[static_cast<size_t>(last)].done ? -1 : last;
  }

 private:
  std::vector<ClientOp> ops_;
  std::vector<int64_t> last_by_goroutine_;  // index: goroutine id; its latest op, or -1
};

}  // namespace properties
