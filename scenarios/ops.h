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

}  // namespace scenarios::ops
