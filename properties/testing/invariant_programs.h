// Test support: the small workloads the invariant tests run. Each *_mutant_test.cc runs
// one on a mutant and expects its invariant to fail; mutant_controls_test.cc runs the same
// workloads without a mutation on the shipped pool and expects every invariant to hold.
// They are plain scenarios::Workload values, so they run through the one run path and
// every failure prints a token `poolcheck replay` (or poolcheck-mutants) accepts.
// Header-only.
#pragma once

#include <vector>

#include "model/fakedb/fault_plan.h"
#include "properties/testing/expect.h"
#include "scenarios/ops.h"
#include "scenarios/workload.h"
#include "sim/timer.h"

namespace properties::testing {

// Two clients, two Execs each; the driver's first two opens fail with an ordinary error.
inline scenarios::Workload FailedOpens(model::sql::Mutation m, int max_open) {
  using model::fakedb::CallKind;
  using model::fakedb::FaultAction;
  using model::fakedb::FaultRule;
  namespace ops = scenarios::ops;
  scenarios::Workload w;
  w.pool.mutation = m;
  w.pool.max_open = max_open;
  w.driver.faults.Add(FaultRule::FirstN(CallKind::kOpen, 2).Returns(FaultAction::kError));
  w.clients = Clients(2, {ops::Exec(), ops::Exec()});
  w.main_wait_limit = sim::Duration::Seconds(10);
  return w;
}

// `n` clients, one slow Exec each (1ms a driver call), maxOpen 1.
inline scenarios::Workload Contended(model::sql::Mutation m, int n) {
  scenarios::Workload w;
  w.pool.mutation = m;
  w.pool.max_open = 1;
  w.driver.call_latency = sim::Duration::Milliseconds(1);
  w.clients = Clients(n, {scenarios::ops::Exec()});
  w.main_wait_limit = sim::Duration::Seconds(10);
  return w;
}

// `clients` clients, `execs` Execs each, every driver call 1ms, maxIdle 4.
inline scenarios::Workload Busy(model::sql::PoolVersion version, int resetter_capacity,
                                int clients, int execs) {
  scenarios::Workload w;
  w.pool.version = version;
  w.pool.resetter_capacity = resetter_capacity;
  w.pool.max_idle = 4;
  w.driver.call_latency = sim::Duration::Milliseconds(1);
  w.clients = Clients(clients, std::vector<scenarios::Op>(execs, scenarios::ops::Exec()));
  return w;
}

// Busy(sync-reset, 50, 3, 1) at maxOpen 1 where main stops waiting after 10s and returns
// without DB.Close (which would wake a forgotten waiter).
inline scenarios::Workload BusyUnclosed(model::sql::Mutation m) {
  scenarios::Workload w = Busy(model::sql::PoolVersion::kSyncReset, 50, 3, 1);
  w.pool.max_open = 1;
  w.pool.mutation = m;
  w.main_wait_limit = sim::Duration::Seconds(10);
  w.close_db_at_end = false;
  return w;
}

// One client, three Execs; the driver fails the first Exec with ErrBadConn.
inline scenarios::Workload BadExec(model::sql::PoolVersion version, model::sql::Mutation m) {
  using model::fakedb::CallKind;
  using model::fakedb::FaultRule;
  namespace ops = scenarios::ops;
  scenarios::Workload w;
  w.pool.version = version;
  w.pool.mutation = m;
  w.driver.faults.Add(FaultRule::Nth(CallKind::kExec, 1));
  w.clients = Clients(1, {ops::Exec(), ops::Exec(), ops::Exec()});
  return w;
}

// One client runs Tx{Exec; Commit} under a context cancelled in the middle of the Exec
// (every driver call takes 1ms: Open 0-1, Begin 1-2, Exec 2-3, cancel at 2.5).
inline scenarios::Workload CancelledTx(model::sql::Mutation m) {
  namespace ops = scenarios::ops;
  scenarios::Workload w;
  w.pool.mutation = m;
  w.driver.call_latency = sim::Duration::Milliseconds(1);
  scenarios::Op tx = ops::Tx({ops::Exec()});
  tx.cancel_after = sim::Duration::Microseconds(2500);
  w.clients = Clients(1, {tx});
  return w;
}

// One client inserts three rows, then reads them all under a context cancelled during the
// first Rows.Next (every driver call takes 1ms), so Rows.awaitDone closes the rows while
// the client is iterating. The driver's own guards are off, so the invariant, not the
// driver, judges a call on closed rows.
inline scenarios::Workload QueryCancelledWhileIterating(model::sql::Mutation m) {
  namespace ops = scenarios::ops;
  scenarios::Workload w;
  w.pool.mutation = m;
  w.driver.call_latency = sim::Duration::Milliseconds(1);
  w.driver.guards = false;
  scenarios::Op query = ops::Query("SELECT");
  query.cancel_after = sim::Duration::Microseconds(1500);
  w.clients = Clients(1, {ops::Exec("INSERT|1|a"), ops::Exec("INSERT|2|b"),
                          ops::Exec("INSERT|3|c"), query});
  return w;
}

}  // namespace properties::testing
