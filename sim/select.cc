// Go's select (see sim/select.h), following runtime.selectgo: if any case can proceed,
// one of the ready cases runs (several ready: a recorded kSelect choice, where Go picks at
// random); else the default case; else the goroutine enqueues one Waiter on every non-nil
// channel and blocks. Whichever channel operation completes first withdraws all the other
// Waiters at once (CompleteWaiter), so a select is completed exactly once.
#include <memory>

#include "sim/internal/chan_core.h"
#include "sim/internal/scheduler.h"
#include "sim/select.h"

namespace sim::detail {
namespace {

using internal::Scheduler;
using internal::SelectWait;
using internal::Waiter;

bool CaseReady(const SelectCase& c) {
  if (c.core == nullptr) return false;
  return c.is_send ? ChanSendReady(*c.core) : ChanRecvReady(*c.core);
}

// Runs case `i`, known to be ready.
int RunReadyCase(Scheduler& s, std::vector<SelectCase>& cases, int i, std::source_location loc) {
  SelectCase& c = cases[i];
  if (c.is_send) {
    if (c.core->receive_only) s.Panic("send on a receive-only channel", loc);
    if (c.core->closed) s.Panic("send on closed channel", loc);
    ChanSendNow(*c.core, c.value);
  } else {
    const bool ok = ChanRecvNow(*c.core, c.value);
    if (c.ok != nullptr) *c.ok = ok;
  }
  return i;
}

// Whether the select (without default) would only queue its goroutine, unobservably:
// no case is ready, and a waiter on each case's channel is invisible to the other
// goroutines, because the channel is buffered or receive-only. A waiting receiver of a
// buffered channel sits beside an empty buffer, where every send succeeds with or without
// it; a waiting sender beside a full one, where every receive does; what it changes is
// only which of several waiters a value goes to and when, the same as when the waiter
// runs right after the operation that makes its case ready. On an unbuffered channel a
// waiter is visible: a non-blocking send or receive (select with default) succeeds only
// if one waits. DPOR treats such a select as disabled until a case is ready
// (Scheduler::SelectPoint, sim::PendingLock, sim/strategies/dpor.h).
bool BlocksUnobservably(const void* arg) {
  const auto& cases = *static_cast<const std::vector<SelectCase>*>(arg);
  for (const SelectCase& c : cases) {
    if (c.core == nullptr) continue;
    if (CaseReady(c)) return false;
    if (c.core->capacity == 0 && !(c.core->receive_only && !c.is_send)) return false;
  }
  return true;
}

int PickReadyCase(Scheduler& s, const std::vector<SelectCase>& cases) {
  // Readiness reads every channel; blocking would write every channel's queue.
  for (const SelectCase& c : cases) {
    if (c.core != nullptr) s.Note(&c.core->tag, AccessKind::kSelect);
  }
  uint64_t ready = 0;
  for (const SelectCase& c : cases) ready += CaseReady(c) ? 1 : 0;
  if (ready == 0) return -1;
  uint64_t k = s.Choose(ready, ChoiceKind::kSelect, "select");
  for (size_t i = 0; i < cases.size(); ++i) {
    if (CaseReady(cases[i]) && k-- == 0) return static_cast<int>(i);
  }
  return -1;
}

int BlockInSelect(Scheduler& s, std::vector<SelectCase>& cases, int live_cases,
                  std::source_location loc) {
  std::unique_ptr<Waiter[]> waiters(new Waiter[live_cases]);
  SelectWait sel{waiters.get(), live_cases, -1};
  int next = 0;
  for (size_t i = 0; i < cases.size(); ++i) {
    SelectCase& c = cases[i];
    if (c.core == nullptr) continue;
    Waiter& w = waiters[next++];
    w.g = s.current();
    w.elem = c.value;
    w.select = &sel;
    w.case_index = static_cast<int>(i);
    w.tag = &c.core->tag;
    (c.is_send ? c.core->sendq : c.core->recvq).PushBack(&w);
  }
  s.Block("select", loc);
  const int fired = sel.fired;
  bool success = false;
  for (int j = 0; j < live_cases; ++j) {
    if (waiters[j].case_index == fired) success = waiters[j].success;
  }
  SelectCase& c = cases[fired];
  if (c.is_send && !success) s.Panic("send on closed channel", loc);
  if (!c.is_send && c.ok != nullptr) *c.ok = success;
  return fired;
}

}  // namespace

int RunSelect(std::vector<SelectCase>& cases, bool has_default, std::source_location loc) {
  Scheduler& s = Scheduler::ForOperation("select", loc);
  const bool entered = has_default ? s.SchedulingPoint(loc, AccessKind::kSelect)
                                   : s.SelectPoint(loc, &BlocksUnobservably, &cases);
  if (!entered) return Select::kDefault;
  const int ready = PickReadyCase(s, cases);
  if (ready >= 0) return RunReadyCase(s, cases, ready, loc);
  if (has_default) return Select::kDefault;
  int live_cases = 0;
  for (const SelectCase& c : cases) live_cases += c.core != nullptr ? 1 : 0;
  if (live_cases == 0) s.BlockForever("select (no cases)", loc);
  return BlockInSelect(s, cases, live_cases, loc);
}

}  // namespace sim::detail
