// Tests of the ported-Go-test runner itself: that it really runs every (version,
// strategy, seed), that a failure on one version is caught and reported with what
// reproduces it, that the printed rerun reproduces the run, and that pinning one run works.
#include "model/gotest/run_go_test.h"

#include <cstdlib>

#include "gtest/gtest.h"
#include "model/gotest/test_db.h"

namespace model::gotest {
namespace {

GoTestOptions SmallOptions() {
  GoTestOptions options;
  options.seeds = 3;
  return options;
}

// A passing body that counts its runs, all of them and those on the seed version.
GoTestBody CountingBody(int& runs, int& seed_runs) {
  return [&runs, &seed_runs](GoT& t) {
    ++runs;
    seed_runs += t.IsSeed();
    TestDB db = NewTestDB(t, "people");
    CloseDB(t, db);
  };
}

TEST(GoTestRunner, RunsTheBodyOncePerVersionStrategyAndSeed) {
  // Shows the runner covers the whole grid: a counting body runs 2 versions x 2 strategies
  // x 3 seeds = 12 times, on each version half of the time, and nothing fails.
  int runs = 0;
  int seed_runs = 0;
  GoTestRunSummary summary = RunGoTestQuietly(CountingBody(runs, seed_runs), SmallOptions());
  EXPECT_EQ(summary.runs, 12u);
  EXPECT_EQ(summary.failed, 0u);
  EXPECT_EQ(runs, 12);
  EXPECT_EQ(seed_runs, 6);
}

TEST(GoTestRunner, ReportsAVersionSpecificFailureWithItsReproduction) {
  // Shows a check that fails only on seed-parent fails exactly one run per strategy there
  // (the runner stops a pair at its first failure), and that the report names the pool,
  // the strategy, the seed, the failed check with its message and location, confirms the
  // traced rerun reproduced the run, and prints the POOLCHECK_GOTEST_RUN line.
  GoTestRunSummary summary = RunGoTestQuietly(
      [](GoT& t) {
        TestDB db = NewTestDB(t, "people");
        t.Equal(static_cast<int>(t.version()), static_cast<int>(sql::PoolVersion::kSeed),
                "version");
        CloseDB(t, db);
      },
      SmallOptions());
  ASSERT_EQ(summary.failed, 2u);
  ASSERT_EQ(summary.reports.size(), 2u);
  const std::string& report = summary.reports[0];
  EXPECT_NE(report.find("on pool seed-parent, strategy random"), std::string::npos) << report;
  EXPECT_NE(report.find("run seed "), std::string::npos) << report;
  EXPECT_NE(report.find("failure [gotest]: version = 0; want 1"), std::string::npos) << report;
  EXPECT_NE(report.find("run_go_test_test.cc"), std::string::npos) << report;
  EXPECT_NE(report.find("traced rerun reproduced it exactly"), std::string::npos) << report;
  EXPECT_NE(report.find("POOLCHECK_GOTEST_RUN='seed-parent|"), std::string::npos) << report;
  EXPECT_NE(summary.reports[1].find("strategy pct:depth=3 (this run: pct:"), std::string::npos)
      << summary.reports[1];
}

TEST(GoTestRunner, ReportsAGoroutineLeftBehindWhenTheTestReturns) {
  // Shows a body that returns while a goroutine it started still waits (on a channel nobody
  // sends to) fails the end-of-run leak check, naming that goroutine, and that the same
  // body with the goroutine released passes.
  GoTestOptions options = SmallOptions();
  options.versions = {sql::PoolVersion::kSeed};
  options.strategies = {"random"};
  GoTestRunSummary leaked = RunGoTestQuietly(
      [](GoT& t) {
        sim::Chan<int> never = sim::Chan<int>::Make();
        sim::Go("stuck waiter", [never]() mutable { never.Recv(); });
        sim::Gosched();
      },
      options);
  ASSERT_EQ(leaked.failed(), 1u);
  EXPECT_NE(leaked.reports[0].find("failure [gotest-leak]: 1 goroutine(s) left"),
            std::string::npos)
      << leaked.reports[0];
  EXPECT_NE(leaked.reports[0].find("\"stuck waiter\""), std::string::npos) << leaked.reports[0];
  GoTestRunSummary released = RunGoTestQuietly(
      [](GoT& t) {
        sim::Chan<int> done = sim::Chan<int>::Make();
        sim::Go("waiter", [done]() mutable { done.Recv(); });
        done.Send(1);
      },
      options);
  EXPECT_EQ(released.failed(), 0u) << (released.reports.empty() ? "" : released.reports[0]);
}

TEST(GoTestRunner, ReportsADeadlockWithTheBlockedGoroutines) {
  // Shows a body that blocks forever (a receive nobody sends to) fails as a deadlock, and
  // the report lists the blocked test goroutine.
  GoTestOptions options = SmallOptions();
  options.versions = {sql::PoolVersion::kSeed};
  options.strategies = {"random"};
  GoTestRunSummary summary =
      RunGoTestQuietly([](GoT& t) { sim::Chan<int>::Make().Recv(); }, options);
  ASSERT_EQ(summary.failed, 1u);
  EXPECT_NE(summary.reports[0].find("failure [deadlock]"), std::string::npos) << summary.reports[0];
  EXPECT_NE(summary.reports[0].find("goroutines not done"), std::string::npos)
      << summary.reports[0];
}

TEST(GoTestRunner, PinnedRunRunsOnlyThatRun) {
  // Shows POOLCHECK_GOTEST_RUN restricts the runner to the one printed run, on the named
  // version, and that the pinned run's report carries its trace.
  ASSERT_EQ(setenv("POOLCHECK_GOTEST_RUN", "seed-parent|random|12345", 1), 0);
  int seed_runs = 0;
  int runs = 0;
  GoTestRunSummary summary = RunGoTestQuietly(CountingBody(runs, seed_runs), SmallOptions());
  unsetenv("POOLCHECK_GOTEST_RUN");
  EXPECT_EQ(summary.runs, 1u);
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(seed_runs, 0);
  ASSERT_EQ(summary.reports.size(), 1u);
  EXPECT_NE(summary.reports[0].find("run seed 12345"), std::string::npos) << summary.reports[0];
  EXPECT_NE(summary.reports[0].find("trace events:"), std::string::npos) << summary.reports[0];
}

}  // namespace
}  // namespace model::gotest
