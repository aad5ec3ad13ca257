// Tests of how runs fail and how they are torn down: deadlock reports, the step budget,
// panics, sim::Fail from goroutines and hooks, strategy errors, and teardown running the
// destructors of goroutines that never finished.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "sim/go.h"
#include "sim/run.h"
#include "sim/testing/run_helpers.h"

namespace sim {
namespace {

using testing::LetOthersRunUntilBlocked;
using testing::RunCooperative;
using testing::RunRandom;

std::string Here(int line) { return "sim/failure_test.cc:" + std::to_string(line); }

TEST(FailureTest, AbBaDeadlockNamesBothBlockedLines) {
  // Shows a lock-order deadlock is reported with each goroutine's blocking call: the
  // report lists both goroutines, blocked on sync.Mutex.Lock at the second Lock lines.
  int main_line = 0, worker_line = 0;
  Mutex a, b;
  RunResult r = RunCooperative([&] {
    a.Lock();
    Go("worker", [&] {
      b.Lock();
      worker_line = __LINE__ + 1;
      a.Lock();
    });
    LetOthersRunUntilBlocked();
    main_line = __LINE__ + 1;
    b.Lock();
  });
  ASSERT_EQ(r.failure.Name(), "deadlock");
  ASSERT_EQ(r.goroutines.size(), 2u);
  EXPECT_EQ(r.goroutines[0].name, "main");
  EXPECT_EQ(r.goroutines[0].state, GoroutineState::kBlocked);
  EXPECT_EQ(r.goroutines[0].blocked_on, "sync.Mutex.Lock");
  EXPECT_EQ(r.goroutines[0].location, Here(main_line));
  EXPECT_EQ(r.goroutines[1].name, "worker");
  EXPECT_EQ(r.goroutines[1].location, Here(worker_line));
  EXPECT_NE(r.message.find(Here(main_line)), std::string::npos) << r.message;
  EXPECT_NE(r.message.find(Here(worker_line)), std::string::npos) << r.message;
  EXPECT_EQ(r.location, Here(main_line));
}

TEST(FailureTest, DeadlockWithPendingTimerWaitsForTheTimerFirst) {
  // Shows a pending timer is not a deadlock: main blocked on a channel that a timer's
  // goroutine will feed wakes up after time passes.
  int got = 0;
  RunResult r = RunCooperative([&] {
    Chan<int> c = Chan<int>::Make(1);
    AfterFunc(Duration::Seconds(3), [c] { c.Send(9); });
    got = c.Recv();
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_EQ(got, 9);
}

TEST(FailureTest, StepBudgetExhaustedIsReported) {
  // Shows a livelock (two goroutines spinning forever) ends as "budget" after exactly the
  // allowed number of decisions, with the spinning goroutines listed.
  RunOptions options;
  options.max_steps = 500;
  RunResult r = RunRandom(2, [] {
    Go("spinner", [] {
      for (;;) Gosched();
    });
    for (;;) Gosched();
  }, options);
  EXPECT_EQ(r.failure.Name(), "budget");
  EXPECT_EQ(r.steps, 500u);
  EXPECT_NE(r.message.find("spinner"), std::string::npos) << r.message;
}

TEST(FailureTest, PanicReportsMessageAndLocation) {
  // Shows sim::Panic ends the run at once as "panic" with its message and line; code
  // after it in the goroutine never runs.
  int line = 0;
  bool after = false;
  RunResult r = RunCooperative([&] {
    line = __LINE__ + 1;
    Panic("boom");
    after = true;
  });
  EXPECT_EQ(r.failure.Name(), "panic");
  EXPECT_EQ(r.message, "boom");
  EXPECT_EQ(r.location, Here(line));
  EXPECT_FALSE(after);
  ASSERT_EQ(r.goroutines.size(), 1u);
  EXPECT_EQ(r.goroutines[0].state, GoroutineState::kRunning);
}

TEST(FailureTest, UncaughtExceptionIsAPanic) {
  // Shows a C++ exception escaping a goroutine fails the run as a panic naming it.
  RunResult r = RunCooperative([] {
    Go("thrower", [] { throw std::runtime_error("bad thing"); });
  });
  EXPECT_EQ(r.failure.Name(), "panic");
  EXPECT_NE(r.message.find("bad thing"), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("thrower"), std::string::npos) << r.message;
}

TEST(FailureTest, FailFromGoroutineStopsTheRunImmediately) {
  // Shows sim::Fail from a goroutine does not return, stops every goroutine, and carries
  // the check's id, message and line.
  bool after = false;
  int other_steps = 0;
  int line = 0;
  RunResult r = RunRandom(1, [&] {
    Go("other", [&] {
      for (;;) {
        Gosched();
        ++other_steps;
      }
    });
    line = __LINE__ + 1;
    Fail("I7", "two driver calls at once");
    after = true;
  });
  EXPECT_EQ(r.failure.Name(), "I7");
  EXPECT_EQ(r.message, "two driver calls at once");
  EXPECT_EQ(r.location, Here(line));
  EXPECT_FALSE(after);
  EXPECT_LT(other_steps, 10000);
}

struct DestructorCounter {
  int* count;
  Mutex* mu;
  ~DestructorCounter() {
    ++*count;
    mu->Unlock();  // a primitive during teardown: must be a no-op, not a panic
  }
};

TEST(FailureTest, TeardownRunsDestructorsOfBlockedAndUnstartedGoroutines) {
  // Shows teardown unwinds every unfinished goroutine: locals of goroutines blocked in
  // Lock, Recv and Sleep, and captures of a goroutine that never started, are destroyed
  // (counted), even though their destructors call primitives.
  int destroyed = 0;
  Mutex held;
  RunResult r = RunCooperative([&] {
    held.Lock();
    Chan<int> never = Chan<int>::Make();
    Go("in lock", [&] {
      DestructorCounter d{&destroyed, &held};
      held.Lock();
    });
    Go("in recv", [&, never] {
      DestructorCounter d{&destroyed, &held};
      never.Recv();
    });
    Go("in sleep", [&] {
      DestructorCounter d{&destroyed, &held};
      Sleep(Duration::Seconds(100));
    });
    LetOthersRunUntilBlocked();
    auto captured = std::make_shared<DestructorCounter>(&destroyed, &held);
    Go("never started", [captured] {});
    Panic("stop here");
  });
  EXPECT_EQ(r.failure.Name(), "panic");
  EXPECT_EQ(destroyed, 4);
}

TEST(FailureTest, RunsAfterAFailedRunStartClean) {
  // Shows no state leaks from a failed run: after a deadlocked run, a run with the same
  // seed as a fresh one gives the same fingerprint, ids restart at 0 and time at epoch.
  SCOPED_TRACE("fresh run");
  auto program = [](GoroutineId* last_id, Instant* start) {
    return [last_id, start] {
      *start = Now();
      Go("w", [last_id] { *last_id = CurrentGoroutine(); });
      Gosched();
      Gosched();
    };
  };
  GoroutineId id1 = 99, id2 = 99;
  Instant t1, t2;
  RunResult fresh = RunRandom(7, program(&id1, &t1));
  RunResult bad = RunCooperative([] {
    Sleep(Duration::Seconds(3));
    Mutex m;
    m.Lock();
    m.Lock();
  });
  ASSERT_EQ(bad.failure.Name(), "deadlock");
  RunResult again = RunRandom(7, program(&id2, &t2));
  EXPECT_EQ(fresh.fingerprint, again.fingerprint);
  EXPECT_EQ(id1, 1u);
  EXPECT_EQ(id2, 1u);
  EXPECT_EQ(t2, Instant::Epoch());
}

TEST(FailureTest, FailFromHookStopsAfterTheHook) {
  // Shows after_step runs after every decision and that sim::Fail inside it fails the run
  // once the hook returns: the run stops at the step where the hook saw counter == 3.
  int counter = 0;
  int hook_calls = 0;
  RunHooks hooks;
  hooks.after_step = [&] {
    ++hook_calls;
    if (counter == 3) Fail("I1", "counter reached 3");
  };
  RunResult r = RunCooperative([&] {
    for (int i = 0; i < 10; ++i) {
      ++counter;
      Gosched();
    }
  }, {}, hooks);
  EXPECT_EQ(r.failure.Name(), "I1");
  EXPECT_EQ(counter, 3);
  EXPECT_EQ(static_cast<uint64_t>(hook_calls), r.steps);
}

TEST(FailureTest, AtEndSeesLiveGoroutines) {
  // Shows at_end runs once on a clean end and LiveGoroutines() then lists the goroutine
  // left blocked (a leak a checker can report), with where it waits.
  std::vector<GoroutineReport> live;
  int at_end_calls = 0;
  RunHooks hooks;
  hooks.at_end = [&] {
    ++at_end_calls;
    live = LiveGoroutines();
  };
  Chan<int> never = Chan<int>::Make();
  RunResult r = RunCooperative([&] { Go("leaked worker", [never] { never.Recv(); }); }, {},
                               hooks);
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_EQ(at_end_calls, 1);
  ASSERT_EQ(live.size(), 1u);
  EXPECT_EQ(live[0].name, "leaked worker");
  EXPECT_EQ(live[0].blocked_on, "chan receive");
  EXPECT_TRUE(LiveGoroutines().empty());  // outside a run
}

TEST(FailureTest, PrimitiveInHookIsAHarnessFailure) {
  // Shows a hook that calls a scheduling primitive fails the run with id "harness".
  RunHooks hooks;
  Mutex mu;
  hooks.after_step = [&] { mu.Lock(); };
  RunResult r = RunCooperative([] { Gosched(); }, {}, hooks);
  EXPECT_EQ(r.failure.Name(), "harness");
}

struct ReleaseOnExit {
  Mutex& mu;
  ~ReleaseOnExit() { mu.Unlock(); }
};

struct LockAndReleaseOnExit {
  Mutex& mu;
  int* destroyed;
  ~LockAndReleaseOnExit() {
    mu.Lock();  // may block inside a destructor
    mu.Unlock();
    ++*destroyed;
  }
};

TEST(FailureTest, TeardownWhilePausedInsideADestructor) {
  // Shows a run can fail while a goroutine is paused at the scheduling point of an Unlock
  // called from a destructor (a LockGuard going out of scope): teardown completes the
  // destructor without throwing out of it (which would terminate the process), and the
  // goroutine's outer objects are destroyed too.
  int destroyed = 0;
  bool fail_now = false;
  RunHooks hooks;
  hooks.after_step = [&] {
    if (fail_now) Fail("check", "failed while main was inside a destructor");
  };
  Mutex mu, mu2;
  RunResult r = RunCooperative([&] {
    DestructorCounter outer{&destroyed, &mu};
    {
      LockGuard guard(mu);
      mu2.Lock();
      ReleaseOnExit extra{mu2};
      fail_now = true;
    }  // ~ReleaseOnExit pauses at its Unlock's scheduling point: the hook fails the run
    mu.Lock();
  }, {}, hooks);
  EXPECT_EQ(r.failure.Name(), "check");
  EXPECT_EQ(destroyed, 1);
}

TEST(FailureTest, TeardownWhileBlockedInsideADestructorStrandsWithoutCrashing) {
  // Shows the last resort: a goroutine blocked in Lock inside a destructor cannot be
  // unwound past that destructor (C++ forbids throwing out of it), so teardown abandons
  // it instead of terminating the process; the run still reports the deadlock, and the
  // next run works.
  int destroyed = 0;
  Mutex mu;
  RunResult r = RunCooperative([&] {
    mu.Lock();
    Go("worker", [&] { LockAndReleaseOnExit guard{mu, &destroyed}; });
    LetOthersRunUntilBlocked();
    Chan<int>().Recv();
  });
  EXPECT_EQ(r.failure.Name(), "deadlock");
  EXPECT_EQ(destroyed, 0);
  RunResult next = RunCooperative([] { Sleep(Duration::Seconds(1)); });
  EXPECT_FALSE(next.failed()) << next.message;
}

class DivergingStrategy : public testing::CooperativeStrategy {
 public:
  size_t PickNext(const SchedulePoint& point) override {
    if (point.step < 2) return testing::CooperativeStrategy::PickNext(point);
    diverged_ = true;
    return point.candidates.size();
  }
  std::optional<std::string> Divergence() const override {
    if (!diverged_) return std::nullopt;
    return std::string("recorded goroutine 5 is not runnable");
  }

 private:
  bool diverged_ = false;
};

TEST(FailureTest, OutOfRangePickWithDivergenceFailsAsDivergence) {
  // Shows an out-of-range pick from a strategy that reports a divergence ends the run as
  // "divergence" with the strategy's message, after the steps it did make.
  DivergingStrategy strategy;
  RunResult r = RunProgram(strategy, 0, {}, [] {
    for (int i = 0; i < 5; ++i) Gosched();
  });
  EXPECT_EQ(r.failure.Name(), "divergence");
  EXPECT_EQ(r.message, "recorded goroutine 5 is not runnable");
  EXPECT_EQ(r.steps, 2u);
}

}  // namespace
}  // namespace sim
