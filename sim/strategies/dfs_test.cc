// Tests of bounded DFS on synthetic programs whose choice trees are counted by hand:
// exact execution counts, exhaustion, distinct runs, the preemption bound, data choices,
// and the divergence report when a program does not repeat itself.
#include "sim/strategies/dfs.h"

#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace sim {
namespace {

// A synthetic program: goroutine g has steps[g] steps; each decision's candidates are the
// goroutines with steps left, `current` the last one to run if it has steps left. Before
// the first step it asks for one data choice in [0, data_bound) when data_bound > 1.
// Returns the run as text, e.g. "d1:ABAB".
std::string RunOnce(DfsStrategy& s, std::vector<int> steps, uint64_t data_bound = 1) {
  std::string trace;
  if (data_bound > 1) {
    trace = "d" + std::to_string(s.PickNumber(data_bound, ChoiceKind::kData)) + ":";
  }
  int last = -1;
  for (uint64_t step = 0;; ++step) {
    std::vector<Candidate> candidates;
    int current = -1;
    for (size_t g = 0; g < steps.size(); ++g) {
      if (steps[g] == 0) continue;
      if (static_cast<int>(g) == last) current = static_cast<int>(candidates.size());
      candidates.push_back({Candidate::Kind::kGoroutine, static_cast<uint32_t>(g)});
    }
    if (candidates.empty()) return trace;
    const size_t pick = s.PickNext(SchedulePoint{candidates, current, step});
    last = static_cast<int>(candidates.at(pick).id);
    --steps[last];
    trace.push_back(static_cast<char>('A' + last));
  }
}

std::set<std::string> Explore(DfsStrategy& s, std::vector<int> steps, uint64_t data_bound = 1) {
  std::set<std::string> runs;
  while (s.StartRun(RunStart(0))) {
    EXPECT_TRUE(runs.insert(RunOnce(s, steps, data_bound)).second) << "a run repeated";
    EXPECT_LT(runs.size(), 10000u);
  }
  return runs;
}

TEST(DfsTest, TwoGoroutinesTwoStepsHaveSixInterleavings) {
  // Shows exhaustive enumeration: 2 goroutines x 2 steps have C(4,2) = 6 interleavings;
  // DFS runs each once, reports 6 executions, then is exhausted.
  DfsStrategy s;
  const std::set<std::string> runs = Explore(s, {2, 2});
  EXPECT_EQ(runs, (std::set<std::string>{"AABB", "ABAB", "ABBA", "BAAB", "BABA", "BBAA"}));
  EXPECT_EQ(s.executions(), 6u);
  EXPECT_TRUE(s.exhausted());
  EXPECT_FALSE(s.StartRun(RunStart(0)));
}

TEST(DfsTest, ThreeGoroutinesMatchTheMultinomial) {
  // Shows the count on a bigger tree: steps (2,2,1) give 5!/(2!2!1!) = 30 interleavings.
  DfsStrategy s;
  EXPECT_EQ(Explore(s, {2, 2, 1}).size(), 30u);
  EXPECT_EQ(s.executions(), 30u);
}

TEST(DfsTest, PreemptionBoundZeroRunsEachGoroutineToCompletion) {
  // Shows bound 0: only the first pick (nobody running yet) and picks after a goroutine
  // finishes are free, so 2 x 2 steps give the 2 serial orders AABB and BBAA.
  DfsStrategy s(0);
  EXPECT_EQ(Explore(s, {2, 2}), (std::set<std::string>{"AABB", "BBAA"}));
  EXPECT_EQ(s.executions(), 2u);
  EXPECT_EQ(s.Describe(), "dfs:preemptions=0");
}

TEST(DfsTest, PreemptionBoundOneAddsTheSinglePreemptionOrders) {
  // Shows bound 1 on 2 x 2 steps: ABAB and BABA need two preemptions, the other four
  // interleavings at most one (hand count: AABB 0, ABBA 1, BAAB 1, BBAA 0).
  DfsStrategy s(1);
  EXPECT_EQ(Explore(s, {2, 2}), (std::set<std::string>{"AABB", "ABBA", "BAAB", "BBAA"}));
}

TEST(DfsTest, DataChoicesAreBranchesToo) {
  // Shows PickNumber is enumerated: a 3-way data choice before 2 x 1 steps gives 3 x 2 = 6
  // runs, each data value with both orders.
  DfsStrategy s;
  EXPECT_EQ(Explore(s, {1, 1}, 3),
            (std::set<std::string>{"d0:AB", "d0:BA", "d1:AB", "d1:BA", "d2:AB", "d2:BA"}));
}

TEST(DfsTest, ANondeterministicProgramDiverges) {
  // Shows the check on the replayed prefix: if the second run offers a different number
  // of candidates where the first run branched, the pick is out of range and Divergence()
  // says which decision.
  DfsStrategy s;
  ASSERT_TRUE(s.StartRun(RunStart(0)));
  RunOnce(s, {1, 1});
  ASSERT_TRUE(s.StartRun(RunStart(0)));
  const std::vector<Candidate> three = {{Candidate::Kind::kGoroutine, 0},
                                        {Candidate::Kind::kGoroutine, 1},
                                        {Candidate::Kind::kGoroutine, 2}};
  EXPECT_EQ(s.PickNext(SchedulePoint{three, -1, 0}), 3u);
  ASSERT_TRUE(s.Divergence().has_value());
  EXPECT_NE(s.Divergence()->find("decision #0"), std::string::npos) << *s.Divergence();
}

}  // namespace
}  // namespace sim

namespace sim {
namespace {

// One goroutine with `steps` steps and one timer: while the timer is pending, every
// decision also offers advancing the clock to it (the last candidate, as the scheduler
// offers it). The run as text: 'A' a step, 'T' the advance.
std::string RunWithTimer(DfsStrategy& s, int steps) {
  std::string trace;
  bool pending = true;
  for (uint64_t step = 0; steps > 0; ++step) {
    std::vector<Candidate> candidates = {{Candidate::Kind::kGoroutine, 0}};
    if (pending) candidates.push_back({Candidate::Kind::kClockAdvance, 0});
    const int current = trace.empty() ? -1 : 0;
    const size_t pick = s.PickNext(SchedulePoint{candidates, current, step});
    if (candidates.at(pick).kind == Candidate::Kind::kClockAdvance) {
      pending = false;
      trace.push_back('T');
    } else {
      --steps;
      trace.push_back('A');
    }
  }
  return trace;
}

TEST(DfsTest, ClockAdvanceIsABranchAtEveryOfferAndNoPreemption) {
  // Shows dfs:advances=1 takes the advance at each decision that offers it, once per run,
  // even under preemptions=0 (an advance is not a preemption): 3 runs for 2 steps.
  DfsStrategy s(/*preemption_bound=*/0, /*advance_bound=*/1);
  std::set<std::string> runs;
  while (s.StartRun(RunStart(0))) runs.insert(RunWithTimer(s, 2));
  EXPECT_EQ(runs, (std::set<std::string>{"AA", "TAA", "ATA"}));
  EXPECT_EQ(s.executions(), 3u);
  EXPECT_EQ(s.Describe(), "dfs:preemptions=0,advances=1");
}

}  // namespace
}  // namespace sim
