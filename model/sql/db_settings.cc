// The pool's limits and its statistics: SetMaxIdleConns, SetMaxOpenConns,
// SetConnMaxLifetime, SetConnMaxIdleTime, the idle limit's default, and Stats.
#include "model/sql/db.h"
#include "model/sql/pool_trace.h"

namespace model::sql {

// Go: (*DB).maxIdleConnsLocked
int DB::maxIdleConnsLocked() const {
  int n = maxIdleCount;
  if (n == 0) return kDefaultMaxIdleConns;
  if (n < 0) return 0;
  return n;
}

// Go: (*DB).SetMaxIdleConns. Idle conns beyond the new limit are closed.
void DB::SetMaxIdleConns(int n) {
  std::vector<std::shared_ptr<driverConn>> closing;
  {
    sim::LockGuard guard(mu);
    maxIdleCount = n > 0 ? n : -1;
    if (maxOpen > 0 && maxIdleConnsLocked() > maxOpen) maxIdleCount = maxOpen;
    size_t maxIdle = static_cast<size_t>(maxIdleConnsLocked());
    if (freeConn.size() > maxIdle) {
      closing.assign(freeConn.begin() + static_cast<std::ptrdiff_t>(maxIdle), freeConn.end());
      freeConn.resize(maxIdle);
    }
    maxIdleClosed += static_cast<int64_t>(closing.size());
  }
  for (auto& c : closing) {
    TracePool("SetMaxIdleConns: close idle conn#", c->id);
    c->Close().IgnoreError();
  }
}

// Go: (*DB).SetMaxOpenConns. Lowers the idle limit to match when needed.
void DB::SetMaxOpenConns(int n) {
  bool syncMaxIdle = false;
  {
    sim::LockGuard guard(mu);
    maxOpen = n < 0 ? 0 : n;
    syncMaxIdle = maxOpen > 0 && maxIdleConnsLocked() > maxOpen;
  }
  if (syncMaxIdle) SetMaxIdleConns(n);
}

// Not a Go function: the non-blocking `select { case db.cleanerCh <- struct{}{}: default: }`
// that SetConnMaxLifetime and SetConnMaxIdleTime use to wake the cleaner.
void DB::wakeCleanerLocked() {
  sim::Select sel;
  sel.Send(cleanerCh, sim::Unit{});
  sel.Default();
  sel.Wait();
}

// Go: (*DB).SetConnMaxLifetime
void DB::SetConnMaxLifetime(sim::Duration d) {
  if (d < sim::Duration::Zero()) d = sim::Duration::Zero();
  sim::LockGuard guard(mu);
  if (d > sim::Duration::Zero() && d < maxLifetime && !cleanerCh.IsNil()) wakeCleanerLocked();
  maxLifetime = d;
  startCleanerLocked();
}

// Go: (*DB).SetConnMaxIdleTime
void DB::SetConnMaxIdleTime(sim::Duration d) {
  if (d < sim::Duration::Zero()) d = sim::Duration::Zero();
  sim::LockGuard guard(mu);
  if (d > sim::Duration::Zero() && d < maxIdleTime && !cleanerCh.IsNil()) wakeCleanerLocked();
  maxIdleTime = d;
  startCleanerLocked();
}

// Go: (*DB).Stats
DBStats DB::Stats() {
  int64_t wait = waitDuration.Load();
  sim::LockGuard guard(mu);
  return statsLocked(wait);
}

// Not a Go function: the body of Stats, shared with Inspect.
DBStats DB::statsLocked(int64_t wait) const {
  DBStats stats;
  stats.MaxOpenConnections = maxOpen;
  stats.Idle = static_cast<int>(freeConn.size());
  stats.OpenConnections = numOpen;
  stats.InUse = numOpen - static_cast<int>(freeConn.size());
  stats.WaitCount = waitCount;
  stats.WaitDuration = sim::Duration::Nanoseconds(wait);
  stats.MaxIdleClosed = maxIdleClosed;
  stats.MaxIdleTimeClosed = maxIdleTimeClosed;
  stats.MaxLifetimeClosed = maxLifetimeClosed;
  return stats;
}

}  // namespace model::sql
