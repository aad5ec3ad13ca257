// Tests of which goroutines a failure report shows, in which order, and of reading object
// and goroutine numbers out of messages.
#include "cli/involved.h"

#include "cli/testing/sample_trace.h"
#include "gtest/gtest.h"

namespace cli {
namespace {

using Kind = sim::TraceEvent::Kind;

// A run where each rule adds a different goroutine: g1 raised the failure, the message
// names goroutine 3, g6 and conn 7 (which g8's pool event touched), g1 woke g2, g4 is left
// blocked, and g5 acted last.
sim::RunResult EveryRuleRun(std::string failure_id) {
  sim::RunResult r;
  r.failure = sim::FailureId::FromName(failure_id);
  r.message = "conn 7 held by goroutine 3 and g6";
  r.goroutines = {{1, "a", sim::GoroutineState::kRunning, "", ""},
                  {4, "d", sim::GoroutineState::kBlocked, "chan send", "y:1"}};
  r.trace.events = {testing::At(1, 0, 8, Kind::kAnnotation, "pool", "putConn conn#7"),
                    testing::At(2, 0, 8, Kind::kAnnotation, "pool", "putConn conn#77"),
                    testing::At(3, 0, 2, Kind::kWake, "", "woken by goroutine 1"),
                    testing::At(4, 0, 5, Kind::kAnnotation, "pool", "x")};
  return r;
}

TEST(InvolvedGoroutines, RaiserNamedObjectUsersWakePartnersThenRecentThenBlocked) {
  // Shows the order for an invariant failure: blocked goroutines come last, after the
  // last to act.
  EXPECT_EQ(InvolvedGoroutines(EveryRuleRun("I6"), 10),
            (std::vector<uint32_t>{1, 3, 6, 8, 2, 5, 4}));
  EXPECT_EQ(InvolvedGoroutines(EveryRuleRun("I6"), 3), (std::vector<uint32_t>{1, 3, 6}));
}

TEST(InvolvedGoroutines, DeadlocksPutBlockedGoroutinesBeforeRecentOnes) {
  // Shows that for a deadlock the goroutines left blocked come before the last to act.
  EXPECT_EQ(InvolvedGoroutines(EveryRuleRun("deadlock"), 10),
            (std::vector<uint32_t>{1, 3, 6, 8, 2, 4, 5}));
}

TEST(NumbersAfter, ReadsSpacedHashedAndGluedNumbersAtWordStarts) {
  // Shows "conn 7" and "conn#53" are read, "reconn 9" (not at a word start) and "connx" are
  // not, and glued numbers ("g12") only when asked for.
  EXPECT_EQ(NumbersAfter("conn#53, conn 7, reconn 9, connx, conn #", "conn", false),
            (std::vector<uint64_t>{53, 7}));
  EXPECT_EQ(NumbersAfter("g12 and g 3, big4", "g", true), (std::vector<uint64_t>{12, 3}));
  EXPECT_EQ(NumbersAfter("g12", "g", false), std::vector<uint64_t>{});
}

}  // namespace
}  // namespace cli
