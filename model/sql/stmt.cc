// Stmt: running a prepared statement on a pooled conn (preparing it there first if
// needed, with Go's bad-conn retries) or on its Tx's or Conn's conn, and closing it.
#include "model/sql/stmt.h"

#include "model/sql/convert.h"
#include "model/sql/ctxutil.h"
#include "model/sql/errors.h"
#include "model/sql/read_lock.h"
#include "model/sql/result.h"
#include "model/sql/rows.h"
#include "model/sql/tx.h"

namespace model::sql {

std::shared_ptr<Stmt> Stmt::WithStickyErr(absl::Status err) {
  auto s = std::make_shared<Stmt>(nullptr, std::string(), 0);
  s->stickyErr = std::move(err);
  return s;
}

void Stmt::setCg(const std::shared_ptr<stmtConnGrabber>& grabber) {
  hasCg = grabber != nullptr;
  if (std::dynamic_pointer_cast<Tx>(grabber) != nullptr) {
    cgTx = grabber;
  } else {
    cgConn = grabber;
  }
}

std::shared_ptr<stmtConnGrabber> Stmt::cg() const {
  if (cgConn != nullptr) return cgConn;
  return cgTx.lock();
}

// Go: resultFromStatement
absl::StatusOr<std::shared_ptr<Result>> resultFromStatement(const sim::Context& ctx,
                                                            const std::shared_ptr<driverStmt>& ds,
                                                            const Args& args) {
  sim::LockGuard guard(*ds);
  absl::StatusOr<std::vector<driver::NamedValue>> dargs = driverArgsConnLocked(ds.get(), args);
  if (!dargs.ok()) return dargs.status();
  absl::StatusOr<std::shared_ptr<driver::Result>> resi = ctxDriverStmtExec(ctx, *ds->si, *dargs);
  if (!resi.ok()) return resi.status();
  return std::make_shared<Result>(ds->dc(), *std::move(resi));
}

// Go: rowsiFromStatement
absl::StatusOr<std::shared_ptr<driver::Rows>> rowsiFromStatement(
    const sim::Context& ctx, const std::shared_ptr<driverStmt>& ds, const Args& args) {
  sim::LockGuard guard(*ds);
  absl::StatusOr<std::vector<driver::NamedValue>> dargs = driverArgsConnLocked(ds.get(), args);
  if (!dargs.ok()) return dargs.status();
  return ctxDriverStmtQuery(ctx, *ds->si, *dargs);
}

// Go: the retry loop shared by (*Stmt).ExecContext and (*Stmt).QueryContext: up to
// maxBadConnRetries uses with a cached or new conn, then one with a new conn, while the
// conn or the use fails with ErrBadConn. `use` runs on the conn and releases it as needed.
template <typename T, typename Use>
absl::StatusOr<T> Stmt::withConnRetries(const sim::Context& ctx, Use use) {
  ReadLockGuard closeGuard(closemu);
  connReuseStrategy strategy = connReuseStrategy::cachedOrNewConn;
  for (int i = 0; i < kMaxBadConnRetries + 1; i++) {
    if (i == kMaxBadConnRetries) strategy = connReuseStrategy::alwaysNewConn;
    absl::StatusOr<StmtOnConn> on = connStmt(ctx, strategy);
    if (!on.ok()) {
      if (driver::IsBadConn(on.status())) continue;
      return on.status();
    }
    absl::StatusOr<T> res = use(*on);
    if (!driver::IsBadConn(res.status())) return res;
  }
  return driver::ErrBadConn();
}

// Go: (*Stmt).ExecContext
absl::StatusOr<std::shared_ptr<Result>> Stmt::ExecContext(const sim::Context& ctx,
                                                          const Args& args) {
  return withConnRetries<std::shared_ptr<Result>>(ctx, [&](const StmtOnConn& on) {
    absl::StatusOr<std::shared_ptr<Result>> res = resultFromStatement(ctx, on.ds, args);
    on.releaseConn(res.status());
    return res;
  });
}

// Go: (*Stmt).QueryContext. On success the Rows owns the conn.
absl::StatusOr<std::shared_ptr<Rows>> Stmt::QueryContext(const sim::Context& ctx,
                                                         const Args& args) {
  return withConnRetries<std::shared_ptr<Rows>>(
      ctx, [&](const StmtOnConn& on) -> absl::StatusOr<std::shared_ptr<Rows>> {
        absl::StatusOr<std::shared_ptr<driver::Rows>> rowsi = rowsiFromStatement(ctx, on.ds, args);
        if (rowsi.ok()) return rowsOnConn(ctx, on, *std::move(rowsi));
        on.releaseConn(rowsi.status());
        return rowsi.status();
      });
}

// Go: the success branch of (*Stmt).QueryContext. The Rows depends on this Stmt until it
// releases its conn.
absl::StatusOr<std::shared_ptr<Rows>> Stmt::rowsOnConn(const sim::Context& ctx,
                                                       const StmtOnConn& on,
                                                       std::shared_ptr<driver::Rows> rowsi) {
  auto rows = std::make_shared<Rows>(db, on.dc, nullptr, std::move(rowsi), db->nextDepId());
  auto self = shared_from_this();
  db->addDep(self, rows->depKey);  // before initContextClose, which may remove it
  rows->releaseConn = [self, release = on.releaseConn, key = rows->depKey](
                          const absl::Status& err) {
    release(err);
    self->db->removeDep(self, key).IgnoreError();
  };
  std::optional<sim::Context> txctx;
  if (std::shared_ptr<stmtConnGrabber> grabber = cg()) txctx = grabber->txCtx();
  rows->initContextClose(ctx, txctx);
  return rows;
}

// Go: (*Stmt).QueryRowContext
std::shared_ptr<Row> Stmt::QueryRowContext(const sim::Context& ctx, const Args& args) {
  absl::StatusOr<std::shared_ptr<Rows>> rows = QueryContext(ctx, args);
  if (!rows.ok()) return std::make_shared<Row>(nullptr, rows.status());
  return std::make_shared<Row>(*std::move(rows), absl::OkStatus());
}

}  // namespace model::sql
