// Shows I9 (pool structure: a conn is in freeConn at most once) failing on a mutant pool
// (mutant build). The same program passes on the shipped pool (mutant_controls_test.cc).
#include "gtest/gtest.h"
#include "properties/testing/expect.h"
#include "properties/testing/invariant_programs.h"

namespace properties {
namespace {

using model::sql::Mutation;
using model::sql::PoolVersion;
using testing::ExpectCaught;

// I9: with kDoubleRelease a returned conn is appended to freeConn twice, which the
// after-step check sees at once.
TEST(I9FreeList, CatchesConnListedTwiceInFreeList) {
  scenarios::Workload broken = testing::Contended(Mutation::kDoubleRelease, 2);
  broken.pool.max_open = 0;
  const auto sweep = ExpectCaught(broken, InvariantId::kI9, testing::kRunsPerStrategy * 3);
  ASSERT_TRUE(sweep.first_failure.has_value());
  EXPECT_NE(sweep.first_failure->result.message.find("more than once"), std::string::npos);
}

}  // namespace
}  // namespace properties
