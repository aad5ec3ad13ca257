// sync.RWMutex (see sim/mutex.h) with Go's writer preference. A writer first takes the
// writer slot (a Mutex among writers, with barging), which at once stops new readers:
// from then on RLock blocks. The writer then waits for the readers already inside to
// leave; the last RUnlock hands it the lock. Unlock admits every reader that blocked
// behind the writer (they hold the lock when they wake, as in Go, so a second writer
// cannot overtake them) and then frees the writer slot. Consequence, as in Go: a
// goroutine that holds a read lock and calls RLock again deadlocks once a writer waits.
#include "sim/internal/scheduler.h"
#include "sim/internal/wait_queue.h"
#include "sim/mutex.h"

namespace sim {

namespace detail {
struct RWMutexState {
  bool writer = false;        // a writer owns the writer slot (draining readers or holding)
  bool writer_holds = false;  // ... and holds the lock
  int readers = 0;            // goroutines holding a read lock
  internal::WaitQueue writers;         // writers waiting for the writer slot
  internal::WaitQueue blocked_readers; // readers waiting behind a writer
  internal::WaitQueue drain;           // the writer waiting for readers to leave
  AccessTag tag;
};
}  // namespace detail

using internal::Scheduler;
using internal::Waiter;

RWMutex::RWMutex() : state_(std::make_unique<detail::RWMutexState>()) {}
RWMutex::~RWMutex() = default;

void RWMutex::Lock(std::source_location loc) {
  Scheduler& s = Scheduler::ForOperation("sync.RWMutex.Lock", loc);
  if (!s.SchedulingPoint(loc, AccessKind::kMutexLock, &state_->tag)) return;
  detail::RWMutexState& st = *state_;
  bool woken_before = false;
  while (st.writer) {
    Waiter w(s.current());
    if (woken_before) {
      st.writers.PushFront(&w);
    } else {
      st.writers.PushBack(&w);
    }
    s.Block("sync.RWMutex.Lock", loc);
    woken_before = true;
  }
  st.writer = true;
  if (st.readers > 0) {
    Waiter w(s.current());
    st.drain.PushBack(&w);
    s.Block("sync.RWMutex.Lock (waiting for readers)", loc);
  }
  st.writer_holds = true;
}

bool RWMutex::TryLock(std::source_location loc) {
  Scheduler& s = Scheduler::ForOperation("sync.RWMutex.TryLock", loc);
  if (!s.SchedulingPoint(loc, AccessKind::kMutexLock, &state_->tag)) return false;
  detail::RWMutexState& st = *state_;
  if (st.writer || st.readers > 0) return false;
  st.writer = true;
  st.writer_holds = true;
  return true;
}

void RWMutex::Unlock(std::source_location loc) {
  Scheduler& s = Scheduler::ForOperation("sync.RWMutex.Unlock", loc);
  if (!s.ReleasePoint(loc, AccessKind::kMutexUnlock, &state_->tag)) return;
  detail::RWMutexState& st = *state_;
  if (!st.writer_holds) s.Panic("sync: Unlock of unlocked RWMutex", loc);
  st.writer_holds = false;
  st.writer = false;
  while (Waiter* r = st.blocked_readers.PopFront()) {
    ++st.readers;
    s.Wake(r->g);
  }
  if (Waiter* w = st.writers.PopFront()) s.Wake(w->g);
}

void RWMutex::RLock(std::source_location loc) {
  Scheduler& s = Scheduler::ForOperation("sync.RWMutex.RLock", loc);
  if (!s.SchedulingPoint(loc, AccessKind::kRLock, &state_->tag)) return;
  detail::RWMutexState& st = *state_;
  if (st.writer) {
    Waiter w(s.current());
    st.blocked_readers.PushBack(&w);
    s.Block("sync.RWMutex.RLock", loc);
    return;  // Unlock counted this reader in before waking it
  }
  ++st.readers;
}

bool RWMutex::TryRLock(std::source_location loc) {
  Scheduler& s = Scheduler::ForOperation("sync.RWMutex.TryRLock", loc);
  if (!s.SchedulingPoint(loc, AccessKind::kRLock, &state_->tag)) return false;
  if (state_->writer) return false;
  ++state_->readers;
  return true;
}

void RWMutex::RUnlock(std::source_location loc) {
  Scheduler& s = Scheduler::ForOperation("sync.RWMutex.RUnlock", loc);
  if (!s.ReleasePoint(loc, AccessKind::kRUnlock, &state_->tag)) return;
  detail::RWMutexState& st = *state_;
  if (st.readers == 0) s.Panic("sync: RUnlock of unlocked RWMutex", loc);
  --st.readers;
  if (st.readers == 0) {
    if (Waiter* w = st.drain.PopFront()) s.Wake(w->g);
  }
}

}  // namespace sim
