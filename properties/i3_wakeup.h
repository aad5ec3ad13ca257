// I3 no lost wakeup: a goroutine waiting in connRequests is woken whenever a conn is
// freed, an open fails, or capacity appears. Checked at quiescence: after a step in which
// a waiter exists while a conn sits idle or the driver holds fewer conns than maxOpen
// (so another could be opened), and nothing is under way that could still serve it (no
// goroutine can run at this instant, no driver call is in progress, no open request is
// queued for the opener), the waiter has been forgotten. Go does not wake waiters when SetMaxOpenConns raises the
// limit (they wait for the next release), so once a raise is seen only idle conns count.
// A closed DB is not checked (Go leaves closed waiters' entries in connRequests).
#pragma once

#include <vector>

#include "properties/invariant.h"

namespace properties {

class I3Wakeup : public Invariant {
 public:
  explicit I3Wakeup(const KnownBugAllowances& allow = {}) : allow_(allow) {}
  InvariantId id() const override { return InvariantId::kI3; }
  void AfterStep(const Observation& obs) override;
  void AtEnd(const Observation& obs, const EndState& end) override;
  // "last-retry-waits-beside-idle" while the allowance tolerates a last retry waiting at
  // maxOpen beside idle conns (the state its permanent hang leaves).
  std::string KnownBugHolding() const override;

 private:
  // What the waiters could have had: nothing, an idle conn, or room to open one.
  enum class Neglect { kNone, kIdleConns, kCapacity };
  Neglect Neglected(const Observation& obs) const;
  // That, in words (not kNone).
  std::string NeglectText(Neglect neglect, const Observation& obs) const;
  void Check(const Observation& obs, const std::vector<sim::GoroutineReport>& live);
  void WatchLimit(const model::sql::PoolState& pool);

  // Whether every waiter is a conn() on its last retry (alwaysNewConn), for
  // KnownBugAllowances::always_new_conn_waits_beside_idle_conns.
  static bool AllWaitersOnLastRetry(const model::sql::PoolState& pool);

  KnownBugAllowances allow_;
  int last_max_open_ = 0;
  bool limit_raised_ = false;
  bool attached_ = false;
  bool tolerating_ = false;  // after the last step, the allowance excused waiters
};

}  // namespace properties
