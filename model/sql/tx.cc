// Tx: ending a transaction (Commit, Rollback, and the rollback awaitDone does when the
// context is done), lending its conn to statements, and running statements on it.
#include "model/sql/tx.h"

#include "model/sql/ctxutil.h"
#include "model/sql/errors.h"
#include "model/sql/pool_trace.h"
#include "model/sql/rows.h"
#include "model/sql/stmt.h"

namespace model::sql {

// Go: (*Tx).awaitDone. Once the context is done (cancelled by the caller, or by close
// after Commit/Rollback), roll back unless the Tx already ended, discarding the conn
// unless keepConnOnRollback (keeps_conn_on_rollback) says its session can be reset.
void Tx::awaitDone() {
  ctx.Done().Recv();
  if (MUTANT(kNoTxRollbackOnCancel)) return;
  const bool discardConnection = !keepConnOnRollback;
  rollback(discardConnection).IgnoreError();
}

// Go: (*Tx).isDone
bool Tx::isDone() { return done.Load() != 0; }

// Go: (*Tx).close. Only Commit and rollback call it. Before tx_quiesces_before_end it
// also cancels the Tx and waits for closemu, after the driver call (golang/go#34775).
void Tx::close(const absl::Status& err) {
  const bool quiescedBefore = db->features().tx_quiesces_before_end;
  if (!quiescedBefore) {
    cancel();
    closemu.Lock();
  }
  releaseConn(err);
  dc = nullptr;
  txi = nullptr;
  if (!quiescedBefore) closemu.Unlock();
}

// Go 1.19: the part of (*Tx).Commit and (*Tx).rollback after done becomes 1 and before
// the driver call: cancel the Tx (releasing statements' read locks of closemu) and wait
// until no statement of the Tx is running.
void Tx::quiesceBeforeEnd() {
  if (!db->features().tx_quiesces_before_end) return;
  cancel();
  closemu.Lock();
  closemu.Unlock();
}

// Go: (*Tx).grabConn
absl::StatusOr<GrabbedConn> Tx::grabConn(const sim::Context& opCtx) {
  if (contextDoneNow(opCtx)) return opCtx.Err();
  // RLock before the isDone check, so the Tx cannot close while a query runs.
  closemu.RLock();
  if (isDone()) {
    closemu.RUnlock();
    return ErrTxDone();
  }
  if (db->opts.hooks.tx_grab_conn) db->opts.hooks.tx_grab_conn();
  auto self = shared_from_this();
  return GrabbedConn{dc, [self](const absl::Status& err) { self->closemuRUnlockRelease(err); }};
}

// Go: (*Tx).closemuRUnlockRelease. The conn stays with the Tx; only closemu is released.
void Tx::closemuRUnlockRelease(const absl::Status&) { closemu.RUnlock(); }

// Go: (*Tx).closePrepared
void Tx::closePrepared() {
  sim::LockGuard guard(stmts.mu);
  for (auto& stmt : stmts.v) stmt->Close().IgnoreError();
}

// Go: (*Tx).Commit. The context is checked first, so a cancelled Tx is never committed.
absl::Status Tx::Commit() {
  if (contextDoneNow(ctx)) {
    if (done.Load() == 1) return ErrTxDone();
    return ctx.Err();
  }
  if (!done.CompareAndSwap(0, 1)) return ErrTxDone();
  quiesceBeforeEnd();
  absl::Status err;
  withLock(*dc, [&] { err = txi->Commit(); });
  TracePool("Tx.Commit on conn#", dc->id, ": ", err.ToString());
  if (!driver::IsBadConn(err)) closePrepared();
  close(err);
  return err;
}

// Go: (*Tx).rollback. discardConn makes the pool close the conn instead of reusing it.
absl::Status Tx::rollback(bool discardConn) {
  if (!done.CompareAndSwap(0, 1)) return ErrTxDone();
  quiesceBeforeEnd();
  absl::Status err;
  if (MUTANT(kUnlockedDriverCall)) {
    err = txi->Rollback();
  } else {
    withLock(*dc, [&] { err = txi->Rollback(); });
  }
  TracePool("Tx.rollback on conn#", dc->id, discardConn ? " (context done)" : "", ": ",
            err.ToString());
  if (!driver::IsBadConn(err)) closePrepared();
  if (discardConn) err = driver::ErrBadConn();
  close(err);
  return err;
}

// Go: (*Tx).Rollback
absl::Status Tx::Rollback() { return rollback(false); }

// Go: (*Tx).PrepareContext. The statement is closed when the Tx ends.
absl::StatusOr<std::shared_ptr<Stmt>> Tx::PrepareContext(const sim::Context& opCtx,
                                                         const std::string& query) {
  absl::StatusOr<GrabbedConn> grabbed = grabConn(opCtx);
  if (!grabbed.ok()) return grabbed.status();
  absl::StatusOr<std::shared_ptr<Stmt>> stmt =
      db->prepareDC(opCtx, grabbed->dc, grabbed->release, shared_from_this(), query);
  if (!stmt.ok()) return stmt.status();
  sim::LockGuard guard(stmts.mu);
  stmts.v.push_back(*stmt);
  return stmt;
}

// Go: (*Tx).ExecContext
absl::StatusOr<std::shared_ptr<Result>> Tx::ExecContext(const sim::Context& opCtx,
                                                        const std::string& query,
                                                        const Args& args) {
  absl::StatusOr<GrabbedConn> grabbed = grabConn(opCtx);
  if (!grabbed.ok()) return grabbed.status();
  return db->execDC(opCtx, grabbed->dc, grabbed->release, query, args);
}

// Go: (*Tx).QueryContext. The Rows also closes when the Tx's context is done.
absl::StatusOr<std::shared_ptr<Rows>> Tx::QueryContext(const sim::Context& opCtx,
                                                       const std::string& query,
                                                       const Args& args) {
  absl::StatusOr<GrabbedConn> grabbed = grabConn(opCtx);
  if (!grabbed.ok()) return grabbed.status();
  return db->queryDC(opCtx, ctx, grabbed->dc, grabbed->release, query, args);
}

// Go: (*Tx).QueryRowContext
std::shared_ptr<Row> Tx::QueryRowContext(const sim::Context& opCtx, const std::string& query,
                                         const Args& args) {
  absl::StatusOr<std::shared_ptr<Rows>> rows = QueryContext(opCtx, query, args);
  if (!rows.ok()) return std::make_shared<Row>(nullptr, rows.status());
  return std::make_shared<Row>(*std::move(rows), absl::OkStatus());
}

}  // namespace model::sql
