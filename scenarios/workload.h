// A workload: the pool configuration, the fake driver's behaviour and fault plan, and what
// each client goroutine does, as plain data. Named scenarios build workloads; property
// tests generate and shrink them; the interpreter (workload_run.h) runs one inside a
// simulated run. Show() prints a workload as a short readable program, the form a
// counterexample takes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "model/fakedb/options.h"
#include "model/sql/options.h"
#include "sim/time.h"

namespace scenarios {

enum class OpKind : uint8_t {
  kExec,             // db.ExecContext(query)
  kQuery,            // db.QueryContext(query), iterate `rows` rows (-1: all), Close
  kQueryRow,         // db.QueryRowContext(query).Scan
  kPing,             // db.PingContext
  kTx,               // db.BeginTx, `inner` ops on the tx, then Commit (or Rollback if `rollback`)
  kConn,             // db.Conn, `inner` ops on the conn, then Conn.Close
  kPrepare,          // db.PrepareContext(query), `repeat` Exec on the stmt, Stmt.Close
  kSetMaxOpenConns,  // db.SetMaxOpenConns(n)
  kSetMaxIdleConns,  // db.SetMaxIdleConns(n)
  kSleep,            // time.Sleep(duration)
  kCloseDB,          // db.Close
  // Appended (codec w2); the numbering above is the token format's.
  kSetConnMaxLifetime,  // db.SetConnMaxLifetime(duration)
  kSetConnMaxIdleTime,  // db.SetConnMaxIdleTime(duration)
  kRaw,                 // conn.Raw(f): f holds the driver conn `duration` (in a kConn only)
  kTxStmt,              // in a kTx: db.PrepareContext(query), tx.StmtContext of it, `repeat`
                        //   Execs through the tx's stmt, then the DB stmt used on the DB
                        //   once more and both closed
};

struct Op {
  OpKind kind = OpKind::kExec;
  std::string query = "NOOP";
  int rows = -1;            // kQuery: rows to read before Close (-1: all)
  int n = 0;                // kSetMaxOpenConns / kSetMaxIdleConns
  int repeat = 1;           // kPrepare: Execs on the statement
  bool rollback = false;    // kTx
  sim::Duration timeout;    // > 0: the op runs under context.WithTimeout(timeout)
  sim::Duration cancel_after;  // > 0: a helper goroutine cancels the op's context then
  sim::Duration duration;   // kSleep: how long; kQuery/kTx/kConn/kPrepare: > 0 holds the
                            //   rows/tx/conn/stmt open this long before Close/Commit
  // kPrepare: sleeps this long after Prepare and before each Exec, so other clients can
  // take the conn the statement was prepared on (a DB stmt then re-prepares elsewhere).
  sim::Duration pause;
  // kQuery / kPrepare nested in a kTx or kConn: the Rows (Stmt) stay open past the op; the
  // enclosing Tx commits or rolls back (Conn closes) with them open, then they are used
  // (Rows.Next, Stmt.Exec) after its end and closed.
  bool leave_open = false;
  std::vector<Op> inner;    // kTx / kConn

  // One line: "Exec NOOP", "Query SELECT rows=1 timeout=5ms", "Tx{Exec NOOP; Commit}".
  std::string Show() const;
};

// Whether `kind` may appear in the `inner` list of a kTx op (Exec, Query, QueryRow,
// Prepare, Sleep, TxStmt) or a kConn op (Exec, Query, QueryRow, Prepare, Sleep, Ping, Raw
// and a nested kTx).
bool AllowedInTx(OpKind kind);
bool AllowedAtTopLevel(OpKind kind);  // all but Raw and TxStmt
bool AllowedInConn(OpKind kind);

struct Client {
  sim::Duration start_delay;  // sleeps this long before its first op
  std::vector<Op> ops;
};

struct PoolConfig {
  model::sql::PoolVersion version = model::sql::kDefaultPoolVersion;
  int max_open = 0;                 // SetMaxOpenConns (0: unlimited)
  int max_idle = 2;                 // SetMaxIdleConns (Go's default 2)
  sim::Duration max_lifetime;       // SetConnMaxLifetime (0: none)
  sim::Duration max_idle_time;      // SetConnMaxIdleTime (0: none)
  int resetter_capacity = 50;       // resetterCh (versions with a connection resetter)
  model::sql::Mutation mutation = model::sql::Mutation::kNone;  // mutant builds only
};

struct Workload {
  PoolConfig pool;
  model::fakedb::FakeDriverOptions driver;
  std::vector<Client> clients;
  bool close_db_at_end = true;      // main waits for every client, then db.Close()
  // > 0: main stops waiting for the clients after this long (a client the pool never
  // serves then ends the run as an unfinished op, not as a deadlock).
  sim::Duration main_wait_limit;

  // A short program: config line, driver/faults line, one line per client.
  std::string Show() const;
};

// OK, or an InvalidArgument naming the first op the interpreter cannot run (an op kind
// not allowed where it is nested, a negative count). Generators should produce only
// valid workloads; the interpreter reports an invalid op as that op's error.
absl::Status ValidateWorkload(const Workload& workload);

}  // namespace scenarios
