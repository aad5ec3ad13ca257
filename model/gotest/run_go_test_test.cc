// Tests of the ported-Go-test runner itself: that it really runs every (version,
// strategy, seed) of the default sweep, that a failure on one version is caught and
// reported with its replay token and rerun command, and that the printed token, set as
// POOLCHECK_GOTEST_TOKEN, reruns exactly that run.
#include "model/gotest/run_go_test.h"

#include <cstdlib>
#include <map>
#include <string>

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
  // 3 strategies (the default sweep's) x 3 seeds times, 9 times on each version, and
  // nothing fails.
  std::map<sql::PoolVersion, int> runs;
  GoTestRunSummary summary = RunGoTestQuietly(CountingBody(runs), SmallOptions());
  const size_t versions = sql::AllPoolVersions().size();
  EXPECT_EQ(SmallOptions().strategies, sim::DefaultSweepSpecs());
  EXPECT_EQ(summary.runs, 9 * versions);
  EXPECT_EQ(summary.failed, 0u);
  ASSERT_EQ(runs.size(), versions);
  for (const auto& [version, n] : runs) EXPECT_EQ(n, 9) << sql::PoolVersionName(version);
}

// A body whose check fails only on async-reset.
void FailsOnAsyncReset(GoT& t) {
  TestDB db = NewTestDB(t, "people");
  t.Equal(static_cast<int>(t.version()), static_cast<int>(sql::PoolVersion::kSyncReset), "version");
  CloseDB(t, db);
}

// Options that run both versions of the table's first two (FailsOnAsyncReset's grid).
GoTestOptions BothVersions() {
  GoTestOptions options = SmallOptions();
  options.versions = {sql::PoolVersion::kAsyncReset, sql::PoolVersion::kSyncReset};
  return options;
}

// The text after `label` on its line of `report`.
std::string LineAfter(const std::string& report, const std::string& label) {
  const size_t at = report.find(label);
  if (at == std::string::npos) return "";
  const size_t begin = at + label.size();
  return report.substr(begin, report.find('\n', begin) - begin);
}

TEST(GoTestRunner, ReportsAVersionSpecificFailureWithItsReproduction) {
  // Shows a check that fails only on async-reset fails exactly one run per strategy there
  // (the runner stops a pair at its first failure), and that the report names the pool,
  // the strategy, the seed, the failed check with its message and location, confirms the
  // traced rerun of its token reproduced the run, and prints the token and the
  // POOLCHECK_GOTEST_TOKEN command for this binary and test.
  GoTestRunSummary summary = RunGoTestQuietly(FailsOnAsyncReset, BothVersions());
  ASSERT_EQ(summary.failed, 3u);
  ASSERT_EQ(summary.reports.size(), 3u);
  const std::string& report = summary.reports[0];
  EXPECT_NE(report.find("on pool async-reset, strategy pct:depth=3 (this run: pct:"),
            std::string::npos) << report;
  EXPECT_NE(report.find("run seed "), std::string::npos) << report;
  EXPECT_NE(report.find("failure [gotest]: version = 0; want 1"), std::string::npos) << report;
  EXPECT_NE(report.find("run_go_test_test.cc"), std::string::npos) << report;
  EXPECT_NE(report.find("traced rerun reproduced it exactly"), std::string::npos) << report;
  const std::string token = LineAfter(report, "  token: ");
  EXPECT_EQ(token.rfind("pc1.", 0), 0u) << report;
  EXPECT_NE(report.find("POOLCHECK_GOTEST_TOKEN=" + token + " " + program_invocation_name +
                        " --gtest_filter=GoTestRunner.ReportsAVersionSpecificFailureWithItsReproduction"),
            std::string::npos) << report;
  EXPECT_NE(summary.reports[1].find("strategy random"), std::string::npos) << summary.reports[1];
}

TEST(GoTestRunner, ThePrintedTokenRerunsExactlyThatRun) {
  // Shows the reproduction a failure prints reproduces it: with the printed token in
  // POOLCHECK_GOTEST_TOKEN, the runner makes only that run (on async-reset, as the token
  // says), it fails with the same check at the same step count and fingerprint, and the
  // report says it reproduced the token's run. A token naming the pool by its old alias
  // (seed-parent) pins the same run.
  GoTestRunSummary found = RunGoTestQuietly(FailsOnAsyncReset, BothVersions());
  ASSERT_FALSE(found.reports.empty());
  const std::string token = LineAfter(found.reports[1], "  token: ");
  ASSERT_EQ(setenv("POOLCHECK_GOTEST_TOKEN", token.c_str(), 1), 0);
  GoTestRunSummary rerun = RunGoTestQuietly(FailsOnAsyncReset, BothVersions());
  unsetenv("POOLCHECK_GOTEST_TOKEN");
  EXPECT_EQ(rerun.runs, 1u);
  EXPECT_EQ(rerun.failed, 1u);
  ASSERT_EQ(rerun.reports.size(), 1u);
  const std::string& report = rerun.reports[0];
  EXPECT_NE(report.find("on pool async-reset"), std::string::npos) << report;
  EXPECT_NE(report.find("failure [gotest]: version = 0; want 1"), std::string::npos) << report;
  EXPECT_EQ(LineAfter(report, "  steps "), LineAfter(found.reports[1], "  steps ")) << report;
  EXPECT_NE(report.find("reproduced the token's run exactly"), std::string::npos) << report;
  EXPECT_NE(report.find("trace events:"), std::string::npos) << report;

  absl::StatusOr<sim::ReplayToken> old = sim::DecodeToken(token);
  ASSERT_TRUE(old.ok()) << old.status();
  old->meta["pool"] = "seed-parent";
  ASSERT_EQ(setenv("POOLCHECK_GOTEST_TOKEN", sim::EncodeToken(*old).c_str(), 1), 0);
  GoTestRunSummary aliased = RunGoTestQuietly(FailsOnAsyncReset, BothVersions());
  unsetenv("POOLCHECK_GOTEST_TOKEN");
  ASSERT_EQ(aliased.reports.size(), 1u);
  EXPECT_NE(aliased.reports[0].find("reproduced the token's run exactly"), std::string::npos)
      << aliased.reports[0];
}

TEST(GoTestRunner, ReportsAGoroutineLeftBehindWhenTheTestReturns) {
  // Shows a body that returns while a goroutine it started still waits (on a channel nobody
  // sends to) fails the end-of-run leak check, naming that goroutine, and that the same
  // body with the goroutine released passes.
  GoTestOptions options = SmallOptions();
  options.versions = {sql::PoolVersion::kSyncReset};
  options.strategies = {"random"};  // one strategy is enough here
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
  options.strategies = {"random"};  // one strategy is enough here
  GoTestRunSummary summary =
      RunGoTestQuietly([](GoT& t) { sim::Chan<int>::Make().Recv(); }, options);
  ASSERT_EQ(summary.failed, 1u);
  EXPECT_NE(summary.reports[0].find("failure [deadlock]"), std::string::npos) << summary.reports[0];
  EXPECT_NE(summary.reports[0].find("goroutines not done"), std::string::npos)
      << summary.reports[0];
}

TEST(GoTestRunner, ATokenOfAnotherTestLeavesThisOneAlone) {
  // Shows POOLCHECK_GOTEST_TOKEN holding another test's token does not pin this test: it
  // runs its whole sweep.
  GoTestRunSummary found = RunGoTestQuietly(FailsOnAsyncReset, BothVersions());
  ASSERT_FALSE(found.reports.empty());
  std::string token = LineAfter(found.reports[0], "  token: ");
  absl::StatusOr<sim::ReplayToken> decoded = sim::DecodeToken(token);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  decoded->meta["gotest"] = "SomeSuite.OtherTest";
  ASSERT_EQ(setenv("POOLCHECK_GOTEST_TOKEN", sim::EncodeToken(*decoded).c_str(), 1), 0);
  std::map<sql::PoolVersion, int> runs;
  GoTestRunSummary summary = RunGoTestQuietly(CountingBody(runs), SmallOptions());
  unsetenv("POOLCHECK_GOTEST_TOKEN");
  EXPECT_EQ(summary.runs, 9 * sql::AllPoolVersions().size());
}

}  // namespace
}  // namespace model::gotest
