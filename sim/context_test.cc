// Tests of the context package: cancellation reaching descendants, deadlines firing at
// the right virtual time, inherited deadlines, and contexts created under a done parent.
#include "sim/context.h"

#include <gtest/gtest.h>

#include <optional>
#include <set>

#include "sim/go.h"
#include "sim/testing/run_helpers.h"

namespace sim {
namespace {

using testing::RunCooperative;
using testing::RunRandom;

TEST(ContextTest, BackgroundIsNeverDone) {
  // Shows Background has a nil Done channel, OK Err and no deadline.
  Context bg = Context::Background();
  EXPECT_TRUE(bg.Done().IsNil());
  EXPECT_TRUE(bg.Err().ok());
  EXPECT_FALSE(bg.Deadline().has_value());
  EXPECT_TRUE(bg == Context::Background());
}

TEST(ContextTest, CancelReachesChildrenAndGrandchildren) {
  // Shows cancelling a parent closes Done and sets Err on its child and grandchild
  // synchronously, and wakes a goroutine blocked on the grandchild's Done.
  bool woken = false;
  absl::Status child_err, grandchild_err, parent_err;
  RunResult r = RunCooperative([&] {
    auto [parent, cancel] = WithCancel(Context::Background());
    auto [child, cancel_child] = WithCancel(parent);
    auto [grandchild, cancel_grandchild] = WithCancel(child);
    Go("waiter", [&, grandchild] {
      grandchild.Done().Recv();
      woken = true;
    });
    testing::LetOthersRunUntilBlocked();
    cancel();
    parent_err = parent.Err();
    child_err = child.Err();
    grandchild_err = grandchild.Err();
    testing::LetOthersRunUntilBlocked();
    cancel_child();
    cancel_grandchild();
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_TRUE(woken);
  EXPECT_EQ(parent_err, Canceled());
  EXPECT_EQ(child_err, Canceled());
  EXPECT_EQ(grandchild_err, Canceled());
  EXPECT_EQ(Canceled().code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(Canceled().message(), "context canceled");
}

TEST(ContextTest, CancellingAChildLeavesTheParentAlone) {
  // Shows cancellation flows down only.
  absl::Status parent_err = absl::UnknownError("unset");
  RunResult r = RunCooperative([&] {
    auto [parent, cancel] = WithCancel(Context::Background());
    auto [child, cancel_child] = WithCancel(parent);
    cancel_child();
    parent_err = parent.Err();
    cancel();
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_TRUE(parent_err.ok());
}

TEST(ContextTest, WithTimeoutFiresAtTheDeadline) {
  // Shows a timeout context becomes done exactly at its deadline, with DeadlineExceeded,
  // and that the cancellation ran in a goroutine of its own ("context deadline").
  Instant done_at;
  absl::Status err;
  std::optional<Instant> deadline;
  RunResult r = RunCooperative([&] {
    auto [ctx, cancel] = WithTimeout(Context::Background(), Duration::Milliseconds(1500));
    deadline = ctx.Deadline();
    ctx.Done().Recv();
    done_at = Now();
    err = ctx.Err();
    cancel();
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_EQ(done_at, Instant::Epoch().Add(Duration::Milliseconds(1500)));
  EXPECT_EQ(deadline, Instant::Epoch().Add(Duration::Milliseconds(1500)));
  EXPECT_EQ(err, DeadlineExceeded());
  EXPECT_EQ(err.code(), absl::StatusCode::kDeadlineExceeded);
}

TEST(ContextTest, CancelBeforeDeadlineStopsTheTimer) {
  // Shows cancel() before the deadline wins: Err is Canceled, and no timer is left
  // (the run ends at time zero without firing anything).
  absl::Status err;
  RunResult r = RunCooperative([&] {
    auto [ctx, cancel] = WithTimeout(Context::Background(), Duration::Seconds(1));
    cancel();
    err = ctx.Err();
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_EQ(err, Canceled());
  EXPECT_EQ(r.end_time, Instant::Epoch());
  for (const Choice& c : r.choices) EXPECT_LT(c.value, kTimerChoiceBase);
}

TEST(ContextTest, ChildDeadlineIsTheEarlierOfParentAndOwn) {
  // Shows a child asking for a later deadline than its parent's gets the parent's, and
  // is cancelled with DeadlineExceeded when the parent's deadline passes.
  std::optional<Instant> child_deadline;
  Instant child_done_at;
  absl::Status child_err;
  RunResult r = RunCooperative([&] {
    auto [parent, cancel] = WithTimeout(Context::Background(), Duration::Seconds(1));
    auto [child, cancel_child] = WithTimeout(parent, Duration::Seconds(5));
    child_deadline = child.Deadline();
    child.Done().Recv();
    child_done_at = Now();
    child_err = child.Err();
    cancel_child();
    cancel();
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_EQ(child_deadline, Instant::Epoch().Add(Duration::Seconds(1)));
  EXPECT_EQ(child_done_at, Instant::Epoch().Add(Duration::Seconds(1)));
  EXPECT_EQ(child_err, DeadlineExceeded());
}

TEST(ContextTest, ChildOfDoneParentIsDoneAtCreation) {
  // Shows a context derived from a cancelled parent starts out done with the parent's
  // error, and a deadline already past makes a context done at once.
  absl::Status child_err, past_err;
  size_t child_done_len = 1;
  bool child_closed = false;
  RunResult r = RunCooperative([&] {
    auto [parent, cancel] = WithCancel(Context::Background());
    cancel();
    auto [child, cancel_child] = WithCancel(parent);
    child_err = child.Err();
    Unit u;
    child_closed = !child.Done().RecvOk(&u);
    child_done_len = child.Done().Len();
    auto [past, cancel_past] = WithDeadline(Context::Background(), Now());
    past_err = past.Err();
    cancel_child();
    cancel_past();
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_EQ(child_err, Canceled());
  EXPECT_TRUE(child_closed);
  EXPECT_EQ(child_done_len, 0u);
  EXPECT_EQ(past_err, DeadlineExceeded());
}

TEST(ContextTest, DeadlineVersusValueIsExploredBothWays) {
  // Shows the deadline goroutine and a value arriving at the same instant race: over
  // seeds, a select on (value, ctx.Done()) sees both outcomes.
  std::set<int> outcomes;
  for (uint64_t seed = 0; seed < 60; ++seed) {
    int chosen = -2;
    RunResult r = RunRandom(seed, [&] {
      auto [ctx, cancel] = WithTimeout(Context::Background(), Duration::Seconds(1));
      Chan<int> value = Chan<int>::Make(1);
      Go("producer", [value] {
        Sleep(Duration::Seconds(1));
        value.Send(1);
      });
      Sleep(Duration::Seconds(1));
      Gosched();
      Select s;
      s.Recv(value).Recv(ctx.Done());
      chosen = s.Wait();
      cancel();
    });
    ASSERT_FALSE(r.failed()) << r.message;
    outcomes.insert(chosen);
  }
  EXPECT_EQ(outcomes, (std::set<int>{0, 1}));
}

}  // namespace
}  // namespace sim
