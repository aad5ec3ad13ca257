// Tests of the virtual clock and timers: when time passes, Sleep/After/NewTimer/AfterFunc,
// Stop and Reset with Go 1.14 semantics, and due timers as scheduling choices.
#include "sim/timer.h"

#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "sim/go.h"
#include "sim/testing/run_helpers.h"

namespace sim {
namespace {

using testing::RunCooperative;
using testing::RunRandom;

TEST(TimerTest, SleepAdvancesTheClockExactly) {
  // Shows Sleep returns with Now() exactly the sleep later, and the run's end time.
  Instant before, after;
  RunResult r = RunCooperative([&] {
    before = Now();
    Sleep(Duration::Milliseconds(250));
    after = Now();
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_EQ(before, Instant::Epoch());
  EXPECT_EQ(after.Sub(before), Duration::Milliseconds(250));
  EXPECT_EQ(r.end_time, Instant::Epoch().Add(Duration::Milliseconds(250)));
}

TEST(TimerTest, TimeDoesNotPassWhileAGoroutineCanRun) {
  // Shows the clock stands still while anything is runnable: a goroutine spinning with
  // Gosched sees the same Now() on every turn although another goroutine sleeps.
  std::set<int64_t> seen;
  bool sleeper_done = false;
  RunResult r = RunRandom(9, [&] {
    Go("sleeper", [&] {
      Sleep(Duration::Seconds(1));
      sleeper_done = true;
    });
    for (int i = 0; i < 100; ++i) {
      seen.insert(Now().nanoseconds());
      Gosched();
    }
    Sleep(Duration::Seconds(2));  // now nothing can run: time passes
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_EQ(seen, (std::set<int64_t>{Instant::Epoch().nanoseconds()}));
  EXPECT_TRUE(sleeper_done);
  EXPECT_EQ(r.end_time, Instant::Epoch().Add(Duration::Seconds(2)));
}

TEST(TimerTest, SleepersWakeInDeadlineOrder) {
  // Shows timers fire in deadline order whatever the spawn order.
  std::vector<int> order;
  RunResult r = RunRandom(4, [&] {
    WaitGroup wg;
    for (int ms : {30, 10, 20}) {
      wg.Add(1);
      Go("sleeper", [&, ms] {
        Sleep(Duration::Milliseconds(ms));
        order.push_back(ms);
        wg.Done();
      });
    }
    wg.Wait();
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_EQ(order, (std::vector<int>{10, 20, 30}));
}

TEST(TimerTest, AfterDeliversTheFiringTime) {
  // Shows After's channel receives the instant at which the timer fired.
  Instant got;
  RunResult r = RunCooperative([&] { got = After(Duration::Seconds(2)).Recv(); });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_EQ(got, Instant::Epoch().Add(Duration::Seconds(2)));
}

TEST(TimerTest, StopBeforeFiringReturnsTrueAndNothingArrives) {
  // Shows Stop on an armed timer returns true and its channel stays empty afterwards.
  bool stopped = false;
  size_t len = 1;
  RunResult r = RunCooperative([&] {
    Timer t = NewTimer(Duration::Seconds(1));
    stopped = t.Stop();
    Sleep(Duration::Seconds(5));
    len = t.C().Len();
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_TRUE(stopped);
  EXPECT_EQ(len, 0u);
}

TEST(TimerTest, StopAfterFiringReturnsFalseAndValueStays) {
  // Shows Go 1.14 semantics: Stop after the timer fired returns false and does not drain
  // the channel (capacity 1), so the value is still there.
  bool stopped = true;
  size_t len = 0, cap = 0;
  RunResult r = RunCooperative([&] {
    Timer t = NewTimer(Duration::Seconds(1));
    Sleep(Duration::Seconds(2));
    stopped = t.Stop();
    len = t.C().Len();
    cap = t.C().Cap();
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_FALSE(stopped);
  EXPECT_EQ(len, 1u);
  EXPECT_EQ(cap, 1u);
}

TEST(TimerTest, ResetReArmsAndReportsWhetherActive) {
  // Shows Reset on an armed timer returns true and moves its deadline; Reset on a fired
  // timer returns false and arms it again.
  bool first = false, second = true;
  Instant fired1, fired2;
  RunResult r = RunCooperative([&] {
    Timer t = NewTimer(Duration::Seconds(1));
    first = t.Reset(Duration::Seconds(3));
    fired1 = t.C().Recv();
    second = t.Reset(Duration::Seconds(1));
    fired2 = t.C().Recv();
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_TRUE(first);
  EXPECT_FALSE(second);
  EXPECT_EQ(fired1, Instant::Epoch().Add(Duration::Seconds(3)));
  EXPECT_EQ(fired2, Instant::Epoch().Add(Duration::Seconds(4)));
}

TEST(TimerTest, AfterFuncRunsInANewGoroutine) {
  // Shows AfterFunc's function runs at the deadline in a goroutine other than main, and
  // that its Timer has a nil channel.
  GoroutineId ran_in = 0;
  Instant ran_at;
  bool nil_channel = false;
  RunResult r = RunCooperative([&] {
    Timer t = AfterFunc(Duration::Seconds(1), [&] {
      ran_in = CurrentGoroutine();
      ran_at = Now();
    });
    nil_channel = t.C().IsNil();
    Sleep(Duration::Seconds(2));
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_TRUE(nil_channel);
  EXPECT_EQ(ran_in, 1u);
  EXPECT_EQ(ran_at, Instant::Epoch().Add(Duration::Seconds(1)));
}

TEST(TimerTest, StoppedAfterFuncNeverRuns) {
  // Shows stopping an AfterFunc timer before its deadline prevents the call.
  bool ran = false;
  RunResult r = RunCooperative([&] {
    Timer t = AfterFunc(Duration::Seconds(1), [&] { ran = true; });
    EXPECT_TRUE(t.Stop());
    Sleep(Duration::Seconds(2));
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_FALSE(ran);
}

TEST(TimerTest, DueTimerVersusRunnableGoroutineIsExploredBothWays) {
  // Shows a timer that is due while a goroutine is runnable is a scheduling choice: with
  // a zero-duration timer and a runnable worker, over seeds the timer's value is seen
  // both before and after the worker's next step.
  std::set<bool> outcomes;
  for (uint64_t seed = 0; seed < 40; ++seed) {
    bool timer_first = false;
    RunResult r = RunRandom(seed, [&] {
      Timer t = NewTimer(Duration::Zero());
      bool worker_stepped = false;
      Go("worker", [&] {
        Gosched();
        worker_stepped = true;
      });
      while (t.C().Len() == 0) Gosched();
      timer_first = !worker_stepped;
      Sleep(Duration::Seconds(1));  // lets the worker finish before its locals go away
    });
    ASSERT_FALSE(r.failed()) << r.message;
    outcomes.insert(timer_first);
  }
  EXPECT_EQ(outcomes, (std::set<bool>{false, true}));
}

TEST(TimerTest, TimerFiringIsRecordedAsATimerCandidate) {
  // Shows firing a timer is a recorded schedule choice whose value is kTimerChoiceBase +
  // the timer's sequence number (the first timer of a run is 0).
  RunResult r = RunCooperative([] { Sleep(Duration::Seconds(1)); });
  ASSERT_FALSE(r.failed()) << r.message;
  int timer_choices = 0;
  for (const Choice& c : r.choices) {
    if (c.kind == ChoiceKind::kSchedule && c.value >= kTimerChoiceBase) {
      EXPECT_EQ(c.value, kTimerChoiceBase + 0);
      ++timer_choices;
    }
  }
  EXPECT_EQ(timer_choices, 1);
}

TEST(TimerTest, NoTimeAdvanceAfterMainReturns) {
  // Shows the run ends when main has returned and nothing can run, without jumping to a
  // pending timer: the end time is the time main returned, and the sleeper is reported
  // live.
  RunResult r = RunCooperative([] {
    Go("sleeper", [] { Sleep(Duration::Seconds(10)); });
    Sleep(Duration::Seconds(1));
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_EQ(r.end_time, Instant::Epoch().Add(Duration::Seconds(1)));
  ASSERT_EQ(r.goroutines.size(), 1u);
  EXPECT_EQ(r.goroutines[0].name, "sleeper");
  EXPECT_EQ(r.goroutines[0].blocked_on, "time.Sleep");
}

}  // namespace
}  // namespace sim
