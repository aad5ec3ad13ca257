// Shows I3 (no lost wakeup: no waiter left while a conn or capacity is free) failing on two
// mutant pools (mutant build). The same programs pass on the shipped pool
// (mutant_controls_test.cc).
#include "gtest/gtest.h"
#include "properties/testing/expect.h"
#include "properties/testing/invariant_programs.h"

namespace properties {
namespace {

using model::sql::Mutation;
using model::sql::PoolVersion;
using testing::ExpectCaught;

// I3: with kDropWaiterWakeup a released conn goes to the free list while a waiter keeps
// waiting; once nothing else can run, the waiter is reported as forgotten.
TEST(I3Wakeup, CatchesDroppedWaiterWakeup) {
  ExpectCaught(testing::Contended(Mutation::kDropWaiterWakeup, 3), InvariantId::kI3, 10);
}

// I3: with kForgetNumOpenDecrement and maxOpen 1, a failed open leaves numOpen at the
// limit, so the other client waits for a conn nobody will open although the driver holds
// none ("Exec never returns after failed opens at maxOpen").
TEST(I3Wakeup, CatchesWaiterStrandedByLeakedSlot) {
  const auto sweep = ExpectCaught(testing::FailedOpens(Mutation::kForgetNumOpenDecrement, 1),
                                  InvariantId::kI3, 10);
  ASSERT_TRUE(sweep.first_failure.has_value());
  EXPECT_NE(sweep.first_failure->result.message.find("capacity"), std::string::npos)
      << sweep.first_failure->result.message;
}

}  // namespace
}  // namespace properties
