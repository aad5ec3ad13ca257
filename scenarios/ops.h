// Short constructors for workload ops, so scenarios and tests read like the programs they
// describe: Tx({Exec("NOOP"), Query("SELECT")}).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "scenarios/workload.h"

namespace scenarios::ops {

inline Op Exec(std::string query = "NOOP") {
  Op op;
  op.kind = OpKind::kExec;
  op.query = std::move(query);
  return op;
}
// Reads `rows` rows (-1: all) then closes the Rows.
inline Op Query(std::string query = "SELECT", int rows = -1) {
  Op op;
  op.kind = OpKind::kQuery;
  op.query = std::move(query);
  op.rows = rows;
  return op;
}
inline Op QueryRow(std::string query = "COUNT") {
  Op op;
  op.kind = OpKind::kQueryRow;
  op.query = std::move(query);
  return op;
}
inline Op Ping() {
  Op op;
  op.kind = OpKind::kPing;
  return op;
}
inline Op Tx(std::vector<Op> inner, bool rollback = false) {
  Op op;
  op.kind = OpKind::kTx;
  op.inner = std::move(inner);
  op.rollback = rollback;
  return op;
}
inline Op Conn(std::vector<Op> inner) {
  Op op;
  op.kind = OpKind::kConn;
  op.inner = std::move(inner);
  return op;
}
inline Op Prepare(std::string query = "NOOP", int repeat = 1) {
  Op op;
  op.kind = OpKind::kPrepare;
  op.query = std::move(query);
  op.repeat = repeat;
  return op;
}
inline Op SetMaxOpenConns(int n) {
  Op op;
  op.kind = OpKind::kSetMaxOpenConns;
  op.n = n;
  return op;
}
inline Op SetMaxIdleConns(int n) {
  Op op;
  op.kind = OpKind::kSetMaxIdleConns;
  op.n = n;
  return op;
}
inline Op Sleep(sim::Duration d) {
  Op op;
  op.kind = OpKind::kSleep;
  op.duration = d;
  return op;
}
inline Op CloseDB() {
  Op op;
  op.kind = OpKind::kCloseDB;
  return op;
}

inline Op SetConnMaxLifetime(sim::Duration d) {
  Op op;
  op.kind = OpKind::kSetConnMaxLifetime;
  op.duration = d;
  return op;
}
inline Op SetConnMaxIdleTime(sim::Duration d) {
  Op op;
  op.kind = OpKind::kSetConnMaxIdleTime;
  op.duration = d;
  return op;
}
// In a Conn: Conn.Raw, holding the driver conn `hold`.
inline Op Raw(sim::Duration hold = sim::Duration::Zero()) {
  Op op;
  op.kind = OpKind::kRaw;
  op.duration = hold;
  return op;
}
// In a Tx: a DB statement bound to the tx with Tx.Stmt, `repeat` Execs through it.
inline Op TxStmt(std::string query = "NOOP", int repeat = 1) {
  Op op;
  op.kind = OpKind::kTxStmt;
  op.query = std::move(query);
  op.repeat = repeat;
  return op;
}

// Modifiers: Hold(Query(), 5ms) keeps the rows open 5ms before Close.
inline Op Hold(Op op, sim::Duration d) {
  op.duration = d;
  return op;
}
inline Op WithTimeout(Op op, sim::Duration d) {
  op.timeout = d;
  return op;
}
inline Op CancelAfter(Op op, sim::Duration d) {
  op.cancel_after = d;
  return op;
}
// Prepare: sleep `d` after Prepare and before each Exec.
inline Op Pause(Op op, sim::Duration d) {
  op.pause = d;
  return op;
}
// Query / Prepare in a Tx or Conn: left open past the block's end, used after it.
inline Op LeftOpen(Op op) {
  op.leave_open = true;
  return op;
}

}  // namespace scenarios::ops
