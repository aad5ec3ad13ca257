// Go's ctxutil.go: calling a driver with a context, falling back to the context-free
// driver method (and checking the context around it) when the driver lacks the Context
// variant. The driver interfaces here have no context-free Execer/Queryer, so the Exec and
// Query helpers take only the Context variant.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "model/driver/driver.h"
#include "model/sql/tx_options.h"
#include "sim/context.h"

namespace model::sql {

// Go's `select { default: case <-ctx.Done(): }`: whether ctx is done, without blocking.
bool contextDoneNow(const sim::Context& ctx);

absl::StatusOr<std::shared_ptr<driver::Stmt>> ctxDriverPrepare(const sim::Context& ctx,
                                                               driver::Conn& ci,
                                                               const std::string& query);
absl::StatusOr<std::shared_ptr<driver::Result>> ctxDriverExec(
    const sim::Context& ctx, driver::ExecerContext& execerCtx, const std::string& query,
    const std::vector<driver::NamedValue>& nvdargs);
absl::StatusOr<std::shared_ptr<driver::Rows>> ctxDriverQuery(
    const sim::Context& ctx, driver::QueryerContext& queryerCtx, const std::string& query,
    const std::vector<driver::NamedValue>& nvdargs);
absl::StatusOr<std::shared_ptr<driver::Result>> ctxDriverStmtExec(
    const sim::Context& ctx, driver::Stmt& si, const std::vector<driver::NamedValue>& nvdargs);
absl::StatusOr<std::shared_ptr<driver::Rows>> ctxDriverStmtQuery(
    const sim::Context& ctx, driver::Stmt& si, const std::vector<driver::NamedValue>& nvdargs);
absl::StatusOr<std::shared_ptr<driver::Tx>> ctxDriverBegin(const sim::Context& ctx,
                                                           const TxOptions* opts,
                                                           driver::Conn& ci);
absl::StatusOr<std::vector<driver::Value>> namedValueToValue(
    const std::vector<driver::NamedValue>& named);

}  // namespace model::sql
