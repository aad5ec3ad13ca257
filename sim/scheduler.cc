// The scheduler loop of one run (see sim/internal/scheduler.h): the per-decision hot path,
// running a goroutine's fiber and firing timers. Goroutine-side operations are in
// scheduler_ops.cc, end-of-run reporting and teardown in scheduler_finish.cc.
//
// Speed: after a fiber switch the CPU's return-address predictor holds the other stack's
// frames, so every function return on the way back to the loop mispredicts. The hot path
// (Step, ExecutePick, RunGoroutine and the switch itself) is therefore inlined into the
// loop in Run(); rare paths stay out of line.
#include "sim/internal/scheduler.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <utility>

#include "absl/strings/str_cat.h"
#include "sim/check.h"
#include "sim/internal/chan_core.h"
#include "sim/internal/location.h"

namespace sim::internal {
namespace {

thread_local uint64_t tls_run_serial = 0;
thread_local std::vector<Choice> tls_choice_buffer;

bool IdLess(const Candidate& c, uint32_t id) { return c.id < id; }

// The whole candidate list is checked once every this many + 1 decisions (O(candidates));
// AddRunnable and RemoveRunnable check their own step on every call.
constexpr uint64_t kFullCheckMask = 4095;

}  // namespace


Scheduler::Scheduler(Strategy& strategy, const RunOptions& options, const RunHooks& hooks)
    : strategy_(strategy),
      options_(options),
      hooks_(hooks),
      tracing_(options.record_trace),
      time_adversary_(strategy.TimeAdversary()),
      run_serial_(++tls_run_serial),
      previous_(tls_current_),
      choices_(tls_choice_buffer) {
  tls_current_ = this;
  if (auto* listener = dynamic_cast<AccessListener*>(&strategy)) {
    record_ = &listener->step_record();
  }
  choices_.clear();
  InstallTerminateHandler();
}

Scheduler::~Scheduler() { tls_current_ = previous_; }

void Scheduler::NoRun(const char* op, std::source_location loc) {
  std::fprintf(stderr, "poolcheck: %s called outside a simulated run at %s\n", op,
               FormatLocation(loc).c_str());
  std::abort();
}

RunResult Scheduler::Run(std::function<void()> main) {
  Spawn("main", std::move(main), std::source_location::current());
  while (Step()) {
  }
  return Finish();
}

// One scheduling decision. Returns false when the run is over.
[[gnu::always_inline]] inline bool Scheduler::Step() {
  if (failure_) [[unlikely]] return false;
  POOLCHECK_CHECK(current_ == nullptr, "a goroutine is still current between two picks");
  if ((steps_ & kFullCheckMask) == 0) [[unlikely]] CheckCandidatesSortedAndUnique();
  const size_t goroutine_candidates = candidates_.size();
  if (timers_.HasDue(now_)) [[unlikely]] timers_.AppendDue(now_, candidates_);
  if (candidates_.empty()) [[unlikely]] return Quiescent();
  if (time_adversary_) [[unlikely]] AppendClockAdvance();
  if (steps_ >= options_.max_steps) [[unlikely]] {
    candidates_.resize(goroutine_candidates);
    FailBudget();
    return false;
  }
  const SchedulePoint point{std::span<const Candidate>(candidates_),
                            CurrentIndex(goroutine_candidates), steps_,
                            std::span<const uint32_t>(runnable_changes_), true};
  const size_t pick = strategy_.PickNext(point);
  runnable_changes_.clear();
  return ExecutePick(pick, goroutine_candidates);
}

// Nothing can run: time passes to the next timer, or the run ends (main returned) or
// is deadlocked.
bool Scheduler::Quiescent() {
  if (main_done_) return false;
  if (timers_.empty()) {
    FailDeadlock();
    return false;
  }
  const Instant next = timers_.earliest();
  POOLCHECK_CHECK(next >= now_, "the virtual clock would run backwards");
  now_ = next;
  if (record_ != nullptr) record_->clock_advanced_after = true;
  return true;
}

[[gnu::always_inline]] inline bool Scheduler::ExecutePick(size_t pick,
                                                          size_t goroutine_candidates) {
  if (pick >= goroutine_candidates || failure_) [[unlikely]] {
    return ExecuteUnusualPick(pick, goroutine_candidates);
  }
  const uint32_t id = candidates_[pick].id;
  POOLCHECK_CHECK(goroutines_[id]->state == G::State::kRunnable,
                  "the picked goroutine is not runnable");
  candidates_.resize(goroutine_candidates);  // drops the due timers' candidates
  ++steps_;
  choices_.push_back(Choice{ChoiceKind::kSchedule, id});
  last_pick_ = pick;
  RunGoroutine(goroutines_[id].get());
  if (hooks_.after_step) CallHook(hooks_.after_step);
  return true;
}

// A pick that is not a goroutine: a timer, an out-of-range pick, or a pick made after the
// strategy failed the run.
bool Scheduler::ExecuteUnusualPick(size_t pick, size_t goroutine_candidates) {
  if (pick >= candidates_.size()) {
    candidates_.resize(goroutine_candidates);
    FailStrategyPick("PickNext");
    return false;
  }
  const Candidate chosen = candidates_[pick];
  candidates_.resize(goroutine_candidates);
  if (failure_) return false;  // the strategy itself failed the run
  ++steps_;
  if (chosen.kind == Candidate::Kind::kTimer) {
    choices_.push_back(Choice{ChoiceKind::kSchedule, kTimerChoiceBase + chosen.id});
    FireTimer(chosen.id);
  } else if (chosen.kind == Candidate::Kind::kClockAdvance) {
    choices_.push_back(Choice{ChoiceKind::kSchedule, kTimerChoiceBase + chosen.id});
    AdvanceClockAndFire(chosen.id);
  } else {
    choices_.push_back(Choice{ChoiceKind::kSchedule, chosen.id});
    last_pick_ = pick;
    RunGoroutine(goroutines_[chosen.id].get());
  }
  if (hooks_.after_step) CallHook(hooks_.after_step);
  return true;
}

// The index of the goroutine that ran last among the goroutine candidates, or -1.
[[gnu::always_inline]] inline int Scheduler::CurrentIndex(size_t goroutine_candidates) const {
  const G* g = last_run_;
  if (g == nullptr || g->state != G::State::kRunnable) return -1;
  if (last_pick_ < goroutine_candidates && candidates_[last_pick_].id == g->id) [[likely]] {
    return static_cast<int>(last_pick_);
  }
  auto end = candidates_.begin() + static_cast<ptrdiff_t>(goroutine_candidates);
  auto it = std::lower_bound(candidates_.begin(), end, g->id, IdLess);
  return static_cast<int>(it - candidates_.begin());
}

[[gnu::always_inline]] inline void Scheduler::RunGoroutine(G* g) {
  if (g != last_run_ && tracing_) [[unlikely]] {
    Record(TraceEvent::Kind::kRun, g->id, "", "", FormatLocation(g->where));
  }
  last_run_ = g;
  current_ = g;
  if (!g->started) [[unlikely]] StartFiber(g);
  SwitchIntoFiber(scheduler_context_, g->fiber);
  current_ = nullptr;
  if (g->state == G::State::kDone) [[unlikely]] ReleaseStack(g);
}

void Scheduler::StartFiber(G* g) {
  g->stack = ThreadStackPool().Acquire();
  MakeFiber(g->fiber, g->stack, &Scheduler::FiberEntry);
  g->started = true;
}

void Scheduler::ReleaseStack(G* g) {
  ThreadStackPool().Release(g->stack);
  g->stack = FiberStack{};
}

void Scheduler::FireTimer(uint32_t seq) {
  std::shared_ptr<TimerState> t = timers_.Take(seq);
  POOLCHECK_CHECK(t != nullptr, "a due timer candidate is not in the timer list");
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

// Time as an adversary: while goroutines are runnable and no timer is due, the next timer
// may fire now, as if the running code had taken until its deadline. Offered as the last
// candidate; its choice value is the timer's, as when a due timer fires.
void Scheduler::AppendClockAdvance() {
  if (timers_.empty() || timers_.HasDue(now_)) return;
  candidates_.push_back(Candidate{Candidate::Kind::kClockAdvance, timers_.earliest_seq()});
}

void Scheduler::AdvanceClockAndFire(uint32_t seq) {
  POOLCHECK_CHECK(!timers_.empty() && timers_.earliest_seq() == seq,
                  "a clock advance must fire the next timer");
  const Instant next = timers_.earliest();
  POOLCHECK_CHECK(next > now_, "a clock advance must move the clock forward");
  now_ = next;
  // The advance writes the clock; steps that read it (Scheduler::now) conflict with it.
  if (record_ != nullptr) NoteSlow(&clock_tag_, AccessKind::kSharedWrite);
  if (tracing_) {
    Record(TraceEvent::Kind::kChoice, last_run_ != nullptr ? last_run_->id : 0, "clock",
           absl::StrCat("clock advances to ", now_.ToString(), " with goroutines runnable"), "");
  }
  FireTimer(seq);
}

void Scheduler::AddRunnable(G* g) {
  runnable_changes_.push_back(g->id);
  if (candidates_.empty() || candidates_.back().id < g->id) {
    candidates_.push_back(Candidate{Candidate::Kind::kGoroutine, g->id});
    return;
  }
  auto it = std::lower_bound(candidates_.begin(), candidates_.end(), g->id, IdLess);
  POOLCHECK_CHECK(it == candidates_.end() || it->id != g->id,
                  "a goroutine would be a candidate twice");
  candidates_.insert(it, Candidate{Candidate::Kind::kGoroutine, g->id});
}

// Full check of what AddRunnable and RemoveRunnable keep: goroutine candidates in strictly
// ascending id order. O(candidates), so Step runs it only every kFullCheckMask + 1 picks.
void Scheduler::CheckCandidatesSortedAndUnique() const {
  for (size_t i = 1; i < candidates_.size(); ++i) {
    POOLCHECK_CHECK(candidates_[i - 1].id < candidates_[i].id,
                    "goroutine candidates are not sorted and unique");
  }
}

void Scheduler::RemoveRunnable(G* g) {
  runnable_changes_.push_back(g->id);
  auto it = std::lower_bound(candidates_.begin(), candidates_.end(), g->id, IdLess);
  POOLCHECK_CHECK(it != candidates_.end() && it->id == g->id,
                  "a runnable goroutine is missing from the candidates");
  candidates_.erase(it);
}

void Scheduler::CallHook(const std::function<void()>& hook) {
  try {
    hook();
  } catch (const AbortUnwind&) {
    // sim::Panic from a hook: the failure is already recorded.
  } catch (const std::exception& e) {
    RecordFailure(FailureId{FailureKind::kHarness, ""},
                  absl::StrCat("a run hook threw: ", e.what()), "");
  }
}

}  // namespace sim::internal
