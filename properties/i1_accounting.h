// I1 accounting: the pool's numOpen counts the driver conns it opened and has not finally
// closed, plus opens in flight; never negative; and Stats() agrees with the driver.
//
// Between steps numOpen may run ahead of the driver (Go reserves a slot with numOpen++
// before calling Open, and gives it back only after a failed Open or a Close returned),
// so after every step it must be at least the driver's live + opening conns. At the end,
// when every such transition has finished, the two must be equal, counting the open
// requests still queued for connectionOpener (after DB.Close the opener exits and leaves
// their slots taken, as Go's does). One more Go quirk: after DB.Close, Go leaves the
// closed waiters' entries in connRequests, and while any is there each
// maybeOpenNewConnections takes a slot (numOpen++) and returns without queueing an open.
// Once that state has been seen (after a step, or as a driver Close ends, which is when
// finalClose calls it), only the lower bound is checked at the end.
#pragma once

#include "properties/invariant.h"

namespace properties {

class I1Accounting : public Invariant {
 public:
  InvariantId id() const override { return InvariantId::kI1; }
  void AfterStep(const Observation& obs) override;
  void OnDriverCallEnd(const model::fakedb::DriverCall& call, const Observation& obs) override;
  void AtEnd(const Observation& obs, const EndState& end) override;

 private:
  void WatchClosedWithWaiters(const model::sql::PoolState& pool);
  bool closed_with_waiters_ = false;  // DB closed while waiters were in connRequests
};

}  // namespace properties
