// Tests of sync.Mutex and sync.RWMutex: exclusion, Go's panics, TryLock, unlock from
// another goroutine, and RWMutex's writer preference.
#include "sim/mutex.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "sim/go.h"
#include "sim/testing/run_helpers.h"

namespace sim {
namespace {

using testing::RunCooperative;
using testing::LetOthersRunUntilBlocked;
using testing::RunRandom;

TEST(MutexTest, ExcludesOverManySchedules) {
  // Shows mutual exclusion: a read-yield-write increment under the lock never loses an
  // update over 50 random schedules (without the lock, the yield would let updates race).
  for (uint64_t seed = 0; seed < 50; ++seed) {
    int counter = 0;
    RunResult r = RunRandom(seed, [&] {
      Mutex mu;
      WaitGroup wg;
      for (int i = 0; i < 4; ++i) {
        wg.Add(1);
        Go("incr", [&] {
          for (int k = 0; k < 5; ++k) {
            LockGuard g(mu);
            int read = counter;
            Gosched();
            counter = read + 1;
          }
          wg.Done();
        });
      }
      wg.Wait();
    });
    ASSERT_FALSE(r.failed()) << r.message;
    ASSERT_EQ(counter, 20) << "seed " << seed;
  }
}

TEST(MutexTest, WithoutLockTheSameProgramLosesUpdates) {
  // Shows the previous test could fail: the same increments without the lock lose an
  // update under at least one of 50 schedules.
  bool lost = false;
  for (uint64_t seed = 0; seed < 50 && !lost; ++seed) {
    int counter = 0;
    RunRandom(seed, [&] {
      WaitGroup wg;
      for (int i = 0; i < 4; ++i) {
        wg.Add(1);
        Go("incr", [&] {
          for (int k = 0; k < 5; ++k) {
            int read = counter;
            Gosched();
            counter = read + 1;
          }
          wg.Done();
        });
      }
      wg.Wait();
    });
    lost = counter != 20;
  }
  EXPECT_TRUE(lost);
}

TEST(MutexTest, UnlockOfUnlockedPanics) {
  // Shows Go's fatal error for unlocking a free Mutex, reported as a panic at the line.
  int line = 0;
  RunResult r = RunCooperative([&] {
    Mutex mu;
    line = __LINE__ + 1;
    mu.Unlock();
  });
  EXPECT_EQ(r.failure.Name(), "panic");
  EXPECT_EQ(r.message, "sync: unlock of unlocked mutex");
  EXPECT_EQ(r.location, "sim/mutex_test.cc:" + std::to_string(line));
}

TEST(MutexTest, TryLockFailsWhileHeldAndSucceedsAfter) {
  // Shows TryLock's result follows the lock's state.
  std::vector<bool> results;
  RunResult r = RunCooperative([&] {
    Mutex mu;
    results.push_back(mu.TryLock());
    results.push_back(mu.TryLock());
    mu.Unlock();
    results.push_back(mu.TryLock());
    mu.Unlock();
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_EQ(results, (std::vector<bool>{true, false, true}));
}

TEST(MutexTest, AnotherGoroutineMayUnlock) {
  // Shows a Mutex locked by one goroutine can be unlocked by another (the pre-fix pool
  // relies on it): main blocks in Lock until the helper unlocks main's first Lock.
  bool relocked = false;
  RunResult r = RunCooperative([&] {
    Mutex mu;
    mu.Lock();
    Go("unlocker", [&] { mu.Unlock(); });
    mu.Lock();
    relocked = true;
    mu.Unlock();
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_TRUE(relocked);
}

TEST(MutexTest, WhichWaiterGetsTheLockIsScheduled) {
  // Shows the winner after an Unlock is up to the schedule: over seeds, each of two
  // contenders is sometimes first to get the lock main releases.
  std::set<std::string> firsts;
  for (uint64_t seed = 0; seed < 40; ++seed) {
    std::string first;
    RunResult r = RunRandom(seed, [&] {
      Mutex mu;
      WaitGroup wg;
      mu.Lock();
      for (const char* name : {"a", "b"}) {
        wg.Add(1);
        Go(name, [&, name] {
          mu.Lock();
          if (first.empty()) first = name;
          mu.Unlock();
          wg.Done();
        });
      }
      Sleep(Duration::Seconds(1));  // both contenders are blocked in Lock by then
      mu.Unlock();
      wg.Wait();
    });
    ASSERT_FALSE(r.failed()) << r.message;
    firsts.insert(first);
  }
  EXPECT_EQ(firsts, (std::set<std::string>{"a", "b"}));
}

TEST(RWMutexTest, ReadersShareWritersExclude) {
  // Shows two readers can hold the lock at once (the second RLock does not block) and a
  // writer's TryLock fails while they do.
  bool try_lock_while_read = true;
  RunResult r = RunCooperative([&] {
    RWMutex mu;
    mu.RLock();
    mu.RLock();
    try_lock_while_read = mu.TryLock();
    mu.RUnlock();
    mu.RUnlock();
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_FALSE(try_lock_while_read);
}

TEST(RWMutexTest, WaitingWriterBlocksNewReaders) {
  // Shows writer preference: with a reader holding the lock and a writer waiting, a new
  // reader blocks (TryRLock fails, RLock waits) until the writer has had the lock.
  std::vector<std::string> log;
  bool try_rlock = true;
  RWMutex mu;  // outlives main, which returns before the others are done
  RunResult r = RunCooperative([&] {
    mu.RLock();
    Go("writer", [&] {
      mu.Lock();
      log.push_back("writer");
      mu.Unlock();
    });
    LetOthersRunUntilBlocked();
    Go("late reader", [&] {
      mu.RLock();
      log.push_back("late reader");
      mu.RUnlock();
    });
    LetOthersRunUntilBlocked();
    try_rlock = mu.TryRLock();
    log.push_back("main unlocks");
    mu.RUnlock();
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_FALSE(try_rlock);
  EXPECT_EQ(log, (std::vector<std::string>{"main unlocks", "writer", "late reader"}));
}

TEST(RWMutexTest, RecursiveReadLockWithWaitingWriterDeadlocks) {
  // Shows Go's documented hazard: a reader that RLocks again while a writer waits
  // deadlocks, and the report names both goroutines and what they wait on.
  RunResult r = RunCooperative([] {
    RWMutex mu;
    mu.RLock();
    Go("writer", [&] { mu.Lock(); });
    LetOthersRunUntilBlocked();
    mu.RLock();
  });
  EXPECT_EQ(r.failure.Name(), "deadlock");
  ASSERT_EQ(r.goroutines.size(), 2u);
  EXPECT_EQ(r.goroutines[0].blocked_on, "sync.RWMutex.RLock");
  EXPECT_EQ(r.goroutines[1].blocked_on, "sync.RWMutex.Lock (waiting for readers)");
  EXPECT_NE(r.message.find("sync.RWMutex.RLock"), std::string::npos) << r.message;
}

TEST(RWMutexTest, UnlockPanics) {
  // Shows the RWMutex misuse panics: Unlock and RUnlock of an unlocked RWMutex.
  RunResult w = RunCooperative([] { RWMutex().Unlock(); });
  EXPECT_EQ(w.failure.Name(), "panic");
  EXPECT_EQ(w.message, "sync: Unlock of unlocked RWMutex");
  RunResult rd = RunCooperative([] { RWMutex().RUnlock(); });
  EXPECT_EQ(rd.failure.Name(), "panic");
  EXPECT_EQ(rd.message, "sync: RUnlock of unlocked RWMutex");
}

TEST(RWMutexTest, ReadersBlockedByWriterGetLockBeforeNextWriter) {
  // Shows readers queued behind a writer are admitted when it unlocks, before a second
  // writer that was also waiting (Go hands them the read lock at Unlock).
  std::vector<std::string> log;
  RWMutex mu;  // outlives main, which returns before the others are done
  RunResult r = RunCooperative([&] {
    mu.Lock();
    Go("reader", [&] {
      mu.RLock();
      log.push_back("reader");
      mu.RUnlock();
    });
    Go("writer2", [&] {
      mu.Lock();
      log.push_back("writer2");
      mu.Unlock();
    });
    LetOthersRunUntilBlocked();
    mu.Unlock();
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_EQ(log, (std::vector<std::string>{"reader", "writer2"}));
}

}  // namespace
}  // namespace sim
