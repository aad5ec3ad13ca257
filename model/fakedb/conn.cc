// The fake driver's connection calls (see conn.h).
#include "model/fakedb/conn.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "model/fakedb/execute.h"
#include "model/fakedb/stmt.h"
#include "model/fakedb/tx.h"

namespace model::fakedb {

FakeConn::FakeConn(std::shared_ptr<DriverState> state, ConnId id)
    : state_(std::move(state)), id_(id) {}

CallSite FakeConn::Site(CallKind kind, const sim::Context* ctx, absl::string_view detail) const {
  return CallSite{.kind = kind, .conn = id_, .object = 0, .object_closed = false,
                  .detail = detail, .ctx = ctx};
}

// Conn-level Exec and Query: ErrSkip when the options ask for Go's behaviour, else the
// parsed query.
absl::StatusOr<ParsedQuery> FakeConn::ParseForExecer(const std::string& query) const {
  if (state_->options().execer_returns_skip) return driver::ErrSkip();
  return ParseQuery(query);
}

absl::StatusOr<std::shared_ptr<driver::Stmt>> FakeConn::Prepare(const std::string& query) {
  return PrepareContext(sim::Context::Background(), query);
}

absl::StatusOr<std::shared_ptr<driver::Tx>> FakeConn::Begin() {
  return BeginTx(sim::Context::Background(), driver::TxOptions{});
}

absl::Status FakeConn::Close() {
  return state_->Run<absl::Status>(Site(CallKind::kClose, nullptr),
                                   [] { return absl::OkStatus(); });
}

absl::StatusOr<std::shared_ptr<driver::Stmt>> FakeConn::PrepareContext(const sim::Context& ctx,
                                                                       const std::string& query) {
  using R = absl::StatusOr<std::shared_ptr<driver::Stmt>>;
  return state_->Run<R>(Site(CallKind::kPrepare, &ctx, query), [&]() -> R {
    absl::StatusOr<ParsedQuery> parsed = ParseQuery(query);
    if (!parsed.ok()) return parsed.status();
    ++state_->conn(id_).open_stmts;
    return std::make_shared<FakeStmt>(state_, id_, state_->NextStmtId(), query,
                                      *std::move(parsed));
  });
}

absl::StatusOr<std::shared_ptr<driver::Tx>> FakeConn::BeginTx(const sim::Context& ctx,
                                                              const driver::TxOptions& opts) {
  using R = absl::StatusOr<std::shared_ptr<driver::Tx>>;
  return state_->Run<R>(Site(CallKind::kBegin, &ctx), [&]() -> R {
    ConnSummary& conn = state_->conn(id_);
    if (conn.open_tx != 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("fakedb: conn ", id_, " already in tx ", conn.open_tx));
    }
    conn.open_tx = state_->NextTxId();
    return std::make_shared<FakeTx>(state_, id_, conn.open_tx, ctx);
  });
}

absl::StatusOr<std::shared_ptr<driver::Result>> FakeConn::ExecContext(
    const sim::Context& ctx, const std::string& query,
    const std::vector<driver::NamedValue>& args) {
  using R = absl::StatusOr<std::shared_ptr<driver::Result>>;
  return state_->Run<R>(Site(CallKind::kExec, &ctx, query), [&]() -> R {
    absl::StatusOr<ParsedQuery> parsed = ParseForExecer(query);
    return parsed.ok() ? ExecParsed(*state_, *parsed, args) : R(parsed.status());
  });
}

absl::StatusOr<std::shared_ptr<driver::Rows>> FakeConn::QueryContext(
    const sim::Context& ctx, const std::string& query,
    const std::vector<driver::NamedValue>& args) {
  using R = absl::StatusOr<std::shared_ptr<driver::Rows>>;
  return state_->Run<R>(Site(CallKind::kQuery, &ctx, query), [&]() -> R {
    absl::StatusOr<ParsedQuery> parsed = ParseForExecer(query);
    return parsed.ok() ? QueryParsed(state_, id_, ctx, *parsed, args) : R(parsed.status());
  });
}

absl::Status FakeConn::Ping(const sim::Context& ctx) {
  return state_->Run<absl::Status>(Site(CallKind::kPing, &ctx), [] { return absl::OkStatus(); });
}

absl::Status FakeConn::ResetSessionCall(const sim::Context& ctx) {
  return state_->Run<absl::Status>(Site(CallKind::kResetSession, &ctx),
                                   [] { return absl::OkStatus(); });
}

bool FakeConn::ValidConnectionCall() {
  return state_->Run<absl::Status>(Site(CallKind::kValidConnection, nullptr),
                                   [] { return absl::OkStatus(); })
      .ok();
}

}  // namespace model::fakedb
