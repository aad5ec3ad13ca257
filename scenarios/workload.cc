// Printing and checking workloads: Op::Show and Workload::Show render a workload as a short
// program (the form a counterexample takes), ValidateWorkload says what the interpreter
// cannot run.
#include "scenarios/workload.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace scenarios {
namespace {

std::string JoinOps(const std::vector<Op>& ops) {
  std::vector<std::string> shown;
  shown.reserve(ops.size());
  for (const Op& op : ops) shown.push_back(op.Show());
  return absl::StrJoin(shown, "; ");
}

// "Tx{Exec NOOP; Commit}": the inner ops, then the closing call.
std::string Block(const char* name, const std::vector<Op>& inner, const char* closing) {
  if (inner.empty()) return absl::StrCat(name, "{", closing, "}");
  return absl::StrCat(name, "{", JoinOps(inner), "; ", closing, "}");
}

std::string OpBody(const Op& op) {
  switch (op.kind) {
    case OpKind::kExec: return absl::StrCat("Exec ", op.query);
    case OpKind::kQuery:
      return op.rows >= 0 ? absl::StrCat("Query ", op.query, " rows=", op.rows)
                          : absl::StrCat("Query ", op.query);
    case OpKind::kQueryRow: return absl::StrCat("QueryRow ", op.query);
    case OpKind::kPing: return "Ping";
    case OpKind::kTx: return Block("Tx", op.inner, op.rollback ? "Rollback" : "Commit");
    case OpKind::kConn: return Block("Conn", op.inner, "Close");
    case OpKind::kPrepare:
      return op.repeat == 1 ? absl::StrCat("Prepare ", op.query)
                            : absl::StrCat("Prepare ", op.query, " repeat=", op.repeat);
    case OpKind::kSetMaxOpenConns: return absl::StrCat("SetMaxOpenConns(", op.n, ")");
    case OpKind::kSetMaxIdleConns: return absl::StrCat("SetMaxIdleConns(", op.n, ")");
    case OpKind::kSleep: return absl::StrCat("Sleep ", op.duration.ToString());
    case OpKind::kCloseDB: return "CloseDB";
    case OpKind::kSetConnMaxLifetime:
      return absl::StrCat("SetConnMaxLifetime(", op.duration.ToString(), ")");
    case OpKind::kSetConnMaxIdleTime:
      return absl::StrCat("SetConnMaxIdleTime(", op.duration.ToString(), ")");
    case OpKind::kRaw: return "Raw";
    case OpKind::kTxStmt:
      return op.repeat == 1 ? absl::StrCat("TxStmt ", op.query)
                            : absl::StrCat("TxStmt ", op.query, " repeat=", op.repeat);
  }
  return "?";
}

bool HoldsOpen(OpKind kind) {
  return kind == OpKind::kQuery || kind == OpKind::kTx || kind == OpKind::kConn ||
         kind == OpKind::kPrepare || kind == OpKind::kRaw;
}

// One client's line: "client 3 (after 2ms): Exec NOOP; Ping".
std::string ClientBody(const Client& client) {
  std::string text = JoinOps(client.ops);
  if (client.start_delay > sim::Duration::Zero()) {
    return absl::StrCat(" (after ", client.start_delay.ToString(), "): ", text);
  }
  return absl::StrCat(": ", text);
}

absl::Status ValidateOps(const std::vector<Op>& ops, bool (*allowed)(OpKind),
                         const std::string& where) {
  for (size_t i = 0; i < ops.size(); ++i) {
    const Op& op = ops[i];
    const std::string at = absl::StrCat(where, " op ", i, " (", op.Show(), ")");
    if (!allowed(op.kind)) {
      return absl::InvalidArgumentError(absl::StrCat(at, ": not allowed there"));
    }
    if ((op.kind == OpKind::kPrepare || op.kind == OpKind::kTxStmt) && op.repeat < 0) {
      return absl::InvalidArgumentError(absl::StrCat(at, ": negative repeat"));
    }
    if (op.kind == OpKind::kTx) {
      absl::Status s = ValidateOps(op.inner, &AllowedInTx, at);
      if (!s.ok()) return s;
    }
    if (op.kind == OpKind::kConn) {
      absl::Status s = ValidateOps(op.inner, &AllowedInConn, at);
      if (!s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

}  // namespace

namespace {

bool StatementKind(OpKind kind) {
  return kind == OpKind::kExec || kind == OpKind::kQuery || kind == OpKind::kQueryRow ||
         kind == OpKind::kPrepare || kind == OpKind::kSleep;
}

}  // namespace

bool AllowedAtTopLevel(OpKind kind) { return kind != OpKind::kRaw && kind != OpKind::kTxStmt; }

bool AllowedInTx(OpKind kind) { return StatementKind(kind) || kind == OpKind::kTxStmt; }

bool AllowedInConn(OpKind kind) {
  return StatementKind(kind) || kind == OpKind::kPing || kind == OpKind::kTx ||
         kind == OpKind::kRaw;
}

std::string Op::Show() const {
  std::string text = OpBody(*this);
  if (HoldsOpen(kind) && duration > sim::Duration::Zero()) {
    absl::StrAppend(&text, " hold=", duration.ToString());
  }
  if (pause > sim::Duration::Zero()) absl::StrAppend(&text, " pause=", pause.ToString());
  if (leave_open) absl::StrAppend(&text, " left-open");
  if (timeout > sim::Duration::Zero()) absl::StrAppend(&text, " timeout=", timeout.ToString());
  if (cancel_after > sim::Duration::Zero()) {
    absl::StrAppend(&text, " cancel_after=", cancel_after.ToString());
  }
  return text;
}

std::string Workload::Show() const {
  std::string text = absl::StrCat("pool ", std::string(model::sql::PoolVersionName(pool.version)),
                                  " max_open=", pool.max_open, " max_idle=", pool.max_idle);
  if (pool.max_lifetime > sim::Duration::Zero()) {
    absl::StrAppend(&text, " lifetime=", pool.max_lifetime.ToString());
  }
  if (pool.max_idle_time > sim::Duration::Zero()) {
    absl::StrAppend(&text, " idle_time=", pool.max_idle_time.ToString());
  }
  if (model::sql::FeaturesOf(pool.version).has_connection_resetter) {
    absl::StrAppend(&text, " resetter_capacity=", pool.resetter_capacity);
  }
  if (pool.mutation != model::sql::Mutation::kNone) {
    absl::StrAppend(&text, " mutation=", std::string(model::sql::MutationName(pool.mutation)));
  }
  absl::StrAppend(&text, "\ndriver: ", driver.ToString());
  // Consecutive identical clients print as one line: "clients 0..499: Exec NOOP".
  for (size_t first = 0; first < clients.size();) {
    const std::string body = ClientBody(clients[first]);
    size_t last = first;
    while (last + 1 < clients.size() && ClientBody(clients[last + 1]) == body) ++last;
    if (last == first) {
      absl::StrAppend(&text, "\nclient ", first, body);
    } else {
      absl::StrAppend(&text, "\nclients ", first, "..", last, body);
    }
    first = last + 1;
  }
  if (main_wait_limit > sim::Duration::Zero()) {
    absl::StrAppend(&text, "\nmain waits at most ", main_wait_limit.ToString());
  }
  if (close_db_at_end) absl::StrAppend(&text, "\nthen DB.Close");
  return text;
}

absl::Status ValidateWorkload(const Workload& workload) {
  if (workload.pool.resetter_capacity < 0) {
    return absl::InvalidArgumentError("resetter_capacity is negative");
  }
  for (size_t c = 0; c < workload.clients.size(); ++c) {
    absl::Status s = ValidateOps(workload.clients[c].ops, &AllowedAtTopLevel, absl::StrCat("client ", c));
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace scenarios
