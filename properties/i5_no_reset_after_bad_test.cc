// Shows I5 on the shipped fixed pool looking past what Go does with a Tx's failed rows: a
// failure a pool goroutine saw belongs to the client holding the conn, whose further
// statements in the same operation are no reuse. How: a sweep of the workload the fuzzer
// found the old rule failing on (numbers in the test's comment). That I5 still catches a
// real reuse is shown by i5_no_reset_after_bad_mutant_test.cc.
#include "gtest/gtest.h"
#include "model/fakedb/fault_plan.h"
#include "properties/testing/expect.h"

namespace properties {
namespace {

using model::fakedb::CallKind;

// Found by the ten-minute fuzz (case 4273924, scenarios/FINDINGS.md), as the generator drew
// it. Client 1's Tx runs a Query whose 500µs deadline passes with its rows open, so
// Rows.awaitDone closes them and the driver's Rows.Close says ErrBadConn; Go releases a
// Tx's rows with the error dropped (Tx.closemuRUnlockRelease), so the Tx goes on with its
// next Query on the conn. Meanwhile client 0 closes, on that same conn, the statement it
// left open after its own Conn had given the conn back, so the last client to call into
// the conn is not the Tx.
scenarios::Workload TxRowsFailUnderAnotherClientsWindDown() {
  namespace ops = scenarios::ops;
  using model::fakedb::FaultRule;
  using sim::Duration;
  scenarios::Workload w;
  w.pool.version = model::sql::PoolVersion::kSyncReset;
  w.pool.max_open = 1;
  w.pool.max_idle = 0;
  w.driver.call_latency = Duration::Milliseconds(1);
  w.driver.latency_jitter = Duration::Milliseconds(1);
  w.driver.guards = false;
  w.driver.faults.Add(FaultRule::Nth(CallKind::kRowsClose, 2));
  w.driver.faults.chosen.calls = {CallKind::kPrepare, CallKind::kBegin, CallKind::kExec,
                                  CallKind::kQuery, CallKind::kResetSession};
  w.driver.faults.chosen.budget = 1;
  w.clients.resize(2);
  w.clients[0].start_delay = Duration::Milliseconds(1);
  w.clients[0].ops = {
      ops::WithTimeout(ops::Query("SELECT", 0), Duration::Microseconds(500)), ops::Exec(),
      ops::Hold(ops::Conn({ops::Exec(), ops::LeftOpen(ops::Pause(ops::Prepare("NOOP", 2),
                                                                  Duration::Milliseconds(1)))}),
                Duration::Milliseconds(1))};
  w.clients[1].ops = {
      ops::WithTimeout(ops::QueryRow(), Duration::Milliseconds(50)),
      ops::Tx({ops::Exec(), ops::WithTimeout(ops::Query(), Duration::Microseconds(500)),
               ops::Query("SELECT", 1)},
              /*rollback=*/true)};
  return w;
}

// I5 charges a failure a pool goroutine saw (Rows.awaitDone's Rows.Close) to the client
// the pool handed the conn to (the Tx's), not to the last client that called into it: the
// Tx's later Query is the holder finishing its work, not a reuse. Charged to the last
// caller (the old rule), this sweep failed I5 in 56 of its 6,000 runs.
TEST(I5NoResetAfterBad, ChargesAPoolGoroutinesFailureToTheConnsHolder) {
  const explore::SweepSummary sweep = testing::SweepUnder(
      explore::WorkloadTarget(TxRowsFailUnderAnotherClientsWindDown(),
                              InvariantSet::Only(InvariantId::kI5), {}),
      sim::DefaultSweepSpecs(), 2000);
  EXPECT_TRUE(sweep.failures.empty()) << sweep.Summary();
  EXPECT_EQ(sweep.runs, 6000u);
}

}  // namespace
}  // namespace properties
