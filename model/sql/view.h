// A read-only snapshot of a DB's pool state for invariant checkers (properties/). Taking
// it reads fields directly, holds no lock and is never a scheduling point, so checking an
// invariant after every step does not perturb the run it checks.
#pragma once

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "model/driver/driver.h"
#include "model/sql/options.h"
#include "model/sql/stats.h"
#include "sim/time.h"

namespace model::sql {

// One driverConn that is still alive (referenced by the pool or a user object).
struct ConnView {
  uint64_t id = 0;                          // pool id, "conn#id" in traces
  const driver::Conn* driver_conn = nullptr;  // the driver conn it wraps (kept after finalClose)
  bool in_use = false;       // guarded by db.mu in Go
  bool held = false;         // handed out by DB.conn and not yet given back to putConn
  uint32_t held_by = 0;      // then: the goroutine (sim::GoroutineId) it was handed to
  bool in_free_list = false;
  bool closed = false;       // Close or closeDBLocked has run
  bool final_closed = false; // the driver conn's Close has been called
  bool dbmu_closed = false;
  bool need_reset = false;   // sync reset: reset before next use
  absl::Status last_err;     // async reset: what the resetter (or a full resetterCh) left
  bool pending_reset = false;  // async reset: queued in resetterCh, its lock held
  size_t open_stmts = 0;
  bool bad_conn_verdict_dropped = false;  // a Conn's Close dropped an ErrBadConn verdict on it
  bool open_slot_released = false;  // finalClose has done its numOpen-- (not in Go)
  sim::Instant created_at;
  sim::Instant returned_at;
};

// The pool-level part of the view: its counters, settings and free list, with a view of
// each free-list entry. Taking it costs O(len(freeConn)), not O(live conns), so the
// checkers that run after every step read this (DB::InspectState), not the whole PoolView.
struct PoolState {
  PoolVersion version = kDefaultPoolVersion;
  bool closed = false;
  int num_open = 0;         // opened plus opening, as the pool counts them
  int max_open = 0;         // <= 0: unlimited
  int max_idle = 0;         // the effective limit (maxIdleConnsLocked)
  sim::Duration max_lifetime;
  sim::Duration max_idle_time;
  size_t conn_requests = 0; // waiters in connRequests
  size_t last_retry_waiters = 0;  // of them, conn() calls with alwaysNewConn (not in Go)
  size_t opener_backlog = 0;  // open requests queued for connectionOpener
  // Failed opens connectionOpener has finished handling under db.mu: numOpen given back
  // and the error handed to a waiter, if any (not in Go).
  uint64_t opener_failures_handled = 0;
  size_t resetter_backlog = 0;  // async reset: conns queued in resetterCh
  bool cleaner_running = false;
  uint64_t num_closed = 0;  // driver conns finally closed
  std::vector<uint64_t> free_conn;  // ids in freeConn order, duplicates kept as they are
  std::vector<ConnView> free_conns; // the same entries' views, in freeConn order
  int64_t max_idle_closed = 0;
  int64_t max_lifetime_closed = 0;
  int64_t max_idle_time_closed = 0;
  int64_t wait_count = 0;
  DBStats stats;            // what Stats() would return now
};

// The whole snapshot (DB::Inspect): the pool state and every live conn.
struct PoolView : PoolState {
  std::vector<ConnView> conns;      // every live driverConn, by id
};

}  // namespace model::sql
