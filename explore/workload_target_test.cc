// Tests of workload targets (the "workload" pseudo-scenario): a token whose workload is
// missing or corrupt, and a ported Go test's token, are one clear error each; checks sets
// round-trip. (workload_target_mutant_test.cc shows a failing run's token replaying.)
#include "explore/workload_target.h"

#include "gtest/gtest.h"
#include "scenarios/ops.h"
#include "sim/strategy_registry.h"
#include "sim/token.h"

namespace explore {
namespace {

namespace ops = scenarios::ops;

// One client, one Exec: any workload will do for the metadata checks below.
scenarios::Workload OneExec() {
  scenarios::Workload w;
  w.clients.assign(1, scenarios::Client{sim::Duration::Zero(), {ops::Exec()}});
  return w;
}

TEST(WorkloadTarget, MissingOrCorruptWorkloadsAndGoTestTokensAreClearErrors) {
  // Shows metadata naming the workload scenario without a workload, with a corrupt one,
  // with unknown checks, and a ported Go test's token (no scenario, a "gotest" key) each
  // give one InvalidArgument; the last names the test and the command that reruns it.
  std::map<std::string, std::string> meta =
      TargetMeta(WorkloadTarget(OneExec()), 1, 0);
  meta.erase("workload");
  EXPECT_NE(TargetFromMeta(meta).status().message().find("does not carry"), std::string::npos);
  meta["workload"] = "w1 seed 1 2";
  EXPECT_EQ(TargetFromMeta(meta).status().code(), absl::StatusCode::kInvalidArgument);
  meta = TargetMeta(WorkloadTarget(OneExec()), 1, 0);
  meta["checks"] = "I3,I99";
  EXPECT_NE(TargetFromMeta(meta).status().message().find("I99"), std::string::npos);
  const std::map<std::string, std::string> gotest = {
      {"gotest", "GoSqlTest.X"}, {"rerun", "POOLCHECK_GOTEST_TOKEN=<this token> model_tests"}};
  const absl::Status s = TargetFromMeta(gotest).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("GoSqlTest.X"), std::string::npos) << s;
  EXPECT_NE(s.message().find("POOLCHECK_GOTEST_TOKEN="), std::string::npos) << s;
}

TEST(WorkloadTarget, InvariantSetsRoundTrip) {
  // Shows the "checks" text of a few sets reads back to the same set.
  using properties::InvariantId;
  using properties::InvariantSet;
  for (InvariantSet set : {InvariantSet::None(), InvariantSet::Only(InvariantId::kI8),
                           InvariantSet::All().Without(InvariantId::kI6)}) {
    absl::StatusOr<InvariantSet> back = ParseInvariantSet(InvariantSetText(set));
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(*back, set) << InvariantSetText(set);
  }
}

}  // namespace
}  // namespace explore
