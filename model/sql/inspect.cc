// DB::Inspect: the pool's state as invariant checkers see it. It reads fields directly and
// never locks or yields, so it can run on the scheduler's stack after every step.
#include <algorithm>

#include "model/sql/db.h"

namespace model::sql {

namespace {

ConnView ViewOf(const driverConn& dc) {
  ConnView v;
  v.id = dc.id;
  v.driver_conn = dc.ciForInspect.get();
  v.in_use = dc.inUse;
  v.held = dc.held;
  v.held_by = dc.heldBy;
  v.closed = dc.closed;
  v.final_closed = dc.finalClosed;
  v.dbmu_closed = dc.dbmuClosed;
  v.need_reset = dc.needReset;
  v.last_err = dc.lastErr;
  v.pending_reset = dc.resetQueued;
  v.open_stmts = dc.openStmt.size();
  v.created_at = dc.createdAt;
  v.returned_at = dc.returnedAt;
  return v;
}

}  // namespace

PoolView DB::Inspect() const {
  PoolView view;
  view.version = opts.version;
  view.closed = closed;
  view.num_open = numOpen;
  view.max_open = maxOpen;
  view.max_idle = maxIdleConnsLocked();
  view.max_lifetime = maxLifetime;
  view.max_idle_time = maxIdleTime;
  view.conn_requests = connRequests.size();
  view.opener_backlog = openerCh.Len();
  view.resetter_backlog = resetterCh.Len();
  view.cleaner_running = !cleanerCh.IsNil();
  view.num_closed = numClosed.Peek();
  for (const auto& dc : freeConn) view.free_conn.push_back(dc->id);
  for (const auto& [id, weak] : liveConns) {
    std::shared_ptr<driverConn> dc = weak.lock();
    if (dc == nullptr) continue;
    ConnView v = ViewOf(*dc);
    v.in_free_list = std::find(freeConn.begin(), freeConn.end(), dc) != freeConn.end();
    view.conns.push_back(v);
  }
  view.max_idle_closed = maxIdleClosed;
  view.max_lifetime_closed = maxLifetimeClosed;
  view.max_idle_time_closed = maxIdleTimeClosed;
  view.wait_count = waitCount;
  view.stats = statsLocked(waitDuration.Peek());
  return view;
}

}  // namespace model::sql
