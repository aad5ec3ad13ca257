// Tests of the run lifecycle: goroutine ids, when a run ends, the choice stream and its
// fingerprint, and the independence of successive runs.
#include "sim/run.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "sim/go.h"
#include "sim/testing/run_helpers.h"

namespace sim {
namespace {

using testing::RunCooperative;
using testing::RunRandom;

TEST(RunTest, MainIsGoroutineZeroAndSpawnedIdsCount) {
  // Shows ids start at 0 for main and count up per Go(), by recording them from inside.
  std::vector<GoroutineId> ids;
  std::vector<std::string> names;
  RunResult r = RunCooperative([&] {
    ids.push_back(CurrentGoroutine());
    names.push_back(CurrentGoroutineName());
    for (int i = 0; i < 2; ++i) {
      Go("worker", [&] {
        ids.push_back(CurrentGoroutine());
        names.push_back(CurrentGoroutineName());
      });
    }
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_EQ(ids, (std::vector<GoroutineId>{0, 1, 2}));
  EXPECT_EQ(names, (std::vector<std::string>{"main", "worker", "worker"}));
}

TEST(RunTest, RunEndsAfterOtherGoroutinesFinish) {
  // Shows the run does not stop when main returns while others can still run: a worker
  // that yields many times after main is done still completes.
  int worker_steps = 0;
  RunResult r = RunRandom(3, [&] {
    Go("worker", [&] {
      for (int i = 0; i < 50; ++i) {
        Gosched();
        ++worker_steps;
      }
    });
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_EQ(worker_steps, 50);
  EXPECT_GE(r.steps, 51u);
}

TEST(RunTest, EveryScheduleDecisionIsRecorded) {
  // Shows the choice stream has one kSchedule entry per step (no data choices here) and
  // that its values are ids of goroutines that exist.
  RunResult r = RunRandom(5, [] {
    for (int i = 0; i < 3; ++i) {
      Go("g", [] {
        for (int k = 0; k < 5; ++k) Gosched();
      });
    }
  });
  ASSERT_FALSE(r.failed()) << r.message;
  ASSERT_EQ(r.choices.size(), r.steps);
  for (const Choice& c : r.choices) {
    EXPECT_EQ(c.kind, ChoiceKind::kSchedule);
    EXPECT_LT(c.value, 4u);
  }
}

std::function<void()> BusyProgram(std::vector<GoroutineId>* order) {
  return [order] {
    Chan<int> c = Chan<int>::Make(2);
    for (int i = 0; i < 4; ++i) {
      Go("producer", [c, order] {
        for (int k = 0; k < 3; ++k) {
          c.Send(k);
          order->push_back(CurrentGoroutine());
        }
      });
    }
    for (int i = 0; i < 12; ++i) c.Recv();
  };
}

TEST(RunTest, SameSeedSameFingerprintAndSchedule) {
  // Shows determinism: the same seed twice gives the same fingerprint, steps and observed
  // order; and ids restart at 0 in the second run (the order uses ids 1..4 both times).
  std::vector<GoroutineId> first, second;
  RunResult a = RunRandom(42, BusyProgram(&first));
  RunResult b = RunRandom(42, BusyProgram(&second));
  ASSERT_FALSE(a.failed()) << a.message;
  EXPECT_EQ(a.fingerprint, b.fingerprint);
  EXPECT_EQ(a.steps, b.steps);
  EXPECT_EQ(a.choices, b.choices);
  EXPECT_EQ(first, second);
  for (GoroutineId id : second) EXPECT_TRUE(id >= 1 && id <= 4) << id;
}

TEST(RunTest, DifferentSeedsExploreDifferentSchedules) {
  // Shows the seed matters: over 20 seeds the busy program yields several fingerprints.
  std::vector<uint64_t> prints;
  for (uint64_t seed = 0; seed < 20; ++seed) {
    std::vector<GoroutineId> order;
    RunResult r = RunRandom(seed, BusyProgram(&order));
    ASSERT_FALSE(r.failed()) << r.message;
    prints.push_back(r.fingerprint);
  }
  std::sort(prints.begin(), prints.end());
  prints.erase(std::unique(prints.begin(), prints.end()), prints.end());
  EXPECT_GT(prints.size(), 10u);
}

TEST(RunTest, OkRunReportsNoGoroutinesWhenAllReturned) {
  // Shows a clean run's result lists no live goroutines and has no failure id.
  RunResult r = RunCooperative([] { Go("w", [] { Gosched(); }); });
  EXPECT_FALSE(r.failed());
  EXPECT_EQ(r.failure.Name(), "");
  EXPECT_TRUE(r.goroutines.empty());
  EXPECT_EQ(r.end_time, Instant::Epoch());
}

TEST(RunTest, ExhaustedStrategyMakesNoRun) {
  // Shows RunProgram does not start main when StartRun returns false.
  class Exhausted : public testing::CooperativeStrategy {
   public:
    bool StartRun(const RunStart&) override { return false; }
  } strategy;
  bool ran = false;
  RunResult r = RunProgram(strategy, 0, {}, [&] { ran = true; });
  EXPECT_FALSE(ran);
  EXPECT_FALSE(r.failed());
  EXPECT_TRUE(r.exhausted);
}

TEST(RunTest, ManyRunsInOneProcess) {
  // Shows runs can be repeated thousands of times (stacks pooled, state reset): each of
  // 2000 runs with 8 goroutines completes with the expected sum.
  for (uint64_t seed = 0; seed < 2000; ++seed) {
    int sum = 0;
    RunResult r = RunRandom(seed, [&] {
      WaitGroup wg;
      for (int i = 1; i <= 8; ++i) {
        wg.Add(1);
        Go("adder", [&, i] {
          sum += i;
          wg.Done();
        });
      }
      wg.Wait();
    });
    ASSERT_FALSE(r.failed()) << r.message;
    ASSERT_EQ(sum, 36);
  }
}

}  // namespace
}  // namespace sim
