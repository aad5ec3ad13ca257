// sync.Mutex (see sim/mutex.h), in Go's normal mode: Unlock frees the mutex and wakes the
// longest waiter, which then competes with any goroutine arriving in Lock (barging); a
// woken waiter that loses goes back to the head of the queue. Which one wins is up to
// the schedule. Go's starvation mode (a waiter starved for over 1ms gets a direct
// handoff) is not modelled: it only bounds unfairness, and virtual time does not pass
// while goroutines run.
#include "sim/mutex.h"

#include "sim/internal/scheduler.h"
#include "sim/internal/wait_queue.h"

namespace sim {

namespace detail {
struct MutexState {
  bool locked = false;
  internal::WaitQueue waiters;
  AccessTag tag;
};
}  // namespace detail

using internal::Scheduler;
using internal::Waiter;

Mutex::Mutex() : state_(std::make_unique<detail::MutexState>()) {}
Mutex::~Mutex() = default;

void Mutex::Lock(std::source_location loc) {
  Scheduler& s = Scheduler::ForOperation("sync.Mutex.Lock", loc);
  if (!s.LockPoint(loc, &state_->tag, &state_->locked)) return;
  bool woken_before = false;
  while (state_->locked) {
    Waiter w(s.current());
    if (woken_before) {
      state_->waiters.PushFront(&w);
    } else {
      state_->waiters.PushBack(&w);
    }
    s.Block("sync.Mutex.Lock", loc);
    woken_before = true;
  }
  state_->locked = true;
}

bool Mutex::TryLock(std::source_location loc) {
  Scheduler& s = Scheduler::ForOperation("sync.Mutex.TryLock", loc);
  if (!s.SchedulingPoint(loc, AccessKind::kMutexLock, &state_->tag)) return false;
  if (state_->locked) return false;
  state_->locked = true;
  return true;
}

void Mutex::Unlock(std::source_location loc) {
  Scheduler& s = Scheduler::ForOperation("sync.Mutex.Unlock", loc);
  if (!s.ReleasePoint(loc, AccessKind::kMutexUnlock, &state_->tag)) return;
  if (!state_->locked) s.Panic("sync: unlock of unlocked mutex", loc);
  state_->locked = false;
  if (Waiter* w = state_->waiters.PopFront()) s.Wake(w->g);
}

}  // namespace sim
