// Shows I12 (a client's driver calls run on the conn the pool handed it) failing on a
// real pool mutant (mutant build): with kStmtOnOtherConn, Stmt.connStmt reuses the DB
// Stmt's first driver statement, prepared on another conn, instead of preparing on the
// conn it just got, so a Stmt.Exec reaches a conn that sits idle or that another client
// holds. The same workload passes on the shipped pool (mutant_controls_test.cc), where
// each use re-prepares on its own conn.
#include "gtest/gtest.h"
#include "properties/testing/expect.h"
#include "properties/testing/invariant_programs.h"

namespace properties {
namespace {

using model::sql::Mutation;

TEST(I12Affinity, CatchesStmtRunOnAnotherConnsStatement) {
  const auto sweep = testing::ExpectCaught(
      testing::StmtsAcrossConns(Mutation::kStmtOnOtherConn), InvariantId::kI12, 10);
  ASSERT_TRUE(sweep.first_failure.has_value());
  EXPECT_NE(sweep.first_failure->result.message.find("which the pool did not hand to its goroutine"),
            std::string::npos)
      << sweep.first_failure->result.message;
}

}  // namespace
}  // namespace properties
