// Tests of PCT: highest priority runs, exactly d-1 change points inside the estimate,
// priorities drop at them, the estimate adapts, and Describe() reproduces a run.
#include "sim/strategies/pct.h"

#include <set>
#include <vector>

#include "gtest/gtest.h"
#include "sim/strategies/testing/points.h"

namespace sim {
namespace {

using testing::PickId;
using testing::PointFixture;

std::vector<uint32_t> Picks(PctStrategy& s, uint64_t seed, const PointFixture& f, int steps) {
  s.StartRun(seed);
  std::vector<uint32_t> ids;
  for (int step = 0; step < steps; ++step) ids.push_back(PickId(s, f, step));
  return ids;
}

TEST(PctTest, DepthOneAlwaysRunsTheSameHighestPriorityGoroutine) {
  // Shows "always run the highest-priority candidate": with d=1 (no change points) and a
  // fixed candidate set, every pick of a run is the same goroutine, and across seeds every
  // goroutine is sometimes the top one.
  PctStrategy s(1, 100);
  const PointFixture f = PointFixture::Goroutines({0, 1, 2});
  std::set<uint32_t> tops;
  for (uint64_t seed = 0; seed < 60; ++seed) {
    const std::vector<uint32_t> ids = Picks(s, seed, f, 100);
    EXPECT_EQ(std::set<uint32_t>(ids.begin(), ids.end()).size(), 1u) << "seed " << seed;
    tops.insert(ids[0]);
  }
  EXPECT_EQ(tops.size(), 3u);
}

TEST(PctTest, PicksChangeExactlyAtTheChangePoints) {
  // Shows the priority drop: with d=3 and three always-runnable goroutines, a run has two
  // distinct change points below k=50, and the picked goroutine changes exactly there.
  PctStrategy s(3, 50);
  const PointFixture f = PointFixture::Goroutines({0, 1, 2});
  for (uint64_t seed = 0; seed < 100; ++seed) {
    const std::vector<uint32_t> ids = Picks(s, seed, f, 50);
    const std::vector<uint64_t> change = s.ChangePoints();
    ASSERT_EQ(change.size(), 2u);
    ASSERT_LT(change[0], change[1]);
    ASSERT_LT(change[1], 50u);
    std::vector<uint64_t> switches;
    if (change[0] == 0) switches.push_back(0);  // the very first pick is already lowered
    for (size_t i = 1; i < ids.size(); ++i) {
      if (ids[i] != ids[i - 1]) switches.push_back(i);
    }
    EXPECT_EQ(switches, change) << "seed " << seed;
  }
}

TEST(PctTest, ChangePointsAreSpreadOverTheWholeEstimate) {
  // Shows change points are uniform over [0, k): over 2,000 runs with d=2 and k=10, every
  // step is a change point about 200 times.
  std::vector<int> hits(10, 0);
  for (uint64_t seed = 0; seed < 2000; ++seed) {
    PctStrategy s(2, 10);
    s.StartRun(seed);
    ++hits[s.ChangePoints().at(0)];
  }
  for (int h : hits) EXPECT_NEAR(h, 200, 60);
}

TEST(PctTest, EstimateBecomesTheLongestRun) {
  // Shows adaptation: the first run uses the given k=1000; after a 60-decision run the
  // next run's k is 60 (down from the guess); after a 5,000-decision run it is 5,000, and
  // a later shorter run does not shrink it. Describe() names the k in use.
  PctStrategy s(3, 1000);
  const PointFixture f = PointFixture::Goroutines({0, 1});
  Picks(s, 1, f, 60);
  EXPECT_EQ(s.steps_estimate(), 1000u);
  Picks(s, 2, f, 5000);
  EXPECT_EQ(s.steps_estimate(), 60u);
  Picks(s, 3, f, 10);
  EXPECT_EQ(s.steps_estimate(), 5000u);
  s.StartRun(4);
  EXPECT_EQ(s.Describe(), "pct:depth=3,steps=5000");
}

TEST(PctTest, DescribeReproducesTheCurrentRun) {
  // Shows tokens can rebuild a PCT run from (Describe(), seed): after runs of varying
  // length, a fresh PctStrategy with the described parameters repeats the current run.
  PctStrategy s(3, 20);
  PointFixture f = PointFixture::Goroutines({0, 1, 2, 3});
  f.AddTimer(0);
  for (uint64_t run = 0; run < 5; ++run) {
    const std::vector<uint32_t> original = Picks(s, run, f, 40 + 30 * run);
    PctStrategy fresh(s.depth(), s.steps_estimate());
    EXPECT_EQ(Picks(fresh, run, f, 40 + 30 * run), original) << s.Describe();
  }
}

TEST(PctTest, NewcomerOutranksTheRunningGoroutineAboutHalfTheTime) {
  // Shows priorities are drawn when a goroutine first appears: goroutine 1 joins at step
  // 5; with d=1 it takes over from goroutine 0 in about half of 2,000 runs.
  PctStrategy s(1, 100);
  const PointFixture alone = PointFixture::Goroutines({0});
  const PointFixture both = PointFixture::Goroutines({0, 1});
  int takeovers = 0;
  for (uint64_t seed = 0; seed < 2000; ++seed) {
    s.StartRun(seed);
    for (uint64_t step = 0; step < 5; ++step) PickId(s, alone, step);
    if (PickId(s, both, 5) == 1) ++takeovers;
  }
  EXPECT_NEAR(takeovers, 1000, 100);
}

TEST(PctTest, TimersAndGoroutinesWithTheSameIdAreDistinct) {
  // Shows timers have their own priorities: timer 0 and goroutine 0 as the only
  // candidates are each the top one in some runs.
  PctStrategy s(1, 10);
  PointFixture f = PointFixture::Goroutines({0});
  f.AddTimer(0);
  std::set<size_t> winners;
  for (uint64_t seed = 0; seed < 40; ++seed) {
    s.StartRun(seed);
    winners.insert(s.PickNext(f.At(0)));
  }
  EXPECT_EQ(winners.size(), 2u);
}

}  // namespace
}  // namespace sim
