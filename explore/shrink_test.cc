// Tests of shrinking: the lenient replay follows a recorded stream exactly when it fits,
// falls back instead of diverging when it does not, and reads kContinueChoice as "no
// preemption"; Shrink turns a failing #31480 run into a smaller one that replays to the
// same invariant, and refuses a run that passes.
#include "explore/shrink.h"

#include <algorithm>
#include <string>

#include "gtest/gtest.h"
#include "sim/go.h"
#include "sim/strategy_registry.h"

namespace explore {
namespace {

// Three goroutines that each yield a few times: plenty of scheduling decisions.
void YieldingProgram() {
  for (int g = 0; g < 3; ++g) {
    sim::Go("worker", [] {
      for (int i = 0; i < 5; ++i) sim::Gosched();
    });
  }
  for (int i = 0; i < 5; ++i) sim::Gosched();
}

sim::RunResult RunWith(sim::Strategy& strategy) {
  return sim::RunProgram(strategy, 1, sim::RunOptions{}, YieldingProgram);
}

TEST(LenientReplay, FollowsAFittingStreamExactly) {
  // Shows replaying a random run's own choices leniently gives the same run (same
  // fingerprint) with no fallbacks, and counts its preemptions.
  std::unique_ptr<sim::Strategy> random = *sim::MakeStrategy("random");
  const sim::RunResult original = sim::RunProgram(*random, 42, {}, YieldingProgram);
  ASSERT_FALSE(original.failed()) << original.message;
  LenientReplayStrategy lenient(original.choices);
  const sim::RunResult again = RunWith(lenient);
  EXPECT_EQ(again.fingerprint, original.fingerprint);
  EXPECT_EQ(lenient.fallbacks(), 0u);
  EXPECT_GT(lenient.preemptions(), 0u);  // a random walk over 4 yielding goroutines preempts
  EXPECT_EQ(lenient.preempted().size(), again.choices.size());
}

TEST(LenientReplay, FallsBackInsteadOfDiverging) {
  // Shows a stream naming goroutines that never exist still runs to the end without a
  // failure, counting each unavailable pick as a fallback, where a strict replay diverges.
  const std::vector<sim::Choice> nonsense(40, sim::Choice{sim::ChoiceKind::kSchedule, 999});
  LenientReplayStrategy lenient(nonsense);
  const sim::RunResult r = RunWith(lenient);
  EXPECT_FALSE(r.failed()) << r.message;
  // Every recorded choice the run consumed was unavailable; past the stream's end the
  // strategy continues the current goroutine without counting a fallback.
  ASSERT_GT(r.choices.size(), 0u);
  EXPECT_EQ(lenient.fallbacks(), std::min<size_t>(nonsense.size(), r.choices.size()));
  std::unique_ptr<sim::Strategy> strict = *sim::MakeReplayStrategy(
      sim::ReplayToken{{}, "replay", 0, true, nonsense, 0, 0});
  EXPECT_EQ(RunWith(*strict).failure.Name(), "divergence");
}

TEST(LenientReplay, ContinueChoicesNeverPreempt) {
  // Shows a stream of kContinueChoice (and an empty stream) runs without one preemption.
  LenientReplayStrategy continuing(
      std::vector<sim::Choice>(100, sim::Choice{sim::ChoiceKind::kSchedule, kContinueChoice}));
  EXPECT_FALSE(RunWith(continuing).failed());
  EXPECT_EQ(continuing.preemptions(), 0u);
  LenientReplayStrategy empty({});
  EXPECT_FALSE(RunWith(empty).failed());
  EXPECT_EQ(empty.preemptions(), 0u);
}

// The first failing run of a small async-reset #31480 exploration.
RunReport SmallFailure() {
  Target target;
  target.scenario = "issue31480";
  target.pool = model::sql::PoolVersion::kAsyncReset;
  const scenarios::Scenario* scenario = *scenarios::FindScenario("issue31480");
  target.params = *scenarios::ResolveParams(*scenario, {"clients=12", "max_open=6", "max_idle=4",
                                             "capacity=1", "ops_per_client=2"});
  ExploreOptions options;
  options.strategy = "pct";
  options.runs = 200;
  absl::StatusOr<ExploreSummary> summary = Explore(target, options);
  EXPECT_TRUE(summary.ok()) << summary.status();
  EXPECT_TRUE(summary->first_failure.has_value());
  return summary->first_failure.value_or(RunReport{});
}

TEST(Shrink, MakesA31480FailureSmallerAndItStillFailsTheSameWay) {
  // Shows shrinking a failing run yields a smaller workload (every changed parameter lower,
  // fewer clients among them), no more preemptions, and a token whose strict replay fails
  // with the same invariant in the reported number of steps.
  const RunReport failure = SmallFailure();
  ASSERT_TRUE(failure.result.failed());
  absl::StatusOr<ShrinkResult> shrunk = Shrink(failure.token, ShrinkOptions{});
  ASSERT_TRUE(shrunk.ok()) << shrunk.status();
  EXPECT_EQ(shrunk->failure.Name(), failure.result.failure.Name());
  EXPECT_EQ(shrunk->steps_before, failure.result.steps);
  EXPECT_LE(shrunk->preemptions_after, shrunk->preemptions_before);
  ASSERT_FALSE(shrunk->params_changed.empty());
  bool fewer_clients = false;
  for (const ParamChange& change : shrunk->params_changed) {
    EXPECT_LT(std::stoi(change.after), std::stoi(change.before)) << change.name;
    fewer_clients |= change.name == "clients";
  }
  EXPECT_TRUE(fewer_clients);
  EXPECT_LE(shrunk->candidate_runs, ShrinkOptions{}.max_runs + 1);
  absl::StatusOr<RunReport> replay = Replay(shrunk->token, false);
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_EQ(replay->result.failure.Name(), failure.result.failure.Name());
  EXPECT_EQ(replay->result.steps, shrunk->steps_after);
}

TEST(Shrink, IsDeterministic) {
  // Shows two shrinks of the same token give the same token.
  const RunReport failure = SmallFailure();
  ShrinkOptions options;
  options.max_runs = 60;
  absl::StatusOr<ShrinkResult> a = Shrink(failure.token, options);
  absl::StatusOr<ShrinkResult> b = Shrink(failure.token, options);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(sim::EncodeToken(a->token), sim::EncodeToken(b->token));
}

TEST(Shrink, RefusesARunThatPasses) {
  // Shows the token of a passing run (the fixed pool) is FailedPrecondition, not a result.
  const scenarios::Scenario* scenario = *scenarios::FindScenario("issue31480");
  const scenarios::Params params = *scenarios::ResolveParams(*scenario, {"clients=4"});
  const scenarios::Workload w = *scenario->build(model::sql::PoolVersion::kSyncReset, params);
  std::unique_ptr<sim::Strategy> pct = *sim::MakeStrategy("pct");
  RunReport pass = RunWorkload(w, *pct, sim::RunStart(5), sim::RunOptions{});
  ASSERT_FALSE(pass.result.failed()) << pass.result.message;
  pass.token.meta = {{"scenario", "issue31480"}, {"pool", "sync-reset"}, {"param.clients", "4"}};
  absl::StatusOr<ShrinkResult> shrunk = Shrink(pass.token, ShrinkOptions{});
  ASSERT_FALSE(shrunk.ok());
  EXPECT_EQ(shrunk.status().code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace explore
