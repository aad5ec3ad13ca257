// Go's time package on the virtual clock (see sim/timer.h): timers are entries of the
// run's TimerList; the scheduler fires them (send the time on a capacity-1 channel without
// blocking, start a goroutine, or wake a sleeper) when the strategy picks them.
#include "sim/timer.h"

#include <memory>
#include <utility>

#include "sim/internal/func_timer.h"
#include "sim/internal/scheduler.h"
#include "sim/internal/timer_list.h"

namespace sim {
namespace {

using internal::Scheduler;
using internal::TimerState;

std::shared_ptr<TimerState> NewState(Scheduler& s, TimerState::Kind kind,
                                     std::source_location loc) {
  auto t = std::make_shared<TimerState>();
  t->kind = kind;
  t->seq = s.timers().NextSeq();
  t->run_serial = s.run_serial();
  t->created_at = loc;
  return t;
}

// The timer's scheduler if it belongs to the run in progress, else nullptr.
Scheduler* OwnRun(const TimerState* t) {
  Scheduler* s = Scheduler::Get();
  if (s == nullptr || t == nullptr || t->run_serial != s->run_serial()) return nullptr;
  return s;
}

}  // namespace

Instant Now() {
  Scheduler* s = Scheduler::Get();
  return s != nullptr ? s->now() : Instant::Epoch();
}

Duration Since(Instant t) { return Now().Sub(t); }

void Sleep(Duration d, std::source_location loc) {
  Scheduler& s = Scheduler::ForOperation("time.Sleep", loc);
  // The sleep's own timer is new: arming it notes it.
  if (!s.SchedulingPoint(loc, AccessKind::kNone) || d <= Duration::Zero()) return;
  std::shared_ptr<TimerState> t = NewState(s, TimerState::Kind::kWakeSleeper, loc);
  t->sleeper = s.current();
  s.timers().Arm(t, s.now().Add(d));
  struct DisarmOnUnwind {
    Scheduler& s;
    TimerState* t;
    ~DisarmOnUnwind() { s.timers().Disarm(t); }
  } guard{s, t.get()};
  s.Block("time.Sleep", loc);
}

Timer NewTimer(Duration d, std::source_location loc) {
  Scheduler& s = Scheduler::ForOperation("time.NewTimer", loc);
  const bool active = s.SchedulingPoint(loc, AccessKind::kNone);  // a new timer
  std::shared_ptr<TimerState> t = NewState(s, TimerState::Kind::kSendTime, loc);
  t->ch = Chan<Instant>::Make(1);
  if (active) s.timers().Arm(t, s.now().Add(d));
  return Timer(std::move(t));
}

Chan<Instant> After(Duration d, std::source_location loc) { return NewTimer(d, loc).C(); }

Timer AfterFunc(Duration d, std::function<void()> fn, std::source_location loc) {
  Scheduler& s = Scheduler::ForOperation("time.AfterFunc", loc);
  if (!s.SchedulingPoint(loc, AccessKind::kNone)) return Timer();  // a new timer
  return Timer(internal::ArmFuncTimer(d, std::move(fn), "time.AfterFunc", loc));
}

Chan<Instant> Timer::C() const { return state_ ? state_->ch : Chan<Instant>(); }

bool Timer::Stop(std::source_location loc) const {
  Scheduler& s = Scheduler::ForOperation("Timer.Stop", loc);
  if (!s.ReleasePoint(loc, AccessKind::kTimer, state_ ? &state_->tag : nullptr)) return false;
  return internal::StopTimerNow(state_.get());
}

bool Timer::Reset(Duration d, std::source_location loc) const {
  Scheduler& s = Scheduler::ForOperation("Timer.Reset", loc);
  if (!s.SchedulingPoint(loc, AccessKind::kTimer, state_ ? &state_->tag : nullptr) ||
      OwnRun(state_.get()) == nullptr) {
    return false;
  }
  const bool was_active = s.timers().Disarm(state_.get());
  s.timers().Arm(state_, s.now().Add(d));
  return was_active;
}

namespace internal {

std::shared_ptr<TimerState> ArmFuncTimer(Duration d, std::function<void()> fn,
                                         std::string goroutine_name, std::source_location loc) {
  Scheduler* s = Scheduler::Get();
  std::shared_ptr<TimerState> t = NewState(*s, TimerState::Kind::kRunFunc, loc);
  t->fn = std::move(fn);
  t->goroutine_name = std::move(goroutine_name);
  s->timers().Arm(t, s->now().Add(d));
  return t;
}

bool StopTimerNow(TimerState* t) {
  Scheduler* s = OwnRun(t);
  return s != nullptr && s->timers().Disarm(t);
}

}  // namespace internal
}  // namespace sim
