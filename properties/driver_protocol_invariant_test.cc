// Shows the driver-protocol invariants (I5 no reset after bad, I7 exclusive use, I8 no use
// after close, I11 tx protocol) failing on broken pools and passing on the real one.
#include "gtest/gtest.h"
#include "model/fakedb/fault_plan.h"
#include "properties/testing/expect.h"

namespace properties {
namespace {

using model::fakedb::CallKind;
using model::fakedb::FaultRule;
using model::sql::Mutation;
using model::sql::PoolVersion;
using testing::Clients;
using testing::ExpectCaught;
using testing::ExpectClean;
namespace ops = scenarios::ops;

// One client, three Execs; the driver fails the first Exec with ErrBadConn.
scenarios::Workload BadExec(PoolVersion version, Mutation m) {
  scenarios::Workload w;
  w.pool.version = version;
  w.pool.mutation = m;
  w.driver.faults.Add(FaultRule::Nth(CallKind::kExec, 1));
  w.clients = Clients(1, {ops::Exec(), ops::Exec(), ops::Exec()});
  return w;
}

// One client runs Tx{Exec; Commit} under a context cancelled in the middle of the Exec
// (every driver call takes 1ms: Open 0-1, Begin 1-2, Exec 2-3, cancel at 2.5).
scenarios::Workload CancelledTx(Mutation m) {
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
scenarios::Workload QueryCancelledWhileIterating(Mutation m) {
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
  ASSERT_TRUE(sweep.first_failure.has_value());
  EXPECT_NE(sweep.first_failure->result.message.find("Rollback"), std::string::npos)
      << sweep.first_failure->result.message;
  ExpectClean(CancelledTx(Mutation::kNone));
}

// I8 on a real pool mutant: with kNextAfterRowsClose, Rows.Next no longer checks whether
// awaitDone closed the rows on the cancel, so the client's next Next reaches the driver's
// rows after their Close. The real pool returns false there (and Err() the cancel).
TEST(DriverProtocolInvariants, I8CatchesRowsNextAfterClose) {
  const auto sweep = ExpectCaught(QueryCancelledWhileIterating(Mutation::kNextAfterRowsClose),
                                  InvariantId::kI8, 10);
  ASSERT_TRUE(sweep.first_failure.has_value());
  EXPECT_NE(sweep.first_failure->result.message.find("is used after its Close"),
            std::string::npos)
      << sweep.first_failure->result.message;
  ExpectClean(QueryCancelledWhileIterating(Mutation::kNone));
}

// I11: with kNoTxRollbackOnCancel the cancelled tx is never rolled back; its Commit
// returns the context's error without reaching the driver, so the driver tx never ends.
TEST(DriverProtocolInvariants, I11CatchesTxNeverEnded) {
  const auto sweep = ExpectCaught(CancelledTx(Mutation::kNoTxRollbackOnCancel),
                                  InvariantId::kI11, testing::kRunsPerStrategy * 3);
  ASSERT_TRUE(sweep.first_failure.has_value());
  EXPECT_NE(sweep.first_failure->result.message.find("never committed or rolled back"),
            std::string::npos)
      << sweep.first_failure->result.message;
  ExpectClean(CancelledTx(Mutation::kNone));
}

}  // namespace
}  // namespace properties
