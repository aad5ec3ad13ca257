// I3 no lost wakeup: a goroutine waiting in connRequests is woken whenever a conn is
// freed, an open fails, or capacity appears. Checked at quiescence: after a step in which
// a waiter exists while a conn sits idle or the driver holds fewer conns than maxOpen
// (so another could be opened), and no goroutine can run any more at this instant, the
// waiter has been forgotten. Go does not wake waiters when SetMaxOpenConns raises the
// limit (they wait for the next release), so once a raise is seen only idle conns count.
// A closed DB is not checked (Go leaves closed waiters' entries in connRequests).
#pragma once

#include "properties/invariant.h"

namespace properties {

class I3Wakeup : public Invariant {
 public:
  InvariantId id() const override { return InvariantId::kI3; }
  void AfterStep(const Observation& obs) override;
  void AtEnd(const Observation& obs, const EndState& end) override;

 private:
  // What the waiters could have had, in words; empty if nothing.
  std::string Neglect(const Observation& obs) const;
  void Check(const Observation& obs, const std::vector<sim::GoroutineReport>& live);
  void WatchLimit(const model::sql::PoolView& pool);

  int last_max_open_ = 0;
  bool limit_raised_ = false;
  bool attached_ = false;
};

}  // namespace properties
