// Known bugs the strategies must find, each within a stated budget of runs, and each
// reproduced exactly from its replay token: a lost update across a yield, an AB/BA
// lock-order deadlock, and a narrow ordering window that PCT finds and a random walk
// practically never does. Also bounded DFS on a program whose tree is counted by hand.
#include <cstdio>
#include <memory>
#include <set>
#include <source_location>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "sim/go.h"
#include "sim/strategies/dfs.h"
#include "sim/strategies/pct.h"
#include "sim/strategies/random_walk.h"
#include "sim/strategies/testing/explore_until.h"
#include "sim/strategy_registry.h"

namespace sim {
namespace {

using testing::ExpectReplayReproduces;
using testing::Explore;
using testing::FoundFailure;

// Two goroutines each read a counter, yield, and write back the value read plus one; if
// both read before either writes, one increment is lost.
std::function<void()> LostUpdateProgram() {
  return [] {
    struct State {
      int counter = 0;
      WaitGroup wg;
    };
    auto st = std::make_shared<State>();
    st->wg.Add(2);
    for (int i = 0; i < 2; ++i) {
      Go("incrementer", [st] {
        const int read = st->counter;
        Gosched();
        st->counter = read + 1;
        st->wg.Done();
      });
    }
    st->wg.Wait();
    if (st->counter != 2) {
      Fail("lost-update", absl::StrCat("counter is ", st->counter, " after 2 increments"));
    }
  };
}

// Source lines where the two goroutines of LockOrderProgram block in a deadlock.
struct LockOrderLines {
  uint32_t ab_locks_b = 0;
  uint32_t ba_locks_a = 0;
};

// "ab" locks a then b; "ba" locks b then a; main waits for both.
std::function<void()> LockOrderProgram(LockOrderLines* lines) {
  return [lines] {
    struct State {
      Mutex a, b;
      WaitGroup wg;
    };
    auto st = std::make_shared<State>();
    st->wg.Add(2);
    Go("ab", [st, lines] {
      st->a.Lock();
      lines->ab_locks_b = std::source_location::current().line() + 1;
      st->b.Lock();
      st->b.Unlock();
      st->a.Unlock();
      st->wg.Done();
    });
    Go("ba", [st, lines] {
      st->b.Lock();
      lines->ba_locks_a = std::source_location::current().line() + 1;
      st->a.Lock();
      st->a.Unlock();
      st->b.Unlock();
      st->wg.Done();
    });
    st->wg.Wait();
  };
}

TEST(KnownBugsTest, LostUpdateFoundWithin20RunsByEachStrategyAndReplayed) {
  // Shows the simplest race is found: random, PCT (d=3), POS, the portfolio and DFS each
  // hit the lost update within 20 runs, and each failure reruns identically from its token.
  const std::function<void()> program = LostUpdateProgram();
  for (const std::string spec : {"random", "pct", "pos", "portfolio", "dfs"}) {
    std::unique_ptr<Strategy> strategy = *MakeStrategy(spec);
    std::optional<FoundFailure> found = Explore(*strategy, 1, 20, program, "lost-update");
    ASSERT_TRUE(found.has_value()) << spec << " did not find the lost update in 20 runs";
    std::printf("  %s: lost update at run %llu\n", spec.c_str(),
                static_cast<unsigned long long>(found->run_index));
    EXPECT_EQ(found->result.message, "counter is 1 after 2 increments");
    ExpectReplayReproduces(*found, "lost-update/" + spec, program);
  }
}

TEST(KnownBugsTest, LockOrderDeadlockNamesBothBlockedLines) {
  // Shows an AB/BA deadlock is reported as "deadlock" with each goroutine's blocked-on
  // primitive and source line, found by PCT, random and POS within 50 runs, and replayed.
  LockOrderLines lines;
  const std::function<void()> program = LockOrderProgram(&lines);
  for (const std::string spec : {"pct", "random", "pos"}) {
    std::unique_ptr<Strategy> strategy = *MakeStrategy(spec);
    std::optional<FoundFailure> found = Explore(*strategy, 2, 50, program, "deadlock");
    ASSERT_TRUE(found.has_value()) << spec << " did not find the deadlock in 50 runs";
    const std::string& message = found->result.message;
    const std::string ab = absl::StrCat("\"ab\" [blocked: sync.Mutex.Lock] at sim/strategies/strategies_find_bugs_test.cc:",
                                        lines.ab_locks_b);
    const std::string ba = absl::StrCat("\"ba\" [blocked: sync.Mutex.Lock] at sim/strategies/strategies_find_bugs_test.cc:",
                                        lines.ba_locks_a);
    EXPECT_NE(message.find(ab), std::string::npos) << message;
    EXPECT_NE(message.find(ba), std::string::npos) << message;
    ExpectReplayReproduces(*found, "lock-order/" + spec, program);
  }
}

// A narrow window: after a start signal, "opener" sets a flag, yields once and clears it;
// "checker" yields 20 times, then looks at the flag; 3 "noise" goroutines yield 5 times
// each. The bug (checker sees the flag set) needs the opener to be preempted exactly
// between its two events and the checker to finish all 20 steps inside that gap. Under a
// random walk that is about 2^-20 per run; under PCT it needs the opener above the checker
// (1/2) and a change point on the opener's one resumption step (about (d-1)/k).
std::function<void()> OrderingWindowProgram() {
  return [] {
    struct State {
      Chan<Unit> start = Chan<Unit>::Make();
      bool open = false;
      bool checker_saw_open = false;
      WaitGroup wg;
    };
    constexpr int kCheckerSteps = 20, kNoise = 3, kNoiseSteps = 5;
    auto st = std::make_shared<State>();
    st->wg.Add(2 + kNoise);
    Go("opener", [st] {
      st->start.Recv();
      st->open = true;
      Gosched();
      st->open = false;
      st->wg.Done();
    });
    Go("checker", [st] {
      st->start.Recv();
      for (int i = 0; i < kCheckerSteps; ++i) Gosched();
      st->checker_saw_open = st->open;
      st->wg.Done();
    });
    for (int n = 0; n < kNoise; ++n) {
      Go("noise", [st] {
        st->start.Recv();
        for (int i = 0; i < kNoiseSteps; ++i) Gosched();
        st->wg.Done();
      });
    }
    st->start.Close();
    st->wg.Wait();
    if (st->checker_saw_open) Fail("window", "checker ran entirely inside opener's window");
  };
}

TEST(KnownBugsTest, OrderingWindowPctFindsItRandomWalkDoesNot) {
  // Shows PCT's advantage on an ordering bug: over 2,000 runs each, PCT (d=3) hits the
  // window at least 0.5% of runs (expected about 1/k, k ~ 60 decisions) and first within
  // 500 runs, while the random walk's rate is below PCT's by a wide margin; the rates of
  // both and of PCT d=2 are printed. The PCT failure replays from its token.
  const std::function<void()> program = OrderingWindowProgram();
  constexpr uint64_t kRuns = 2000;
  uint64_t pct_hits = 0, pct2_hits = 0, random_hits = 0;
  PctStrategy pct(3, PctStrategy::kDefaultSteps);
  std::optional<FoundFailure> found = Explore(pct, 3, kRuns, program, "window", &pct_hits);
  PctStrategy pct2(2, PctStrategy::kDefaultSteps);
  Explore(pct2, 3, kRuns, program, "window", &pct2_hits);
  RandomWalkStrategy random;
  Explore(random, 3, kRuns, program, "window", &random_hits);
  std::printf("  ordering window over %llu runs: pct:depth=3 %.2f%% (first at run %llu), "
              "pct:depth=2 %.2f%%, random %.2f%%\n",
              static_cast<unsigned long long>(kRuns), 100.0 * pct_hits / kRuns,
              static_cast<unsigned long long>(found ? found->run_index : 0),
              100.0 * pct2_hits / kRuns, 100.0 * random_hits / kRuns);
  ASSERT_TRUE(found.has_value()) << "PCT never hit the window in " << kRuns << " runs";
  EXPECT_LT(found->run_index, 500u);
  EXPECT_GE(pct_hits * 200, kRuns) << "PCT hit rate below 0.5%";
  EXPECT_GE(pct_hits, 5 * random_hits + 5);
  ExpectReplayReproduces(*found, "ordering-window/pct", program);
}

TEST(KnownBugsTest, ReplayOfAChangedProgramReportsDivergence) {
  // Shows replay refuses to follow a recording into a different program: the lost-update
  // token replayed against a version whose incrementers yield twice fails with
  // "divergence" and names where, instead of quietly running something else.
  const std::function<void()> program = LostUpdateProgram();
  RandomWalkStrategy random;
  std::optional<FoundFailure> found = Explore(random, 1, 20, program, "lost-update");
  ASSERT_TRUE(found.has_value());
  const std::function<void()> changed = [] {
    auto wg = std::make_shared<WaitGroup>();
    wg->Add(2);
    for (int i = 0; i < 2; ++i) {
      Go("incrementer", [wg] {
        Gosched();
        Gosched();
        wg->Done();
      });
    }
    wg->Wait();
  };
  const RunResult r = testing::Replay(testing::TokenFor(*found, "changed"), changed);
  std::printf("  %s\n", r.message.c_str());
  EXPECT_EQ(r.failure.Name(), "divergence") << r.message;
  EXPECT_NE(r.message.find("replay diverged at"), std::string::npos) << r.message;
}

TEST(KnownBugsTest, ReplayThatEndsEarlyIsCaughtByReplayMismatch) {
  // Shows the end-of-run check: a program that stops before using all recorded choices
  // (main returns at once) cannot diverge inside the strategy, but ReplayMismatch compares
  // its steps and fingerprint with the token and reports it; the faithful replay passes.
  const std::function<void()> program = LostUpdateProgram();
  RandomWalkStrategy random;
  std::optional<FoundFailure> found = Explore(random, 1, 20, program, "lost-update");
  ASSERT_TRUE(found.has_value());
  const ReplayToken token = testing::TokenFor(*found, "early-end");
  const RunResult faithful = testing::Replay(token, program);
  EXPECT_EQ(ReplayMismatch(token, faithful), std::nullopt);
  const RunResult early = testing::Replay(token, [] {});
  EXPECT_FALSE(early.failed()) << early.message;
  const std::optional<std::string> mismatch = ReplayMismatch(token, early);
  ASSERT_TRUE(mismatch.has_value());
  EXPECT_NE(mismatch->find("the run made 1 scheduling decisions"), std::string::npos)
      << *mismatch;
}

// Two goroutines of two steps each, started by main: main's last step ('M', after the
// second Go) and the steps a, A of one and b, B of the other form the run's log.
std::function<void()> TwoByTwoProgram(std::string* log) {
  return [log] {
    log->clear();
    Go("A", [log] {
      log->push_back('a');
      Gosched();
      log->push_back('A');
    });
    Go("B", [log] {
      log->push_back('b');
      Gosched();
      log->push_back('B');
    });
    log->push_back('M');
  };
}

std::set<std::string> ExploreAll(DfsStrategy& dfs) {
  std::string log;
  const std::function<void()> program = TwoByTwoProgram(&log);
  std::set<std::string> logs;
  for (int run = 0; run < 1000; ++run) {
    const RunResult r = RunProgram(dfs, 0, {}, program);
    if (r.exhausted) break;
    EXPECT_FALSE(r.failed()) << r.message;
    EXPECT_TRUE(logs.insert(log).second) << "DFS repeated the run " << log;
  }
  return logs;
}

TEST(KnownBugsTest, DfsEnumeratesTheHandCountedTree) {
  // Shows DFS is exhaustive and exact on a real program. Hand count: A is runnable before
  // main's last step M and B only after, so the orders are the placements of a<A among
  // five slots with M<b<B in the rest: C(5,2) = 10. A preemption is switching away from a
  // goroutine that could continue. Bound 0: main runs on to its end, then one of A, B runs
  // to its end: MaAbB and MbBaA (2). Bound 1 adds aAMbB (a preempts main), MabBA and
  // MbaAB (b preempts a, a preempts b): 5. The other five need two or three.
  DfsStrategy unbounded;
  EXPECT_EQ(ExploreAll(unbounded),
            (std::set<std::string>{"aAMbB", "aMAbB", "aMbAB", "aMbBA", "MaAbB", "MabAB",
                                   "MabBA", "MbaAB", "MbaBA", "MbBaA"}));
  EXPECT_EQ(unbounded.executions(), 10u);
  EXPECT_TRUE(unbounded.exhausted());

  DfsStrategy bound0(0);
  EXPECT_EQ(ExploreAll(bound0), (std::set<std::string>{"MaAbB", "MbBaA"}));
  EXPECT_EQ(bound0.executions(), 2u);

  DfsStrategy bound1(1);
  EXPECT_EQ(ExploreAll(bound1),
            (std::set<std::string>{"aAMbB", "MaAbB", "MabBA", "MbaAB", "MbBaA"}));
  EXPECT_EQ(bound1.executions(), 5u);
}

}  // namespace
}  // namespace sim
