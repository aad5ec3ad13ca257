// The end of a run (see sim/internal/scheduler.h): failures and their reports, goroutine
// reports, the result, and teardown of every goroutine that has not returned, unwinding
// its fiber so that its destructors run and the next run starts clean.
#include <cxxabi.h>

#include <exception>
#include <typeinfo>
#include <utility>

#include "absl/strings/str_cat.h"
#include "sim/check.h"
#include "sim/internal/fingerprint.h"
#include "sim/internal/location.h"
#include "sim/internal/scheduler.h"

namespace sim::internal {
namespace {

std::terminate_handler previous_terminate_handler = nullptr;

// The Itanium C++ ABI's per-thread exception globals (section 2.2.2), which cxxabi.h
// declares opaque: the stack of caught exceptions and the count of thrown, uncaught ones.
struct ItaniumEhGlobals {
  void* caught_exceptions;
  unsigned int uncaught_exceptions;
};

// Drops the one in-flight exception from the thread's uncaught count. Its object is
// leaked (an empty AbortUnwind): its frames are abandoned, so nothing will catch it.
void ForgetTheUncaughtException() {
  auto* globals = reinterpret_cast<ItaniumEhGlobals*>(abi::__cxa_get_globals());
  POOLCHECK_CHECK(globals->caught_exceptions == nullptr && globals->uncaught_exceptions == 1,
                  "exactly one uncaught exception and none caught");
  --globals->uncaught_exceptions;
}

// Terminate handler: rescues a torn-down goroutine whose AbortUnwind reached a destructor
// (which may not throw); any other termination goes to the previous handler.
[[noreturn]] void OnTerminate() {
  if (Scheduler* s = Scheduler::Get()) s->AbandonIfUnwindBlocked();
  if (previous_terminate_handler != nullptr) previous_terminate_handler();
  std::abort();
}

GoroutineState StateOf(const G& g, const G* running) {
  if (&g == running) return GoroutineState::kRunning;
  switch (g.state) {
    case G::State::kRunnable: return GoroutineState::kRunnable;
    case G::State::kBlocked: return GoroutineState::kBlocked;
    case G::State::kDone: return GoroutineState::kDone;
  }
  CheckFailed(__FILE__, __LINE__, "g.state", "a goroutine state outside the enum");
}

}  // namespace

void Scheduler::Record(TraceEvent::Kind kind, uint32_t goroutine, std::string category,
                       std::string text, std::string location) {
  trace_.events.push_back(TraceEvent{steps_, now_, goroutine, kind, std::move(category),
                                     std::move(text), std::move(location)});
}

void Scheduler::RecordFailure(FailureId id, std::string message, std::string location) {
  if (failure_ || tearing_down_) return;
  POOLCHECK_CHECK(id.kind != FailureKind::kNone, "a failure must have a kind");
  if (tracing_) {
    Record(TraceEvent::Kind::kFailure, current_ != nullptr ? current_->id : 0,
           std::string(id.Name()), message, location);
  }
  failure_ = Failure{std::move(id), std::move(message), std::move(location), current_};
}

std::vector<GoroutineReport> Scheduler::Reports(bool live_only) const {
  const G* running = failure_ ? failure_->goroutine : current_;
  std::vector<GoroutineReport> out;
  for (const auto& g : goroutines_) {
    if (live_only && g->state == G::State::kDone) continue;
    GoroutineReport r;
    r.id = g->id;
    r.name = g->name;
    r.state = StateOf(*g, running);
    if (g->blocked_on != nullptr) r.blocked_on = g->blocked_on;
    if (g->state != G::State::kDone) r.location = FormatLocation(g->where);
    out.push_back(std::move(r));
  }
  return out;
}

std::string Scheduler::DescribeGoroutines() const {
  std::string out;
  for (const GoroutineReport& r : Reports(/*live_only=*/true)) {
    absl::StrAppend(&out, "\n  goroutine ", r.id, " \"", r.name, "\" [",
                    GoroutineStateName(r.state));
    if (!r.blocked_on.empty()) absl::StrAppend(&out, ": ", r.blocked_on);
    absl::StrAppend(&out, "] at ", r.location);
  }
  return out;
}

void Scheduler::FailDeadlock() {
  const G* main = goroutines_.front().get();
  RecordFailure(FailureId{FailureKind::kDeadlock, ""},
                absl::StrCat("all goroutines are asleep - deadlock! (at ", now_.ToString(),
                             ")", DescribeGoroutines()),
                FormatLocation(main->where));
}

void Scheduler::FailBudget() {
  RecordFailure(FailureId{FailureKind::kBudget, ""},
                absl::StrCat("step budget exhausted: ", options_.max_steps,
                             " scheduling decisions without the run ending (at ",
                             now_.ToString(), ")", DescribeGoroutines()),
                "");
}

void Scheduler::FailStrategyPick(const char* what) {
  if (std::optional<std::string> why = strategy_.Divergence()) {
    RecordFailure(FailureId{FailureKind::kDivergence, ""}, std::move(*why), "");
    return;
  }
  RecordFailure(FailureId{FailureKind::kHarness, ""},
                absl::StrCat("strategy ", strategy_.Describe(), " returned an out-of-range ",
                             what, " at step ", steps_),
                "");
}

RunResult Scheduler::Finish() {
  if (!failure_ && hooks_.at_end) CallHook(hooks_.at_end);
  RunResult r;
  if (failure_) {
    r.failure = failure_->id;
    r.message = failure_->message;
    r.location = failure_->location;
  }
  r.steps = steps_;
  r.end_time = now_;
  r.fingerprint = Fingerprint(choices_, steps_, now_);
  r.choices.assign(choices_.begin(), choices_.end());
  r.goroutines = Reports(/*live_only=*/!r.failed());
  Teardown();
  if (tracing_) r.trace = std::move(trace_);
  return r;
}

void InstallTerminateHandler() {
  static const bool installed = [] {
    previous_terminate_handler = std::set_terminate(&OnTerminate);
    return true;
  }();
  (void)installed;
}

// An AbortUnwind reached a destructor, which may not throw, and the runtime called
// terminate. How depends on the compiler: either the runtime caught the exception first
// (__cxa_call_terminate: it is the current exception), or a must-not-throw landing pad of
// an inlined destructor called std::terminate with the exception still in flight (nothing
// caught it; only the thread's uncaught count knows). Either way the goroutine is
// abandoned where it is and the thread's exception state is put back as it was before the
// throw, so the next run's teardown can unwind again.
void Scheduler::AbandonIfUnwindBlocked() {
  G* g = current_;
  if (g == nullptr || !g->abort || !g->unwinding) return;
  if (const std::type_info* caught = abi::__cxa_current_exception_type()) {
    if (*caught != typeid(AbortUnwind)) return;
    abi::__cxa_end_catch();  // the runtime caught it to call terminate; drop it
  } else {
    if (std::uncaught_exceptions() != 1) return;
    ForgetTheUncaughtException();
  }
  StrandForever(g);
}

void Scheduler::Teardown() {
  tearing_down_ = true;
  record_ = nullptr;  // unwinding is not part of the run: the last step's record stays
  // Newest first: goroutines usually use objects owned by the goroutines that started
  // them (main's locals above all), so those must still exist while they unwind.
  for (auto it = goroutines_.rbegin(); it != goroutines_.rend(); ++it) {
    G* g = it->get();
    if (g->state == G::State::kDone || g->stranded) continue;
    if (!g->started) {
      g->fn = nullptr;  // runs the destructors of its captures
      g->state = G::State::kDone;
      continue;
    }
    g->abort = true;
    current_ = g;
    SwitchIntoFiber(scheduler_context_, g->fiber);
    current_ = nullptr;
    if (g->state == G::State::kDone) {
      ReleaseStack(g);
    } else {  // stranded: its abandoned frames stay where they are
      ThreadStackPool().Abandon(g->stack);
    }
  }
  timers_.Clear();
  candidates_.clear();
  goroutines_.clear();
}

}  // namespace sim::internal
