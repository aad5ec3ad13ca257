// Shows I7 (one driver call at a time per conn) failing on a mutant pool (mutant build). The
// same program passes on the shipped pool (mutant_controls_test.cc).
#include "gtest/gtest.h"
#include "properties/testing/expect.h"
#include "properties/testing/invariant_programs.h"

namespace properties {
namespace {

using model::sql::Mutation;
using model::sql::PoolVersion;
using testing::ExpectCaught;

// I7: with kUnlockedDriverCall the rollback on cancel does not take the conn's lock, so
// the driver's Rollback starts while the tx's Exec is still inside the conn.
TEST(I7ExclusiveUse, CatchesRollbackInsideAnotherCall) {
  const auto sweep = ExpectCaught(testing::CancelledTx(Mutation::kUnlockedDriverCall),
                                  InvariantId::kI7, testing::kRunsPerStrategy * 3);
  ASSERT_TRUE(sweep.first_failure.has_value());
  EXPECT_NE(sweep.first_failure->result.message.find("Rollback"), std::string::npos)
      << sweep.first_failure->result.message;
}

}  // namespace
}  // namespace properties
