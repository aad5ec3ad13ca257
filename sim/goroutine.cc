// The goroutine API of simulated code (see sim/goroutine.h and sim/choice.h): thin
// wrappers over the scheduler of the run in progress.
#include "sim/goroutine.h"

#include <utility>

#include "sim/choice.h"
#include "sim/internal/scheduler.h"

namespace sim {

using internal::Scheduler;

void Go(std::string name, std::function<void()> fn, std::source_location loc) {
  Scheduler& s = Scheduler::ForOperation("go", loc);
  if (!s.SchedulingPoint(loc, AccessKind::kNone)) return;  // Spawn notes the new goroutine
  s.Spawn(std::move(name), std::move(fn), loc);
}

GoroutineId CurrentGoroutine() {
  Scheduler* s = Scheduler::Get();
  return s != nullptr && s->current() != nullptr ? s->current()->id : 0;
}

const std::string& CurrentGoroutineName() {
  static const std::string kNoGoroutine = "(scheduler)";
  Scheduler* s = Scheduler::Get();
  return s != nullptr && s->current() != nullptr ? s->current()->name : kNoGoroutine;
}

void Gosched(std::source_location loc) {
  Scheduler::ForOperation("runtime.Gosched", loc).SchedulingPoint(loc, AccessKind::kNone);
}

namespace detail {
bool AtomicAccessPoint(AccessTag& tag, bool write, std::source_location loc) {
  return Scheduler::ForOperation("sync/atomic", loc)
      .SchedulingPoint(loc, write ? AccessKind::kAtomicWrite : AccessKind::kAtomicRead, &tag);
}
bool AtomicAddPoint(AccessTag& tag, std::source_location loc) {
  return Scheduler::ForOperation("sync/atomic", loc)
      .SchedulingPoint(loc, AccessKind::kAtomicAdd, &tag);
}
}  // namespace detail

void Panic(std::string message, std::source_location loc) {
  Scheduler::ForOperation("panic", loc).Panic(std::move(message), loc);
}

void Fail(std::string id, std::string message, std::source_location loc) {
  Scheduler::ForOperation("sim::Fail", loc).Fail(std::move(id), std::move(message), loc);
}

void Annotate(std::string_view category, std::string_view text) {
  Scheduler* s = Scheduler::Get();
  if (s == nullptr || !s->tracing()) return;
  s->Record(TraceEvent::Kind::kAnnotation, CurrentGoroutine(), std::string(category),
            std::string(text), "");
}

bool TracingEnabled() {
  Scheduler* s = Scheduler::Get();
  return s != nullptr && s->tracing();
}

uint64_t ChooseIndex(uint64_t bound, std::string_view what) {
  return Scheduler::ForOperation("sim::ChooseIndex", std::source_location::current())
      .Choose(bound, ChoiceKind::kData, what);
}

bool ChooseBool(std::string_view what) { return ChooseIndex(2, what) == 1; }

bool TimeAdversary() {
  const Scheduler* s = Scheduler::Get();
  return s != nullptr && s->time_adversary();
}

}  // namespace sim
