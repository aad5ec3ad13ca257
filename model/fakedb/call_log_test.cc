// Tests of the call log, its summaries and counts, observers, trace annotations and
// virtual-time latency, inside simulated runs.
#include "model/fakedb/call_log.h"

#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <vector>

#include "model/fakedb/fake_driver.h"
#include "model/fakedb/testing/fakedb.h"
#include "sim/go.h"

namespace model::fakedb {
namespace {

using testing::Exec;
using testing::RunSim;

constexpr sim::Duration kMs = sim::Duration::Milliseconds(1);

TEST(CallLog, RecordsGoroutineAndVirtualTimeOfEachCall) {
  // Shows each logged call carries its caller's goroutine id and name and its virtual
  // start/end, and that a 2ms call latency advances Now() by exactly 2ms per call: an Open
  // by main at +0 ends at +2ms; an Exec by goroutine "alpha" runs +2ms..+4ms.
  FakeDriverOptions o;
  o.call_latency = kMs * 2;
  auto d = FakeDriver::Create(o);
  sim::GoroutineId alpha_id = 0;
  sim::Instant start, after_exec;
  sim::RunResult r = RunSim([&] {
    start = sim::Now();
    auto c = *d->Open("");
    sim::WaitGroup wg;
    wg.Add(1);
    sim::Go("alpha", [&] {
      alpha_id = sim::CurrentGoroutine();
      (void)Exec(c, "NOOP");
      after_exec = sim::Now();
      wg.Done();
    });
    wg.Wait();
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  ASSERT_EQ(d->log().entries().size(), 2u);
  const DriverCall& open = d->log().call(1);
  const DriverCall& exec = d->log().call(2);
  EXPECT_EQ(open.seq, 1u);
  EXPECT_EQ(open.goroutine, 0u);
  EXPECT_EQ(open.start, start);
  EXPECT_EQ(open.end, start.Add(kMs * 2));
  EXPECT_EQ(exec.kind, CallKind::kExec);
  EXPECT_EQ(exec.detail, "NOOP");
  EXPECT_NE(alpha_id, 0u);
  EXPECT_EQ(exec.goroutine, alpha_id);
  EXPECT_EQ(d->log().goroutine_name(exec.goroutine), "alpha");
  EXPECT_EQ(exec.start, start.Add(kMs * 2));
  EXPECT_EQ(exec.end, start.Add(kMs * 4));
  EXPECT_EQ(after_exec, exec.end);
  EXPECT_TRUE(exec.finished);
  EXPECT_TRUE(exec.status.ok());
}

TEST(CallLog, SummariesAndCountsFollowCallsInProgress) {
  // Shows the counts and per-conn summary as another goroutine sees them mid-call: at +3ms
  // main is inside a 2ms Exec on conn 1 (in_call 1); at +5ms inside its second Open (one
  // open in flight, one conn opened). After both conns are closed: 2 opened, 2 closed, no
  // live conn, one Close call each.
  FakeDriverOptions o;
  o.call_latency = kMs * 2;
  auto d = FakeDriver::Create(o);
  uint32_t in_call_at_3ms = 0;
  uint64_t inside_seq_at_3ms = 0;
  DriverCounts at_5ms;
  sim::RunResult r = RunSim([&] {
    auto c1 = *d->Open("");  // +0..+2ms
    sim::Go("watcher", [&] {
      sim::Sleep(kMs);  // wakes at +3ms
      in_call_at_3ms = d->log().conn(1).in_call;
      inside_seq_at_3ms = d->log().conn(1).inside_seq;
      sim::Sleep(kMs * 2);  // wakes at +5ms
      at_5ms = d->log().counts();
    });
    (void)Exec(c1, "NOOP");  // +2..+4ms
    auto c2 = *d->Open("");  // +4..+6ms
    (void)c2->Close();
    (void)c1->Close();
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_EQ(in_call_at_3ms, 1u);
  EXPECT_EQ(inside_seq_at_3ms, 2u);
  EXPECT_EQ(at_5ms.opens_in_flight, 1u);
  EXPECT_EQ(at_5ms.conns_opened, 1u);
  EXPECT_EQ(at_5ms.live_conns(), 1u);
  const DriverCounts& end = d->log().counts();
  EXPECT_EQ(end.conns_opened, 2u);
  EXPECT_EQ(end.conns_closed, 2u);
  EXPECT_EQ(end.live_conns(), 0u);
  EXPECT_EQ(end.opens_in_flight, 0u);
  for (const ConnSummary& c : d->log().conns()) {
    EXPECT_TRUE(c.closed) << c.ToString();
    EXPECT_EQ(c.close_calls, 1u) << c.ToString();
    EXPECT_EQ(c.in_call, 0u) << c.ToString();
  }
  EXPECT_EQ(d->log().conn(1).calls, 2u);  // Exec, Close
  EXPECT_EQ(d->log().conn(2).open_seq, 3u);
}

// Records what it is shown, checking the call is unfinished at start and finished at end.
class RecordingObserver : public DriverObserver {
 public:
  void OnCallStart(const DriverCall& call) override {
    EXPECT_FALSE(call.finished);
    events.push_back("start " + call.Label());
  }
  void OnCallEnd(const DriverCall& call) override {
    EXPECT_TRUE(call.finished);
    events.push_back("end " + call.Label() + " -> " + ShortStatus(call.status));
  }
  std::vector<std::string> events;
};

TEST(CallLog, ObserversSeeEveryCallStartAndEndInOrder) {
  // Shows an attached observer is told of each call's start and end, in order, with the
  // result at the end (including a failing Prepare and a Stmt's calls).
  auto d = FakeDriver::Create();
  RecordingObserver observer;
  d->AddObserver(&observer);
  sim::RunResult r = RunSim([&] {
    auto c = *d->Open("");
    (void)c->Prepare("DROP");
    auto stmt = *c->Prepare("NOOP");
    (void)stmt->Exec({});
    (void)stmt->Close();
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  const std::vector<std::string> want = {
      "start Open", "end conn 1 Open -> ok",
      "start conn 1 Prepare DROP", "end conn 1 Prepare DROP -> fakedb: unknown query: \"DROP\"",
      "start conn 1 Prepare NOOP", "end conn 1 Prepare NOOP -> ok",
      "start conn 1 stmt 1 Stmt.Exec NOOP", "end conn 1 stmt 1 Stmt.Exec NOOP -> ok",
      "start conn 1 stmt 1 Stmt.Close", "end conn 1 stmt 1 Stmt.Close -> ok",
  };
  EXPECT_EQ(observer.events, want);
}

// Fails the run at the start of the first call of `kind`, as an invariant checker would.
class FailingObserver : public DriverObserver {
 public:
  explicit FailingObserver(CallKind kind) : kind_(kind) {}
  void OnCallStart(const DriverCall& call) override {
    if (call.kind == kind_) sim::Fail("I8", "observer saw " + call.Label());
  }

 private:
  CallKind kind_;
};

TEST(CallLog, AnObserverCanFailTheRunBeforeTheCallRuns) {
  // Shows an observer's sim::Fail ends the run with the observer's id and message, and
  // that the call it objected to never finished (nor did anything after it).
  auto d = FakeDriver::Create();
  FailingObserver observer(CallKind::kPing);
  d->AddObserver(&observer);
  sim::RunResult r = RunSim([&] {
    auto c = *d->Open("");
    (void)testing::As<driver::Pinger>(c)->Ping(sim::Context::Background());
    (void)Exec(c, "NOOP");
  });
  ASSERT_TRUE(r.failed());
  EXPECT_EQ(r.failure.Name(), "I8");
  EXPECT_EQ(r.message, "observer saw conn 1 Ping");
  ASSERT_EQ(d->log().entries().size(), 2u);
  EXPECT_FALSE(d->log().call(2).finished);
}

TEST(CallLog, ValidConnectionAndCloseAreInstantByDefault) {
  // Shows that with a 2ms call latency, ValidConnection and Close take no virtual time by
  // default while Ping takes 2ms, and that listing Close as non-instant makes it take 2ms.
  for (bool close_instant : {true, false}) {
    FakeDriverOptions o;
    o.call_latency = kMs * 2;
    if (!close_instant) o.instant_calls = CallKind::kValidConnection;
    auto d = FakeDriver::Create(o);
    sim::RunResult r = RunSim([&] {
      auto c = *d->Open("");
      (void)testing::As<driver::ConnectionValidator>(c)->ValidConnection();
      (void)testing::As<driver::Pinger>(c)->Ping(sim::Context::Background());
      (void)c->Close();
    });
    ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
    auto took = [&](uint64_t seq) { return d->log().call(seq).end.Sub(d->log().call(seq).start); };
    EXPECT_EQ(took(2), sim::Duration::Zero());  // ValidConnection
    EXPECT_EQ(took(3), kMs * 2);                // Ping
    EXPECT_EQ(took(4), close_instant ? sim::Duration::Zero() : kMs * 2);  // Close
  }
}

TEST(CallLog, DriverCallsAreAnnotatedIntoTheTrace) {
  // Shows that with tracing on, each call's label and result appear as a "driver"
  // annotation in the run's trace.
  auto d = FakeDriver::Create();
  sim::RunResult r = RunSim([&] { (void)Exec(*d->Open(""), "NOOP"); }, 1, /*record_trace=*/true);
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  std::vector<std::string> annotations;
  for (const sim::TraceEvent& e : r.trace.events) {
    if (e.kind == sim::TraceEvent::Kind::kAnnotation && e.category == "driver") {
      annotations.push_back(e.text);
    }
  }
  EXPECT_EQ(annotations, (std::vector<std::string>{"conn 1 Open -> ok", "conn 1 Exec NOOP -> ok"}));
}

TEST(CallLog, JitterIsAChoiceAmongBuckets) {
  // Shows latency jitter is drawn from the documented buckets (1ms + {0,1,2,3}ms with 3ms
  // jitter in 4 buckets), that the recorded data choice says which, and that different
  // seeds explore more than one bucket.
  std::set<int64_t> seen_ms;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    FakeDriverOptions o;
    o.call_latency = kMs;
    o.latency_jitter = kMs * 3;
    auto d = FakeDriver::Create(o);
    sim::RunResult r = RunSim([&] { (void)d->Open(""); }, seed);
    ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
    const DriverCall& open = d->log().call(1);
    const int64_t ms = open.end.Sub(open.start).nanoseconds() / 1'000'000;
    uint32_t bucket = 99;
    for (const sim::Choice& c : r.choices) {
      if (c.kind == sim::ChoiceKind::kData) bucket = c.value;
    }
    EXPECT_EQ(ms, 1 + static_cast<int64_t>(bucket)) << "seed " << seed;
    seen_ms.insert(ms);
  }
  EXPECT_GT(seen_ms.size(), 1u);
  EXPECT_TRUE(*seen_ms.begin() >= 1 && *seen_ms.rbegin() <= 4);
}

TEST(CallLog, ZeroLatencyCallsStillInterleave) {
  // Shows a call with no latency is still a scheduling point: over a few seeds, two
  // goroutines' Execs on their own conns overlap (both start before either ends, as an
  // observer sees it), which could not happen if a call ran without yielding.
  bool overlapped = false;
  for (uint64_t seed = 1; seed <= 20 && !overlapped; ++seed) {
    auto d = FakeDriver::Create();
    RecordingObserver observer;
    d->AddObserver(&observer);
    sim::RunResult r = RunSim([&] {
      auto c1 = *d->Open("");
      auto c2 = *d->Open("");
      sim::WaitGroup wg;
      wg.Add(2);
      sim::Go("a", [&] { (void)Exec(c1, "NOOP"); wg.Done(); });
      sim::Go("b", [&] { (void)Exec(c2, "NOOP"); wg.Done(); });
      wg.Wait();
    }, seed);
    ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
    ASSERT_EQ(observer.events.size(), 8u);
    overlapped = observer.events[4].starts_with("start") && observer.events[5].starts_with("start");
  }
  EXPECT_TRUE(overlapped);
}

}  // namespace
}  // namespace model::fakedb

namespace model::fakedb {
namespace {

TEST(CallLog, ARecycledEntryBufferStartsEmpty) {
  // Shows that a log built after another was destroyed on the same thread (so it takes
  // that log's entry buffer, capacity kept) starts with no entries and numbers its calls
  // from 1: 300 calls fill the first log; the second sees only its own 2, and its first
  // call's detail is its own, not the first log's.
  {
    CallLog first;
    for (int i = 0; i < 300; ++i) {
      DriverCall call;
      call.kind = CallKind::kExec;
      call.detail = "FIRST LOG CALL WITH A LONG QUERY TEXT";
      first.StartCall(call);
    }
    ASSERT_EQ(first.entries().size(), 300u);
  }
  CallLog second;
  EXPECT_TRUE(second.entries().empty());
  DriverCall call;
  call.kind = CallKind::kPing;
  EXPECT_EQ(second.StartCall(call), 1u);
  call.kind = CallKind::kExec;
  call.detail = "SECOND";
  EXPECT_EQ(second.StartCall(call), 2u);
  ASSERT_EQ(second.entries().size(), 2u);
  EXPECT_EQ(second.call(1).kind, CallKind::kPing);
  EXPECT_EQ(second.call(1).detail, "");
  EXPECT_EQ(second.call(2).detail, "SECOND");
  EXPECT_GE(second.entries().capacity(), 300u);  // the buffer was recycled
}

}  // namespace
}  // namespace model::fakedb
