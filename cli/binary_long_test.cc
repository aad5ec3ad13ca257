// The long end-to-end check (label "long"): the fixed pool passes the #31480 exploration
// for 10,000 PCT runs, as the demonstration requires.
#include "absl/strings/match.h"
#include "cli/testing/run_binary.h"
#include "gtest/gtest.h"

namespace cli {
namespace {

TEST(PoolcheckBinaryLong, SyncResetPassesTenThousandRuns) {
  // Shows `explore --pool sync-reset --runs 10000` exits 0 with every run done.
  const testing::BinaryRun run = testing::RunPoolcheckBinary(
      {"explore", "--scenario", "issue31480", "--pool", "sync-reset", "--strategy", "pct", "--runs",
       "10000", "--seed", "1", "--jobs", "2"},
      3 * 3600);
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_TRUE(absl::StartsWith(run.out, "passed issue31480 pool=sync-reset strategy=pct seed=1 "
                                        "runs=10000: 10000 runs, 0 failing"))
      << run.out;
}

}  // namespace
}  // namespace cli
