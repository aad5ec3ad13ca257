// The long generated-workload check (label "long"): ten minutes of `poolcheck fuzz` on the
// fixed pool (sync-reset), looking past its named known bugs, with --keep-going so every
// distinct failure is listed. It passes when nothing beyond the named known bugs is found;
// a failure prints the distinct findings with their tokens (FINDINGS.md reads them).
#include "absl/strings/match.h"
#include "cli/testing/run_binary.h"
#include "gtest/gtest.h"

namespace cli {
namespace {

TEST(FuzzBinaryLong, FixedPoolTenMinutesFindsNothingBeyondKnownBugs) {
  // Shows `fuzz --pool sync-reset --time 10m --allow-known-bug all` exits 0 with runs done.
  const testing::BinaryRun run = testing::RunPoolcheckBinary(
      {"fuzz", "--pool", "sync-reset", "--time", "10m", "--seed", "1", "--allow-known-bug",
       "all", "--keep-going", "--no-failure-files", "--jobs", "2"},
      3600);
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_TRUE(absl::StrContains(run.out, "passed fuzz pool=sync-reset")) << run.out;
}

}  // namespace
}  // namespace cli
