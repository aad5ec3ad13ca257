// Shows I8 (no driver call on a conn, stmt or rows after its Close) failing on a real pool
// mutant (mutant build): with kNextAfterRowsClose, Rows.Next no longer checks whether
// awaitDone closed the rows on the cancel, so the client's next Next reaches the driver's
// rows after their Close. The real pool returns false there (and Err() the cancel); the
// same workload passes on the shipped pool (mutant_controls_test.cc).
#include "gtest/gtest.h"
#include "properties/testing/expect.h"
#include "properties/testing/invariant_programs.h"

namespace properties {
namespace {

using model::sql::Mutation;

TEST(I8UseAfterClose, CatchesRowsNextAfterClose) {
  const auto sweep =
      testing::ExpectCaught(testing::QueryCancelledWhileIterating(Mutation::kNextAfterRowsClose),
                            InvariantId::kI8, 10);
  ASSERT_TRUE(sweep.first_failure.has_value());
  EXPECT_NE(sweep.first_failure->result.message.find("is used after its Close"),
            std::string::npos)
      << sweep.first_failure->result.message;
}

}  // namespace
}  // namespace properties
