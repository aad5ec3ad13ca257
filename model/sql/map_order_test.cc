// Shows InMapOrder (map_order.h), the order finalClose closes a conn's statements and
// DB.Close closes the waiters' channels: in runs that play time as an adversary every
// permutation is reached over the DFS tree (each a recorded choice), and in runs that do
// not (the old model older tokens recorded) the ascending-key order is kept in every run.
#include "model/sql/map_order.h"

#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "sim/run.h"
#include "sim/strategies/dfs.h"

namespace model::sql {
namespace {

std::set<std::string> AllOrders(sim::DfsStrategy& dfs) {
  std::set<std::string> seen;
  for (uint64_t run = 0; run < 1000; ++run) {
    sim::RunResult r = sim::RunProgram(dfs, sim::RunStart(0, run), {}, [&seen] {
      std::vector<char> keys = {'a', 'b', 'c'};
      InMapOrder(keys, "test map order");
      seen.insert(std::string(keys.begin(), keys.end()));
    });
    if (r.exhausted) break;
    EXPECT_FALSE(r.failed()) << r.message;
  }
  EXPECT_TRUE(dfs.exhausted());
  return seen;
}

TEST(MapOrder, EveryPermutationWhenTimeIsAnAdversary) {
  // Shows 3 keys reach all 3! orders, each once (DFS runs each choice path once).
  sim::DfsStrategy dfs(sim::DfsStrategy::kUnbounded, /*advance_bound=*/1);
  EXPECT_EQ(AllOrders(dfs),
            (std::set<std::string>{"abc", "acb", "bac", "bca", "cab", "cba"}));
  EXPECT_EQ(dfs.executions(), 6u);
}

TEST(MapOrder, AscendingKeysInTheOldModel) {
  // Shows the old model asks for no choice and keeps the keys' order.
  sim::DfsStrategy dfs;
  EXPECT_EQ(AllOrders(dfs), (std::set<std::string>{"abc"}));
  EXPECT_EQ(dfs.executions(), 1u);
}

}  // namespace
}  // namespace model::sql
