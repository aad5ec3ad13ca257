// Shows that DPOR (dpor.h) explores exactly the hand-counted number of executions on the
// classic programs (n goroutines on n distinct objects: 1; n goroutines writing one
// object: n!; n goroutines locking one mutex: n!; one writer and n readers, the
// writer-readers example of Abdulla et al.: 2^n; n goroutines calling Done while main
// Waits: 1; n goroutines adding to one atomic without reading the result: 1), and that on programs using every sim primitive it covers every Mazurkiewicz
// trace plain DFS runs (each run's trace is named from its access record:
// dpor_testing.h; with mutexes and WaitGroup.Wait, every trace DPOR runs is one DFS runs,
// as DPOR never lets a Lock or a Wait queue while another step can run), finds every
// failure DFS finds (deadlocks, check failures, an order of waiters that queued while the
// holder slept), and keeps doing so under a preemption bound.
#include "sim/strategies/dpor.h"

#include <memory>
#include <vector>

#include "gtest/gtest.h"
#include "sim/chan.h"
#include "sim/context.h"
#include "sim/goroutine.h"
#include "sim/mutex.h"
#include "sim/select.h"
#include "sim/strategies/dpor_testing.h"
#include "sim/sync.h"
#include "sim/timer.h"

namespace sim {
namespace {

using testing::Exhaustion;
using testing::ExhaustNamed;

uint64_t Factorial(uint64_t n) { return n <= 1 ? 1 : n * Factorial(n - 1); }

// n goroutines, each storing into its own atomic.
std::function<void()> DistinctObjects(int n) {
  return [n] {
    for (int i = 0; i < n; ++i) {
      auto x = std::make_shared<Atomic<int>>();
      Go("writer", [x] { x->Store(1); });
    }
  };
}

// n goroutines, each adding to one shared atomic.
std::function<void()> SharedObject(int n) {
  return [n] {
    auto x = std::make_shared<Atomic<int>>();
    for (int i = 0; i < n; ++i) Go("adder", [x] { x->Add(1); });
  };
}

// n goroutines, each adding to one shared atomic and ignoring the sum (Go code that
// discards atomic.AddInt64's result), then main reads it once they are done.
std::function<void()> BlindAdds(int n) {
  return [n] {
    auto x = std::make_shared<Atomic<int>>();
    auto wg = std::make_shared<WaitGroup>();
    wg->Add(n);
    for (int i = 0; i < n; ++i) {
      Go("adder", [x, wg] {
        x->AddIgnoringResult(1);
        wg->Done();
      });
    }
    wg->Wait();
    if (x->Load() != n) Fail("lost-add", "an add was lost");
  };
}

// One writer and n readers of x (Abdulla et al. 2014, section 2).
std::function<void()> WriterReaders(int n) {
  return [n] {
    auto x = std::make_shared<Atomic<int>>();
    Go("writer", [x] { x->Store(5); });
    for (int i = 0; i < n; ++i) Go("reader", [x] { (void)x->Load(); });
  };
}

// n goroutines, each locking and unlocking one shared mutex.
std::function<void()> SharedMutex(int n) {
  return [n] {
    auto m = std::make_shared<Mutex>();
    for (int i = 0; i < n; ++i) Go("locker", [m] { m->Lock(); m->Unlock(); });
  };
}

// n goroutines each call Done on one WaitGroup while main Waits for them (the shape of
// the workload runner's main).
std::function<void()> DoneWhileMainWaits(int n) {
  return [n] {
    auto wg = std::make_shared<WaitGroup>();
    wg->Add(n);
    for (int i = 0; i < n; ++i) Go("done", [wg] { wg->Done(); });
    wg->Wait();
  };
}

Exhaustion RunDpor(const std::function<void()>& main, uint64_t bound = DporStrategy::kUnbounded) {
  DporStrategy dpor(bound);
  return ExhaustNamed(dpor, main);
}

Exhaustion RunDfs(const std::function<void()>& main, uint64_t bound = DfsStrategy::kUnbounded) {
  DfsStrategy dfs(bound);
  return ExhaustNamed(dfs, main);
}

void ExpectSameFailures(const std::function<void()>& program);

// DPOR ran every trace DFS ran, and nothing DFS cannot run.
void ExpectSameTraces(const std::function<void()>& main, uint64_t* dpor_runs = nullptr) {
  const Exhaustion dfs = RunDfs(main);
  const Exhaustion dpor = RunDpor(main);
  ASSERT_TRUE(dfs.exhausted);
  ASSERT_TRUE(dpor.exhausted);
  EXPECT_EQ(dpor.traces, dfs.traces);
  EXPECT_EQ(dpor.failures, dfs.failures);
  EXPECT_LE(dpor.executions, dfs.executions);
  if (dpor_runs != nullptr) *dpor_runs = dpor.executions;
  std::printf("  dfs %llu runs, %zu traces; dpor %llu runs\n",
              static_cast<unsigned long long>(dfs.executions), dfs.traces.size(),
              static_cast<unsigned long long>(dpor.executions));
}

TEST(DporTest, DistinctObjectsNeedOneExecution) {
  for (int n = 1; n <= 5; ++n) {
    const Exhaustion e = RunDpor(DistinctObjects(n));
    EXPECT_TRUE(e.exhausted);
    EXPECT_EQ(e.executions, 1u) << n << " goroutines";
  }
  EXPECT_GT(RunDfs(DistinctObjects(3)).executions, 1u);  // DFS runs every interleaving
}

TEST(DporTest, OneSharedObjectNeedsNFactorial) {
  for (int n = 1; n <= 5; ++n) {
    const Exhaustion e = RunDpor(SharedObject(n));
    EXPECT_TRUE(e.exhausted);
    EXPECT_EQ(e.executions, Factorial(n)) << n << " goroutines";
    EXPECT_EQ(e.traces.size(), Factorial(n));
  }
}

TEST(DporTest, AddsThatIgnoreTheirResultNeedOneExecution) {
  // Adds whose result nobody reads commute (sim/access.h), and main's Wait runs after the
  // last Done: one trace, where Adds that return the sum need n! (test above).
  for (int n = 1; n <= 4; ++n) {
    const Exhaustion e = RunDpor(BlindAdds(n));
    EXPECT_TRUE(e.exhausted);
    EXPECT_EQ(e.executions, 1u) << n << " goroutines";
    EXPECT_TRUE(e.failures.empty());
  }
  EXPECT_GT(RunDfs(BlindAdds(3)).executions, 1u);
}

TEST(DporTest, WriterReadersNeedTwoToTheN) {
  // Each reader reads before or after the write; readers commute with each other.
  for (int n = 1; n <= 6; ++n) {
    const Exhaustion e = RunDpor(WriterReaders(n));
    EXPECT_TRUE(e.exhausted);
    EXPECT_EQ(e.executions, uint64_t{1} << n) << n << " readers";
    EXPECT_EQ(e.traces.size(), uint64_t{1} << n);
  }
}

TEST(DporTest, SharedMutexNeedsNFactorial) {
  // A Lock of a held mutex is disabled (dpor.h), so the traces are the n! orders of the
  // critical sections; DFS also runs the ones where a Lock queues first.
  for (int n = 1; n <= 4; ++n) {
    const Exhaustion e = RunDpor(SharedMutex(n));
    EXPECT_TRUE(e.exhausted);
    EXPECT_EQ(e.executions, Factorial(n)) << n << " lockers";
    EXPECT_EQ(e.traces.size(), Factorial(n));
  }
  const Exhaustion dfs = RunDfs(SharedMutex(3));
  EXPECT_GT(dfs.traces.size(), Factorial(3));
  for (const std::string& t : RunDpor(SharedMutex(3)).traces) EXPECT_TRUE(dfs.traces.contains(t));
}

TEST(DporTest, WaitGroupDonesWhileMainWaitsNeedOneExecution) {
  // Dones commute with each other, and a Wait while the counter is above zero is disabled
  // (dpor.h), so main's Wait runs once, after every Done: one trace. DFS also runs the
  // Wait queued before each subset of the Dones.
  for (int n = 1; n <= 4; ++n) {
    const Exhaustion e = RunDpor(DoneWhileMainWaits(n));
    EXPECT_TRUE(e.exhausted);
    EXPECT_EQ(e.executions, 1u) << n << " goroutines";
  }
  const Exhaustion dfs = RunDfs(DoneWhileMainWaits(3));
  EXPECT_GT(dfs.traces.size(), 1u);
  for (const std::string& t : RunDpor(DoneWhileMainWaits(3)).traces) {
    EXPECT_TRUE(dfs.traces.contains(t));
  }
}

// A receiver selects over a context's Done and a channel of `capacity`; main sends once.
std::function<void()> SelectAgainstOneSend(size_t capacity) {
  return [capacity] {
    auto [ctx, cancel] = WithCancel(Context::Background());
    auto ch = std::make_shared<Chan<int>>(Chan<int>::Make(capacity));
    Go("receiver", [ctx = ctx, ch] { (void)Select().Recv(ctx.Done()).Recv(*ch).Wait(); });
    ch->Send(1);
  };
}

TEST(DporTest, ASelectThatWouldOnlyQueueWaitsForItsCase) {
  // Shows a select with no ready case on buffered and receive-only channels is disabled
  // until a case is ready (select.cc, dpor.h): against one send, one trace, the select
  // after the send (DFS also runs it blocking first); at most 2 executions, as the
  // receiver's first step commutes with the send. On an unbuffered channel a waiter is
  // visible (the send hands off instead of blocking): both orders, 2 traces.
  const Exhaustion buffered = RunDpor(SelectAgainstOneSend(1));
  EXPECT_TRUE(buffered.exhausted);
  EXPECT_EQ(buffered.traces.size(), 1u);
  EXPECT_LE(buffered.executions, 2u);
  EXPECT_GT(RunDfs(SelectAgainstOneSend(1)).traces.size(), 1u);
  const Exhaustion unbuffered = RunDpor(SelectAgainstOneSend(0));
  EXPECT_TRUE(unbuffered.exhausted);
  EXPECT_EQ(unbuffered.executions, 2u);
  EXPECT_EQ(unbuffered.traces.size(), 2u);
}

// A WaitGroup whose Wait may return before main's Add (a Go misuse, but a real order).
// DPOR's first run lets main Add, Store and Done before the waiter's Wait (which loads
// 1). The early return (Wait before the Add: loads 0, "early-wait") is reached only by
// reversing the race of the Wait at zero with the Add that raised the counter from zero
// (dpor_trace.h): the Wait is ordered after the Done and the Load after the Store.
void WaitRacesWithAnAddFromZero() {
  auto wg = std::make_shared<WaitGroup>();
  auto x = std::make_shared<Atomic<int>>();
  Go("waiter", [wg, x] {
    wg->Wait();
    if (x->Load() == 0) Fail("early-wait", "Wait returned before the Add");
  });
  wg->Add(1);
  x->Store(1);
  wg->Done();
}

TEST(DporTest, ChannelsSelectTimersAndContextsCoverEveryTraceDfsRuns) {
  ExpectSameTraces([] {  // producers and a consumer on a buffered channel
    auto ch = std::make_shared<Chan<int>>(Chan<int>::Make(1));
    Go("p1", [ch] { ch->Send(1); });
    Go("p2", [ch] { ch->Send(2); });
    (void)ch->Recv();
    (void)ch->Recv();
  });
  ExpectSameTraces([] {  // a select between a value and a timeout
    auto ch = std::make_shared<Chan<int>>(Chan<int>::Make(0));
    Go("sender", [ch] { Select().Send(*ch, 1).Default().Wait(); });
    Select().Recv(*ch).Recv(After(Duration::Milliseconds(1))).Wait();
  });
  ExpectSameFailures([] {  // cancel racing with a waiter on Done and a WaitGroup
    auto [ctx, cancel] = WithCancel(Context::Background());
    auto wg = std::make_shared<WaitGroup>();
    wg->Add(2);
    Go("waiter", [ctx = ctx, wg] { (void)ctx.Done().Recv(); wg->Done(); });
    Go("canceller", [cancel = cancel, wg] { cancel(); wg->Done(); });
    wg->Wait();
  });
}

// Two goroutines increment a counter with a load and a store: a lost update is a bug.
void LostUpdate() {
  auto x = std::make_shared<Atomic<int>>();
  auto wg = std::make_shared<WaitGroup>();
  wg->Add(2);
  for (int i = 0; i < 2; ++i) {
    Go("incr", [x, wg] {
      const int v = x->Load();
      x->Store(v + 1);
      wg->Done();
    });
  }
  wg->Wait();
  if (x->Load() != 2) Fail("lost-update", "an increment was lost");
}

// Lock-order inversion: deadlocks in some interleavings (main waits for both).
void LockOrderInversion() {
  auto a = std::make_shared<Mutex>();
  auto b = std::make_shared<Mutex>();
  auto wg = std::make_shared<WaitGroup>();
  wg->Add(2);
  Go("ab", [a, b, wg] { a->Lock(); b->Lock(); b->Unlock(); a->Unlock(); wg->Done(); });
  Go("ba", [a, b, wg] { b->Lock(); a->Lock(); a->Unlock(); b->Unlock(); wg->Done(); });
  wg->Wait();
}

// main holds a mutex while it sleeps: both lockers must queue (nothing else can run), in
// either order, and the first to queue gets the mutex. "c-first" when c got it first.
void WaitersQueueWhileTheHolderSleeps() {
  auto m = std::make_shared<Mutex>();
  auto first = std::make_shared<Atomic<int>>();
  auto wg = std::make_shared<WaitGroup>();
  wg->Add(2);
  m->Lock();
  for (int id : {1, 2}) {
    Go(id == 1 ? "b" : "c", [m, first, wg, id] {
      m->Lock();
      if (first->Load() == 0) first->Store(id);
      m->Unlock();
      wg->Done();
    });
  }
  Sleep(Duration::Milliseconds(1));
  m->Unlock();
  wg->Wait();
  if (first->Load() == 2) Fail("c-first", "c acquired the mutex first");
}

// DPOR finds what DFS finds and runs only traces DFS runs (for programs where DFS also
// runs traces in which a Lock or a Wait queued while another step could run).
void ExpectSameFailures(const std::function<void()>& program) {
  const Exhaustion dfs = RunDfs(program);
  const Exhaustion dpor = RunDpor(program);
  ASSERT_TRUE(dfs.exhausted);
  ASSERT_TRUE(dpor.exhausted);
  EXPECT_EQ(dpor.failures, dfs.failures);
  EXPECT_LT(dpor.executions, dfs.executions);
  for (const std::string& t : dpor.traces) EXPECT_TRUE(dfs.traces.contains(t));
}

TEST(DporTest, FindsEveryFailureDfsFinds) {
  // Shows DPOR finds, on each program, exactly the failures exhaustive DFS finds, with
  // fewer runs and only traces DFS runs; each program has a failure DPOR must find.
  ExpectSameFailures(LostUpdate);
  EXPECT_TRUE(RunDpor(LostUpdate).failures.contains("lost-update"));
  ExpectSameFailures(LockOrderInversion);
  EXPECT_TRUE(RunDpor(LockOrderInversion).failures.contains("deadlock"));
  ExpectSameFailures(WaitersQueueWhileTheHolderSleeps);
  EXPECT_TRUE(RunDpor(WaitersQueueWhileTheHolderSleeps).failures.contains("c-first"));
  ExpectSameFailures(WaitRacesWithAnAddFromZero);
  EXPECT_TRUE(RunDpor(WaitRacesWithAnAddFromZero).failures.contains("early-wait"));
}

TEST(DporTest, PreemptionBoundKeepsEveryFailureBoundedDfsFinds) {
  for (uint64_t bound : {0, 1, 2}) {
    for (const auto& program : {std::function<void()>(LostUpdate),
                                std::function<void()>(LockOrderInversion)}) {
      const Exhaustion dfs = RunDfs(program, bound);
      const Exhaustion dpor = RunDpor(program, bound);
      EXPECT_TRUE(dpor.exhausted);
      EXPECT_EQ(dpor.failures, dfs.failures) << "bound " << bound;
      if (bound > 0) {
        EXPECT_FALSE(dpor.failures.empty()) << "bound " << bound;
      }
      EXPECT_LE(dpor.executions, dfs.executions);
      // No trace check: switching away from a goroutine whose Wait would block is no
      // preemption for DPOR (it cannot run), so DPOR runs traces DFS reaches only with
      // one more preemption.
    }
  }
}

// main Waits while a sleeper holds the WaitGroup (so main's Wait would only queue, and a
// clock advance is offered, twice), then two goroutines race on x; "first-wins" when the
// first store lands last (not the order candidate order gives).
void RaceAfterAWaitWithATimerPending() {
  auto wg = std::make_shared<WaitGroup>();
  auto x = std::make_shared<Atomic<int>>();
  wg->Add(1);
  Go("sleeper", [wg] {
    Sleep(Duration::Milliseconds(1));
    Sleep(Duration::Milliseconds(1));
    wg->Done();
  });
  wg->Wait();
  Go("first", [x] { x->Store(1); });
  Go("second", [x] { x->Store(2); });
  Sleep(Duration::Milliseconds(1));
  if (x->Load() == 1) Fail("first-wins", "the first store landed last");
}

TEST(DporTest, ClockAdvancesKeepEveryFailureDfsFinds) {
  // Shows DPOR with clock advances finds what DFS with clock advances finds on a program
  // whose main Waits (a step DPOR delays) while a timer is pending: at the sleeper's
  // second Sleep every goroutine's step would only queue and an advance is offered after
  // the run's advances are spent, so the decision must count as forced (dpor.cc,
  // NewDecision); without that, DPOR's one run with advances=1 is redundant there and the
  // race after the Wait is never reversed. (ExhaustNamed offers advances because the
  // naming wrapper forwards TimeAdversary; cli/verify_binary_test.cc shows the same fix
  // end to end on tx_cancel.)
  for (uint64_t advances : {1, 2}) {
    DfsStrategy dfs(DfsStrategy::kUnbounded, advances);
    DporStrategy dpor(DporStrategy::kUnbounded, advances);
    const Exhaustion by_dfs = ExhaustNamed(dfs, RaceAfterAWaitWithATimerPending);
    const Exhaustion by_dpor = ExhaustNamed(dpor, RaceAfterAWaitWithATimerPending);
    ASSERT_TRUE(by_dfs.exhausted);
    ASSERT_TRUE(by_dpor.exhausted);
    EXPECT_TRUE(by_dfs.failures.contains("first-wins"));
    EXPECT_EQ(by_dpor.failures, by_dfs.failures) << advances << " advances";
    EXPECT_LE(by_dpor.executions, by_dfs.executions);
  }
}

TEST(DporTest, DescribesItselfAndParsesItsBound) {
  EXPECT_EQ(DporStrategy().Describe(), "dpor");
  EXPECT_EQ(DporStrategy(2).Describe(), "dpor:preemptions=2");
}

}  // namespace
}  // namespace sim
