// Stmt.Exec, Stmt.Query and Stmt.Close of the fake driver.
#include "model/fakedb/stmt.h"

#include <utility>

#include "model/fakedb/execute.h"

namespace model::fakedb {

std::vector<driver::NamedValue> Named(const std::vector<driver::Value>& args) {
  std::vector<driver::NamedValue> named;
  named.reserve(args.size());
  for (size_t i = 0; i < args.size(); ++i) {
    named.push_back(driver::NamedValue{.name = "", .ordinal = static_cast<int>(i + 1),
                                       .value = args[i]});
  }
  return named;
}

FakeStmt::FakeStmt(std::shared_ptr<DriverState> state, ConnId conn, uint64_t id,
                   std::string query, ParsedQuery parsed)
    : state_(std::move(state)), conn_(conn), id_(id), query_(std::move(query)),
      parsed_(std::move(parsed)) {}

CallSite FakeStmt::Site(CallKind kind, const sim::Context* ctx) const {
  return CallSite{.kind = kind, .conn = conn_, .object = id_, .object_closed = closed_,
                  .detail = query_, .ctx = ctx};
}

absl::Status FakeStmt::Close() {
  CallSite site = Site(CallKind::kStmtClose, nullptr);
  site.detail = {};
  site.stmt_open_rows = *open_rows_;
  closed_ = true;
  if (!site.object_closed) --state_->conn(conn_).open_stmts;
  return state_->Run<absl::Status>(site, [] { return absl::OkStatus(); });
}

absl::StatusOr<std::shared_ptr<driver::Result>> FakeStmt::Exec(
    const std::vector<driver::Value>& args) {
  return ExecContext(sim::Context::Background(), Named(args));
}

absl::StatusOr<std::shared_ptr<driver::Rows>> FakeStmt::Query(
    const std::vector<driver::Value>& args) {
  return QueryContext(sim::Context::Background(), Named(args));
}

absl::StatusOr<std::shared_ptr<driver::Result>> FakeStmt::ExecContext(
    const sim::Context& ctx, const std::vector<driver::NamedValue>& args) {
  using R = absl::StatusOr<std::shared_ptr<driver::Result>>;
  return state_->Run<R>(Site(CallKind::kStmtExec, &ctx),
                        [&]() -> R { return ExecParsed(*state_, parsed_, args); });
}

absl::StatusOr<std::shared_ptr<driver::Rows>> FakeStmt::QueryContext(
    const sim::Context& ctx, const std::vector<driver::NamedValue>& args) {
  using R = absl::StatusOr<std::shared_ptr<driver::Rows>>;
  return state_->Run<R>(Site(CallKind::kStmtQuery, &ctx),
                        [&]() -> R { return QueryParsed(state_, conn_, ctx, parsed_, args, open_rows_); });
}

}  // namespace model::fakedb
