// Tx::StmtContext: a transaction's copy of a statement prepared on the DB, reusing the
// driver statement if the parent already has one on the Tx's conn.
#include "model/sql/ctxutil.h"
#include "model/sql/errors.h"
#include "model/sql/stmt.h"
#include "model/sql/tx.h"

namespace model::sql {

// Go: (*Tx).StmtContext. Errors come back as a Stmt whose every operation fails with them.
std::shared_ptr<Stmt> Tx::StmtContext(const sim::Context& opCtx,
                                      const std::shared_ptr<Stmt>& stmt) {
  absl::StatusOr<GrabbedConn> grabbed = grabConn(opCtx);
  if (!grabbed.ok()) return Stmt::WithStickyErr(grabbed.status());
  struct ReleaseOnExit {
    const ReleaseFunc& release;
    ~ReleaseOnExit() { release(absl::OkStatus()); }
  } releaser{grabbed->release};
  const std::shared_ptr<driverConn>& conn = grabbed->dc;

  if (db != stmt->db) return Stmt::WithStickyErr(ErrStmtFromOtherDB());
  std::shared_ptr<driver::Stmt> si;
  std::shared_ptr<Stmt> parentStmt;
  stmt->mu.Lock();
  if (stmt->closed || stmt->hasCg) {
    // Closed, or bound to another Tx or Conn: prepare afresh on this conn.
    stmt->mu.Unlock();
    absl::StatusOr<std::shared_ptr<driver::Stmt>> prepared;
    withLock(*conn, [&] { prepared = ctxDriverPrepare(opCtx, *conn->ci, stmt->query); });
    if (!prepared.ok()) return Stmt::WithStickyErr(prepared.status());
    si = *prepared;
  } else {
    stmt->removeClosedStmtLocked();
    for (const connStmt& v : stmt->css) {
      if (v.dc == conn) {
        si = v.ds->si;
        break;
      }
    }
    stmt->mu.Unlock();
    if (si == nullptr) {
      absl::StatusOr<std::shared_ptr<driverStmt>> ds;
      withLock(*conn, [&] { ds = stmt->prepareOnConnLocked(opCtx, conn); });
      if (!ds.ok()) return Stmt::WithStickyErr(ds.status());
      si = (*ds)->si;
    }
    parentStmt = stmt;
  }

  auto txs = std::make_shared<Stmt>(db, stmt->query, db->nextDepId());
  txs->setCg(shared_from_this());
  txs->cgds = std::make_shared<driverStmt>(conn, si, db->nextStmtId());
  txs->cgdc = conn;
  txs->parentStmt = parentStmt;
  if (parentStmt != nullptr) db->addDep(parentStmt, txs->depId());
  sim::LockGuard guard(stmts.mu);
  stmts.v.push_back(txs);
  return txs;
}

}  // namespace model::sql
