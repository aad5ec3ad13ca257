// I9 pool structure: every conn in freeConn is listed once, not in use, and not closed
// (neither closed by driverConn.Close nor finally closed). Checked after every step, on
// the pool state (the free list and its entries' views), never the whole conn list.
// DB.Close marks idle conns closed one by one before it empties freeConn, so a conn that
// is only marked `closed` there (not dbmuClosed, not finally closed) is not counted.
#pragma once

#include <cstdint>
#include <vector>

#include "properties/invariant.h"

namespace properties {

class I9FreeList : public Invariant {
 public:
  InvariantId id() const override { return InvariantId::kI9; }
  void AfterStep(const Observation& obs) override;
  void AtEnd(const Observation& obs, const EndState& end) override;

 private:
  void Check(const model::sql::PoolState& pool);
  std::vector<uint64_t> sorted_;  // scratch: free_conn ids sorted, reused across steps
};

}  // namespace properties
