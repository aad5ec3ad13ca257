// Shows context cancellation reaching children one at a time, as Go's cancelCtx.cancel
// does (it ranges over a map and takes each child's lock), in runs that play time as an
// adversary: over the whole DFS tree a watcher sees the first child done while its sibling
// is not yet, for either child first (the order is a recorded choice). In runs that do
// not (the old model, kept for older tokens) every child is done at once, in every run.
#include <memory>
#include <set>
#include <string>

#include "gtest/gtest.h"
#include "sim/go.h"
#include "sim/run.h"
#include "sim/strategies/dfs.h"

namespace sim {
namespace {

// Main cancels a parent with two children; a watcher woken by either child's Done
// records which children it saw done: "1-", "-2" or "12".
std::function<void()> SiblingWatch(std::set<std::string>& seen) {
  return [&seen] {
    auto [parent, cancel] = WithCancel(Context::Background());
    auto [first, cancel_first] = WithCancel(parent);
    auto [second, cancel_second] = WithCancel(parent);
    WaitGroup wg;
    wg.Add(1);
    Go("watcher", [&seen, &wg, first, second] {
      Select s;
      s.Recv(first.Done());
      s.Recv(second.Done());
      s.Wait();
      seen.insert(std::string(first.Err().ok() ? "-" : "1") + (second.Err().ok() ? "-" : "2"));
      wg.Done();
    });
    cancel();
    wg.Wait();
    cancel_first();
    cancel_second();
  };
}

// Every outcome over the whole DFS tree of SiblingWatch under `dfs`.
std::set<std::string> AllOutcomes(DfsStrategy& dfs) {
  std::set<std::string> seen;
  for (uint64_t run = 0; run < 100'000; ++run) {
    RunResult r = RunProgram(dfs, RunStart(0, run), {}, SiblingWatch(seen));
    if (r.exhausted) break;
    EXPECT_FALSE(r.failed()) << r.message;
  }
  EXPECT_TRUE(dfs.exhausted());
  return seen;
}

TEST(ContextCancelOrder, OneChildAtATimeInEitherOrderWhenTimeIsAnAdversary) {
  // Shows a goroutine can see one child done and its sibling not yet, either way round.
  DfsStrategy dfs(DfsStrategy::kUnbounded, /*advance_bound=*/1);
  ASSERT_TRUE(dfs.TimeAdversary());
  EXPECT_EQ(AllOutcomes(dfs), (std::set<std::string>{"1-", "-2", "12"}));
}

TEST(ContextCancelOrder, AllChildrenAtOnceInTheOldModel) {
  // Shows the old model (what tokens recorded before) is kept: never one without the other.
  DfsStrategy dfs;
  EXPECT_EQ(AllOutcomes(dfs), (std::set<std::string>{"12"}));
}

}  // namespace
}  // namespace sim
