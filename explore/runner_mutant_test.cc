// Tests of the runner on mutants of the pool (mutant build): a failing run's token, with
// its choices and metadata, replays to the same failure; a target's mutation and
// defaulted parameters reach the workload.
#include "gtest/gtest.h"
#include "explore/runner.h"
#include "explore/testing/targets.h"
#include "explore/target.h"
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
  EXPECT_EQ(failure.result.failure.Name(), "I2");
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
  EXPECT_EQ(replay->result.failure.Name(), "I2");
  EXPECT_EQ(replay->result.message, failure.result.message);
  EXPECT_EQ(replay->result.steps, failure.result.steps);
  EXPECT_EQ(replay->result.fingerprint, failure.result.fingerprint);
  EXPECT_EQ(replay->run_index, failure.run_index);
  EXPECT_FALSE(replay->result.trace.events.empty());
}

TEST(Runner, TargetsCarryTheMutationAndResolveDefaults) {
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
