// Shows I1 (numOpen matches the driver's open conns) failing on a mutant pool
// (model/sql/mutation.h; mutant build). The same program passes on the shipped pool
// (mutant_controls_test.cc).
#include "gtest/gtest.h"
#include "properties/testing/expect.h"
#include "properties/testing/invariant_programs.h"

namespace properties {
namespace {

using model::sql::Mutation;
using model::sql::PoolVersion;
using testing::ExpectCaught;

// I1: with kForgetNumOpenDecrement a failed open keeps its numOpen slot, so at the end
// numOpen is above the driver's count of open conns in every run.
TEST(I1Accounting, CatchesFailedOpenKeepingItsSlot) {
  const auto sweep = ExpectCaught(testing::FailedOpens(Mutation::kForgetNumOpenDecrement, 0),
                                  InvariantId::kI1, testing::kRunsPerStrategy * 3);
  EXPECT_NE(sweep.first_failure->result.message.find("never given back"), std::string::npos)
      << sweep.first_failure->result.message;
}

}  // namespace
}  // namespace properties
