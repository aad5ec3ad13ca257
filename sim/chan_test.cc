// Tests of channels with Go's semantics: rendezvous, buffering, close, nil channels and
// the panics Go defines.
#include "sim/chan.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/go.h"
#include "sim/testing/run_helpers.h"

namespace sim {
namespace {

using testing::RunCooperative;
using testing::LetOthersRunUntilBlocked;
using testing::RunRandom;

TEST(ChanTest, UnbufferedSendWaitsForReceiver) {
  // Shows an unbuffered send is a rendezvous: under every seed, the sender's "sent" mark
  // comes after the receiver has started receiving ("recv" logged first, since the
  // receiver logs just before receiving and the value can only move when both are there).
  for (uint64_t seed = 0; seed < 30; ++seed) {
    std::vector<std::string> log;
    int got = 0;
    RunResult r = RunRandom(seed, [&] {
      Chan<int> c = Chan<int>::Make();
      Go("sender", [&, c] {
        c.Send(7);
        log.push_back("sent");
      });
      Gosched();
      Gosched();
      log.push_back("recv");
      got = c.Recv();
    });
    ASSERT_FALSE(r.failed()) << r.message;
    EXPECT_EQ(got, 7);
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[0], "recv") << "seed " << seed;
  }
}

TEST(ChanTest, BufferedIsFifoAndDoesNotBlockUntilFull) {
  // Shows a buffered channel keeps order and that Len/Cap track it: three sends into a
  // capacity-3 channel complete without a receiver, and come out in order.
  std::vector<int> out;
  size_t len_full = 0, cap = 0;
  RunResult r = RunCooperative([&] {
    Chan<int> c = Chan<int>::Make(3);
    c.Send(1);
    c.Send(2);
    c.Send(3);
    len_full = c.Len();
    cap = c.Cap();
    for (int i = 0; i < 3; ++i) out.push_back(c.Recv());
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_EQ(len_full, 3u);
  EXPECT_EQ(cap, 3u);
  EXPECT_EQ(out, (std::vector<int>{1, 2, 3}));
}

TEST(ChanTest, BlockedSendersKeepFifoBehindFullBuffer) {
  // Shows a sender blocked on a full buffer has its value appended in order when a
  // receiver frees a slot: values come out 1..4 although 3 and 4 waited in senders.
  std::vector<int> out;
  RunResult r = RunCooperative([&] {
    Chan<int> c = Chan<int>::Make(2);
    Go("s", [c] {
      for (int i = 1; i <= 4; ++i) c.Send(i);
    });
    LetOthersRunUntilBlocked();
    for (int i = 0; i < 4; ++i) out.push_back(c.Recv());
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_EQ(out, (std::vector<int>{1, 2, 3, 4}));
}

TEST(ChanTest, CloseWakesAllReceiversWithZeroAndNotOk) {
  // Shows close wakes every blocked receiver, each getting the zero value and ok=false.
  int woken = 0, not_ok = 0, zeros = 0;
  RunResult r = RunRandom(1, [&] {
    Chan<int> c = Chan<int>::Make();
    WaitGroup wg;
    for (int i = 0; i < 3; ++i) {
      wg.Add(1);
      Go("receiver", [&, c] {
        int v = 99;
        bool ok = c.RecvOk(&v);
        ++woken;
        not_ok += ok ? 0 : 1;
        zeros += v == 0 ? 1 : 0;
        wg.Done();
      });
    }
    Sleep(Duration::Seconds(1));  // every receiver is blocked by then
    c.Close();
    wg.Wait();
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_EQ(woken, 3);
  EXPECT_EQ(not_ok, 3);
  EXPECT_EQ(zeros, 3);
}

TEST(ChanTest, RecvOnClosedDrainsBufferThenZero) {
  // Shows a closed buffered channel still delivers its buffered values with ok=true, then
  // the zero value with ok=false.
  std::vector<std::pair<int, bool>> got;
  RunResult r = RunCooperative([&] {
    Chan<int> c = Chan<int>::Make(2);
    c.Send(5);
    c.Close();
    for (int i = 0; i < 2; ++i) {
      int v = -1;
      bool ok = c.RecvOk(&v);
      got.emplace_back(v, ok);
    }
  });
  ASSERT_FALSE(r.failed()) << r.message;
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], std::make_pair(5, true));
  EXPECT_EQ(got[1], std::make_pair(0, false));
}

TEST(ChanTest, SendOnClosedPanics) {
  // Shows a send on a closed channel fails the run as a panic at the send's line.
  int line = 0;
  RunResult r = RunCooperative([&] {
    Chan<int> c = Chan<int>::Make(1);
    c.Close();
    line = __LINE__ + 1;
    c.Send(1);
  });
  EXPECT_TRUE(r.failed());
  EXPECT_EQ(r.failure.Name(), "panic");
  EXPECT_EQ(r.message, "send on closed channel");
  EXPECT_EQ(r.location, "sim/chan_test.cc:" + std::to_string(line));
}

TEST(ChanTest, CloseWakesBlockedSenderWhichPanics) {
  // Shows a sender blocked when the channel is closed panics (Go's behaviour).
  RunResult r = RunCooperative([&] {
    Chan<int> c = Chan<int>::Make();
    Go("sender", [c] { c.Send(1); });
    LetOthersRunUntilBlocked();
    c.Close();
    LetOthersRunUntilBlocked();
  });
  EXPECT_EQ(r.failure.Name(), "panic");
  EXPECT_EQ(r.message, "send on closed channel");
}

TEST(ChanTest, CloseOfClosedAndNilChannelPanic) {
  // Shows the two close panics of Go, each with its message.
  RunResult twice = RunCooperative([] {
    Chan<Unit> c = Chan<Unit>::Make();
    c.Close();
    c.Close();
  });
  EXPECT_EQ(twice.failure.Name(), "panic");
  EXPECT_EQ(twice.message, "close of closed channel");
  RunResult nil = RunCooperative([] { Chan<Unit>().Close(); });
  EXPECT_EQ(nil.failure.Name(), "panic");
  EXPECT_EQ(nil.message, "close of nil channel");
}

TEST(ChanTest, NilChannelBlocksForever) {
  // Shows a receive on the nil channel never completes: the run deadlocks and the report
  // names what main is blocked on.
  RunResult r = RunCooperative([] { Chan<int>().Recv(); });
  EXPECT_EQ(r.failure.Name(), "deadlock");
  ASSERT_EQ(r.goroutines.size(), 1u);
  EXPECT_EQ(r.goroutines[0].blocked_on, "receive from nil channel");
}

TEST(ChanTest, CopiesShareTheChannelAndCompareEqual) {
  // Shows Chan is a reference: a copy sees values sent on the original.
  int got = 0;
  bool same = false;
  RunResult r = RunCooperative([&] {
    Chan<int> a = Chan<int>::Make(1);
    Chan<int> b = a;
    same = a == b && !a.IsNil() && Chan<int>().IsNil();
    a.Send(4);
    got = b.Recv();
  });
  ASSERT_FALSE(r.failed()) << r.message;
  EXPECT_TRUE(same);
  EXPECT_EQ(got, 4);
}

}  // namespace
}  // namespace sim
