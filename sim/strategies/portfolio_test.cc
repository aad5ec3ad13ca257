// Tests of the portfolio: members take turns in the documented order and each run is
// described by the member that runs it.
#include "sim/strategies/portfolio.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "sim/strategies/dfs.h"
#include "sim/strategies/random_walk.h"
#include "sim/strategies/testing/points.h"

namespace sim {
namespace {

TEST(PortfolioTest, DefaultMembersTakeTurns) {
  // Shows round-robin over pct d=3, random, pct d=2, three times around, each PCT member
  // adapting its own k: 1000 on its first run, then the 50 decisions its runs make.
  PortfolioStrategy s;
  EXPECT_EQ(s.Describe(), "portfolio");
  std::vector<std::string> described;
  const testing::PointFixture f = testing::PointFixture::Goroutines({0, 1});
  for (uint64_t run = 0; run < 9; ++run) {
    ASSERT_TRUE(s.StartRun(RunStart(run, run)));
    for (uint64_t step = 0; step < 50; ++step) s.PickNext(f.At(step));
    described.push_back(s.Describe());
  }
  EXPECT_EQ(described, (std::vector<std::string>{
                           "pct:depth=3,steps=1000", "random", "pct:depth=2,steps=1000",
                           "pct:depth=3,steps=50", "random", "pct:depth=2,steps=50",
                           "pct:depth=3,steps=50", "random", "pct:depth=2,steps=50"}));
}

TEST(PortfolioTest, ExhaustedMembersAreSkippedThenTheWholeIsExhausted) {
  // Shows a member with nothing left is skipped: a DFS on a one-run tree (no decisions)
  // runs once, then only the random member runs; a portfolio of exhausted members ends.
  std::vector<std::unique_ptr<Strategy>> members;
  members.push_back(std::make_unique<DfsStrategy>());
  members.push_back(std::make_unique<RandomWalkStrategy>());
  PortfolioStrategy s(std::move(members));
  std::vector<std::string> described;
  for (uint64_t run = 0; run < 4; ++run) {
    ASSERT_TRUE(s.StartRun(RunStart(run, run)));
    described.push_back(s.Describe());
  }
  EXPECT_EQ(described, (std::vector<std::string>{"dfs", "random", "random", "random"}));

  std::vector<std::unique_ptr<Strategy>> only_dfs;
  only_dfs.push_back(std::make_unique<DfsStrategy>());
  PortfolioStrategy ends(std::move(only_dfs));
  EXPECT_TRUE(ends.StartRun(RunStart(0, 0)));
  EXPECT_FALSE(ends.StartRun(RunStart(1, 1)));
}

}  // namespace
}  // namespace sim
