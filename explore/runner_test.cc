// Tests of the runner: tokens carry what a replay needs (choices for short runs, steps and
// fingerprint for long ones) and replay reproduces the run or reports divergence; bad
// tokens are clear errors.
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

TEST(Runner, AFailingRunsTokenReplaysToTheSameFailure) {
  // Shows the token of a failing run (lower_max_open on the ignore-max-open mutant, I2)
  // survives encoding and, replayed, gives the same failure, message, steps and
  // fingerprint; its metadata names the scenario, pool, mutation, seed and run.
  absl::StatusOr<ExploreSummary> summary = Explore(
      MakeTarget("lower_max_open", PoolVersion::kSyncReset, Mutation::kIgnoreMaxOpen),
      Options("random", 10, 7));
  ASSERT_TRUE(summary.ok()) << summary.status();
  ASSERT_TRUE(summary->first_failure.has_value());
  const RunReport& failure = *summary->first_failure;
  EXPECT_EQ(failure.result.failure_id, "I2");
  EXPECT_TRUE(failure.token.has_choices);
  EXPECT_EQ(failure.token.meta.at("scenario"), "lower_max_open");
  EXPECT_EQ(failure.token.meta.at("pool"), "sync-reset");
  EXPECT_EQ(failure.token.meta.at("mutation"), "ignore-max-open");
  EXPECT_EQ(failure.token.meta.at("seed"), "7");
  EXPECT_EQ(failure.token.meta.at("param.max_open"), "3");

  absl::StatusOr<sim::ReplayToken> decoded = sim::DecodeToken(sim::EncodeToken(failure.token));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  absl::StatusOr<RunReport> replay = Replay(*decoded, /*record_trace=*/true);
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_EQ(replay->result.failure_id, "I2");
  EXPECT_EQ(replay->result.message, failure.result.message);
  EXPECT_EQ(replay->result.steps, failure.result.steps);
  EXPECT_EQ(replay->result.fingerprint, failure.result.fingerprint);
  EXPECT_EQ(replay->run_index, failure.run_index);
  EXPECT_FALSE(replay->result.trace.events.empty());
}

TEST(Runner, LongRunsKeepStepsAndFingerprintAndReplayFromTheSeed) {
  // Shows a run with more than kMaxTokenChoices choices (issue31480 on seed, 600 clients)
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
  RunReport run = RunWorkload(built->workload, *pct, sim::RunSeed(1, 0), sim::RunOptions{});
  StampReport(run, built->target, 1, 0);
  ASSERT_GT(run.result.choices.size(), kMaxTokenChoices);
  EXPECT_FALSE(run.token.has_choices);
  EXPECT_EQ(run.token.steps, run.result.steps);

  absl::StatusOr<RunReport> replay = Replay(run.token, false);
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_FALSE(replay->result.failed) << replay->result.message;
  EXPECT_EQ(replay->result.fingerprint, run.result.fingerprint);

  sim::ReplayToken tampered = run.token;
  tampered.fingerprint ^= 1;
  absl::StatusOr<RunReport> diverged = Replay(tampered, false);
  ASSERT_TRUE(diverged.ok()) << diverged.status();
  EXPECT_EQ(diverged->result.failure_id, "divergence");
}

TEST(Runner, AShortenedChoiceStreamDiverges) {
  // Shows a token whose recorded choices were cut short does not silently run something
  // else: the replay fails with "divergence".
  absl::StatusOr<BuiltTarget> built =
      BuildTarget(MakeTarget("waiters_open_fail", PoolVersion::kSyncReset));
  ASSERT_TRUE(built.ok()) << built.status();
  std::unique_ptr<sim::Strategy> random = *sim::MakeStrategy("random");
  RunReport run = RunWorkload(built->workload, *random, 5, sim::RunOptions{});
  StampReport(run, built->target, 5, 0);
  ASSERT_TRUE(run.token.has_choices);
  ASSERT_GT(run.token.choices.size(), 20u);
  run.token.choices.resize(run.token.choices.size() / 2);
  absl::StatusOr<RunReport> replay = Replay(run.token, false);
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_EQ(replay->result.failure_id, "divergence") << replay->result.message;
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

TEST(Runner, MutationsNeedTheMutantBuildAndTargetsResolveDefaults) {
  // Shows BuildTarget fills every parameter's default into the target (so a token names
  // the full configuration) and carries the mutation into the workload.
  absl::StatusOr<BuiltTarget> built = BuildTarget(
      MakeTarget("tx_cancel", PoolVersion::kAsyncReset, Mutation::kNoTxRollbackOnCancel,
                 {{"clients", "5"}}));
  ASSERT_TRUE(built.ok()) << built.status();
  EXPECT_EQ(built->target.params.at("clients"), "5");
  EXPECT_EQ(built->target.params.at("cancel_after_ms"), "2");
  EXPECT_EQ(built->workload.pool.mutation, Mutation::kNoTxRollbackOnCancel);
  EXPECT_EQ(built->workload.pool.version, PoolVersion::kAsyncReset);
  EXPECT_EQ(built->workload.clients.size(), 5u);
}

}  // namespace
}  // namespace explore
