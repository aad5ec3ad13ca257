// Go's time package on the virtual clock: Now, Since, Sleep, After, NewTimer (Stop, Reset)
// and AfterFunc, with Go 1.14 semantics (a timer's channel has capacity 1; Stop does not
// drain it). Time passes only when no goroutine can run; then the clock jumps to the
// earliest timer. Which of several due timers fires first, and whether a due timer fires
// before a runnable goroutine runs, are choices of the strategy.
#pragma once

#include <functional>
#include <memory>
#include <source_location>

#include "sim/chan.h"
#include "sim/time.h"

namespace sim {

namespace detail {
struct TimerState;
}

// The virtual clock's current reading (Go's time.Now()).
Instant Now();
Duration Since(Instant t);

// Blocks the goroutine for d of virtual time (Go's time.Sleep).
void Sleep(Duration d, std::source_location loc = std::source_location::current());

// A channel that receives the time once d has passed (Go's time.After).
Chan<Instant> After(Duration d, std::source_location loc = std::source_location::current());

// Go's *time.Timer: copies refer to the same timer.
class Timer {
 public:
  Timer() = default;
  // The channel the timer sends on; nil for a timer made by AfterFunc.
  Chan<Instant> C() const;
  // Returns true if the call stopped the timer, false if it had fired or been stopped.
  bool Stop(std::source_location loc = std::source_location::current()) const;
  // Re-arms the timer to fire after d; returns true if it had been active.
  bool Reset(Duration d, std::source_location loc = std::source_location::current()) const;

  explicit Timer(std::shared_ptr<detail::TimerState> s) : state_(std::move(s)) {}

 private:
  std::shared_ptr<detail::TimerState> state_;
};

Timer NewTimer(Duration d, std::source_location loc = std::source_location::current());
// Runs fn in its own goroutine once d has passed.
Timer AfterFunc(Duration d, std::function<void()> fn,
                std::source_location loc = std::source_location::current());

}  // namespace sim
