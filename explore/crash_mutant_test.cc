// Tests of crash isolation (explore/crash.h): a pool that crashes the process (the
// test-only mutant kCrashOnHandoff writes through a null pointer when it hands a conn to a
// waiter) is, with isolate_crashes, a failure "crash" of the run that crashed, with a token;
// the exploration goes on past it with a new worker, gives the same summary for any number
// of workers, and the token's replay crashes again. Without a crash, isolation changes
// nothing.
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include "gtest/gtest.h"
#include "explore/crash.h"
#include "explore/runner.h"
#include "explore/testing/targets.h"

namespace explore {
namespace {

using model::sql::Mutation;
using model::sql::PoolVersion;

Target Crashing() {
  return testing::MakeTarget("issue31480", PoolVersion::kAsyncReset, Mutation::kCrashOnHandoff,
                             {});
}

ExploreSummary MustExplore(const Target& target, ExploreOptions options) {
  options.isolate_crashes = true;
  absl::StatusOr<ExploreSummary> s = Explore(target, options);
  EXPECT_TRUE(s.ok()) << s.status();
  return s.ok() ? *std::move(s) : ExploreSummary{};
}

// Replays `token` in a forked child; the signal that killed it, or 0 if it ended.
int ReplayDiesOf(const sim::ReplayToken& token) {
  const pid_t pid = fork();
  if (pid == 0) {
    (void)Replay(token, /*record_trace=*/false);
    _exit(0);
  }
  int wstatus = 0;
  waitpid(pid, &wstatus, 0);
  return WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : 0;
}

TEST(CrashIsolation, CrashingRunIsAFailureWithATokenAndTheExplorationGoesOn) {
  // Shows that with keep_going every one of 30 runs is done and counted as a failure
  // although each crashes its worker (a dead harness would stop at the first), that the
  // lowest crashing run is reported as failure "crash" naming SIGSEGV with a
  // seed-only token for that run, and that replaying the token crashes with SIGSEGV again.
  ExploreOptions options = testing::Options("random", 30, /*seed=*/1, /*jobs=*/1);
  options.keep_going = true;
  const ExploreSummary s = MustExplore(Crashing(), options);
  EXPECT_EQ(s.runs_done, 30u);
  EXPECT_EQ(s.failures, 30u);
  ASSERT_TRUE(s.first_failure.has_value());
  const RunReport& crash = *s.first_failure;
  EXPECT_EQ(crash.result.failure.kind, sim::FailureKind::kCrash);
  EXPECT_NE(crash.result.message.find("SIGSEGV"), std::string::npos) << crash.result.message;
  EXPECT_FALSE(crash.token.has_choices);
  EXPECT_EQ(crash.token.meta.at("run"), std::to_string(crash.run_index));
  EXPECT_EQ(crash.token.meta.at("mutation"), "crash-on-handoff");
  EXPECT_EQ(ReplayDiesOf(crash.token), SIGSEGV);
}

TEST(CrashIsolation, WorkerCountDoesNotChangeACrashingExploration) {
  // Shows that 1 and 3 workers report the same lowest crashing run, run count and
  // failure count, stopping at the first failure and with keep_going.
  for (bool keep_going : {false, true}) {
    ExploreOptions one = testing::Options("random", 24, /*seed=*/2, /*jobs=*/1);
    one.keep_going = keep_going;
    ExploreOptions three = one;
    three.jobs = 3;
    const ExploreSummary a = MustExplore(Crashing(), one);
    const ExploreSummary b = MustExplore(Crashing(), three);
    ASSERT_TRUE(a.first_failure.has_value());
    ASSERT_TRUE(b.first_failure.has_value());
    EXPECT_EQ(a.first_failure->run_index, b.first_failure->run_index);
    EXPECT_EQ(a.first_failure->result.failure.kind, sim::FailureKind::kCrash);
    EXPECT_EQ(a.runs_done, b.runs_done);
    EXPECT_EQ(a.failures, b.failures);
  }
}

TEST(CrashIsolation, ACrashingRunAStrategyLearnsFromIsChargedToItselfOnly) {
  // Shows the learning probe at work. PCT learns its run length from run 0, so every
  // worker makes run 0 before its own runs; here run 0 crashes (no invariant is checked,
  // so runs either crash or pass). Without the probe each worker would die inside run 0
  // and its crash be charged to the worker's own next run. With it, 1 and 3 workers give
  // the same per-run outcome: run 0 a crash, the same number of crashes, and the same
  // PCT spec (the default length, learned from nothing) in the tokens.
  Target target = testing::MakeTarget("issue31480", PoolVersion::kAsyncReset,
                                      Mutation::kCrashOnHandoff,
                                      {{"clients", "3"}, {"max_open", "1"}});
  target.checks = properties::InvariantSet::None();
  ExploreOptions one = testing::Options("pct", 30, /*seed=*/3, /*jobs=*/1);
  one.keep_going = true;
  ExploreOptions three = one;
  three.jobs = 3;
  const ExploreSummary a = MustExplore(target, one);
  const ExploreSummary b = MustExplore(target, three);
  ASSERT_TRUE(a.first_failure.has_value());
  ASSERT_EQ(a.first_failure->run_index, 0u) << "run 0 must crash for this test to show anything";
  ASSERT_LT(a.failures, a.runs_done) << "some runs must pass for this test to show anything";
  EXPECT_EQ(a.first_failure->result.failure.kind, sim::FailureKind::kCrash);
  ASSERT_TRUE(b.first_failure.has_value());
  EXPECT_EQ(b.first_failure->run_index, 0u);
  EXPECT_EQ(a.runs_done, b.runs_done);
  EXPECT_EQ(a.failures, b.failures);
  ASSERT_EQ(a.groups.size(), b.groups.size());
  for (size_t i = 0; i < a.groups.size(); ++i) {
    EXPECT_EQ(a.groups[i].runs, b.groups[i].runs);
    EXPECT_EQ(a.groups[i].first_run, b.groups[i].first_run);
  }
  EXPECT_EQ(a.first_failure->token.strategy, b.first_failure->token.strategy);
}

TEST(CrashIsolation, IsolationChangesNothingWithoutACrash) {
  // Shows the same target without the mutant gives the same summary in an isolated
  // worker as in this process: runs, failures and distinct interleavings.
  const Target fine =
      testing::MakeTarget("issue31480", PoolVersion::kAsyncReset, Mutation::kNone, {});
  ExploreOptions options = testing::Options("random", 20, /*seed=*/1, /*jobs=*/1);
  options.keep_going = true;
  absl::StatusOr<ExploreSummary> here = Explore(fine, options);
  ASSERT_TRUE(here.ok()) << here.status();
  const ExploreSummary isolated = MustExplore(fine, options);
  EXPECT_EQ(isolated.runs_done, here->runs_done);
  EXPECT_EQ(isolated.failures, here->failures);
  EXPECT_EQ(isolated.distinct_interleavings, here->distinct_interleavings);
  EXPECT_EQ(isolated.runs_done, 20u);
}

}  // namespace
}  // namespace explore
