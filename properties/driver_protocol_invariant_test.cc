// Shows the driver-protocol invariants (I5 no reset after bad, I7 exclusive use, I8 no use
// after close, I11 tx protocol) failing on broken pools and passing on the real one.
#include "gtest/gtest.h"
#include "model/fakedb/fault_plan.h"
#include "model/sql/driver_conn.h"
#include "properties/testing/expect.h"
#include "properties/testing/ops.h"
#include "sim/timer.h"

namespace properties {
namespace {

using model::fakedb::CallKind;
using model::fakedb::FaultRule;
using model::sql::Mutation;
using model::sql::PoolVersion;
using testing::ClientCtx;
using testing::Exec;
using testing::ExpectCaught;
using testing::ExpectClean;
using testing::Program;

// One client, three Execs; the driver fails the first Exec with ErrBadConn.
Program BadExec(PoolVersion version, Mutation m) {
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
Program CancelledTx(Mutation m) {
  Program p;
  p.db.mutation = m;
  p.driver.call_latency = sim::Duration::Milliseconds(1);
  p.clients.push_back([](ClientCtx& c) {
    auto [ctx, cancel] = sim::WithCancel(sim::Context::Background());
    sim::Go("canceller", [cancel = cancel] {
      sim::Sleep(sim::Duration::Microseconds(2500));
      cancel();
    });
    (void)testing::TxOp(c, ctx, /*execs=*/1, /*rollback=*/false);
  });
  return p;
}

// I5 on both versions: with kSkipNeedReset the conn the driver failed goes back to the
// pool, and the retry takes it again (sync-reset resets it first; async-reset's resetter does).
TEST(DriverProtocolInvariants, I5CatchesReuseOfFailedConn) {
  for (PoolVersion v : model::sql::AllPoolVersions()) {
    SCOPED_TRACE(std::string(model::sql::PoolVersionName(v)));
    ExpectCaught(BadExec(v, Mutation::kSkipNeedReset), InvariantId::kI5,
                 testing::kRunsPerStrategy * 3);
    ExpectClean(BadExec(v, Mutation::kNone));
  }
}

// I7: with kUnlockedDriverCall the rollback on cancel does not take the conn's lock, so
// the driver's Rollback starts while the tx's Exec is still inside the conn.
TEST(DriverProtocolInvariants, I7CatchesRollbackInsideAnotherCall) {
  const auto sweep = ExpectCaught(CancelledTx(Mutation::kUnlockedDriverCall), InvariantId::kI7,
                                  testing::kRunsPerStrategy * 3);
  EXPECT_NE(sweep.first_failure->result.message.find("Rollback"), std::string::npos)
      << sweep.first_failure->result.message;
  ExpectClean(CancelledTx(Mutation::kNone));
}

// I8: a broken putConn hook (Go's putConnHook, test-only) closes the driver conn behind
// the pool's back; the pool then uses the conn again and the driver sees a call after
// Close. Without the hook the program passes.
TEST(DriverProtocolInvariants, I8CatchesCallAfterClose) {
  Program broken;
  broken.clients.push_back([](ClientCtx& c) {
    (void)Exec(c);
    (void)Exec(c);
  });
  Program real = broken;
  broken.driver.guards = false;  // let the invariant, not the driver's guard, judge
  broken.db.hooks.put_conn = [](model::sql::DB&, model::sql::driverConn& dc) {
    (void)dc.ci->Close();
  };
  const auto sweep = ExpectCaught(broken, InvariantId::kI8, testing::kRunsPerStrategy * 3);
  EXPECT_NE(sweep.first_failure->result.message.find("after its Close"), std::string::npos)
      << sweep.first_failure->result.message;
  ExpectClean(real);
}

// I11: with kNoTxRollbackOnCancel the cancelled tx is never rolled back; its Commit
// returns the context's error without reaching the driver, so the driver tx never ends.
TEST(DriverProtocolInvariants, I11CatchesTxNeverEnded) {
  const auto sweep = ExpectCaught(CancelledTx(Mutation::kNoTxRollbackOnCancel),
                                  InvariantId::kI11, testing::kRunsPerStrategy * 3);
  EXPECT_NE(sweep.first_failure->result.message.find("never committed or rolled back"),
            std::string::npos)
      << sweep.first_failure->result.message;
  ExpectClean(CancelledTx(Mutation::kNone));
}

}  // namespace
}  // namespace properties
