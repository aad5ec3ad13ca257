// Shows I10 (every client operation completes) failing on a mutant pool (mutant build). The
// same program passes on the shipped pool (mutant_controls_test.cc).
#include "gtest/gtest.h"
#include "properties/testing/expect.h"
#include "properties/testing/invariant_programs.h"

namespace properties {
namespace {

using model::sql::Mutation;
using model::sql::PoolVersion;
using testing::ExpectCaught;

// I10: with kDropWaiterWakeup a client waiting for a conn is never woken; main stops
// waiting after 10s and returns without DB.Close (which would wake the waiter), and the
// run ends with that client's Exec still pending.
TEST(I10Completion, CatchesOperationThatNeverCompletes) {
  const auto sweep = ExpectCaught(testing::BusyUnclosed(Mutation::kDropWaiterWakeup),
                                  InvariantId::kI10, 10);
  ASSERT_TRUE(sweep.first_failure.has_value());
  EXPECT_NE(sweep.first_failure->result.message.find("never completed"), std::string::npos)
      << sweep.first_failure->result.message;
}

}  // namespace
}  // namespace properties
