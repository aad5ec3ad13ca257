// The DB's exported operations that borrow a pooled conn: PingContext, PrepareContext,
// ExecContext, QueryContext, QueryRowContext, BeginTx and Conn, each with Go's bad-conn
// retries around a *DC function that runs on the conn and releases it.
#include "model/sql/conn.h"
#include "model/sql/convert.h"
#include "model/sql/ctxutil.h"
#include "model/sql/db.h"
#include "model/sql/result.h"
#include "model/sql/retry.h"
#include "model/sql/rows.h"
#include "model/sql/stmt.h"
#include "model/sql/tx.h"

namespace model::sql {

// Go: (*DB).pingDC
absl::Status DB::pingDC(const sim::Context& ctx, const std::shared_ptr<driverConn>& dc,
                        const ReleaseFunc& release) {
  absl::Status err;
  if (auto pinger = std::dynamic_pointer_cast<driver::Pinger>(dc->ci)) {
    withLock(*dc, [&] { err = pinger->Ping(ctx); });
  }
  release(err);
  return err;
}

// Go: (*DB).PingContext
absl::Status DB::PingContext(const sim::Context& ctx) {
  absl::StatusOr<std::shared_ptr<driverConn>> dc =
      retryBadConn([&](connReuseStrategy s) { return conn(ctx, s); });
  if (!dc.ok()) return dc.status();
  return pingDC(ctx, *dc, [dc = *dc](const absl::Status& err) { dc->releaseConn(err); });
}

// Go: (*DB).PrepareContext
absl::StatusOr<std::shared_ptr<Stmt>> DB::PrepareContext(const sim::Context& ctx,
                                                         const std::string& query) {
  return retryBadConn([&](connReuseStrategy s) { return prepare(ctx, query, s); });
}

// Go: (*DB).prepare
absl::StatusOr<std::shared_ptr<Stmt>> DB::prepare(const sim::Context& ctx,
                                                  const std::string& query,
                                                  connReuseStrategy strategy) {
  absl::StatusOr<std::shared_ptr<driverConn>> dc = conn(ctx, strategy);
  if (!dc.ok()) return dc.status();
  return prepareDC(ctx, *dc, [dc = *dc](const absl::Status& err) { dc->releaseConn(err); },
                   nullptr, query);
}

// Go: (*DB).prepareDC. With cg == nullptr the Stmt follows the pool (css, a dep on the
// DB); otherwise it is bound to cg's conn.
absl::StatusOr<std::shared_ptr<Stmt>> DB::prepareDC(const sim::Context& ctx,
                                                    const std::shared_ptr<driverConn>& dc,
                                                    const ReleaseFunc& release,
                                                    std::shared_ptr<stmtConnGrabber> cg,
                                                    const std::string& query) {
  absl::StatusOr<std::shared_ptr<driverStmt>> ds;
  withLock(*dc, [&] { ds = dc->prepareLocked(ctx, cg.get(), query); });
  if (!ds.ok()) {
    release(ds.status());
    return ds.status();
  }
  auto stmt = std::make_shared<Stmt>(shared_from_this(), query, nextDepId());
  stmt->setCg(cg);
  stmt->cgds = *ds;
  stmt->cgdc = dc;
  if (cg == nullptr) {
    stmt->css.push_back(connStmt{dc, *ds});
    stmt->lastNumClosed = numClosed.Load();
    addDep(stmt, stmt->depId());
  }
  release(absl::OkStatus());
  return stmt;
}

// Go: (*DB).ExecContext
absl::StatusOr<std::shared_ptr<Result>> DB::ExecContext(const sim::Context& ctx,
                                                        const std::string& query,
                                                        const Args& args) {
  return retryBadConn([&](connReuseStrategy s) { return exec(ctx, query, args, s); });
}

// Go: (*DB).exec
absl::StatusOr<std::shared_ptr<Result>> DB::exec(const sim::Context& ctx,
                                                 const std::string& query, const Args& args,
                                                 connReuseStrategy strategy) {
  absl::StatusOr<std::shared_ptr<driverConn>> dc = conn(ctx, strategy);
  if (!dc.ok()) return dc.status();
  return execDC(ctx, *dc, [dc = *dc](const absl::Status& err) { dc->releaseConn(err); },
                query, args);
}

// Go: (*DB).execDC. Runs the query directly if the driver can, else prepares it; the
// conn is released with the outcome.
absl::StatusOr<std::shared_ptr<Result>> DB::execDC(const sim::Context& ctx,
                                                   const std::shared_ptr<driverConn>& dc,
                                                   const ReleaseFunc& release,
                                                   const std::string& query,
                                                   const Args& args) {
  auto run = [&]() -> absl::StatusOr<std::shared_ptr<Result>> {
    if (auto execerCtx = std::dynamic_pointer_cast<driver::ExecerContext>(dc->ci)) {
      absl::StatusOr<std::shared_ptr<driver::Result>> resi;
      withLock(*dc, [&] {
        absl::StatusOr<std::vector<driver::NamedValue>> nvdargs =
            driverArgsConnLocked(nullptr, args);
        resi = nvdargs.ok() ? ctxDriverExec(ctx, *execerCtx, query, *nvdargs)
                            : nvdargs.status();
      });
      if (!driver::IsSkip(resi.status())) {
        if (!resi.ok()) return resi.status();
        return std::make_shared<Result>(dc, *std::move(resi));
      }
    }
    absl::StatusOr<std::shared_ptr<driver::Stmt>> si;
    withLock(*dc, [&] { si = ctxDriverPrepare(ctx, *dc->ci, query); });
    if (!si.ok()) return si.status();
    auto ds = std::make_shared<driverStmt>(dc, *std::move(si), nextStmtId());
    absl::StatusOr<std::shared_ptr<Result>> res = resultFromStatement(ctx, ds, args);
    ds->Close().IgnoreError();
    return res;
  };
  absl::StatusOr<std::shared_ptr<Result>> res = run();
  release(res.status());
  return res;
}

// Go: (*DB).QueryContext
absl::StatusOr<std::shared_ptr<Rows>> DB::QueryContext(const sim::Context& ctx,
                                                       const std::string& query,
                                                       const Args& args) {
  return retryBadConn([&](connReuseStrategy s) { return this->query(ctx, query, args, s); });
}

// Go: (*DB).query
absl::StatusOr<std::shared_ptr<Rows>> DB::query(const sim::Context& ctx, const std::string& q,
                                                const Args& args, connReuseStrategy strategy) {
  absl::StatusOr<std::shared_ptr<driverConn>> dc = conn(ctx, strategy);
  if (!dc.ok()) return dc.status();
  return queryDC(ctx, std::nullopt, *dc,
                 [dc = *dc](const absl::Status& err) { dc->releaseConn(err); }, q, args);
}

// Go: (*DB).queryDC. On success the Rows owns the conn and releases it when closed.
absl::StatusOr<std::shared_ptr<Rows>> DB::queryDC(const sim::Context& ctx,
                                                  const std::optional<sim::Context>& txctx,
                                                  const std::shared_ptr<driverConn>& dc,
                                                  const ReleaseFunc& releaseConn,
                                                  const std::string& query, const Args& args) {
  if (auto queryerCtx = std::dynamic_pointer_cast<driver::QueryerContext>(dc->ci)) {
    absl::StatusOr<std::shared_ptr<driver::Rows>> rowsi;
    withLock(*dc, [&] {
      absl::StatusOr<std::vector<driver::NamedValue>> nvdargs =
          driverArgsConnLocked(nullptr, args);
      rowsi = nvdargs.ok() ? ctxDriverQuery(ctx, *queryerCtx, query, *nvdargs)
                           : nvdargs.status();
    });
    if (!driver::IsSkip(rowsi.status())) {
      if (!rowsi.ok()) {
        releaseConn(rowsi.status());
        return rowsi.status();
      }
      auto rows = std::make_shared<Rows>(shared_from_this(), dc, releaseConn, *std::move(rowsi),
                                         nextDepId());
      rows->initContextClose(ctx, txctx);
      return rows;
    }
  }
  absl::StatusOr<std::shared_ptr<driver::Stmt>> si;
  withLock(*dc, [&] { si = ctxDriverPrepare(ctx, *dc->ci, query); });
  if (!si.ok()) {
    releaseConn(si.status());
    return si.status();
  }
  auto ds = std::make_shared<driverStmt>(dc, *std::move(si), nextStmtId());
  absl::StatusOr<std::shared_ptr<driver::Rows>> rowsi = rowsiFromStatement(ctx, ds, args);
  if (!rowsi.ok()) {
    ds->Close().IgnoreError();
    releaseConn(rowsi.status());
    return rowsi.status();
  }
  auto rows =
      std::make_shared<Rows>(shared_from_this(), dc, releaseConn, *std::move(rowsi), nextDepId());
  rows->closeStmt = ds;
  rows->initContextClose(ctx, txctx);
  return rows;
}

// Go: (*DB).QueryRowContext
std::shared_ptr<Row> DB::QueryRowContext(const sim::Context& ctx, const std::string& query,
                                         const Args& args) {
  absl::StatusOr<std::shared_ptr<Rows>> rows = QueryContext(ctx, query, args);
  if (!rows.ok()) return std::make_shared<Row>(nullptr, rows.status());
  return std::make_shared<Row>(*std::move(rows), absl::OkStatus());
}

// Go: (*DB).Driver
std::shared_ptr<driver::Driver> DB::Driver() { return connector->GetDriver(); }

}  // namespace model::sql
