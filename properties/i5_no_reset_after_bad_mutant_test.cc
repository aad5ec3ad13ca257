// Shows I5 (no driver call but Close on a conn seen bad) failing on a mutant pool of both
// versions (mutant build). The same programs pass on the shipped pool
// (mutant_controls_test.cc).
#include "gtest/gtest.h"
#include "properties/testing/expect.h"
#include "properties/testing/invariant_programs.h"

namespace properties {
namespace {

using model::sql::Mutation;
using model::sql::PoolVersion;
using testing::ExpectCaught;

// I5 on every version: with kSkipNeedReset the conn the driver failed goes back to the
// pool, and the retry takes it again (sync-reset resets it first; async-reset's resetter does).
TEST(I5NoResetAfterBad, CatchesReuseOfFailedConn) {
  for (PoolVersion v : model::sql::AllPoolVersions()) {
    SCOPED_TRACE(std::string(model::sql::PoolVersionName(v)));
    ExpectCaught(testing::BadExec(v, Mutation::kSkipNeedReset), InvariantId::kI5,
                 testing::kRunsPerStrategy * 3);
  }
}

// The known-bug allowances are narrow: with every one of them on, conn-close-drops-bad-conn
// included, the same mutant is caught as often (no sql.Conn's Close dropped a verdict, so
// I5 looks past nothing).
TEST(I5NoResetAfterBad, KnownBugAllowancesDoNotHideReuseOfFailedConn) {
  for (PoolVersion v : model::sql::AllPoolVersions()) {
    SCOPED_TRACE(std::string(model::sql::PoolVersionName(v)));
    ExpectCaught(testing::BadExec(v, Mutation::kSkipNeedReset), InvariantId::kI5,
                 testing::kRunsPerStrategy * 3, KnownBugAllowances::AllKnownBugs());
  }
}

}  // namespace
}  // namespace properties
