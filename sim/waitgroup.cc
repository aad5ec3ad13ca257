// sync.WaitGroup (see sim/sync.h): when the counter reaches zero every waiter is released,
// as in Go (a waiter released by zero returns even if Add raises the counter again before
// it runs). A negative counter is a Go panic.
#include "sim/internal/scheduler.h"
#include "sim/internal/wait_queue.h"
#include "sim/sync.h"

namespace sim {

namespace detail {
struct WaitGroupState {
  int64_t counter = 0;
  bool positive = false;  // counter > 0: a Wait would block (sim::PendingLock)
  internal::WaitQueue waiters;
  AccessTag tag;
};
}  // namespace detail

using internal::Scheduler;
using internal::Waiter;

WaitGroup::WaitGroup() : state_(std::make_unique<detail::WaitGroupState>()) {}
WaitGroup::~WaitGroup() = default;

void WaitGroup::Add(int delta, std::source_location loc) {
  Scheduler& s = Scheduler::ForOperation("sync.WaitGroup.Add", loc);
  const AccessKind kind = delta > 0 ? AccessKind::kWaitGroupAdd : AccessKind::kWaitGroupDone;
  if (!s.ReleasePoint(loc, kind, &state_->tag)) return;
  // An Add that starts a round (from zero) is what a Wait returning at zero races with:
  // it is noted as an exclusive access (sim/strategies/dpor_trace.h).
  if (state_->counter == 0 && delta > 0) s.Note(&state_->tag, AccessKind::kWaitGroupStart);
  state_->counter += delta;
  state_->positive = state_->counter > 0;
  if (state_->counter < 0) s.Panic("sync: negative WaitGroup counter", loc);
  if (state_->counter > 0) return;
  while (Waiter* w = state_->waiters.PopFront()) s.Wake(w->g);
}

void WaitGroup::Wait(std::source_location loc) {
  Scheduler& s = Scheduler::ForOperation("sync.WaitGroup.Wait", loc);
  if (!s.BlockingPoint(loc, AccessKind::kWaitGroupWait, &state_->tag, &state_->positive)) {
    return;
  }
  if (state_->counter == 0) return;
  Waiter w(s.current());
  state_->waiters.PushBack(&w);
  s.Block("sync.WaitGroup.Wait", loc);
}

}  // namespace sim
