// The long generated-workload check (label "long"): ten minutes of `poolcheck fuzz` on the
// fixed pool (sync-reset), looking past its named known bugs (the table in
// properties/known_bugs.cc, panics included: a run that panics as an allowed known panic
// does passes, counted in known_bug_panics), with --keep-going so every distinct failure
// is listed. It passes when nothing is found beyond the named known bugs: any failure
// group fails the test, and the output lists each with its token.
#include <string>

#include "cli/testing/json_value.h"
#include "cli/testing/run_binary.h"
#include "gtest/gtest.h"

namespace cli {
namespace {

TEST(FuzzBinaryLong, FixedPoolTenMinutesFindsNothingBeyondKnownBugs) {
  // Shows `fuzz --pool sync-reset --time 10m --allow-known-bug all --keep-going` runs cases,
  // exits 0 and reports no failure group (JSON failure_groups empty).
  const testing::BinaryRun run = testing::RunPoolcheckBinary(
      {"fuzz", "--pool", "sync-reset", "--time", "10m", "--seed", "1", "--allow-known-bug",
       "all", "--keep-going", "--no-failure-files", "--jobs", "2", "--json"},
      3600);
  std::optional<testing::JsonValue> doc = testing::JsonParser::Parse(run.out);
  ASSERT_TRUE(doc.has_value()) << run.out << run.err;
  EXPECT_GT((*doc)["runs_done"].number, 100000) << run.out;
  for (const testing::JsonValue& group : (*doc)["failure_groups"].array) {
    ADD_FAILURE() << group["invariant"].string << " at " << group["location"].string << ": "
                  << group["what"].string << "\n  token: " << group["token"].string;
  }
  EXPECT_EQ(run.exit_code, 0) << run.err;
  RecordProperty("known_bug_panics", static_cast<int>((*doc)["known_bug_panics"].number));
}

}  // namespace
}  // namespace cli
