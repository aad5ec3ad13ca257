// The scheduler loop of one run (see sim/internal/scheduler.h): the per-decision hot path,
// running a goroutine's fiber and firing timers. Goroutine-side operations are in
// scheduler_ops.cc, end-of-run reporting and teardown in scheduler_finish.cc.
#include "sim/internal/scheduler.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <utility>

#include "absl/strings/str_cat.h"
#include "sim/internal/chan_core.h"
#include "sim/internal/location.h"

namespace sim::internal {
namespace {

thread_local Scheduler* tls_scheduler = nullptr;
thread_local uint64_t tls_run_serial = 0;

bool IdLess(const Candidate& c, uint32_t id) { return c.id < id; }

}  // namespace

Scheduler::Scheduler(Strategy& strategy, const RunOptions& options, const RunHooks& hooks)
    : strategy_(strategy),
      options_(options),
      hooks_(hooks),
      tracing_(options.record_trace),
      run_serial_(++tls_run_serial),
      previous_(tls_scheduler) {
  tls_scheduler = this;
  choices_.reserve(1024);
}

Scheduler::~Scheduler() { tls_scheduler = previous_; }

Scheduler* Scheduler::Get() { return tls_scheduler; }

Scheduler& Scheduler::ForOperation(const char* op, std::source_location loc) {
  if (tls_scheduler == nullptr) {
    std::fprintf(stderr, "poolcheck: %s called outside a simulated run at %s\n", op,
                 FormatLocation(loc).c_str());
    std::abort();
  }
  return *tls_scheduler;
}

RunResult Scheduler::Run(std::function<void()> main) {
  Spawn("main", std::move(main), std::source_location::current());
  while (Step()) {
  }
  return Finish();
}

// One scheduling decision. Returns false when the run is over.
bool Scheduler::Step() {
  if (failure_) return false;
  const size_t goroutine_candidates = candidates_.size();
  if (timers_.HasDue(now_)) timers_.AppendDue(now_, candidates_);
  if (candidates_.empty()) {
    if (main_done_) return false;
    if (timers_.empty()) {
      FailDeadlock();
      return false;
    }
    now_ = timers_.earliest();  // nothing can run: time passes
    return true;
  }
  if (steps_ >= options_.max_steps) {
    candidates_.resize(goroutine_candidates);
    FailBudget();
    return false;
  }
  const SchedulePoint point{std::span<const Candidate>(candidates_),
                            CurrentIndex(goroutine_candidates), steps_};
  const size_t pick = strategy_.PickNext(point);
  return ExecutePick(pick, goroutine_candidates);
}

bool Scheduler::ExecutePick(size_t pick, size_t goroutine_candidates) {
  if (pick >= candidates_.size()) {
    candidates_.resize(goroutine_candidates);
    FailStrategyPick("PickNext");
    return false;
  }
  const Candidate chosen = candidates_[pick];
  candidates_.resize(goroutine_candidates);
  if (failure_) return false;  // the strategy itself failed the run
  ++steps_;
  if (chosen.kind == Candidate::Kind::kGoroutine) {
    choices_.push_back(Choice{ChoiceKind::kSchedule, chosen.id});
    last_pick_ = pick;
    RunGoroutine(goroutines_[chosen.id].get());
  } else {
    choices_.push_back(Choice{ChoiceKind::kSchedule, kTimerChoiceBase + chosen.id});
    FireTimer(chosen.id);
  }
  if (hooks_.after_step) CallHook(hooks_.after_step);
  return true;
}

// The index of the goroutine that ran last among the goroutine candidates, or -1.
int Scheduler::CurrentIndex(size_t goroutine_candidates) const {
  const G* g = last_run_;
  if (g == nullptr || g->state != G::State::kRunnable) return -1;
  if (last_pick_ < goroutine_candidates && candidates_[last_pick_].id == g->id) {
    return static_cast<int>(last_pick_);
  }
  auto end = candidates_.begin() + static_cast<ptrdiff_t>(goroutine_candidates);
  auto it = std::lower_bound(candidates_.begin(), end, g->id, IdLess);
  return static_cast<int>(it - candidates_.begin());
}

void Scheduler::RunGoroutine(G* g) {
  if (tracing_ && g != last_run_) {
    Record(TraceEvent::Kind::kRun, g->id, "", "", FormatLocation(g->where));
  }
  last_run_ = g;
  current_ = g;
  if (!g->started) {
    g->stack = ThreadStackPool().Acquire();
    MakeFiber(g->fiber, g->stack, &Scheduler::FiberEntry);
    g->started = true;
  }
  SwitchIntoFiber(scheduler_context_, g->fiber);
  current_ = nullptr;
  if (g->state == G::State::kDone) {
    ThreadStackPool().Release(g->stack);
    g->stack = FiberStack{};
  }
}

void Scheduler::FireTimer(uint32_t seq) {
  std::shared_ptr<TimerState> t = timers_.Take(seq);
  if (tracing_) {
    Record(TraceEvent::Kind::kTimerFire, last_run_ != nullptr ? last_run_->id : 0, "timer",
           absl::StrCat("timer ", seq, " fires"), FormatLocation(t->created_at));
  }
  switch (t->kind) {
    case TimerState::Kind::kSendTime: {
      Instant now = now_;
      ChanTrySendNow(t->ch.core(), &now);
      break;
    }
    case TimerState::Kind::kRunFunc:
      Spawn(t->goroutine_name, t->fn, t->created_at);
      break;
    case TimerState::Kind::kWakeSleeper:
      if (t->sleeper != nullptr) Wake(t->sleeper);
      break;
  }
}

void Scheduler::AddRunnable(G* g) {
  if (candidates_.empty() || candidates_.back().id < g->id) {
    candidates_.push_back(Candidate{Candidate::Kind::kGoroutine, g->id});
    return;
  }
  auto it = std::lower_bound(candidates_.begin(), candidates_.end(), g->id, IdLess);
  candidates_.insert(it, Candidate{Candidate::Kind::kGoroutine, g->id});
}

void Scheduler::RemoveRunnable(G* g) {
  auto it = std::lower_bound(candidates_.begin(), candidates_.end(), g->id, IdLess);
  if (it != candidates_.end() && it->id == g->id) candidates_.erase(it);
}

void Scheduler::CallHook(const std::function<void()>& hook) {
  try {
    hook();
  } catch (const AbortUnwind&) {
    // sim::Panic from a hook: the failure is already recorded.
  } catch (const std::exception& e) {
    RecordFailure("harness", absl::StrCat("a run hook threw: ", e.what()), "");
  }
}

}  // namespace sim::internal
