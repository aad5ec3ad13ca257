// Shows time as an adversary (issue 9 section 2) at the runtime level: a deadline that can
// pass only between two steps of a running goroutine is never seen by a search that
// advances the clock only when every goroutine is blocked (DFS exhausts clean), and is
// found by every strategy that offers clock advances (dfs, dpor, random, pct, portfolio),
// whose failing run replays exactly, from its choices and from its seed. Also the
// parameter's parsing and the choice's recording: an advance is recorded as firing that
// timer, and a strategy left at its defaults is offered none.
#include "sim/strategies/clock_advance.h"

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "sim/context.h"
#include "sim/go.h"
#include "sim/strategies/dfs.h"
#include "sim/strategies/testing/explore_until.h"
#include "sim/strategy_registry.h"

namespace sim {
namespace {

constexpr char kMidOperation[] = "deadline-mid-operation";

// One goroutine checks its context, yields twice without blocking, and checks again; it
// fails the run if the context's 1ms deadline passed in between. Nothing ever blocks, so
// only a clock advance can make the deadline pass there.
void CheckTwiceProgram() {
  auto [ctx, cancel] = WithTimeout(Context::Background(), Duration::Milliseconds(1));
  const bool alive_before = ctx.Err().ok();
  Gosched();
  Gosched();
  if (alive_before && !ctx.Err().ok()) {
    Fail(kMidOperation, "the deadline passed between two steps of a running goroutine");
  }
  cancel();
}

std::unique_ptr<Strategy> Make(const std::string& spec) {
  absl::StatusOr<std::unique_ptr<Strategy>> s = MakeStrategy(spec);
  EXPECT_TRUE(s.ok()) << s.status();
  return s.ok() ? *std::move(s) : nullptr;
}

TEST(ClockAdvance, WithoutAdvancesDfsExhaustsClean) {
  // Shows the gap: DFS without advances runs the whole tree and never sees the deadline
  // pass mid-operation (the clock moves only when every goroutine is blocked).
  DfsStrategy dfs;
  EXPECT_FALSE(testing::Explore(dfs, 1, 10'000, CheckTwiceProgram, kMidOperation));
  EXPECT_TRUE(dfs.exhausted());
}

TEST(ClockAdvance, EveryStrategyWithAdvancesFindsItAndItReplays) {
  // Shows each search mode with its clock-advance parameter finds the failure, and the
  // failing run replays exactly from its token (choices; seed alone when seed-driven).
  for (const std::string spec : {"dfs:advances=1", "dpor:advances=1", "random:advance=0.5",
                                 "pct:advance=0.5", "pos:advance=0.5", "portfolio:advance=0.5"}) {
    SCOPED_TRACE(spec);
    auto strategy = Make(spec);
    ASSERT_NE(strategy, nullptr);
    std::optional<testing::FoundFailure> found =
        testing::Explore(*strategy, 1, 500, CheckTwiceProgram, kMidOperation);
    ASSERT_TRUE(found.has_value()) << spec << " never advanced the clock mid-operation";
    testing::ExpectReplayReproduces(*found, "ClockAdvance", CheckTwiceProgram);
  }
}

TEST(ClockAdvance, RecordedAsFiringThatTimerAndOfferedOnlyWhenAsked) {
  // Shows an advance records the fired timer's choice value (kTimerChoiceBase + seq, as a
  // due timer's firing does), and that a strategy at its defaults is offered no advance
  // (its runs of the program are those of the old model: the deadline timer never fires).
  auto adversary = Make("random:advance=1");
  RunResult advanced = RunProgram(*adversary, 7, {}, CheckTwiceProgram);
  EXPECT_EQ(advanced.failure.Name(), kMidOperation) << advanced.message;
  bool fired = false;
  for (const Choice& c : advanced.choices) fired |= c.value >= kTimerChoiceBase;
  EXPECT_TRUE(fired);
  auto plain = Make("random");
  EXPECT_FALSE(plain->TimeAdversary());
  RunResult old_model = RunProgram(*plain, 7, {}, CheckTwiceProgram);
  EXPECT_FALSE(old_model.failed()) << old_model.message;
  for (const Choice& c : old_model.choices) EXPECT_LT(c.value, kTimerChoiceBase);
}

TEST(ClockAdvance, ProbabilityParsesExactlyAndRoundTrips) {
  // Shows `advance=P` is read exactly (parts per million), printed back as given, and
  // that malformed or out-of-range values are one-line errors.
  EXPECT_EQ(ParsePartsPerMillion("0.05"), 50'000u);
  EXPECT_EQ(ParsePartsPerMillion("1"), 1'000'000u);
  EXPECT_EQ(ParsePartsPerMillion("0.000001"), 1u);
  EXPECT_EQ(ParsePartsPerMillion("1.5"), std::nullopt);
  EXPECT_EQ(ParsePartsPerMillion("0.0000001"), std::nullopt);
  EXPECT_EQ(ParsePartsPerMillion("x"), std::nullopt);
  EXPECT_EQ(ParsePartsPerMillion("0."), std::nullopt);
  EXPECT_EQ(FormatPartsPerMillion(50'000), "0.05");
  EXPECT_EQ(Make("random:advance=0.05")->Describe(), "random:advance=0.05");
  EXPECT_EQ(Make("pct:advance=0.25")->Describe(), "pct:depth=3,steps=1000,advance=0.25");
  EXPECT_EQ(Make("pos:advance=0.25")->Describe(), "pos:advance=0.25");
  EXPECT_EQ(Make("pos")->Describe(), "pos");
  EXPECT_EQ(Make("dfs:advances=2")->Describe(), "dfs:advances=2");
  EXPECT_EQ(Make("dpor:preemptions=1,advances=2")->Describe(), "dpor:preemptions=1,advances=2");
  absl::StatusOr<std::unique_ptr<Strategy>> bad = MakeStrategy("random:advance=2");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("advance=2"), std::string::npos) << bad.status();
  EXPECT_TRUE(SpecPlaysTime("pct:depth=2,advance=0.1"));
  EXPECT_FALSE(SpecPlaysTime("pct:depth=2"));
  EXPECT_FALSE(SpecPlaysTime("not a spec"));
}

}  // namespace
}  // namespace sim
