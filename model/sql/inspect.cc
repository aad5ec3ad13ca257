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
  v.bad_conn_verdict_dropped = dc.badConnVerdictDropped;
  v.open_slot_released = dc.openSlotReleased;
  v.created_at = dc.createdAt;
  v.returned_at = dc.returnedAt;
  return v;
}

}  // namespace

PoolState DB::InspectState() const {
  PoolState state;
  InspectStateInto(&state);
  return state;
}

void DB::InspectStateInto(PoolState* state) const {
  state->version = opts.version;
  state->closed = closed;
  state->num_open = numOpen;
  state->max_open = maxOpen;
  state->max_idle = maxIdleConnsLocked();
  state->max_lifetime = maxLifetime;
  state->max_idle_time = maxIdleTime;
  state->conn_requests = connRequests.size();
  state->last_retry_waiters = 0;
  for (uint64_t key : lastRetryRequests) state->last_retry_waiters += connRequests.count(key);
  state->opener_backlog = openerCh.Len();
  state->opener_failures_handled = openerFailuresHandled;
  state->resetter_backlog = resetterCh.Len();
  state->cleaner_running = !cleanerCh.IsNil();
  state->num_closed = numClosed.Peek();
  state->free_conn.clear();
  state->free_conns.clear();
  for (const auto& dc : freeConn) {
    state->free_conn.push_back(dc->id);
    state->free_conns.push_back(ViewOf(*dc));
    state->free_conns.back().in_free_list = true;
  }
  state->max_idle_closed = maxIdleClosed;
  state->max_lifetime_closed = maxLifetimeClosed;
  state->max_idle_time_closed = maxIdleTimeClosed;
  state->wait_count = waitCount;
  state->stats = statsLocked(waitDuration.Peek());
}

void DB::InspectHeldBy(sim::GoroutineId g, std::vector<ConnView>* out) const {
  out->clear();
  for (const HeldConns::Entry& e : heldConns.HeldBy(g)) out->push_back(ViewOf(*e.conn));
}

PoolView DB::Inspect() const {
  PoolView view;
  static_cast<PoolState&>(view) = InspectState();
  std::vector<uint64_t> free_ids = view.free_conn;
  std::sort(free_ids.begin(), free_ids.end());
  for (const auto& [id, weak] : liveConns) {
    std::shared_ptr<driverConn> dc = weak.lock();
    if (dc == nullptr) continue;
    ConnView v = ViewOf(*dc);
    v.in_free_list = std::binary_search(free_ids.begin(), free_ids.end(), dc->id);
    view.conns.push_back(v);
  }
  return view;
}

}  // namespace model::sql
