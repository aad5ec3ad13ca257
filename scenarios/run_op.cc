// Running one workload op against the pool, the way Go user code would call database/sql:
// each op under its own context (Background, WithTimeout, and/or cancelled by a helper
// goroutine after cancel_after), rows iterated then closed, transactions committed or
// rolled back, conns and statements closed; in a Tx or Conn, rows and statements may be left
// open past the block's end and used after it. The same code runs an op on a DB, a Tx or a
// Conn; an op the receiver has no method for is an InvalidArgument for that op.
#include <functional>
#include <memory>
#include <type_traits>
#include <vector>

#include "absl/strings/str_cat.h"
#include "model/fakedb/query.h"
#include "model/sql/conn.h"
#include "model/sql/errors.h"
#include "model/sql/result.h"
#include "model/sql/rows.h"
#include "model/sql/stmt.h"
#include "model/sql/tx.h"
#include "scenarios/workload_run.h"
#include "sim/go.h"

namespace scenarios {
namespace {

using model::sql::DB;

// The first error seen by an op made of several calls.
class FirstError {
 public:
  void Note(const absl::Status& s) {
    if (status_.ok() && !s.ok()) status_ = s;
  }
  bool ok() const { return status_.ok(); }
  const absl::Status& status() const { return status_; }

 private:
  absl::Status status_;
};

// An op's own context, derived from its parent: with a deadline if op.timeout > 0, and
// cancelled by an AfterFunc goroutine after op.cancel_after if that is > 0. End() stops
// the canceller and cancels the context (Go's `defer cancel()`). It is an explicit call,
// not a destructor: it is a scheduling point, and a run torn down while a goroutine sits
// at a scheduling point unwinds it with an exception, which must not leave a destructor.
class OpContext {
 public:
  OpContext(const sim::Context& parent, const Op& op) : ctx_(parent) {
    if (op.timeout > sim::Duration::Zero()) {
      auto [ctx, cancel] = sim::WithTimeout(ctx_, op.timeout);
      ctx_ = ctx;
      cancels_.push_back(cancel);
    }
    if (op.cancel_after > sim::Duration::Zero()) {
      auto [ctx, cancel] = sim::WithCancel(ctx_);
      ctx_ = ctx;
      cancels_.push_back(cancel);
      canceller_ = sim::AfterFunc(op.cancel_after, cancel);
      has_canceller_ = true;
    }
  }
  OpContext(const OpContext&) = delete;
  OpContext& operator=(const OpContext&) = delete;

  const sim::Context& ctx() const { return ctx_; }
  void End() {
    if (has_canceller_) canceller_.Stop();
    for (auto it = cancels_.rbegin(); it != cancels_.rend(); ++it) (*it)();
  }

 private:
  sim::Context ctx_;
  std::vector<sim::CancelFunc> cancels_;
  sim::Timer canceller_;
  bool has_canceller_ = false;
};

// Keeps rows, a tx, a conn or a statement open a while before it is closed.
void Hold(const Op& op) {
  if (op.duration > sim::Duration::Zero()) sim::Sleep(op.duration);
}

// Columns a fake-driver query returns: COUNT one, SELECT two (id, name).
size_t ColumnCount(const std::string& query) {
  auto parsed = model::fakedb::ParseQuery(query);
  if (parsed.ok() && parsed->kind == model::fakedb::QueryKind::kCount) return 1;
  return 2;
}

absl::Status ScanInto(size_t columns, const std::function<absl::Status(
                                          const std::vector<model::sql::ScanDest>&)>& scan) {
  std::vector<model::driver::Value> values(columns);
  std::vector<model::sql::ScanDest> dest;
  dest.reserve(columns);
  for (model::driver::Value& v : values) dest.emplace_back(&v);
  return scan(dest);
}

// What ops nested in a Tx or Conn leave open past their own end (op.leave_open): used
// and closed by the enclosing block after its Commit/Rollback/Close. Holds shared_ptrs, so
// a teardown that unwinds the goroutine only drops references (no scheduling point).
class LeftOpen {
 public:
  void Add(std::function<absl::Status()> use_and_close) {
    uses_.push_back(std::move(use_and_close));
  }
  // Uses and closes everything left open, in the order it was opened.
  void UseAfterEnd(FirstError& err) {
    for (const auto& use : uses_) err.Note(use());
    uses_.clear();
  }

 private:
  std::vector<std::function<absl::Status()>> uses_;
};

// Where an op runs: the DB (for TxStmt and DB-only ops), and, inside a Tx or Conn, the
// block's list of things left open (nullptr at top level: nothing may be left open).
struct OpEnv {
  DB& db;
  LeftOpen* left_open = nullptr;
};

// Reads up to `rows` rows (all if negative) with Next and Scan.
void ReadSome(model::sql::Rows& rows, const Op& op, int max_rows, FirstError& err) {
  const size_t columns = ColumnCount(op.query);
  for (int read = 0; (max_rows < 0 || read < max_rows) && rows.Next(); ++read) {
    err.Note(ScanInto(columns, [&](const auto& dest) { return rows.ScanInto(dest); }));
  }
  err.Note(rows.Err());
}

// Reads op.rows rows (all if negative), holds, then closes the Rows; or, when the op is
// left open in a block, hands the rest (read one more row, Close) to the block.
absl::Status ReadRows(const std::shared_ptr<model::sql::Rows>& rows, const Op& op,
                      const OpEnv& env) {
  FirstError err;
  ReadSome(*rows, op, op.rows, err);
  Hold(op);
  if (op.leave_open && env.left_open != nullptr) {
    env.left_open->Add([rows, &op] {
      FirstError after;
      ReadSome(*rows, op, 1, after);
      after.Note(rows->Close());
      return after.status();
    });
    return err.status();
  }
  err.Note(rows->Close());
  return err.status();
}

// Row.Scan; an empty result (ErrNoRows) is an answer, not a failure of the op.
absl::Status ScanRow(model::sql::Row& row, const Op& op) {
  absl::Status s = ScanInto(ColumnCount(op.query),
                            [&](const auto& dest) { return row.ScanInto(dest); });
  if (model::sql::IsError(s, model::sql::ErrNoRows())) return absl::OkStatus();
  return s;
}

// Pause (op.pause), then op.repeat Execs on the statement, pausing between them.
void ExecRepeatedly(model::sql::Stmt& stmt, const sim::Context& ctx, const Op& op,
                    FirstError& err) {
  for (int i = 0; i < op.repeat && err.ok(); ++i) {
    if (op.pause > sim::Duration::Zero()) sim::Sleep(op.pause);
    err.Note(stmt.ExecContext(ctx).status());
  }
}

// Prepare, op.repeat Execs on the statement, hold, Close; or, left open in a block, one
// more Exec and the Close after the block ends.
template <typename X>
absl::Status RunPrepare(X& x, const sim::Context& ctx, const Op& op, const OpEnv& env) {
  auto stmt = x.PrepareContext(ctx, op.query);
  if (!stmt.ok()) return stmt.status();
  FirstError err;
  ExecRepeatedly(**stmt, ctx, op, err);
  Hold(op);
  if (op.leave_open && env.left_open != nullptr) {
    env.left_open->Add([stmt = *stmt, ctx] {
      FirstError after;
      after.Note(stmt->ExecContext(ctx).status());
      after.Note(stmt->Close());
      return after.status();
    });
    return err.status();
  }
  err.Note((*stmt)->Close());
  return err.status();
}

// In a Tx: a DB statement bound to the tx with Tx.StmtContext, op.repeat Execs through
// it, then the DB statement used on the DB once more; both closed.
absl::Status RunTxStmt(model::sql::Tx& tx, const sim::Context& ctx, const Op& op,
                       const OpEnv& env) {
  auto db_stmt = env.db.PrepareContext(ctx, op.query);
  if (!db_stmt.ok()) return db_stmt.status();
  std::shared_ptr<model::sql::Stmt> tx_stmt = tx.StmtContext(ctx, *db_stmt);
  FirstError err;
  ExecRepeatedly(*tx_stmt, ctx, op, err);
  Hold(op);
  err.Note(tx_stmt->Close());
  err.Note((*db_stmt)->ExecContext(ctx).status());
  err.Note((*db_stmt)->Close());
  return err.status();
}

template <typename X>
absl::Status RunOn(X& x, const sim::Context& parent, const Op& op, const OpEnv& env);

// Runs `inner` in order on x, stopping at the first error; what they leave open goes to
// `left_open`.
template <typename X>
void RunInner(X& x, const sim::Context& ctx, const std::vector<Op>& inner, DB& db,
              LeftOpen& left_open, FirstError& err) {
  const OpEnv env{db, &left_open};
  for (const Op& op : inner) {
    err.Note(RunOn(x, ctx, op, env));
    if (!err.ok()) return;
  }
}

// BeginTx, the inner ops, hold, then Commit; Rollback instead if op.rollback or an inner
// op failed; then what the inner ops left open is used and closed. An inner op that
// failed because the tx's context is done ends the op with no Rollback: database/sql
// promises to roll such a tx back itself (Tx.awaitDone), and Go code commonly relies on
// that.
template <typename X>
absl::Status RunTx(X& x, const sim::Context& ctx, const Op& op, DB& db) {
  auto tx = x.BeginTx(ctx);
  if (!tx.ok()) return tx.status();
  FirstError err;
  LeftOpen left_open;
  RunInner(**tx, ctx, op.inner, db, left_open, err);
  if (!err.ok() && !ctx.Err().ok()) {
    left_open.UseAfterEnd(err);
    return err.status();
  }
  Hold(op);
  if (op.rollback || !err.ok()) {
    err.Note((*tx)->Rollback());
  } else {
    err.Note((*tx)->Commit());
  }
  left_open.UseAfterEnd(err);
  return err.status();
}

// DB.Conn, the inner ops, hold, Conn.Close, then what the inner ops left open.
absl::Status RunConn(DB& db, const sim::Context& ctx, const Op& op) {
  auto conn = db.Conn(ctx);
  if (!conn.ok()) return conn.status();
  FirstError err;
  LeftOpen left_open;
  RunInner(**conn, ctx, op.inner, db, left_open, err);
  Hold(op);
  err.Note((*conn)->Close());
  left_open.UseAfterEnd(err);
  return err.status();
}

// Conn.Raw: the callback holds the driver conn (under the conn's lock) op.duration.
absl::Status RunRaw(model::sql::Conn& conn, const Op& op) {
  return conn.Raw([&op](model::driver::Conn&) {
    Hold(op);
    return absl::OkStatus();
  });
}

// Ops only a DB has: pool settings and Close.
absl::Status RunDbOnly(DB& db, const sim::Context& ctx, const Op& op) {
  switch (op.kind) {
    case OpKind::kConn: return RunConn(db, ctx, op);
    case OpKind::kSetMaxOpenConns: db.SetMaxOpenConns(op.n); return absl::OkStatus();
    case OpKind::kSetMaxIdleConns: db.SetMaxIdleConns(op.n); return absl::OkStatus();
    case OpKind::kSetConnMaxLifetime: db.SetConnMaxLifetime(op.duration); return absl::OkStatus();
    case OpKind::kSetConnMaxIdleTime: db.SetConnMaxIdleTime(op.duration); return absl::OkStatus();
    case OpKind::kCloseDB: return db.Close();
    default: break;
  }
  return absl::InvalidArgumentError(absl::StrCat(op.Show(), ": not supported on a DB"));
}

// The op itself, under its own context `ctx`.
template <typename X>
absl::Status RunBody(X& x, const sim::Context& ctx, const Op& op, const OpEnv& env) {
  switch (op.kind) {
    case OpKind::kExec: return x.ExecContext(ctx, op.query).status();
    case OpKind::kQuery: {
      auto rows = x.QueryContext(ctx, op.query);
      return rows.ok() ? ReadRows(*rows, op, env) : rows.status();
    }
    case OpKind::kQueryRow: return ScanRow(*x.QueryRowContext(ctx, op.query), op);
    case OpKind::kPrepare: return RunPrepare(x, ctx, op, env);
    case OpKind::kSleep: sim::Sleep(op.duration); return absl::OkStatus();
    case OpKind::kPing:
      if constexpr (requires { x.PingContext(ctx); }) return x.PingContext(ctx);
      break;
    case OpKind::kTx:
      if constexpr (requires { x.BeginTx(ctx); }) return RunTx(x, ctx, op, env.db);
      break;
    case OpKind::kRaw:
      if constexpr (std::is_same_v<X, model::sql::Conn>) return RunRaw(x, op);
      break;
    case OpKind::kTxStmt:
      if constexpr (std::is_same_v<X, model::sql::Tx>) return RunTxStmt(x, ctx, op, env);
      break;
    default:
      if constexpr (std::is_same_v<X, DB>) return RunDbOnly(x, ctx, op);
      break;
  }
  return absl::InvalidArgumentError(absl::StrCat(op.Show(), ": not supported here"));
}

template <typename X>
absl::Status RunOn(X& x, const sim::Context& parent, const Op& op, const OpEnv& env) {
  OpContext scope(parent, op);
  absl::Status status = RunBody(x, scope.ctx(), op, env);
  scope.End();
  return status;
}

}  // namespace

absl::Status RunDbOp(DB& db, const sim::Context& parent, const Op& op) {
  return RunOn(db, parent, op, OpEnv{db});
}

}  // namespace scenarios
