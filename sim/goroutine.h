// Goroutines for simulated code: Go(), an explicit scheduling point, panics, and the
// single path by which the harness or simulated code fails a run. Simulated code sees
// only this API; how goroutines are scheduled lives behind it.
#pragma once

#include <cstdint>
#include <functional>
#include <source_location>
#include <string>
#include <string_view>

namespace sim {

using GoroutineId = uint32_t;

// Starts fn as a new goroutine (Go's `go fn()`). `name` labels it in traces and reports.
// Starting a goroutine is itself a scheduling point.
void Go(std::string name, std::function<void()> fn,
        std::source_location loc = std::source_location::current());

// The running goroutine's id; the first goroutine of a run is 0.
GoroutineId CurrentGoroutine();

// The running goroutine's name.
const std::string& CurrentGoroutineName();

// A scheduling point with no other effect (Go's runtime.Gosched()).
void Gosched(std::source_location loc = std::source_location::current());

// Go's panic(): the run ends as a FailureKind::kPanic failure. Never returns.
[[noreturn]] void Panic(std::string message,
                        std::source_location loc = std::source_location::current());

// Fails the current run: the one reporting path for harness checks (invariants, fake-driver
// guards). `id` names the check ("I6", "fakedb"): the run fails with FailureKind::kCheck and
// this id, which must not be empty or a failure kind's name (an always-on check says so);
// `message` says in plain words what broke.
// Called from a goroutine, it does not return. Called from a step or end-of-run hook (on
// the scheduler's own stack), it records the failure and the run stops after the hook.
void Fail(std::string id, std::string message,
          std::source_location loc = std::source_location::current());

// Adds a line to the run's trace (when tracing is on) attributed to the running goroutine.
// `category` groups events ("pool", "driver"); cheap when tracing is off.
void Annotate(std::string_view category, std::string_view text);
bool TracingEnabled();

}  // namespace sim
