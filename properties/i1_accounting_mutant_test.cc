// Shows I1 (numOpen matches the driver's open conns) failing on a mutant pool
// (model/sql/mutation.h; mutant build). The same program passes on the shipped pool
// (mutant_controls_test.cc).
#include "gtest/gtest-spi.h"
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
  ASSERT_TRUE(sweep.first_failure.has_value());
  EXPECT_NE(sweep.first_failure->result.message.find("never given back"), std::string::npos)
      << sweep.first_failure->result.message;
}

// The shape every demonstration has (sweep, then ASSERT a first failure, then read its
// message), on the I1 mutant with the checker regressed to nothing: no checker runs, so
// nothing is caught.
void DemonstrationWithCheckerSwitchedOff() {
  const explore::SweepSummary sweep = testing::SweepOf(explore::WorkloadTarget(
      testing::FailedOpens(Mutation::kForgetNumOpenDecrement, 0), InvariantSet::None()));
  ASSERT_TRUE(sweep.first_failure.has_value()) << "checker regressed";
  EXPECT_NE(sweep.first_failure->result.message.find("never given back"), std::string::npos);
}

// Shows a regressed checker makes a demonstration fail with one gtest failure instead of
// crashing on an empty first failure: the sweep with every check switched off
// (Target::checks) yields exactly one fatal failure, the ASSERT's.
TEST(I1Accounting, ARegressedCheckerFailsTheDemonstrationWithoutACrash) {
  EXPECT_FATAL_FAILURE(DemonstrationWithCheckerSwitchedOff(), "checker regressed");
}

}  // namespace
}  // namespace properties
