// Which live conns each goroutine holds: handed out by DB.conn and not yet given back to
// putConn (driverConn::held / heldBy). The pool keeps it as it hands conns over, so I12
// asks "which conns does this goroutine hold" in O(conns it holds) at every driver call
// instead of scanning every live conn (DB::Inspect). Bookkeeping for checkers, not in Go.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/goroutine.h"

namespace model::sql {

class driverConn;

class HeldConns {
 public:
  struct Entry {
    uint64_t id = 0;  // the conn's pool id: entries are kept in id order
    const driverConn* conn = nullptr;
  };

  void Add(sim::GoroutineId g, uint64_t id, const driverConn* conn);
  // Always-on check: the entry must be there.
  void Remove(sim::GoroutineId g, uint64_t id);
  // The conns goroutine `g` holds, in pool id order.
  const std::vector<Entry>& HeldBy(sim::GoroutineId g) const;

 private:
  std::vector<std::vector<Entry>> by_goroutine_;  // index: goroutine id; ids are dense
};

}  // namespace model::sql
