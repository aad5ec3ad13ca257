// Shows I4 (no leak: no pool goroutine outlives DB.Close) failing on a mutant pool (mutant
// build). The same program passes on the shipped pool (mutant_controls_test.cc).
#include "gtest/gtest.h"
#include "properties/testing/expect.h"
#include "properties/testing/invariant_programs.h"

namespace properties {
namespace {

using model::sql::Mutation;
using model::sql::PoolVersion;
using testing::ExpectCaught;

// I4: with kLeakOpener the connectionOpener goroutine ignores the DB's context and is
// still alive after DB.Close.
TEST(I4Leak, CatchesOpenerOutlivingClose) {
  scenarios::Workload broken = testing::Busy(PoolVersion::kSyncReset, 50, 1, 1);
  broken.pool.mutation = Mutation::kLeakOpener;
  const auto sweep = ExpectCaught(broken, InvariantId::kI4, testing::kRunsPerStrategy * 3);
  ASSERT_TRUE(sweep.first_failure.has_value());
  EXPECT_NE(sweep.first_failure->result.message.find("connectionOpener"), std::string::npos)
      << sweep.first_failure->result.message;
}

}  // namespace
}  // namespace properties
