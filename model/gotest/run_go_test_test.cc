// Tests of the ported-Go-test runner itself: that it really runs every (version,
// strategy, seed), that a failure on one version is caught and reported with what
// reproduces it, that the printed rerun reproduces the run, and that pinning one run works.
#include "model/gotest/run_go_test.h"

#include <cstdlib>
#include <map>

#include "gtest/gtest.h"
#include "model/gotest/test_db.h"

namespace model::gotest {
namespace {

GoTestOptions SmallOptions() {
  GoTestOptions options;
  options.seeds = 3;
  return options;
}

// A passing body that counts its runs per pool version.
GoTestBody CountingBody(std::map<sql::PoolVersion, int>& runs) {
  return [&runs](GoT& t) {
    ++runs[t.version()];
    TestDB db = NewTestDB(t, "people");
    CloseDB(t, db);
  };
}

TEST(GoTestRunner, DefaultVersionsAreEveryRowOfTheVersionTable) {
  // Shows the ported Go tests run on every pool version of the table (pool_version.h) and
  // no other, in table order: the default list is the table's, not a list of its own.
  std::vector<sql::PoolVersion> rows;
  for (const sql::PoolVersionInfo& info : sql::AllPoolVersionInfos()) rows.push_back(info.version);
  EXPECT_EQ(GoTestOptions{}.versions, rows);
  EXPECT_GE(rows.size(), 2u);
}

TEST(GoTestRunner, RunsTheBodyOncePerVersionStrategyAndSeed) {
  // Shows the runner covers the whole grid: a counting body runs (versions in the table) x
  // 2 strategies x 3 seeds times, 6 times on each version, and nothing fails.
  std::map<sql::PoolVersion, int> runs;
  GoTestRunSummary summary = RunGoTestQuietly(CountingBody(runs), SmallOptions());
  const size_t versions = sql::AllPoolVersions().size();
  EXPECT_EQ(summary.runs, 6 * versions);
  EXPECT_EQ(summary.failed, 0u);
  ASSERT_EQ(runs.size(), versions);
  for (const auto& [version, n] : runs) EXPECT_EQ(n, 6) << sql::PoolVersionName(version);
}

TEST(GoTestRunner, ReportsAVersionSpecificFailureWithItsReproduction) {
  // Shows a check that fails only on async-reset fails exactly one run per strategy there
  // (the runner stops a pair at its first failure), and that the report names the pool,
  // the strategy, the seed, the failed check with its message and location, confirms the
  // traced rerun reproduced the run, and prints the POOLCHECK_GOTEST_RUN line.
  GoTestOptions options = SmallOptions();
  options.versions = {sql::PoolVersion::kAsyncReset, sql::PoolVersion::kSyncReset};
  GoTestRunSummary summary = RunGoTestQuietly(
      [](GoT& t) {
        TestDB db = NewTestDB(t, "people");
        t.Equal(static_cast<int>(t.version()), static_cast<int>(sql::PoolVersion::kSyncReset),
                "version");
        CloseDB(t, db);
      },
      options);
  ASSERT_EQ(summary.failed, 2u);
  ASSERT_EQ(summary.reports.size(), 2u);
  const std::string& report = summary.reports[0];
  EXPECT_NE(report.find("on pool async-reset, strategy random"), std::string::npos) << report;
  EXPECT_NE(report.find("run seed "), std::string::npos) << report;
  EXPECT_NE(report.find("failure [gotest]: version = 0; want 1"), std::string::npos) << report;
  EXPECT_NE(report.find("run_go_test_test.cc"), std::string::npos) << report;
  EXPECT_NE(report.find("traced rerun reproduced it exactly"), std::string::npos) << report;
  EXPECT_NE(report.find("POOLCHECK_GOTEST_RUN='async-reset|"), std::string::npos) << report;
  EXPECT_NE(summary.reports[1].find("strategy pct:depth=3 (this run: pct:"), std::string::npos)
      << summary.reports[1];
}

TEST(GoTestRunner, ReportsAGoroutineLeftBehindWhenTheTestReturns) {
  // Shows a body that returns while a goroutine it started still waits (on a channel nobody
  // sends to) fails the end-of-run leak check, naming that goroutine, and that the same
  // body with the goroutine released passes.
  GoTestOptions options = SmallOptions();
  options.versions = {sql::PoolVersion::kSyncReset};
  options.strategies = {"random"};
  GoTestRunSummary leaked = RunGoTestQuietly(
      [](GoT& t) {
        sim::Chan<int> never = sim::Chan<int>::Make();
        sim::Go("stuck waiter", [never]() mutable { never.Recv(); });
        sim::Gosched();
      },
      options);
  ASSERT_EQ(leaked.failed, 1u);
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
  EXPECT_EQ(released.failed, 0u) << (released.reports.empty() ? "" : released.reports[0]);
}

TEST(GoTestRunner, ReportsADeadlockWithTheBlockedGoroutines) {
  // Shows a body that blocks forever (a receive nobody sends to) fails as a deadlock, and
  // the report lists the blocked test goroutine.
  GoTestOptions options = SmallOptions();
  options.versions = {sql::PoolVersion::kSyncReset};
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
  // version, and that the pinned run's report carries its trace. The version is written
  // by its current name and by its old alias (a line printed before the rename): both pin
  // the same version.
  for (const char* pin : {"async-reset|random|12345", "seed-parent|random|12345"}) {
    SCOPED_TRACE(pin);
    ASSERT_EQ(setenv("POOLCHECK_GOTEST_RUN", pin, 1), 0);
    std::map<sql::PoolVersion, int> runs;
    GoTestRunSummary summary = RunGoTestQuietly(CountingBody(runs), SmallOptions());
    unsetenv("POOLCHECK_GOTEST_RUN");
    EXPECT_EQ(summary.runs, 1u);
    EXPECT_EQ(runs, (std::map<sql::PoolVersion, int>{{sql::PoolVersion::kAsyncReset, 1}}));
    ASSERT_EQ(summary.reports.size(), 1u);
    EXPECT_NE(summary.reports[0].find("run seed 12345"), std::string::npos) << summary.reports[0];
    EXPECT_NE(summary.reports[0].find("trace events:"), std::string::npos) << summary.reports[0];
  }
}

}  // namespace
}  // namespace model::gotest
