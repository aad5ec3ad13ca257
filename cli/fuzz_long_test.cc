// The long generated-workload check (label "long"): ten minutes of `poolcheck fuzz` on the
// fixed pool (sync-reset), looking past its named known bugs, with --keep-going so every
// distinct failure is listed. It passes when nothing is found beyond the named known bugs
// and the one named bug the known-bug table cannot look past yet: the panic "send on
// closed channel" of SetConnMaxLifetime/SetConnMaxIdleTime after DB.Close
// (scenarios/FINDINGS.md, generated workloads, 8; a panic ends its run, and allowances
// only make invariants look past a state). Any other failure group fails the test, and
// the output lists each with its token.
#include <string>

#include "absl/strings/match.h"
#include "cli/testing/json_value.h"
#include "cli/testing/run_binary.h"
#include "gtest/gtest.h"

namespace cli {
namespace {

// The named panic: raised in model/sql/db_settings.cc (SetConnMaxLifetime and
// SetConnMaxIdleTime wake the cleaner by a send on the channel Close closed).
bool IsTheSettingAfterClosePanic(const testing::JsonValue& group) {
  return group["invariant"].string == "panic" &&
         absl::StrContains(group["location"].string, "model/sql/db_settings.cc") &&
         absl::StrContains(group["what"].string, "send on closed channel");
}

TEST(FuzzBinaryLong, FixedPoolTenMinutesFindsNothingBeyondKnownBugs) {
  // Shows `fuzz --pool sync-reset --time 10m --allow-known-bug all --keep-going` runs cases
  // and every failure group it reports (JSON failure_groups) is the named panic above.
  const testing::BinaryRun run = testing::RunPoolcheckBinary(
      {"fuzz", "--pool", "sync-reset", "--time", "10m", "--seed", "1", "--allow-known-bug",
       "all", "--keep-going", "--no-failure-files", "--jobs", "2", "--json"},
      3600);
  ASSERT_TRUE(run.exit_code == 0 || run.exit_code == 1) << run.out << run.err;
  std::optional<testing::JsonValue> doc = testing::JsonParser::Parse(run.out);
  ASSERT_TRUE(doc.has_value()) << run.out;
  EXPECT_GT((*doc)["runs_done"].number, 100000) << run.out;
  for (const testing::JsonValue& group : (*doc)["failure_groups"].array) {
    EXPECT_TRUE(IsTheSettingAfterClosePanic(group))
        << group["invariant"].string << " at " << group["location"].string << ": "
        << group["what"].string << "\n  token: " << group["token"].string;
  }
}

}  // namespace
}  // namespace cli
