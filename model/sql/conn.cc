// Conn: operations on the one conn a Conn holds, and Close, which waits for running
// operations (closemu) before giving the conn back to the pool.
#include "model/sql/conn.h"

#include "model/sql/errors.h"
#include "model/sql/pool_trace.h"
#include "model/sql/rows.h"
#include "model/sql/stmt.h"
#include "model/sql/tx.h"

namespace model::sql {

// Go: (*Conn).grabConn. The context is not used.
absl::StatusOr<GrabbedConn> Conn::grabConn(const sim::Context&) {
  if (done.Load() != 0) return ErrConnDone();
  closemu.RLock();
  // Go returns c.dc as it is now; if close won the race for closemu it is nil and the
  // caller's first use of it panics. Panic here, naming the cause.
  if (dc == nullptr) sim::Panic("runtime error: invalid memory address or nil pointer dereference"
                                " (sql.Conn used after a concurrent Close)");
  auto self = shared_from_this();
  return GrabbedConn{dc,
                     [self](const absl::Status& err) { self->closemuRUnlockCondReleaseConn(err); }};
}

// Go: (*Conn).PingContext
absl::Status Conn::PingContext(const sim::Context& ctx) {
  absl::StatusOr<GrabbedConn> g = grabConn(ctx);
  if (!g.ok()) return g.status();
  return db->pingDC(ctx, g->dc, g->release);
}

// Go: (*Conn).ExecContext
absl::StatusOr<std::shared_ptr<Result>> Conn::ExecContext(const sim::Context& ctx,
                                                          const std::string& query,
                                                          const Args& args) {
  absl::StatusOr<GrabbedConn> g = grabConn(ctx);
  if (!g.ok()) return g.status();
  return db->execDC(ctx, g->dc, g->release, query, args);
}

// Go: (*Conn).QueryContext
absl::StatusOr<std::shared_ptr<Rows>> Conn::QueryContext(const sim::Context& ctx,
                                                         const std::string& query,
                                                         const Args& args) {
  absl::StatusOr<GrabbedConn> g = grabConn(ctx);
  if (!g.ok()) return g.status();
  return db->queryDC(ctx, std::nullopt, g->dc, g->release, query, args);
}

// Go: (*Conn).QueryRowContext
std::shared_ptr<Row> Conn::QueryRowContext(const sim::Context& ctx, const std::string& query,
                                           const Args& args) {
  absl::StatusOr<std::shared_ptr<Rows>> rows = QueryContext(ctx, query, args);
  if (!rows.ok()) return std::make_shared<Row>(nullptr, rows.status());
  return std::make_shared<Row>(*std::move(rows), absl::OkStatus());
}

// Go: (*Conn).PrepareContext. The statement is bound to this Conn.
absl::StatusOr<std::shared_ptr<Stmt>> Conn::PrepareContext(const sim::Context& ctx,
                                                           const std::string& query) {
  absl::StatusOr<GrabbedConn> g = grabConn(ctx);
  if (!g.ok()) return g.status();
  return db->prepareDC(ctx, g->dc, g->release, shared_from_this(), query);
}

// Go: (*Conn).Raw
absl::Status Conn::Raw(const std::function<absl::Status(driver::Conn&)>& f) {
  absl::StatusOr<GrabbedConn> g = grabConn(sim::Context::Background());
  if (!g.ok()) return g.status();
  absl::Status err;
  {
    sim::LockGuard guard(*g->dc);
    err = f(*g->dc->ci);
  }
  g->release(err);
  return err;
}

// Go: (*Conn).BeginTx
absl::StatusOr<std::shared_ptr<Tx>> Conn::BeginTx(const sim::Context& ctx,
                                                  const TxOptions* opts) {
  absl::StatusOr<GrabbedConn> g = grabConn(ctx);
  if (!g.ok()) return g.status();
  return db->beginDC(ctx, g->dc, g->release, opts);
}

// Go: (*Conn).closemuRUnlockCondReleaseConn. A bad conn ends the Conn.
void Conn::closemuRUnlockCondReleaseConn(const absl::Status& err) {
  if (driver::IsBadConn(err)) badConnVerdictDelivered = true;  // bookkeeping, see conn.h
  closemu.RUnlock();
  if (driver::IsBadConn(err)) close(err).IgnoreError();
}

// Go: (*Conn).close
absl::Status Conn::close(const absl::Status& err) {
  if (!done.CompareAndSwap(0, 1)) return ErrConnDone();
  sim::LockGuard guard(closemu);  // wait for running operations
  if (badConnVerdictDelivered && !driver::IsBadConn(err)) noteBadConnVerdictDropped();
  dc->releaseConn(err);
  dc = nullptr;
  db = nullptr;
  return err;
}

// Not in Go: marks the conn whose bad-conn verdict this close drops (see conn.h).
void Conn::noteBadConnVerdictDropped() {
  dc->badConnVerdictDropped = true;
  TracePool("Conn.close conn#", dc->id, ": releases it with no error, dropping the ErrBadConn "
            "verdict of an operation that ended while Close waited");
}

// Go: (*Conn).Close
absl::Status Conn::Close() { return close(absl::OkStatus()); }

}  // namespace model::sql
