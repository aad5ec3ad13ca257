// Shows the pool-state invariants (I1 accounting, I2 limit, I3 wakeup, I9 free list)
// failing on deliberately broken pools (model/sql/mutation.h) and passing on the real one.
#include "gtest/gtest-spi.h"
#include "gtest/gtest.h"
#include "model/fakedb/fault_plan.h"
#include "properties/testing/expect.h"

namespace properties {
namespace {

using model::fakedb::CallKind;
using model::fakedb::FaultAction;
using model::fakedb::FaultRule;
using model::sql::Mutation;
using testing::Clients;
using testing::ExpectCaught;
using testing::ExpectClean;
namespace ops = scenarios::ops;

// Two clients, two Execs each; the driver's first two opens fail with an ordinary error.
scenarios::Workload FailedOpens(Mutation m, int max_open) {
  scenarios::Workload w;
  w.pool.mutation = m;
  w.pool.max_open = max_open;
  w.driver.faults.Add(FaultRule::FirstN(CallKind::kOpen, 2).Returns(FaultAction::kError));
  w.clients = Clients(2, {ops::Exec(), ops::Exec()});
  w.main_wait_limit = sim::Duration::Seconds(10);
  return w;
}

// `n` clients, one slow Exec each (1ms a driver call), maxOpen 1.
scenarios::Workload Contended(Mutation m, int n) {
  scenarios::Workload w;
  w.pool.mutation = m;
  w.pool.max_open = 1;
  w.driver.call_latency = sim::Duration::Milliseconds(1);
  w.clients = Clients(n, {ops::Exec()});
  w.main_wait_limit = sim::Duration::Seconds(10);
  return w;
}

// I1: with kForgetNumOpenDecrement a failed open keeps its numOpen slot, so at the end
// numOpen is above the driver's count of open conns in every run.
TEST(PoolStateInvariants, I1CatchesFailedOpenKeepingItsSlot) {
  const auto sweep = ExpectCaught(FailedOpens(Mutation::kForgetNumOpenDecrement, 0),
                                  InvariantId::kI1, testing::kRunsPerStrategy * 3);
  ASSERT_TRUE(sweep.first_failure.has_value());
  EXPECT_NE(sweep.first_failure->result.message.find("never given back"), std::string::npos)
      << sweep.first_failure->result.message;
  ExpectClean(FailedOpens(Mutation::kNone, 0));
}

// I2: with kIgnoreMaxOpen three concurrent slow Execs open three conns under maxOpen 1;
// some schedule overlaps them, and the check at the second Open fires.
TEST(PoolStateInvariants, I2CatchesOpeningBeyondMaxOpen) {
  ExpectCaught(Contended(Mutation::kIgnoreMaxOpen, 3), InvariantId::kI2, 10);
  ExpectClean(Contended(Mutation::kNone, 3));
}

// I3: with kDropWaiterWakeup a released conn goes to the free list while a waiter keeps
// waiting; once nothing else can run, the waiter is reported as forgotten.
TEST(PoolStateInvariants, I3CatchesDroppedWaiterWakeup) {
  ExpectCaught(Contended(Mutation::kDropWaiterWakeup, 3), InvariantId::kI3, 10);
  ExpectClean(Contended(Mutation::kNone, 3));
}

// I3: with kForgetNumOpenDecrement and maxOpen 1, a failed open leaves numOpen at the
// limit, so the other client waits for a conn nobody will open although the driver holds
// none ("Exec never returns after failed opens at maxOpen").
TEST(PoolStateInvariants, I3CatchesWaiterStrandedByLeakedSlot) {
  const auto sweep = ExpectCaught(FailedOpens(Mutation::kForgetNumOpenDecrement, 1),
                                  InvariantId::kI3, 10);
  ASSERT_TRUE(sweep.first_failure.has_value());
  EXPECT_NE(sweep.first_failure->result.message.find("capacity"), std::string::npos)
      << sweep.first_failure->result.message;
  ExpectClean(FailedOpens(Mutation::kNone, 1));
}

// I9: with kDoubleRelease a returned conn is appended to freeConn twice, which the
// after-step check sees at once.
TEST(PoolStateInvariants, I9CatchesConnListedTwiceInFreeList) {
  scenarios::Workload broken = Contended(Mutation::kDoubleRelease, 2);
  broken.pool.max_open = 0;
  const auto sweep = ExpectCaught(broken, InvariantId::kI9, testing::kRunsPerStrategy * 3);
  ASSERT_TRUE(sweep.first_failure.has_value());
  EXPECT_NE(sweep.first_failure->result.message.find("more than once"), std::string::npos)
      << sweep.first_failure->result.message;
  scenarios::Workload real = broken;
  real.pool.mutation = Mutation::kNone;
  ExpectClean(real);
}

// The shape every demonstration above has (sweep, then ASSERT a first failure, then read
// its message), on the I1 mutant with the checker regressed to nothing: no checker runs,
// so nothing is caught.
void DemonstrationWithCheckerSwitchedOff() {
  const explore::SweepSummary sweep = testing::SweepOf(explore::WorkloadTarget(
      FailedOpens(Mutation::kForgetNumOpenDecrement, 0), InvariantSet::None()));
  ASSERT_TRUE(sweep.first_failure.has_value()) << "checker regressed";
  EXPECT_NE(sweep.first_failure->result.message.find("never given back"), std::string::npos);
}

// Shows a regressed checker makes a demonstration fail with one gtest failure instead of
// crashing on an empty first failure: the sweep with I1 switched off (Target::checks)
// yields exactly one fatal failure, the ASSERT's.
TEST(PoolStateInvariants, ARegressedCheckerFailsTheDemonstrationWithoutACrash) {
  EXPECT_FATAL_FAILURE(DemonstrationWithCheckerSwitchedOff(), "checker regressed");
}

}  // namespace
}  // namespace properties
