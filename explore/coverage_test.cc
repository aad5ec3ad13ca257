// Tests of pool-behaviour coverage and residual risk: the recorder counts pool event sites
// and only cross-goroutine pairs, on real runs it finds the golang/go#31480 site
// ("marked bad by full resetterCh") on the pre-fix pool and never on the fix, invariant
// checks are counted only for enabled invariants, the Good-Turing estimate and saturation
// curve match a hand count, coverage survives the worker pipe encoding, and --until-risk
// stops an exploration at the same run for any number of workers.
#include "explore/coverage.h"

#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "explore/runner.h"
#include "explore/target.h"
#include "explore/testing/targets.h"
#include "gtest/gtest.h"
#include "model/sql/pool_trace.h"
#include "sim/go.h"
#include "sim/sync.h"
#include "sim/run.h"
#include "sim/strategy_registry.h"

namespace explore {
namespace {

using model::sql::PoolVersion;

constexpr char kMarkedBad[] = "putConn conn#_ marked bad by full resetterCh";

TEST(CoverageRecorder, CountsSitesAndOnlyPairsAcrossGoroutines) {
  // Shows a run where main reports site A twice, then a spawned goroutine reports B:
  // sites count every call with values replaced by '_', and the only pair is A => B (A
  // twice in a row on main is not a cross-goroutine pair).
  CoverageRecorder recorder;
  std::unique_ptr<sim::Strategy> strategy = *sim::MakeStrategy("random");
  sim::RunResult result = sim::RunProgram(*strategy, sim::RunStart(1), sim::RunOptions{}, [] {
    model::sql::TracePool("a conn#", 1, " x");
    model::sql::TracePool("a conn#", 2, " x");
    sim::WaitGroup wg;
    wg.Add(1);
    sim::Go("other", [&wg] {
      model::sql::TracePool("b ", std::string("err"));
      wg.Done();
    });
    wg.Wait();
  });
  ASSERT_FALSE(result.failed()) << result.message;
  const RunCoverage c = recorder.Finish(properties::MonitorCounters{}, properties::MonitorOptions{});
  EXPECT_EQ(c.events, (std::map<std::string, uint64_t>{{"a conn#_ x", 2}, {"b _", 1}}));
  EXPECT_EQ(c.pairs, (std::map<std::string, uint64_t>{{"a conn#_ x => b _", 1}}));
}

ExploreSummary MustExplore(const Target& target, const ExploreOptions& options) {
  absl::StatusOr<ExploreSummary> s = Explore(target, options);
  EXPECT_TRUE(s.ok()) << s.status();
  return s.ok() ? *std::move(s) : ExploreSummary{};
}

TEST(Coverage, FindsTheResetterChFullSiteOnThePreFixPoolOnly) {
  // Shows coverage sees the real bug's pool event: exploring the small #31480 workload on
  // async-reset reaches "marked bad by full resetterCh" (and counts in how many runs),
  // while the same exploration of the fixed pool never reaches it but does reach the
  // common sites (a returned conn put in the free list).
  const scenarios::Params small = {{"clients", "4"}, {"capacity", "1"}};
  ExploreOptions options = testing::Options("random", 30);
  options.keep_going = true;
  const ExploreSummary parent = MustExplore(
      testing::MakeTarget("issue31480", PoolVersion::kAsyncReset, model::sql::Mutation::kNone, small),
      options);
  ASSERT_EQ(parent.coverage.events().count(kMarkedBad), 1u)
      << parent.runs_done << " runs, " << parent.failures << " failing, " << parent.coverage.events().size() << " events";
  EXPECT_GE(parent.coverage.events().at(kMarkedBad).runs, 1u);
  EXPECT_EQ(parent.coverage.runs(), parent.runs_done);
  const ExploreSummary fixed = MustExplore(
      testing::MakeTarget("issue31480", PoolVersion::kSyncReset, model::sql::Mutation::kNone, small),
      options);
  EXPECT_EQ(fixed.coverage.events().count(kMarkedBad), 0u);
  EXPECT_EQ(fixed.coverage.events().count("putConnDBLocked conn#_ -> free list"), 1u);
  EXPECT_FALSE(fixed.coverage.pairs().empty());
}

TEST(Coverage, CountsChecksOfEnabledInvariantsOnly) {
  // Shows one run counts checks for every enabled invariant (per-step ones at least once
  // per checked step, end-only ones once), and an invariant switched off counts none.
  absl::StatusOr<BuiltTarget> built = BuildTarget(testing::MakeTarget("issue31480", PoolVersion::kSyncReset,
      model::sql::Mutation::kNone, {{"clients", "4"}, {"capacity", "1"}}));
  ASSERT_TRUE(built.ok()) << built.status();
  properties::MonitorOptions monitor = MonitorOptionsFor(built->target);
  monitor.enabled = monitor.enabled.Without(properties::InvariantId::kI9);
  std::unique_ptr<sim::Strategy> strategy = *sim::MakeStrategy("random");
  sim::RunOptions run_options;
  const RunReport report = RunWorkload(built->workload, *strategy, sim::RunStart(7), run_options, monitor);
  ASSERT_FALSE(report.result.failed()) << report.result.message;
  const auto& checks = report.coverage.checks;
  EXPECT_EQ(checks[9], 0u);
  EXPECT_EQ(checks[4], 1u);   // end only
  EXPECT_EQ(checks[10], 1u);  // end only
  EXPECT_GE(checks[1], report.result.steps / 2);  // every step (once attached) and the end
  EXPECT_GT(checks[5], 0u);   // driver calls
  EXPECT_GT(checks[8], 0u);
}

RunCoverage RunWith(std::initializer_list<const char*> events) {
  RunCoverage c;
  for (const char* e : events) c.events[e] = 1;
  return c;
}

TEST(CoverageTally, GoodTuringAndSaturationMatchAHandCount) {
  // Shows, for runs {a,b}, {a}, {a,c}: 3 behaviours, b and c seen in one run each, so the
  // estimate is 2/3; the curve has points where the count grew (run 1: 2, run 3: 3); after
  // a fourth run {b,c} no behaviour is a singleton and the estimate is 0.
  CoverageTally tally;
  EXPECT_EQ(tally.ResidualRisk(), 1.0);
  tally.Add(RunWith({"a", "b"}), 0);
  tally.Add(RunWith({"a"}), 1);
  tally.Add(RunWith({"a", "c"}), 2);
  EXPECT_EQ(tally.species(), 3u);
  EXPECT_EQ(tally.singletons(), 2u);
  EXPECT_DOUBLE_EQ(tally.ResidualRisk(), 2.0 / 3.0);
  EXPECT_EQ(tally.Saturation(), (std::vector<SaturationPoint>{{1, 2}, {3, 3}}));
  tally.Add(RunWith({"b", "c"}), 3);
  EXPECT_EQ(tally.singletons(), 0u);
  EXPECT_EQ(tally.ResidualRisk(), 0.0);
  EXPECT_EQ(tally.Saturation(), (std::vector<SaturationPoint>{{1, 2}, {3, 3}, {4, 3}}));
  EXPECT_EQ(tally.events().at("a"), (SpeciesCount{3, 3, 0}));
  EXPECT_EQ(tally.events().at("c"), (SpeciesCount{2, 2, 2}));
}

TEST(CoverageTally, ShardsReadBackFromTotalsMergeIntoTheWholeTally) {
  // Shows two shards' tallies (runs 0, 2 and runs 1, 3 of the hand-count runs), rebuilt
  // from their totals as `poolcheck merge` does, merge into exactly the one-process tally:
  // the same tables with first runs, singletons, risk and saturation curve.
  const std::vector<RunCoverage> runs = {RunWith({"a", "b"}), RunWith({"a"}),
                                         RunWith({"a", "c"}), RunWith({"b", "c", "d"})};
  CoverageTally whole, even, odd;
  for (uint64_t k = 0; k < runs.size(); ++k) {
    whole.Add(runs[k], k);
    (k % 2 == 0 ? even : odd).Add(runs[k], k);
  }
  CoverageTally merged =
      CoverageTally::FromTotals(odd.runs(), odd.events(), odd.pairs(), odd.checks());
  merged.MergeFrom(CoverageTally::FromTotals(even.runs(), even.events(), even.pairs(),
                                             even.checks()));
  EXPECT_EQ(merged.events(), whole.events());
  EXPECT_EQ(merged.runs(), 4u);
  EXPECT_EQ(merged.singletons(), 1u);  // d
  EXPECT_EQ(merged.singletons(), whole.singletons());
  EXPECT_EQ(merged.Saturation(), whole.Saturation());
  EXPECT_EQ(whole.Saturation(), (std::vector<SaturationPoint>{{1, 2}, {3, 3}, {4, 4}}));
}

TEST(CoverageEncoding, RoundTripsAndRejectsGarbage) {
  // Shows a run's coverage (sites with spaces, '#', '=>', checks) crosses the worker pipe
  // encoding unchanged, and a malformed line is an error, not a silent empty coverage.
  RunCoverage c;
  c.events = {{"putConn conn#_ -> free list", 3}, {"OpenDB version=_", 1}};
  c.pairs = {{"a => b", 2}};
  c.checks[1] = 10;
  c.checks[11] = 4;
  absl::StatusOr<RunCoverage> back = DecodeCoverage(EncodeCoverage(c));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, c);
  EXPECT_FALSE(DecodeCoverage("e\tonly two fields\n").ok());
  // A check id one past the last invariant.
  EXPECT_FALSE(DecodeCoverage("c\t" + std::to_string(properties::kInvariantCount + 1) + "\t1\n").ok());
  EXPECT_FALSE(DecodeCoverage("x\ta\t1\n").ok());
}

TEST(Coverage, UntilRiskStopsAtTheSameRunForAnyWorkerCount) {
  // Shows --until-risk with no run limit stops an exploration of the fixed pool once the
  // estimate is below the threshold, at the same run with the same coverage in one
  // process, in two workers, and in one crash-isolating worker (the parent tells workers
  // where to stop: risk_watch.h). The time budget only keeps a broken stop from hanging.
  ExploreOptions options = testing::Options("random", std::numeric_limits<uint64_t>::max());
  options.until_risk = 0.05;
  options.time_budget_s = 120;
  const Target target = testing::MakeTarget("issue31480", PoolVersion::kSyncReset,
                                            model::sql::Mutation::kNone,
                                            {{"clients", "3"}, {"capacity", "1"}});
  const ExploreSummary one = MustExplore(target, options);
  EXPECT_TRUE(one.risk_reached);
  EXPECT_LT(one.coverage.ResidualRisk(), 0.05);
  EXPECT_EQ(one.runs_done, one.coverage.runs());
  ExploreOptions two_workers = options;
  two_workers.jobs = 2;
  ExploreOptions isolated = options;
  isolated.isolate_crashes = true;
  for (const ExploreOptions& other : {two_workers, isolated}) {
    const ExploreSummary two = MustExplore(target, other);
    EXPECT_TRUE(two.risk_reached);
    EXPECT_EQ(two.runs_done, one.runs_done);
    EXPECT_EQ(two.coverage.events(), one.coverage.events());
    EXPECT_EQ(two.coverage.pairs(), one.coverage.pairs());
    EXPECT_EQ(two.coverage.checks(), one.coverage.checks());
  }
}

}  // namespace
}  // namespace explore
