// Shows I11 (each driver tx gets one Commit or Rollback) failing on a mutant pool (mutant
// build). The same program passes on the shipped pool (mutant_controls_test.cc).
#include "gtest/gtest.h"
#include "properties/testing/expect.h"
#include "properties/testing/invariant_programs.h"

namespace properties {
namespace {

using model::sql::Mutation;
using model::sql::PoolVersion;
using testing::ExpectCaught;

// I11: with kNoTxRollbackOnCancel the cancelled tx is never rolled back; its Commit
// returns the context's error without reaching the driver, so the driver tx never ends.
TEST(I11TxProtocol, CatchesTxNeverEnded) {
  const auto sweep = ExpectCaught(testing::CancelledTx(Mutation::kNoTxRollbackOnCancel),
                                  InvariantId::kI11, testing::kRunsPerStrategy * 3);
  ASSERT_TRUE(sweep.first_failure.has_value());
  EXPECT_NE(sweep.first_failure->result.message.find("never committed or rolled back"),
            std::string::npos)
      << sweep.first_failure->result.message;
}

}  // namespace
}  // namespace properties
