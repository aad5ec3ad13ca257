// Tests of the replay strategy: it follows a recording, and reports (instead of hiding)
// every way a program can stop matching it.
#include "sim/strategies/replay.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "sim/strategies/testing/points.h"

namespace sim {
namespace {

using testing::PickId;
using testing::PointFixture;

Choice Sched(uint32_t id) { return {ChoiceKind::kSchedule, id}; }
Choice Timer(uint32_t id) { return {ChoiceKind::kSchedule, kTimerChoiceBase + id}; }

bool Contains(const std::optional<std::string>& message, const std::string& part) {
  return message.has_value() && message->find(part) != std::string::npos;
}

TEST(ReplayTest, FollowsTheRecordingIncludingTimersAndNumbers) {
  // Shows a faithful replay: the picks are the recorded ids (a timer included, found by
  // its id whatever its position), numbers come back as recorded, nothing diverges.
  ReplayStrategy s({Sched(2), Timer(5), {ChoiceKind::kSelect, 1}, Sched(0)});
  ASSERT_TRUE(s.StartRun(RunStart(0)));
  PointFixture f = PointFixture::Goroutines({0, 2});
  f.AddTimer(5);
  EXPECT_EQ(PickId(s, f, 0), 2u);
  EXPECT_EQ(s.PickNext(f.At(1)), 2u);  // the timer is the third candidate
  EXPECT_EQ(s.PickNumber(3, ChoiceKind::kSelect), 1u);
  EXPECT_EQ(PickId(s, f, 2), 0u);
  EXPECT_FALSE(s.Divergence().has_value());
  EXPECT_EQ(s.consumed(), s.recorded());
}

TEST(ReplayTest, RecordedGoroutineNotRunnableDiverges) {
  // Shows the report names the step, the recorded goroutine and what was runnable, and
  // the pick is out of range so the scheduler cannot silently continue.
  ReplayStrategy s({Sched(0), Sched(7)});
  s.StartRun(RunStart(0));
  PointFixture f = PointFixture::Goroutines({0, 1});
  f.AddTimer(3);
  PickId(s, f, 0);
  EXPECT_EQ(s.PickNext(f.At(1)), 3u);
  EXPECT_TRUE(Contains(s.Divergence(), "step 1 (choice #1)")) << *s.Divergence();
  EXPECT_TRUE(Contains(s.Divergence(), "recorded goroutine 7")) << *s.Divergence();
  EXPECT_TRUE(Contains(s.Divergence(), "[goroutine 0, goroutine 1, timer 3]"))
      << *s.Divergence();
}

TEST(ReplayTest, KindMismatchAndOutOfRangeNumbersDiverge) {
  // Shows data-choice checks: a select choice where the program asks a data choice, and a
  // number not below the program's bound, are both divergences.
  ReplayStrategy kind_mismatch({{ChoiceKind::kSelect, 0}});
  kind_mismatch.StartRun(RunStart(0));
  EXPECT_EQ(kind_mismatch.PickNumber(2, ChoiceKind::kData), 2u);
  EXPECT_TRUE(Contains(kind_mismatch.Divergence(), "recorded select choice 0"));
  EXPECT_TRUE(Contains(kind_mismatch.Divergence(), "asks for a data choice in [0, 2)"));

  ReplayStrategy too_big({{ChoiceKind::kData, 4}});
  too_big.StartRun(RunStart(0));
  EXPECT_EQ(too_big.PickNumber(3, ChoiceKind::kData), 3u);
  EXPECT_TRUE(Contains(too_big.Divergence(), "choice #0"));
}

TEST(ReplayTest, ScheduleWhereANumberWasRecordedDiverges) {
  // Shows a schedule pick facing a recorded data choice is a divergence too.
  ReplayStrategy s({{ChoiceKind::kData, 0}});
  s.StartRun(RunStart(0));
  const PointFixture f = PointFixture::Goroutines({0});
  EXPECT_EQ(s.PickNext(f.At(0)), 1u);
  EXPECT_TRUE(Contains(s.Divergence(), "recorded data choice 0"));
}

TEST(ReplayTest, RunningPastTheRecordingDivergesAndRestartResets) {
  // Shows the end of the recording is reported, the first divergence is kept, and a new
  // run starts clean.
  ReplayStrategy s({Sched(0)});
  s.StartRun(RunStart(0));
  const PointFixture f = PointFixture::Goroutines({0});
  PickId(s, f, 0);
  EXPECT_EQ(s.PickNumber(2, ChoiceKind::kData), 2u);
  EXPECT_EQ(s.PickNext(f.At(1)), 1u);
  EXPECT_TRUE(Contains(s.Divergence(), "choice #1: the recording has only 1 choices: the "
                                       "recorded run ended there"))
      << *s.Divergence();
  s.StartRun(RunStart(0));
  EXPECT_FALSE(s.Divergence().has_value());
  EXPECT_EQ(PickId(s, f, 0), 0u);
}

}  // namespace
}  // namespace sim
