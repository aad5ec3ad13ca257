// Tests of the event trace recorded when RunOptions::record_trace is set.
#include "sim/trace.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/go.h"
#include "sim/testing/run_helpers.h"

namespace sim {
namespace {

using Kind = TraceEvent::Kind;
using testing::RunCooperative;

std::vector<const TraceEvent*> OfKind(const Trace& t, Kind k) {
  std::vector<const TraceEvent*> out;
  for (const TraceEvent& e : t.events) {
    if (e.kind == k) out.push_back(&e);
  }
  return out;
}

std::function<void()> TracedProgram() {
  return [] {
    Annotate("pool", "opening conn 1");
    Chan<int> c = Chan<int>::Make();
    Go("receiver", [c] { c.Recv(); });
    testing::LetOthersRunUntilBlocked();
    ChooseIndex(2, "fault?");
    c.Send(1);
    testing::LetOthersRunUntilBlocked();  // the receiver returns
    Panic("done");
  };
}

TEST(TraceTest, RecordsEveryKindOfEvent) {
  // Shows a traced run has spawn, run, block, wake, exit, timer, choice, annotation and
  // failure events, with the goroutine names and the block's primitive and location.
  RunOptions options;
  options.record_trace = true;
  RunResult r = RunCooperative(TracedProgram(), options);
  ASSERT_EQ(r.failure.Name(), "panic");
  const Trace& t = r.trace;
  EXPECT_EQ(t.goroutine_names, (std::vector<std::string>{"main", "receiver"}));
  EXPECT_EQ(OfKind(t, Kind::kSpawn).size(), 2u);
  EXPECT_FALSE(OfKind(t, Kind::kRun).empty());
  EXPECT_EQ(OfKind(t, Kind::kExit).size(), 1u);  // the receiver; main panicked
  EXPECT_EQ(OfKind(t, Kind::kTimerFire).size(), 2u);  // two sleeps
  ASSERT_EQ(OfKind(t, Kind::kChoice).size(), 1u);
  EXPECT_EQ(OfKind(t, Kind::kChoice)[0]->text, "fault?: 0 of 2");
  ASSERT_EQ(OfKind(t, Kind::kAnnotation).size(), 1u);
  EXPECT_EQ(OfKind(t, Kind::kAnnotation)[0]->category, "pool");
  EXPECT_EQ(OfKind(t, Kind::kAnnotation)[0]->text, "opening conn 1");
  ASSERT_EQ(OfKind(t, Kind::kFailure).size(), 1u);
  EXPECT_EQ(OfKind(t, Kind::kFailure)[0]->text, "done");
  bool receiver_blocked = false;
  for (const TraceEvent* e : OfKind(t, Kind::kBlock)) {
    if (e->goroutine == 1 && e->category == "chan receive") {
      receiver_blocked = e->location.rfind("sim/trace_test.cc:", 0) == 0;
    }
  }
  EXPECT_TRUE(receiver_blocked);
  EXPECT_FALSE(OfKind(t, Kind::kWake).empty());
}

TEST(TraceTest, RunEventsOnlyWhenTheGoroutineChanges) {
  // Shows kRun is emitted only on a switch: a goroutine yielding 20 times in a row under
  // the cooperative strategy produces one kRun, while steps count every decision.
  RunOptions options;
  options.record_trace = true;
  RunResult r = RunCooperative([] {
    for (int i = 0; i < 20; ++i) Gosched();
  }, options);
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_EQ(OfKind(r.trace, Kind::kRun).size(), 1u);
  EXPECT_EQ(r.steps, 21u);
}

TEST(TraceTest, NoTraceUnlessAskedAndSameChoicesEitherWay) {
  // Shows tracing does not change the run (same fingerprint) and is empty when off.
  RunOptions on;
  on.record_trace = true;
  RunResult traced = RunCooperative(TracedProgram(), on);
  RunResult plain = RunCooperative(TracedProgram());
  EXPECT_TRUE(plain.trace.events.empty());
  EXPECT_TRUE(plain.trace.goroutine_names.empty());
  EXPECT_FALSE(traced.trace.events.empty());
  EXPECT_EQ(traced.fingerprint, plain.fingerprint);
}

}  // namespace
}  // namespace sim
