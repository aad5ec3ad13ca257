// The controls of the *_mutant_test.cc files, on the shipped pool: shows each program a
// mutant test breaks (testing/invariant_programs.h) passes with the mutation left out,
// with every invariant enabled, in every run of the default sweep. So each mutant test's
// failure comes from its mutation, and the checkers raise no false alarm on the pool the
// CLI ships.
#include "gtest/gtest.h"
#include "properties/testing/expect.h"
#include "properties/testing/invariant_programs.h"

namespace properties {
namespace {

using model::sql::Mutation;
using model::sql::PoolVersion;
using testing::ExpectClean;

TEST(MutantControls, FailedOpensPass) {
  // Controls of I1 and I3 (stranded waiter): failed opens at no limit and at maxOpen 1.
  ExpectClean(testing::FailedOpens(Mutation::kNone, 0));
  ExpectClean(testing::FailedOpens(Mutation::kNone, 1));
}

TEST(MutantControls, ContendedExecsPass) {
  // Controls of I2, I3 (dropped wakeup) and I9 (maxOpen 1, and unlimited for I9).
  ExpectClean(testing::Contended(Mutation::kNone, 3));
  scenarios::Workload unlimited = testing::Contended(Mutation::kNone, 2);
  unlimited.pool.max_open = 0;
  ExpectClean(unlimited);
}

TEST(MutantControls, BusyClientsPass) {
  // Controls of I4 (one client, then DB.Close) and I10 (three clients at maxOpen 1, main
  // returning without DB.Close).
  ExpectClean(testing::Busy(PoolVersion::kSyncReset, 50, 1, 1));
  ExpectClean(testing::BusyUnclosed(Mutation::kNone));
}

TEST(MutantControls, BadExecPassesOnBothVersions) {
  // Control of I5: the driver fails an Exec with ErrBadConn, on sync-reset and async-reset.
  for (PoolVersion v : model::sql::AllPoolVersions()) {
    SCOPED_TRACE(std::string(model::sql::PoolVersionName(v)));
    ExpectClean(testing::BadExec(v, Mutation::kNone));
  }
}

TEST(MutantControls, CancelledTxPasses) {
  // Control of I7 and I11: a tx whose context is cancelled during its Exec.
  ExpectClean(testing::CancelledTx(Mutation::kNone));
}

TEST(MutantControls, QueryCancelledWhileIteratingPasses) {
  // Control of I8: rows closed by the cancel while the client iterates them.
  ExpectClean(testing::QueryCancelledWhileIterating(Mutation::kNone));
}

}  // namespace
}  // namespace properties
