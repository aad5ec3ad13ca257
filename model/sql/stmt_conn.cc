// Stmt's conn handling: finding a conn for a use (connStmt), preparing the statement on
// it, forgetting conns that have closed, and closing the statement.
#include "model/sql/db.h"
#include "model/sql/errors.h"
#include "model/sql/stmt.h"

namespace model::sql {

Mutation Stmt::MutationInScope() const { return db->opts.mutation; }

// Go: (*Stmt).removeClosedStmtLocked. Only when enough conns have closed since the last
// sweep, to keep db.mu uncontended.
void Stmt::removeClosedStmtLocked() {
  size_t t = css.size() / 2 + 1;
  if (t > 10) t = 10;
  uint64_t dbClosed = db->numClosed.Load();
  if (dbClosed - lastNumClosed < t) return;
  {
    sim::LockGuard guard(db->mu);
    for (size_t i = 0; i < css.size();) {
      if (css[i].dc->dbmuClosed) {
        css[i] = css.back();
        css.pop_back();
        continue;
      }
      i++;
    }
  }
  lastNumClosed = dbClosed;
}

// Go: (*Stmt).connStmt. A conn for one use of the statement, the function releasing it,
// and the statement prepared on it.
absl::StatusOr<StmtOnConn> Stmt::connStmt(const sim::Context& ctx, connReuseStrategy strategy) {
  if (!stickyErr.ok()) return stickyErr;
  mu.Lock();
  if (closed) {
    mu.Unlock();
    return ErrStmtClosed();
  }
  if (hasCg) {  // bound to a Tx or Conn: always its conn
    mu.Unlock();
    std::shared_ptr<stmtConnGrabber> grabber = cg();
    if (grabber == nullptr) return ErrTxDone();  // the Tx is gone, so it was done
    absl::StatusOr<GrabbedConn> grabbed = grabber->grabConn(ctx);  // may wait for the conn
    if (!grabbed.ok()) return grabbed.status();
    return StmtOnConn{grabbed->dc, grabbed->release, cgds};
  }
  removeClosedStmtLocked();
  mu.Unlock();

  absl::StatusOr<std::shared_ptr<driverConn>> dc = db->conn(ctx, strategy);
  if (!dc.ok()) return dc.status();
  std::shared_ptr<driverConn> conn = *dc;
  ReleaseFunc release = [conn](const absl::Status& err) { conn->releaseConn(err); };
  mu.Lock();
  for (const struct connStmt& v : css) {
    if (v.dc == conn || MUTANT(kStmtOnOtherConn)) {
      mu.Unlock();
      return StmtOnConn{conn, release, v.ds};
    }
  }
  mu.Unlock();

  absl::StatusOr<std::shared_ptr<driverStmt>> ds;
  withLock(*conn, [&] { ds = prepareOnConnLocked(ctx, conn); });
  if (!ds.ok()) {
    conn->releaseConn(ds.status());
    return ds.status();
  }
  return StmtOnConn{conn, release, *ds};
}

// Go: (*Stmt).prepareOnConnLocked. dc's lock is held.
absl::StatusOr<std::shared_ptr<driverStmt>> Stmt::prepareOnConnLocked(
    const sim::Context& ctx, const std::shared_ptr<driverConn>& dc) {
  absl::StatusOr<std::shared_ptr<driverStmt>> si = dc->prepareLocked(ctx, cg().get(), query);
  if (!si.ok()) return si.status();
  sim::LockGuard guard(mu);
  css.push_back(model::sql::connStmt{dc, *si});
  return *si;
}

// Go: (*Stmt).Close
absl::Status Stmt::Close() {
  sim::LockGuard closeGuard(closemu);
  if (!stickyErr.ok()) return stickyErr;
  std::shared_ptr<driverStmt> txds;
  {
    sim::LockGuard guard(mu);
    if (closed) return absl::OkStatus();
    closed = true;
    txds = std::move(cgds);
    cgds = nullptr;
  }
  if (!hasCg) return db->removeDep(shared_from_this(), depId());
  if (parentStmt != nullptr) {
    // txds is also in parentStmt's css; the parent closes it.
    return db->removeDep(parentStmt, depId());
  }
  return txds->Close();
}

// Go: (*Stmt).finalClose. Each conn's copy of the statement is closed now if the conn is
// idle, or when it is next returned.
absl::Status Stmt::finalClose() {
  sim::LockGuard guard(mu);
  for (const struct connStmt& v : css) {
    db->noteUnusedDriverStatement(v.dc, v.ds);
    v.dc->removeOpenStmt(v.ds);
  }
  css.clear();
  return absl::OkStatus();
}

}  // namespace model::sql
