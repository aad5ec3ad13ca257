// Test support: the small programs the invariant tests run. Each *_mutant_test.cc runs one
// on a mutant and expects its invariant to fail; mutant_controls_test.cc runs the same
// programs without a mutation on the shipped pool and expects every invariant to hold.
// Header-only.
#pragma once

#include "model/fakedb/fault_plan.h"
#include "properties/testing/ops.h"
#include "properties/testing/program.h"
#include "sim/timer.h"

namespace properties::testing {

// Two clients, two Execs each; the driver's first two opens fail with an ordinary error.
inline Program FailedOpens(model::sql::Mutation m, int max_open) {
  using model::fakedb::CallKind;
  using model::fakedb::FaultAction;
  using model::fakedb::FaultRule;
  Program p;
  p.db.mutation = m;
  p.max_open = max_open;
  p.driver.faults.Add(FaultRule::FirstN(CallKind::kOpen, 2).Returns(FaultAction::kError));
  for (int i = 0; i < 2; ++i) {
    p.clients.push_back([](ClientCtx& c) {
      (void)Exec(c);
      (void)Exec(c);
    });
  }
  p.main_wait_limit = sim::Duration::Seconds(10);
  return p;
}

// `n` clients, one slow Exec each (1ms a driver call), maxOpen 1.
inline Program Contended(model::sql::Mutation m, int n) {
  Program p;
  p.db.mutation = m;
  p.max_open = 1;
  p.driver.call_latency = sim::Duration::Milliseconds(1);
  for (int i = 0; i < n; ++i) p.clients.push_back([](ClientCtx& c) { (void)Exec(c); });
  p.main_wait_limit = sim::Duration::Seconds(10);
  return p;
}

// `clients` clients, `execs` Execs each, every driver call 1ms, maxIdle 4.
inline Program Busy(model::sql::PoolVersion version, int resetter_capacity, int clients,
                    int execs) {
  Program p;
  p.db.version = version;
  p.db.resetter_capacity = resetter_capacity;
  p.max_idle = 4;
  p.driver.call_latency = sim::Duration::Milliseconds(1);
  for (int i = 0; i < clients; ++i) {
    p.clients.push_back([execs](ClientCtx& c) {
      for (int j = 0; j < execs; ++j) (void)Exec(c);
    });
  }
  return p;
}

// Busy(sync-reset, 50, 3, 1) at maxOpen 1 where main stops waiting after 10s and returns without
// DB.Close (which would wake a forgotten waiter).
inline Program BusyUnclosed(model::sql::Mutation m) {
  Program p = Busy(model::sql::PoolVersion::kSyncReset, 50, 3, 1);
  p.max_open = 1;
  p.main_wait_limit = sim::Duration::Seconds(10);
  p.close_db = false;
  p.db.mutation = m;
  return p;
}

// One client, three Execs; the driver fails the first Exec with ErrBadConn.
inline Program BadExec(model::sql::PoolVersion version, model::sql::Mutation m) {
  using model::fakedb::CallKind;
  using model::fakedb::FaultRule;
  Program p;
  p.db.version = version;
  p.db.mutation = m;
  p.driver.faults.Add(FaultRule::Nth(CallKind::kExec, 1));
  p.clients.push_back([](ClientCtx& c) {
    for (int i = 0; i < 3; ++i) (void)Exec(c);
  });
  return p;
}

// One client runs Tx{Exec; Commit} under a context a helper cancels in the middle of the
// Exec (every driver call takes 1ms: Open 0-1, Begin 1-2, Exec 2-3, cancel at 2.5).
inline Program CancelledTx(model::sql::Mutation m) {
  Program p;
  p.db.mutation = m;
  p.driver.call_latency = sim::Duration::Milliseconds(1);
  p.clients.push_back([](ClientCtx& c) {
    auto [ctx, cancel] = sim::WithCancel(sim::Context::Background());
    sim::Go("canceller", [cancel = cancel] {
      sim::Sleep(sim::Duration::Microseconds(2500));
      cancel();
    });
    (void)TxOp(c, ctx, /*execs=*/1, /*rollback=*/false);
  });
  return p;
}

}  // namespace properties::testing
