// The ctxutil.go helpers; see ctxutil.h.
#include "model/sql/ctxutil.h"

#include "model/sql/errors.h"
#include "sim/go.h"

namespace model::sql {

bool contextDoneNow(const sim::Context& ctx) {
  sim::Select sel;
  sel.Recv(ctx.Done());
  sel.Default();
  return sel.Wait() == 0;
}

namespace {

template <typename T>
T* As(auto& object) {
  return dynamic_cast<T*>(&object);
}

}  // namespace

// Go: ctxDriverPrepare
absl::StatusOr<std::shared_ptr<driver::Stmt>> ctxDriverPrepare(const sim::Context& ctx,
                                                               driver::Conn& ci,
                                                               const std::string& query) {
  if (auto* ciCtx = As<driver::ConnPrepareContext>(ci)) return ciCtx->PrepareContext(ctx, query);
  absl::StatusOr<std::shared_ptr<driver::Stmt>> si = ci.Prepare(query);
  if (si.ok() && contextDoneNow(ctx)) {
    (*si)->Close().IgnoreError();
    return ctx.Err();
  }
  return si;
}

// Go: ctxDriverExec (its context-free Execer branch has no counterpart here).
absl::StatusOr<std::shared_ptr<driver::Result>> ctxDriverExec(
    const sim::Context& ctx, driver::ExecerContext& execerCtx, const std::string& query,
    const std::vector<driver::NamedValue>& nvdargs) {
  return execerCtx.ExecContext(ctx, query, nvdargs);
}

// Go: ctxDriverQuery (its context-free Queryer branch has no counterpart here).
absl::StatusOr<std::shared_ptr<driver::Rows>> ctxDriverQuery(
    const sim::Context& ctx, driver::QueryerContext& queryerCtx, const std::string& query,
    const std::vector<driver::NamedValue>& nvdargs) {
  return queryerCtx.QueryContext(ctx, query, nvdargs);
}

// Go: ctxDriverStmtExec
absl::StatusOr<std::shared_ptr<driver::Result>> ctxDriverStmtExec(
    const sim::Context& ctx, driver::Stmt& si, const std::vector<driver::NamedValue>& nvdargs) {
  if (auto* siCtx = As<driver::StmtExecContext>(si)) return siCtx->ExecContext(ctx, nvdargs);
  absl::StatusOr<std::vector<driver::Value>> dargs = namedValueToValue(nvdargs);
  if (!dargs.ok()) return dargs.status();
  if (contextDoneNow(ctx)) return ctx.Err();
  return si.Exec(*dargs);
}

// Go: ctxDriverStmtQuery
absl::StatusOr<std::shared_ptr<driver::Rows>> ctxDriverStmtQuery(
    const sim::Context& ctx, driver::Stmt& si, const std::vector<driver::NamedValue>& nvdargs) {
  if (auto* siCtx = As<driver::StmtQueryContext>(si)) return siCtx->QueryContext(ctx, nvdargs);
  absl::StatusOr<std::vector<driver::Value>> dargs = namedValueToValue(nvdargs);
  if (!dargs.ok()) return dargs.status();
  if (contextDoneNow(ctx)) return ctx.Err();
  return si.Query(*dargs);
}

// Go: ctxDriverBegin
absl::StatusOr<std::shared_ptr<driver::Tx>> ctxDriverBegin(const sim::Context& ctx,
                                                           const TxOptions* opts,
                                                           driver::Conn& ci) {
  if (auto* ciCtx = As<driver::ConnBeginTx>(ci)) {
    driver::TxOptions dopts;
    if (opts != nullptr) {
      dopts.isolation = static_cast<driver::IsolationLevel>(opts->Isolation);
      dopts.read_only = opts->ReadOnly;
    }
    return ciCtx->BeginTx(ctx, dopts);
  }
  if (opts != nullptr) {
    if (opts->Isolation != IsolationLevel::LevelDefault) return ErrIsolationUnsupported();
    if (opts->ReadOnly) return ErrReadOnlyUnsupported();
  }
  if (ctx.Done().IsNil()) return ci.Begin();
  absl::StatusOr<std::shared_ptr<driver::Tx>> txi = ci.Begin();
  if (txi.ok() && contextDoneNow(ctx)) {
    (*txi)->Rollback().IgnoreError();
    return ctx.Err();
  }
  return txi;
}

// Go: namedValueToValue
absl::StatusOr<std::vector<driver::Value>> namedValueToValue(
    const std::vector<driver::NamedValue>& named) {
  std::vector<driver::Value> dargs;
  dargs.reserve(named.size());
  for (const driver::NamedValue& param : named) {
    if (!param.name.empty()) return ErrNamedParamsUnsupported();
    dargs.push_back(param.value);
  }
  return dargs;
}

}  // namespace model::sql
