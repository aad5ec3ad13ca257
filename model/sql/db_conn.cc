// Taking a conn from the pool and giving it back: conn (Go's (*DB).conn, split in its
// three ways of getting a conn), putConn, putConnDBLocked and noteUnusedDriverStatement.
// This is where the versions differ most: how a returned conn's session is reset.
#include <iterator>

#include "model/sql/ctxutil.h"
#include "model/sql/db.h"
#include "model/sql/errors.h"
#include "model/sql/pool_trace.h"

namespace model::sql {

// Go: (*DB).nextRequestKeyLocked
uint64_t DB::nextRequestKeyLocked() { return nextRequest++; }

// Go: (*DB).conn. Returns a conn marked inUse, or an error; ErrBadConn asks the caller
// to retry.
absl::StatusOr<std::shared_ptr<driverConn>> DB::conn(const sim::Context& ctx,
                                                     connReuseStrategy strategy) {
  mu.Lock();
  if (closed) {
    mu.Unlock();
    return ErrDBClosed();
  }
  if (contextDoneNow(ctx)) {
    mu.Unlock();
    return ctx.Err();
  }
  sim::Duration lifetime = maxLifetime;
  if (strategy == connReuseStrategy::cachedOrNewConn && !freeConn.empty()) {
    return connFromFreeList(ctx, lifetime);
  }
  if (maxOpen > 0 && numOpen >= maxOpen && !MUTANT(kIgnoreMaxOpen)) {
    return connFromWaiting(ctx, strategy, lifetime);
  }
  return connOpenDirect(ctx);
}

// Go: (*DB).conn, "prefer a free connection". db.mu is held on entry and released.
absl::StatusOr<std::shared_ptr<driverConn>> DB::connFromFreeList(const sim::Context& ctx,
                                                                 sim::Duration lifetime) {
  std::shared_ptr<driverConn> conn;
  if (features().reuses_newest_free_conn) {  // the least idle conn, so idle ones age out
    conn = freeConn.back();
    freeConn.pop_back();
  } else {
    conn = freeConn.front();
    freeConn.erase(freeConn.begin());
  }
  conn->inUse = true;
  const bool expired = conn->expired(lifetime);
  if (expired && features().counts_and_discards_expired_on_use) maxLifetimeClosed++;
  mu.Unlock();
  TracePool("conn: took free conn#", conn->id);
  if (MUTANT(kLeakConnOnLateDeadline) && contextDoneNow(ctx)) {
    TracePool("conn: context ended after taking conn#", conn->id, "; conn not given back");
    return ctx.Err();
  }
  if (expired) {
    TracePool("conn: free conn#", conn->id, " expired on reuse");
    conn->Close().IgnoreError();
    return driver::ErrBadConn();
  }
  if (driver::IsBadConn(checkSessionBeforeUse(ctx, *conn))) {
    conn->Close().IgnoreError();
    return driver::ErrBadConn();
  }
  conn->noteHandedOut();
  return conn;
}

// Go: (*DB).conn, "make a request and wait" at maxOpen. db.mu is held on entry and
// released.
absl::StatusOr<std::shared_ptr<driverConn>> DB::connFromWaiting(const sim::Context& ctx,
                                                                connReuseStrategy strategy,
                                                                sim::Duration lifetime) {
  auto req = sim::Chan<connRequest>::Make(1);
  uint64_t reqKey = nextRequestKeyLocked();
  connRequests[reqKey] = req;
  if (strategy == connReuseStrategy::alwaysNewConn) lastRetryRequests.push_back(reqKey);
  waitCount++;
  mu.Unlock();
  TracePool("conn: wait as req#", reqKey);

  sim::Instant waitStart = sim::Now();
  connRequest ret;
  bool ok = false;
  sim::Select sel;
  sel.Recv(ctx.Done());
  sel.RecvOk(req, &ret, &ok);
  if (sel.Wait() == 0) {
    {
      sim::LockGuard guard(mu);
      connRequests.erase(reqKey);
    }
    waitDuration.AddIgnoringResult(sim::Since(waitStart).nanoseconds());
    sim::Select late;  // a conn may have been sent before the request was removed
    late.RecvOk(req, &ret, &ok);
    late.Default();
    if (late.Wait() == 0 && ok && ret.conn != nullptr) {
      TracePool("conn: req#", reqKey, " cancelled, late receive of conn#", ret.conn->id);
      putConn(ret.conn, ret.err, false);
    } else {
      TracePool("conn: req#", reqKey, " cancelled while waiting");
    }
    return ctx.Err();
  }
  waitDuration.AddIgnoringResult(sim::Since(waitStart).nanoseconds());
  if (!ok) return ErrDBClosed();
  // Go 1.19 checks the lifetime only for cachedOrNewConn: the last retry uses the conn.
  const bool checkExpiry = !features().expiry_checked_only_when_cached ||
                           strategy == connReuseStrategy::cachedOrNewConn;
  if (checkExpiry && ret.err.ok() && ret.conn->expired(lifetime)) {
    if (features().counts_and_discards_expired_on_use) {
      sim::LockGuard guard(mu);
      maxLifetimeClosed++;
    }
    TracePool("conn: conn#", ret.conn->id, " from req#", reqKey, " expired on reuse");
    ret.conn->Close().IgnoreError();
    return driver::ErrBadConn();
  }
  if (ret.conn == nullptr) return ret.err;
  if (driver::IsBadConn(checkSessionBeforeUse(ctx, *ret.conn))) {
    ret.conn->Close().IgnoreError();
    return driver::ErrBadConn();
  }
  ret.conn->noteHandedOut();
  return ret.conn;
}

// Go: (*DB).conn, "open a new conn" below maxOpen. db.mu is held on entry and released.
absl::StatusOr<std::shared_ptr<driverConn>> DB::connOpenDirect(const sim::Context& ctx) {
  numOpen++;  // optimistically
  mu.Unlock();
  absl::StatusOr<std::shared_ptr<driver::Conn>> ci = connector->Connect(ctx);
  sim::LockGuard guard(mu);
  if (!ci.ok()) {
    if (!MUTANT(kForgetNumOpenDecrement)) numOpen--;  // correct for earlier optimism
    TracePool("conn: open failed: ", ci.status().ToString(), ", numOpen=", numOpen);
    maybeOpenNewConnections();
    return ci.status();
  }
  std::shared_ptr<driverConn> dc = newDriverConnLocked(*std::move(ci));
  dc->inUse = true;
  addDepLocked(dc, dc->depId());
  TracePool("conn: opened conn#", dc->id);
  dc->noteHandedOut();
  return dc;
}

// Go: the check (*DB).conn makes before handing out a pooled conn. A version that resets
// sessions synchronously resets it now if putConn asked for it; one with a connection
// resetter waits (on the conn's lock) for the resetter and reads the verdict in lastErr.
absl::Status DB::checkSessionBeforeUse(const sim::Context& ctx, driverConn& dc) {
  if (features().resets_session_synchronously) return dc.resetSession(ctx);
  if (!features().has_connection_resetter) return absl::OkStatus();
  dc.Lock();
  absl::Status err = dc.lastErr;
  dc.Unlock();
  return err;
}

// Go: (*DB).putConn. err is the last error seen on dc (OK for none).
void DB::putConn(const std::shared_ptr<driverConn>& dc, absl::Status err, bool resetSession) {
  const bool syncReset = features().resets_session_synchronously;
  if (syncReset && !driver::IsBadConn(err)) {
    if (!dc->validateConnection(resetSession)) err = driver::ErrBadConn();
  }
  if (MUTANT(kSkipNeedReset) && driver::IsBadConn(err)) {
    if (syncReset) dc->validateConnection(resetSession);  // marked for reset, verdict ignored
    err = absl::OkStatus();
  }
  mu.Lock();
  if (!dc->inUse) sim::Panic("sql: connection returned that was never out");
  if (features().counts_and_discards_expired_on_use && !driver::IsBadConn(err) &&
      dc->expired(maxLifetime)) {
    maxLifetimeClosed++;
    TracePool("putConn conn#", dc->id, " expired");
    err = driver::ErrBadConn();
  }
  dc->inUse = false;
  dc->noteGivenBack();
  dc->returnedAt = sim::Now();
  std::vector<std::function<void()>> onPut = std::move(dc->onPut);
  dc->onPut.clear();
  for (auto& fn : onPut) fn();

  if (driver::IsBadConn(err)) {
    // Not reused; finalClose will give back its place in numOpen.
    maybeOpenNewConnections();
    mu.Unlock();
    TracePool("putConn conn#", dc->id, " -> closed (bad connection)");
    dc->Close().IgnoreError();
    return;
  }
  if (opts.hooks.put_conn) opts.hooks.put_conn(*this, *dc);
  // With a connection resetter the conn stays locked until the resetter has reset it. The
  // lock is taken before the conn is pooled, so nobody can use it before the reset.
  bool queueReset = features().has_connection_resetter && resetSession && !closed &&
                     std::dynamic_pointer_cast<driver::SessionResetter>(dc->ci) != nullptr;
  if (queueReset) dc->Lock();
  bool added = putConnDBLocked(dc, absl::OkStatus());
  mu.Unlock();
  if (!added) {
    if (queueReset) dc->Unlock();
    TracePool("putConn conn#", dc->id, " -> closed (not pooled)");
    dc->Close().IgnoreError();
    return;
  }
  if (queueReset) putConnQueueReset(dc);
}

// Go (0eeec4f25dc6): the end of (*DB).putConn. Queue the locked conn for the resetter; if
// resetterCh is full, mark the conn bad instead (golang/go#31480).
void DB::putConnQueueReset(const std::shared_ptr<driverConn>& dc) {
  dc->resetQueued = true;
  sim::Select sel;
  sel.Send(resetterCh, dc);
  sel.Default();
  if (sel.Wait() == sim::Select::kDefault) {
    dc->resetQueued = false;
    dc->lastErr = driver::ErrBadConn();
    TracePool("putConn conn#", dc->id, " marked bad by full resetterCh");
    dc->Unlock();
    return;
  }
  TracePool("putConn conn#", dc->id, " queued for connectionResetter");
}

// Go: (*DB).putConnDBLocked. Hands dc (or, for a failed open, err) to a waiter, or puts
// dc in the free list; false when the caller must close dc instead. db.mu is held.
bool DB::putConnDBLocked(const std::shared_ptr<driverConn>& dc, const absl::Status& err) {
  if (closed) return false;
  if (maxOpen > 0 && numOpen > maxOpen && !MUTANT(kPoolAboveMaxOpen)) return false;
  if (!connRequests.empty() && !MUTANT(kDropWaiterWakeup)) {
    // Go takes the first key of a map range: any waiter. The strategy chooses which.
    uint64_t pick = sim::ChooseIndex(connRequests.size(), "connRequests: waiter to serve");
    auto it = std::next(connRequests.begin(), static_cast<std::ptrdiff_t>(pick));
    uint64_t reqKey = it->first;
    sim::Chan<connRequest> req = it->second;
    connRequests.erase(it);
    if (err.ok()) dc->inUse = true;
    TracePool("putConnDBLocked ", dc ? absl::StrCat("conn#", dc->id) : err.ToString(),
              " -> waiter req#", reqKey);
    if (MUTANT(kCrashOnHandoff)) {
      volatile int* volatile nowhere = nullptr;  // volatile: the compiler cannot drop it
      *nowhere = 1;
    }
    req.Send(connRequest{dc, err});
    return true;
  } else if (err.ok() && !closed) {
    if (maxIdleConnsLocked() > static_cast<int>(freeConn.size())) {
      freeConn.push_back(dc);
      if (MUTANT(kDoubleRelease)) freeConn.push_back(dc);
      TracePool("putConnDBLocked conn#", dc->id, " -> free list");
      startCleanerLocked();
      return true;
    }
    maxIdleClosed++;
  }
  return false;
}

// Go: (*DB).noteUnusedDriverStatement. ds is closed now if c is idle, else when c is next
// returned.
void DB::noteUnusedDriverStatement(const std::shared_ptr<driverConn>& c,
                                   const std::shared_ptr<driverStmt>& ds) {
  sim::LockGuard guard(mu);
  if (c->inUse) {
    c->onPut.push_back([ds] { ds->Close().IgnoreError(); });
    return;
  }
  c->Lock();
  bool fc = c->finalClosed;
  c->Unlock();
  if (!fc) ds->Close().IgnoreError();
}

}  // namespace model::sql
