// The goroutine side of the scheduler (see sim/internal/scheduler.h): scheduling points,
// blocking and waking, spawning, the fiber entry function, failures raised by simulated
// code, and data choices.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <utility>

#include "absl/strings/str_cat.h"
#include "sim/check.h"
#include "sim/internal/location.h"
#include "sim/internal/scheduler.h"
#include "sim/observe.h"

namespace sim::internal {

// The slow path of a scheduling point: no goroutine is running (a hook, or teardown), or
// the running goroutine is being torn down.
bool Scheduler::InertPoint(std::source_location loc, bool may_unwind) {
  G* g = current_;
  if (g != nullptr) {
    // Torn down: destructors run during the unwinding see no-op primitives; code that
    // swallowed the unwinding is unwound again.
    if (!may_unwind || std::uncaught_exceptions() > 0) return false;
    g->unwinding = true;
    throw AbortUnwind{};
  }
  if (!tearing_down_) {
    RecordFailure(FailureId{FailureKind::kHarness, ""},
                  "a sim primitive was called from a run hook; hooks run on the scheduler's "
                  "stack and may only read state",
                  FormatLocation(loc));
  }
  return false;
}

void Scheduler::UnwindAborted(G* g) {
  if (std::uncaught_exceptions() > 0) StrandForever(g);
  g->unwinding = true;
  throw AbortUnwind{};
}

void Scheduler::ParkAfterFailure(G* g) {
  SwitchToScheduler(g);  // resumed only by teardown, which makes it throw
  StrandForever(g);
}

void Scheduler::StrandForever(G* g) {
  g->stranded = true;
  SwitchOutOfFiber(scheduler_context_, g->fiber, /*finished=*/false);
  std::fprintf(stderr, "poolcheck: a stranded goroutine was resumed\n");
  std::abort();
}

void Scheduler::Block(const char* what, std::source_location loc) {
  G* g = current_;
  g->state = G::State::kBlocked;
  g->blocked_on = what;
  g->where = loc;
  g->pending_blocks = nullptr;  // a select's continuation completes the case that woke it
  RemoveRunnable(g);
  if (tracing_) Record(TraceEvent::Kind::kBlock, g->id, what, "", FormatLocation(loc));
  SwitchToScheduler(g);
  // Woken and picked: the operation goes on with its object (a mutex retried, a channel
  // value taken), so the continuation makes the declared access again.
  if (record_ != nullptr) [[unlikely]] NoteSlow(g->pending_tag, g->pending_kind);
}

void Scheduler::BlockForever(const char* what, std::source_location loc) {
  Block(what, loc);
  StrandForever(current_);  // nothing wakes it; teardown throws out of Block instead
}

void Scheduler::Wake(G* g) {
  if (g->state != G::State::kBlocked) return;
  g->state = G::State::kRunnable;
  g->blocked_on = nullptr;
  AddRunnable(g);
  NoteEnabled(g->id);
  if (tracing_) {
    Record(TraceEvent::Kind::kWake, g->id, "",
           current_ != nullptr ? absl::StrCat("woken by goroutine ", current_->id)
                               : std::string("woken by a timer"),
           "");
  }
}

G* Scheduler::Spawn(std::string name, std::function<void()> fn, std::source_location loc) {
  if (tearing_down_) return nullptr;
  auto owned = std::make_unique<G>();
  G* g = owned.get();
  g->id = static_cast<GoroutineId>(goroutines_.size());
  g->name = std::move(name);
  g->fn = std::move(fn);
  g->spawn_loc = loc;
  g->where = loc;
  goroutines_.push_back(std::move(owned));
  AddRunnable(g);
  NoteEnabled(g->id);
  if (tracing_) {
    Record(TraceEvent::Kind::kSpawn, g->id, "", g->name, FormatLocation(loc));
    trace_.goroutine_names.push_back(g->name);
  }
  return g;
}

void Scheduler::NoteSlow(AccessTag* tag, AccessKind kind) {
  if (tearing_down_ || kind == AccessKind::kNone || Observing()) return;
  const uint32_t id = tag != nullptr ? ObjectId(*tag) : 0;
  if (id == 0 && kind != AccessKind::kUnknown) return;  // nothing shared named
  record_->accesses.push_back(Access{id, kind});
}

Access Scheduler::PendingOf(const Candidate& c) {
  if (c.kind != Candidate::Kind::kGoroutine) return Access{};
  const G* g = goroutines_[c.id].get();
  if (g->pending_kind == AccessKind::kUnknown) return Access{0, AccessKind::kUnknown};
  if (g->pending_tag == nullptr) return Access{0, g->pending_kind};
  return Access{ObjectId(*g->pending_tag), g->pending_kind};
}

LockIntent Scheduler::PendingLockOf(const Candidate& c) const {
  if (c.kind != Candidate::Kind::kGoroutine) return LockIntent{};
  const G* g = goroutines_[c.id].get();
  if (g->pending_blocks != nullptr) {
    return LockIntent{.lock = true, .held = g->pending_blocks(g->pending_blocks_arg)};
  }
  const bool* held = g->pending_lock_held;
  return held == nullptr ? LockIntent{} : LockIntent{.lock = true, .held = *held};
}

void Scheduler::FiberEntry(boost::context::detail::transfer_t from) {
  Scheduler* s = Get();
  G* g = s->current_;
  FiberStarted(s->scheduler_context_, g->fiber, from);
  s->RunBody(g);
  s->Exit(g);
  SwitchOutOfFiber(s->scheduler_context_, g->fiber, /*finished=*/true);
  std::abort();  // a finished fiber is never resumed
}

void Scheduler::RunBody(G* g) {
  try {
    std::function<void()> fn = std::move(g->fn);
    fn();
  } catch (const AbortUnwind&) {
    // Torn down.
  } catch (const std::exception& e) {
    RecordFailure(FailureId{FailureKind::kPanic, ""},
                  absl::StrCat("uncaught exception in goroutine ", g->id, " (", g->name,
                               "): ", e.what()),
                  FormatLocation(g->where));
  } catch (...) {
    RecordFailure(FailureId{FailureKind::kPanic, ""},
                  absl::StrCat("uncaught non-standard exception in goroutine ", g->id, " (",
                               g->name, ")"),
                  FormatLocation(g->where));
  }
}

void Scheduler::Exit(G* g) {
  if (g->state == G::State::kRunnable) RemoveRunnable(g);
  g->state = G::State::kDone;
  g->blocked_on = nullptr;
  if (g->id == 0) main_done_ = true;
  if (tracing_ && !tearing_down_) Record(TraceEvent::Kind::kExit, g->id, "", "", "");
}

void Scheduler::Fail(std::string id, std::string message, std::source_location loc) {
  if (tearing_down_) return;
  POOLCHECK_CHECK(FailureId::IsValidCheckId(id),
                  "sim::Fail needs a check id that is neither empty nor a failure kind's name");
  RecordFailure(FailureId::Check(std::move(id)), std::move(message), FormatLocation(loc));
  if (current_ != nullptr) ParkAfterFailure(current_);
}

void Scheduler::Panic(std::string message, std::source_location loc) {
  G* g = current_;
  if (!tearing_down_) {
    RecordFailure(FailureId{FailureKind::kPanic, ""}, std::move(message), FormatLocation(loc));
  }
  if (g == nullptr) throw AbortUnwind{};  // from a hook: CallHook catches it
  if (g->abort) StrandForever(g);         // a panic while being torn down
  ParkAfterFailure(g);
}

uint64_t Scheduler::Choose(uint64_t bound, ChoiceKind kind, std::string_view what) {
  if (bound <= 1 || tearing_down_) return 0;
  const uint64_t value = strategy_.PickNumber(bound, kind);
  if (value >= bound) {
    FailStrategyPick("PickNumber");
    if (current_ != nullptr) ParkAfterFailure(current_);
    return 0;
  }
  choices_.push_back(Choice{kind, static_cast<uint32_t>(value)});
  if (tracing_) {
    Record(TraceEvent::Kind::kChoice, current_ != nullptr ? current_->id : 0, "choice",
           absl::StrCat(std::string(what), ": ", value, " of ", bound), "");
  }
  return value;
}

}  // namespace sim::internal
