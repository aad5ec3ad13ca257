// driverConn and driverStmt: session reset and validation (every version's shape),
// statement preparation, and the two-stage close (Close, then finalClose once no
// statement depends on the conn).
#include "model/sql/driver_conn.h"

#include "model/sql/ctxutil.h"
#include "model/sql/db.h"
#include "model/sql/errors.h"
#include "model/sql/map_order.h"
#include "model/sql/pool_trace.h"

namespace model::sql {

driverConn::driverConn(const std::shared_ptr<DB>& db, std::shared_ptr<driver::Conn> ci,
                       uint64_t id, DepId dep_id)
    : dbWeak(db), id(id), ci(ci), ciForInspect(ci), dep_id_(dep_id) {}

driverConn::~driverConn() {
  if (std::shared_ptr<DB> d = dbWeak.lock()) {
    d->liveConns.erase(id);
    if (held) d->heldConns.Remove(heldBy, id);
  }
}

std::shared_ptr<DB> driverConn::db() const {
  std::shared_ptr<DB> d = dbWeak.lock();
  if (d == nullptr) sim::Panic("model/sql: a driverConn outlived its DB (a holder lacks the DB)");
  return d;
}

std::shared_ptr<driverConn> driverStmt::dc() const {
  std::shared_ptr<driverConn> c = dcWeak.lock();
  if (c == nullptr) sim::Panic("model/sql: a driverStmt outlived its conn (a holder lacks the conn)");
  return c;
}

Mutation driverConn::MutationInScope() const { return db()->opts.mutation; }
const PoolFeatures& driverConn::features() const { return db()->features(); }

// Go: (*driverConn).releaseConn
void driverConn::releaseConn(const absl::Status& err) {
  db()->putConn(shared_from_this(), err, true);
}

// Go: (*driverConn).removeOpenStmt
void driverConn::removeOpenStmt(const std::shared_ptr<driverStmt>& ds) {
  sim::LockGuard guard(*this);
  openStmt.erase(ds->id);
}

// Go: (*driverConn).expired
bool driverConn::expired(sim::Duration timeout) const {
  if (timeout <= sim::Duration::Zero()) return false;
  return createdAt.Add(timeout).Before(sim::Now());
}

// Go (971f8a2): (*driverConn).resetSession
absl::Status driverConn::resetSession(const sim::Context& ctx) {
  sim::LockGuard guard(*this);
  if (!needReset) return absl::OkStatus();
  if (auto cr = std::dynamic_pointer_cast<driver::SessionResetter>(ci)) {
    TracePool("resetSession conn#", id);
    return cr->ResetSession(ctx);
  }
  return absl::OkStatus();
}

// Go (0eeec4f25dc6): (*driverConn).resetSession. The caller (connectionResetter) received
// the conn locked by putConn; this unlocks it.
void driverConn::resetSessionOnResetter(const sim::Context& ctx) {
  struct UnlockOnExit {
    driverConn& dc;
    ~UnlockOnExit() { dc.Unlock(); }
  } unlock{*this};
  if (closed) return;  // the database has been closed
  auto cr = std::dynamic_pointer_cast<driver::SessionResetter>(ci);
  lastErr = cr->ResetSession(ctx);
  TracePool("connectionResetter reset conn#", id, ": ", lastErr.ToString());
}

// Go (971f8a2): (*driverConn).validateConnection
bool driverConn::validateConnection(bool needsReset) {
  sim::LockGuard guard(*this);
  if (needsReset) needReset = true;
  if (!features().has_connection_validator) return true;
  if (auto cv = std::dynamic_pointer_cast<driver::ConnectionValidator>(ci)) {
    return cv->ValidConnection();
  }
  return true;
}

// Go: (*driverConn).prepareLocked. With cg == nullptr the statement is tracked in
// openStmt, so finalClose can close it before the conn.
absl::StatusOr<std::shared_ptr<driverStmt>> driverConn::prepareLocked(
    const sim::Context& ctx, const stmtConnGrabber* cg, const std::string& query) {
  absl::StatusOr<std::shared_ptr<driver::Stmt>> si = ctxDriverPrepare(ctx, *ci, query);
  if (!si.ok()) return si.status();
  auto ds = std::make_shared<driverStmt>(shared_from_this(), *std::move(si), db()->nextStmtId());
  if (cg != nullptr) return ds;
  openStmt[ds->id] = ds;
  return ds;
}

// Go: (*driverConn).closeDBLocked. db.mu is held.
std::function<absl::Status()> driverConn::closeDBLocked() {
  sim::LockGuard guard(*this);
  if (closed) {
    return [] { return ErrDuplicateConnClose(); };
  }
  closed = true;
  return db()->removeDepLocked(shared_from_this(), depId());
}

// Go: (*driverConn).Close
absl::Status driverConn::Close() {
  Lock();
  if (closed) {
    Unlock();
    return ErrDuplicateConnClose();
  }
  closed = true;
  Unlock();  // not deferred: finalClose, run by removeDep, locks again

  std::shared_ptr<DB> db = this->db();
  std::function<absl::Status()> fn;
  {
    sim::LockGuard guard(db->mu);
    dbmuClosed = true;
    fn = db->removeDepLocked(shared_from_this(), depId());
  }
  return fn();
}

// Go: (*driverConn).finalClose
absl::Status driverConn::finalClose() {
  std::vector<std::shared_ptr<driverStmt>> stmts;
  withLock(*this, [&] {
    for (auto& [stmt_id, ds] : openStmt) stmts.push_back(ds);
    openStmt.clear();
  });
  InMapOrder(stmts, "finalClose: openStmt order");
  for (auto& ds : stmts) ds->Close().IgnoreError();
  absl::Status err;
  withLock(*this, [&] {
    finalClosed = true;
    err = ci->Close();
    ci = nullptr;
  });
  TracePool("finalClose conn#", id, ": driver Close ", err.ToString());
  std::shared_ptr<DB> db = this->db();
  {
    sim::LockGuard guard(db->mu);
    db->numOpen--;
    openSlotReleased = true;
    db->maybeOpenNewConnections();
  }
  db->numClosed.AddIgnoringResult(1);
  return err;
}

// Go: (*driverStmt).Close. The driver statement is closed once; later calls return the
// first result.
absl::Status driverStmt::Close() {
  sim::LockGuard guard(*this);
  if (closed) return closeErr;
  closed = true;
  closeErr = si->Close();
  return closeErr;
}

}  // namespace model::sql
