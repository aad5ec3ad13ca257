// Tests of the runner on the shipped pool: tokens carry what a replay needs (steps and
// fingerprint for long runs) and replay reproduces the run or reports divergence; bad
// tokens and mutant targets are clear errors. The runner on mutants (a failing run's token
// with its choices; mutations reaching the workload) is in runner_mutant_test.cc.
#include "gtest/gtest.h"
#include "explore/runner.h"
#include "explore/testing/targets.h"
#include "explore/target.h"
#include "sim/strategy_registry.h"
#include "sim/token.h"

namespace explore {
namespace {

using model::sql::Mutation;
using model::sql::PoolVersion;

using testing::MakeTarget;
using testing::Options;

TEST(Runner, LongRunsKeepStepsAndFingerprintAndReplayFromTheSeed) {
  // Shows a run with more than kMaxTokenChoices choices (issue31480 on sync-reset, 600 clients)
  // gets a token without choices, and that replaying it from strategy and seed reproduces
  // the same steps and fingerprint; a tampered fingerprint is reported as divergence.
  absl::StatusOr<ExploreSummary> summary = Explore(
      MakeTarget("issue31480", PoolVersion::kSyncReset, Mutation::kNone, {{"clients", "600"}}),
      Options("pct", 1));
  ASSERT_TRUE(summary.ok()) << summary.status();
  ASSERT_EQ(summary->runs_done, 1u);
  ASSERT_FALSE(summary->first_failure.has_value());
  absl::StatusOr<BuiltTarget> built = BuildTarget(
      MakeTarget("issue31480", PoolVersion::kSyncReset, Mutation::kNone, {{"clients", "600"}}));
  ASSERT_TRUE(built.ok());
  std::unique_ptr<sim::Strategy> pct = *sim::MakeStrategy("pct");
  RunReport run = RunWorkload(built->workload, *pct, sim::RunStart(sim::RunSeed(1, 0)), sim::RunOptions{});
  StampReport(run, built->target, 1, 0);
  ASSERT_GT(run.result.choices.size(), kMaxTokenChoices);
  EXPECT_FALSE(run.token.has_choices);
  EXPECT_EQ(run.token.steps, run.result.steps);

  absl::StatusOr<RunReport> replay = Replay(run.token, false);
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_FALSE(replay->result.failed()) << replay->result.message;
  EXPECT_EQ(replay->result.fingerprint, run.result.fingerprint);

  sim::ReplayToken tampered = run.token;
  tampered.fingerprint ^= 1;
  absl::StatusOr<RunReport> diverged = Replay(tampered, false);
  ASSERT_TRUE(diverged.ok()) << diverged.status();
  EXPECT_EQ(diverged->result.failure.Name(), "divergence");
}

TEST(Runner, AShortenedChoiceStreamDiverges) {
  // Shows a token whose recorded choices were cut short does not silently run something
  // else: the replay fails with "divergence".
  absl::StatusOr<BuiltTarget> built =
      BuildTarget(MakeTarget("waiters_open_fail", PoolVersion::kSyncReset));
  ASSERT_TRUE(built.ok()) << built.status();
  std::unique_ptr<sim::Strategy> random = *sim::MakeStrategy("random");
  RunReport run = RunWorkload(built->workload, *random, sim::RunStart(5), sim::RunOptions{});
  StampReport(run, built->target, 5, 0);
  ASSERT_TRUE(run.token.has_choices);
  ASSERT_GT(run.token.choices.size(), 20u);
  run.token.choices.resize(run.token.choices.size() / 2);
  absl::StatusOr<RunReport> replay = Replay(run.token, false);
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_EQ(replay->result.failure.Name(), "divergence") << replay->result.message;
}

TEST(Runner, BadTokensAreErrorsNotRuns) {
  // Shows a token naming an unknown scenario, parameter or pool is rejected with an error
  // saying which, before anything runs.
  sim::ReplayToken token;
  token.strategy = "random";
  token.meta = {{"scenario", "nope"}, {"pool", "sync-reset"}};
  EXPECT_EQ(Replay(token, false).status().code(), absl::StatusCode::kNotFound);
  token.meta = {{"scenario", "tx_cancel"}, {"pool", "sync-reset"}, {"param.colour", "red"}};
  absl::Status bad_param = Replay(token, false).status();
  EXPECT_EQ(bad_param.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad_param.message().find("colour"), absl::string_view::npos) << bad_param;
  token.meta = {{"scenario", "tx_cancel"}, {"pool", "go1.99"}};
  EXPECT_EQ(Replay(token, false).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(Runner, MutationsNeedTheMutantBuildAndTheErrorNamesIt) {
  // Shows the shipped pool refuses a target with a mutation before anything runs, with an
  // error naming the binary that can run it (runner_mutant_test.cc builds such targets).
  absl::StatusOr<BuiltTarget> built = BuildTarget(
      MakeTarget("tx_cancel", PoolVersion::kSyncReset, Mutation::kNoTxRollbackOnCancel));
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(built.status().message().find("no-tx-rollback-on-cancel"), absl::string_view::npos)
      << built.status();
  EXPECT_NE(built.status().message().find("poolcheck-mutants"), absl::string_view::npos)
      << built.status();
}

}  // namespace
}  // namespace explore
