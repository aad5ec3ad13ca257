// Tests of the typed outcome names (sim/outcome.h): every enum value maps to its printed
// name and back, the printed names are the exact strings reports, JSON, JUnit and corpus
// files have always used, and the runtime fills the enums (a deadlock, a check, a panic,
// and each goroutine's state).
#include "sim/outcome.h"

#include <set>
#include <string>

#include "gtest/gtest.h"
#include "sim/go.h"
#include "sim/run.h"
#include "sim/strategies/random_walk.h"

namespace sim {
namespace {

TEST(FailureIdNames, EveryKindRoundTripsThroughItsName) {
  // Shows Name() and FromName() are inverse for every kind but kCheck (whose name is the
  // check's own id), and that no two kinds share a name, by walking AllFailureKinds().
  std::set<std::string> names;
  for (FailureKind kind : AllFailureKinds()) {
    names.insert(std::string(FailureKindName(kind)));
    if (kind == FailureKind::kCheck) continue;
    const FailureId id{kind, ""};
    EXPECT_EQ(FailureId::FromName(id.Name()), id) << FailureKindName(kind);
  }
  EXPECT_EQ(names.size(), AllFailureKinds().size());
}

TEST(FailureIdNames, PrintedNamesAreTheHistoricalStrings) {
  // Shows the printed names are byte-for-byte the strings tokens, reports and corpus files
  // already contain, so typed outcomes change no output.
  EXPECT_EQ((FailureId{FailureKind::kDeadlock, ""}.Name()), "deadlock");
  EXPECT_EQ((FailureId{FailureKind::kBudget, ""}.Name()), "budget");
  EXPECT_EQ((FailureId{FailureKind::kPanic, ""}.Name()), "panic");
  EXPECT_EQ((FailureId{FailureKind::kDivergence, ""}.Name()), "divergence");
  EXPECT_EQ((FailureId{FailureKind::kHarness, ""}.Name()), "harness");
  EXPECT_EQ((FailureId{}.Name()), "");
  EXPECT_EQ(FailureId::Check("I11").Name(), "I11");
}

TEST(FailureIdNames, CheckIdsRoundTripAndMayNotShadowAKind) {
  // Shows a check id reads back as that check, and that ids equal to a kind's name (or
  // empty) are refused, which is what keeps the name mapping one-to-one.
  for (const char* id : {"I1", "I6", "fakedb", "gotest-leak", "check"}) {
    EXPECT_EQ(FailureId::FromName(id), FailureId::Check(id)) << id;
    EXPECT_TRUE(FailureId::IsValidCheckId(id)) << id;
  }
  for (const char* id : {"", "deadlock", "budget", "panic", "divergence", "harness"}) {
    EXPECT_FALSE(FailureId::IsValidCheckId(id)) << id;
  }
}

TEST(GoroutineStateNames, EveryStateRoundTripsThroughItsName) {
  // Shows ParseGoroutineState inverts GoroutineStateName for every state, the names are
  // the historical ones, and other text is refused.
  for (GoroutineState state : AllGoroutineStates()) {
    EXPECT_EQ(ParseGoroutineState(GoroutineStateName(state)), state);
  }
  EXPECT_EQ(GoroutineStateName(GoroutineState::kRunning), "running");
  EXPECT_EQ(GoroutineStateName(GoroutineState::kRunnable), "runnable");
  EXPECT_EQ(GoroutineStateName(GoroutineState::kBlocked), "blocked");
  EXPECT_EQ(GoroutineStateName(GoroutineState::kDone), "done");
  EXPECT_FALSE(ParseGoroutineState("Blocked").has_value());
}

TEST(RunOutcome, TheRuntimeFillsTheTypedFields) {
  // Shows a real run reports its outcome through the enums: a deadlock names kDeadlock
  // with main blocked and a finished helper done; a check failure carries its id and
  // reports the goroutine that raised it as running.
  RandomWalkStrategy random;
  const RunResult deadlock = RunProgram(random, 1, {}, [] {
    Go("returns", [] {});
    Gosched();
    Chan<int>::Make().Recv();
  });
  EXPECT_EQ(deadlock.failure, (FailureId{FailureKind::kDeadlock, ""}));
  ASSERT_EQ(deadlock.goroutines.size(), 2u);
  EXPECT_EQ(deadlock.goroutines[0].state, GoroutineState::kBlocked);
  EXPECT_EQ(deadlock.goroutines[1].state, GoroutineState::kDone);

  const RunResult check = RunProgram(random, 1, {}, [] { Fail("I7", "two calls at once"); });
  EXPECT_EQ(check.failure, FailureId::Check("I7"));
  EXPECT_EQ(check.goroutines[0].state, GoroutineState::kRunning);
}

TEST(RunOutcomeDeathTest, ACheckIdThatShadowsAKindStopsTheProgram) {
  // Shows sim::Fail refuses an id that would print as another kind ("deadlock"), which
  // would make reports ambiguous, with an always-on check.
  RandomWalkStrategy random;
  EXPECT_DEATH(RunProgram(random, 1, {}, [] { Fail("deadlock", "not really"); }),
               "neither empty nor a failure kind's name");
}

}  // namespace
}  // namespace sim
