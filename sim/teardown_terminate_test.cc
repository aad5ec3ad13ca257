// Teardown of a goroutine whose unwinding reaches a destructor that may not throw, when the
// compiler's must-not-throw landing pad calls std::terminate with the unwinding exception
// still in flight (an inlined destructor does this in Release builds; the fuzzer's harness
// crashes, "terminate called without an active exception", were this case).
#include <gtest/gtest.h>

#include <exception>

#include "sim/go.h"
#include "sim/run.h"
#include "sim/sync.h"
#include "sim/testing/run_helpers.h"

namespace sim {
namespace {

using testing::LetOthersRunUntilBlocked;
using testing::RunCooperative;

// Plays the landing pad: destroyed while teardown's unwinding is in flight, it calls
// std::terminate directly, with nothing caught, as generated code does.
struct TerminatesLikeALandingPad {
  int* reached;
  ~TerminatesLikeALandingPad() {
    if (std::uncaught_exceptions() == 0) return;
    ++*reached;
    std::terminate();
  }
};

// Main holds a mutex the worker blocks on after making a Local{counter}, then blocks
// forever: the run ends in deadlock and teardown unwinds the worker from its Lock.
template <typename Local>
RunResult RunWithWorkerBlockedHolding(int* counter) {
  Mutex mu;
  return RunCooperative([&] {
    mu.Lock();
    Go("worker", [&] {
      Local held{counter};
      mu.Lock();
    });
    LetOthersRunUntilBlocked();
    Chan<int>().Recv();
  });
}

struct Counts {
  int* destroyed;
  ~Counts() { ++*destroyed; }
};

TEST(TeardownTerminate, ADirectTerminateWithTheUnwindInFlightStrandsTheGoroutine) {
  // Shows the terminate handler rescues the direct-terminate form: the blocked worker is
  // unwound at teardown, its destructor calls std::terminate with the unwinding uncaught,
  // and instead of the process dying the worker is abandoned, the run reports its
  // deadlock, the thread's uncaught-exception count is back to 0, and the next run (which
  // needs teardown to unwind again) destroys its goroutine's locals as usual.
  int reached = 0;
  RunResult r = RunWithWorkerBlockedHolding<TerminatesLikeALandingPad>(&reached);
  EXPECT_EQ(r.failure.Name(), "deadlock");
  EXPECT_EQ(reached, 1);
  EXPECT_EQ(std::uncaught_exceptions(), 0);

  int destroyed = 0;
  RunResult next = RunWithWorkerBlockedHolding<Counts>(&destroyed);
  EXPECT_EQ(next.failure.Name(), "deadlock");
  EXPECT_EQ(destroyed, 1);
}

}  // namespace
}  // namespace sim
