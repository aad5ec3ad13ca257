// Tests of sync.WaitGroup, sync.Once, Atomic and data choices.
#include "sim/sync.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "sim/go.h"
#include "sim/testing/run_helpers.h"

namespace sim {
namespace {

using testing::RunCooperative;
using testing::RunRandom;

TEST(WaitGroupTest, WaitReturnsOnlyAfterAllDone) {
  // Shows Wait returns after every Done over many schedules: the count of finished
  // workers seen right after Wait is always the full count.
  for (uint64_t seed = 0; seed < 30; ++seed) {
    int finished = 0, seen_after_wait = -1;
    RunResult r = RunRandom(seed, [&] {
      WaitGroup wg;
      wg.Add(3);
      for (int i = 0; i < 3; ++i) {
        Go("worker", [&] {
          Gosched();
          ++finished;
          wg.Done();
        });
      }
      wg.Wait();
      seen_after_wait = finished;
    });
    ASSERT_FALSE(r.failed()) << r.message;
    EXPECT_EQ(seen_after_wait, 3) << "seed " << seed;
  }
}

TEST(WaitGroupTest, SeveralWaitersAllRelease) {
  // Shows every goroutine waiting on a WaitGroup is released when it reaches zero.
  int released = 0;
  WaitGroup wg;
  RunResult r = RunCooperative([&] {
    wg.Add(1);
    for (int i = 0; i < 3; ++i) {
      Go("waiter", [&] {
        wg.Wait();
        ++released;
      });
    }
    testing::LetOthersRunUntilBlocked();
    wg.Done();
    testing::LetOthersRunUntilBlocked();
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_EQ(released, 3);
}

TEST(WaitGroupTest, NegativeCounterPanics) {
  // Shows Go's panic for a WaitGroup counter below zero.
  RunResult r = RunCooperative([] {
    WaitGroup wg;
    wg.Done();
  });
  EXPECT_EQ(r.failure.Name(), "panic");
  EXPECT_EQ(r.message, "sync: negative WaitGroup counter");
}

TEST(OnceTest, RunsExactlyOnceUnderContention) {
  // Shows Once.Do runs its function once although four goroutines race to call it, and
  // every caller returns only after it has run.
  for (uint64_t seed = 0; seed < 30; ++seed) {
    int calls = 0, returned_before_done = 0;
    RunResult r = RunRandom(seed, [&] {
      Once once;
      WaitGroup wg;
      bool done = false;
      for (int i = 0; i < 4; ++i) {
        wg.Add(1);
        Go("caller", [&] {
          once.Do([&] {
            ++calls;
            Gosched();
            done = true;
          });
          if (!done) ++returned_before_done;
          wg.Done();
        });
      }
      wg.Wait();
    });
    ASSERT_FALSE(r.failed()) << r.message;
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(returned_before_done, 0);
  }
}

TEST(AtomicTest, AddIsAtomicAndCasReportsSuccess) {
  // Shows Atomic::Add never loses increments across goroutines and CompareAndSwap
  // succeeds only from the expected value.
  for (uint64_t seed = 0; seed < 20; ++seed) {
    Atomic<int> counter;
    bool cas_wrong = true, cas_right = false;
    RunResult r = RunRandom(seed, [&] {
      WaitGroup wg;
      for (int i = 0; i < 4; ++i) {
        wg.Add(1);
        Go("adder", [&] {
          for (int k = 0; k < 5; ++k) counter.Add(1);
          wg.Done();
        });
      }
      wg.Wait();
      cas_wrong = counter.CompareAndSwap(0, 100);
      cas_right = counter.CompareAndSwap(20, 100);
    });
    ASSERT_FALSE(r.failed()) << r.message;
    EXPECT_EQ(counter.Peek(), 100);
    EXPECT_FALSE(cas_wrong);
    EXPECT_TRUE(cas_right);
  }
}

TEST(ChoiceTest, DataChoicesAreRecordedAndCoverTheRange) {
  // Shows ChooseIndex draws from the strategy (over seeds every value of [0,3) appears),
  // records a kData choice, and bound 1 returns 0 without recording.
  std::set<uint64_t> values;
  for (uint64_t seed = 0; seed < 30; ++seed) {
    uint64_t v = 99, one = 99;
    RunResult r = RunRandom(seed, [&] {
      v = ChooseIndex(3, "which");
      one = ChooseIndex(1, "only one");
    });
    ASSERT_FALSE(r.failed()) << r.message;
    values.insert(v);
    EXPECT_EQ(one, 0u);
    int data = 0;
    for (const Choice& c : r.choices) {
      if (c.kind == ChoiceKind::kData) {
        ++data;
        EXPECT_EQ(c.value, v);
      }
    }
    EXPECT_EQ(data, 1);
  }
  EXPECT_EQ(values, (std::set<uint64_t>{0, 1, 2}));
}

TEST(ChoiceTest, ChooseBoolFollowsTheStrategysNumber) {
  // Shows ChooseBool is ChooseIndex(2) == 1, using a strategy that always answers 1.
  testing::CooperativeStrategy always_one(1);
  bool b = false;
  RunResult r = RunProgram(always_one, 0, {}, [&] { b = ChooseBool("flip"); });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_TRUE(b);
}

}  // namespace
}  // namespace sim
