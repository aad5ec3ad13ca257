// Tests of select: ready cases, default, nil channels, the recorded choice between
// several ready cases, and a blocked select completed exactly once.
#include "sim/select.h"

#include <gtest/gtest.h>

#include <set>

#include "sim/go.h"
#include "sim/testing/run_helpers.h"

namespace sim {
namespace {

using testing::RunCooperative;
using testing::LetOthersRunUntilBlocked;
using testing::RunRandom;

TEST(SelectTest, DefaultRunsWhenNothingIsReady) {
  // Shows a select with default returns kDefault when no case can proceed, and does not
  // consume anything.
  int chosen = 0;
  size_t len_after = 1;
  RunResult r = RunCooperative([&] {
    Chan<int> empty = Chan<int>::Make(1);
    Chan<int> full = Chan<int>::Make(1);
    full.Send(1);
    Select s;
    s.Recv(empty).Send(full, 2).Default();
    chosen = s.Wait();
    len_after = full.Len();
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_EQ(chosen, Select::kDefault);
  EXPECT_EQ(len_after, 1u);
}

TEST(SelectTest, SeveralReadyCasesAreARecordedChoice) {
  // Shows both of two ready cases get chosen over seeds, and that the choice is recorded
  // in the choice stream as a kSelect entry.
  std::set<int> seen;
  for (uint64_t seed = 0; seed < 40; ++seed) {
    int chosen = -2, value = 0;
    RunResult r = RunRandom(seed, [&] {
      Chan<int> a = Chan<int>::Make(1);
      Chan<int> b = Chan<int>::Make(1);
      a.Send(10);
      b.Send(20);
      Select s;
      s.Recv(a, &value).Recv(b, &value);
      chosen = s.Wait();
    });
    ASSERT_FALSE(r.failed()) << r.message;
    EXPECT_EQ(value, chosen == 0 ? 10 : 20);
    int select_choices = 0;
    for (const Choice& c : r.choices) select_choices += c.kind == ChoiceKind::kSelect;
    EXPECT_EQ(select_choices, 1);
    seen.insert(chosen);
  }
  EXPECT_EQ(seen, (std::set<int>{0, 1}));
}

TEST(SelectTest, NilChannelCaseIsNeverReady) {
  // Shows a nil-channel case never fires: with a ready case beside it, the ready one is
  // always taken, and no choice is recorded (only one case was ready).
  for (uint64_t seed = 0; seed < 20; ++seed) {
    int chosen = -2;
    RunResult r = RunRandom(seed, [&] {
      Chan<int> ready = Chan<int>::Make(1);
      ready.Send(1);
      Select s;
      s.Recv(Chan<int>()).Send(Chan<int>(), 3).Recv(ready);
      chosen = s.Wait();
    });
    ASSERT_FALSE(r.failed()) << r.message;
    EXPECT_EQ(chosen, 2);
    for (const Choice& c : r.choices) EXPECT_NE(c.kind, ChoiceKind::kSelect);
  }
}

TEST(SelectTest, OnlyNilChannelsBlocksForever) {
  // Shows a select whose cases are all nil (and no default) blocks forever.
  RunResult r = RunCooperative([] {
    Select s;
    s.Recv(Chan<int>());
    s.Wait();
  });
  EXPECT_EQ(r.failure.Name(), "deadlock");
  ASSERT_EQ(r.goroutines.size(), 1u);
  EXPECT_EQ(r.goroutines[0].blocked_on, "select (no cases)");
}

TEST(SelectTest, BlockedSelectCompletesOnceAndLeavesOtherChannels) {
  // Shows a blocked select is completed by exactly one channel: after a value arrives on
  // `a`, a later send on `b` is not taken by the finished select (it stays in b's buffer).
  int chosen = -2, value = 0;
  size_t b_len = 0;
  RunResult r = RunCooperative([&] {
    Chan<int> a = Chan<int>::Make();
    Chan<int> b = Chan<int>::Make(1);
    Go("selector", [&, a, b] {
      Select s;
      s.Recv(a, &value).Recv(b, &value);
      chosen = s.Wait();
    });
    LetOthersRunUntilBlocked();
    a.Send(5);
    b.Send(6);
    b_len = b.Len();
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_EQ(chosen, 0);
  EXPECT_EQ(value, 5);
  EXPECT_EQ(b_len, 1u);
}

TEST(SelectTest, BlockedSendCaseDeliversToReceiver) {
  // Shows a blocked select's send case hands its value to a receiver that arrives later.
  int chosen = -2, got = 0;
  RunResult r = RunCooperative([&] {
    Chan<int> out = Chan<int>::Make();
    Chan<int> never = Chan<int>::Make();
    Go("selector", [&, out, never] {
      Select s;
      s.Recv(never).Send(out, 42);
      chosen = s.Wait();
    });
    LetOthersRunUntilBlocked();
    got = out.Recv();
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_EQ(chosen, 1);
  EXPECT_EQ(got, 42);
}

TEST(SelectTest, CloseCompletesBlockedRecvCaseWithNotOk) {
  // Shows closing a channel completes a select blocked on it, with ok=false.
  int chosen = -2;
  bool ok = true;
  RunResult r = RunCooperative([&] {
    Chan<int> c = Chan<int>::Make();
    Go("selector", [&, c] {
      int v = 0;
      Select s;
      s.RecvOk(c, &v, &ok);
      chosen = s.Wait();
    });
    LetOthersRunUntilBlocked();
    c.Close();
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_EQ(chosen, 0);
  EXPECT_FALSE(ok);
}

TEST(SelectTest, ReadySendCaseOnClosedChannelPanics) {
  // Shows a select whose chosen send case targets a closed channel panics.
  RunResult r = RunCooperative([] {
    Chan<int> c = Chan<int>::Make(1);
    c.Close();
    Select s;
    s.Send(c, 1);
    s.Wait();
  });
  EXPECT_EQ(r.failure.Name(), "panic");
  EXPECT_EQ(r.message, "send on closed channel");
}

}  // namespace
}  // namespace sim
