// I3 no lost wakeup (see i3_wakeup.h).
#include "properties/i3_wakeup.h"

#include "absl/strings/str_cat.h"
#include "properties/pool_lookup.h"

namespace properties {

namespace {

// Driver calls under way (they end when virtual time passes, and may free a conn).
bool DriverBusy(const model::fakedb::CallLog& log) {
  if (log.counts().opens_in_flight > 0) return true;
  for (const model::fakedb::ConnSummary& c : log.conns()) {
    if (c.in_call > 0) return true;
  }
  return false;
}

bool AnyRunnable(const std::vector<sim::GoroutineReport>& live) {
  for (const sim::GoroutineReport& g : live) {
    if (g.state == sim::GoroutineState::kRunnable || g.state == sim::GoroutineState::kRunning) {
      return true;
    }
  }
  return false;
}

// "g3 client1 [blocked: select] at model/sql/db_conn.cc:80; ..." for the blocked ones.
std::string Blocked(const std::vector<sim::GoroutineReport>& live) {
  std::string out;
  for (const sim::GoroutineReport& g : live) {
    if (g.state != sim::GoroutineState::kBlocked) continue;
    absl::StrAppend(&out, out.empty() ? "" : "; ", "g", g.id, " ", g.name, " [", g.blocked_on,
                    "] at ", g.location);
  }
  return out;
}

}  // namespace

void I3Wakeup::WatchLimit(const model::sql::PoolState& pool) {
  // Unlimited counts as the highest limit; limited-from-unlimited is a lowering.
  const bool raised = pool.max_open <= 0 ? last_max_open_ > 0
                                         : last_max_open_ > 0 && pool.max_open > last_max_open_;
  if (attached_ && raised) limit_raised_ = true;
  last_max_open_ = pool.max_open;
  attached_ = true;
}

bool I3Wakeup::AllWaitersOnLastRetry(const model::sql::PoolState& pool) {
  return pool.last_retry_waiters > 0 && pool.last_retry_waiters == pool.conn_requests;
}

I3Wakeup::Neglect I3Wakeup::Neglected(const Observation& obs) const {
  const model::sql::PoolState& pool = obs.state();
  if (pool.closed || pool.conn_requests == 0) return Neglect::kNone;
  const bool tolerated =
      allow_.always_new_conn_waits_beside_idle_conns && AllWaitersOnLastRetry(pool);
  if (!pool.free_conn.empty() && !tolerated) return Neglect::kIdleConns;
  if (limit_raised_ || pool.max_open <= 0) return Neglect::kNone;
  const model::fakedb::DriverCounts& c = obs.driver().counts();
  const uint64_t held = c.live_conns() + c.opens_in_flight;
  return held >= static_cast<uint64_t>(pool.max_open) ? Neglect::kNone : Neglect::kCapacity;
}

std::string I3Wakeup::NeglectText(Neglect neglect, const Observation& obs) const {
  const model::sql::PoolState& pool = obs.state();
  if (neglect == Neglect::kIdleConns) {
    return absl::StrCat(pool.free_conn.size(), " conn(s) idle in freeConn (first conn#",
                        pool.free_conn.front(), ")");
  }
  const model::fakedb::DriverCounts& c = obs.driver().counts();
  const uint64_t held = c.live_conns() + c.opens_in_flight;
  return absl::StrCat("capacity for ", pool.max_open - static_cast<int64_t>(held),
                      " more conn(s): the driver holds ", held, " (", c.live_conns(), " open, ",
                      c.opens_in_flight, " opening) of maxOpen ", pool.max_open,
                      " while the pool counts numOpen ", pool.num_open);
}

void I3Wakeup::Check(const Observation& obs, const std::vector<sim::GoroutineReport>& live) {
  if (obs.state().opener_backlog > 0 || DriverBusy(obs.driver()) || AnyRunnable(live)) return;
  const Neglect neglect = Neglected(obs);
  if (neglect == Neglect::kNone) return;
  Fail(absl::StrCat(obs.state().conn_requests, " goroutine(s) wait in connRequests with ",
                    NeglectText(neglect, obs),
                    ", and no goroutine can run to wake them. Blocked: ", Blocked(live)));
}

std::string I3Wakeup::KnownBugHolding() const {
  return tolerating_ ? "last-retry-waits-beside-idle" : "";
}

void I3Wakeup::AfterStep(const Observation& obs) {
  WatchLimit(obs.state());
  if (allow_.always_new_conn_waits_beside_idle_conns) {
    const model::sql::PoolState& pool = obs.state();
    tolerating_ = !pool.closed && pool.conn_requests > 0 && !pool.free_conn.empty() &&
                  AllWaitersOnLastRetry(pool);
  }
  if (Neglected(obs) == Neglect::kNone) return;  // the cheap test first; quiescence then
  Check(obs, sim::LiveGoroutines());
}

void I3Wakeup::AtEnd(const Observation& obs, const EndState& end) {
  if (!obs.has_pool()) return;
  WatchLimit(obs.state());
  Check(obs, end.live_goroutines);
}

}  // namespace properties
