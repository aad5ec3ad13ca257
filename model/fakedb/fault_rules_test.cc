// Tests that each kind of fault rule fires exactly where it says, inside simulated runs.
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "model/fakedb/fake_driver.h"
#include "model/fakedb/testing/fakedb.h"
#include "sim/go.h"

namespace model::fakedb {
namespace {

using testing::As;
using testing::Exec;
using testing::RunSim;
using testing::Summary;

std::vector<std::shared_ptr<driver::Conn>> OpenConns(FakeDriver& d, int n) {
  std::vector<std::shared_ptr<driver::Conn>> conns;
  for (int i = 0; i < n; ++i) {
    absl::StatusOr<std::shared_ptr<driver::Conn>> c = d.Open("");
    if (c.ok()) conns.push_back(*c);
  }
  return conns;
}

TEST(FaultRules, NthExecOnOneConnFailsThatCallAndTheConnStaysBad) {
  // Shows "2nd Exec on conn 3" fails only conn 3's 2nd Exec, that conn 3 then stays bad
  // (3rd Exec and Ping fail, ValidConnection false) but can still be closed, and that conns
  // 1 and 2 are untouched.
  FakeDriverOptions o;
  o.faults.Add(FaultRule::Nth(CallKind::kExec, 2).OnConn(3));
  auto d = FakeDriver::Create(o);
  std::vector<absl::Status> results;
  bool conn3_valid = true;
  sim::RunResult r = RunSim([&] {
    auto conns = OpenConns(*d, 3);
    for (auto& c : conns) {
      for (int i = 0; i < 3; ++i) results.push_back(Exec(c, "NOOP"));
    }
    results.push_back(As<driver::Pinger>(conns[2])->Ping(sim::Context::Background()));
    results.push_back(As<driver::Pinger>(conns[0])->Ping(sim::Context::Background()));
    conn3_valid = As<driver::ConnectionValidator>(conns[2])->ValidConnection();
    results.push_back(conns[2]->Close());
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_EQ(Summary(results), "ok ok ok ok ok ok ok ErrBadConn ErrBadConn ErrBadConn ok ok");
  EXPECT_TRUE(d->log().conn(3).closed);
  EXPECT_FALSE(conn3_valid);
  EXPECT_TRUE(d->log().conn(3).failed_by_driver);
  EXPECT_FALSE(d->log().conn(1).failed_by_driver);
  // Calls 1-3 are the opens, 10-12 conn 3's Execs: the 2nd is the rule's, the 3rd sticky.
  EXPECT_EQ(d->log().call(11).fault_rule, 0);
  EXPECT_EQ(d->log().call(12).fault_rule, -1);
  EXPECT_EQ(d->log().call(12).conn, 3u);
}

TEST(FaultRules, ResetSessionOnAnyConnFromNth) {
  // Shows "ResetSession from 2nd" counts ResetSession calls across all conns: the first
  // (conn 1) succeeds, the 2nd (conn 2) and 3rd (conn 1) fail with ErrBadConn.
  FakeDriverOptions o;
  o.faults.Add(FaultRule::FromNth(CallKind::kResetSession, 2));
  auto d = FakeDriver::Create(o);
  std::vector<absl::Status> results;
  sim::RunResult r = RunSim([&] {
    auto conns = OpenConns(*d, 2);
    const sim::Context bg = sim::Context::Background();
    results.push_back(As<driver::SessionResetter>(conns[0])->ResetSession(bg));
    results.push_back(As<driver::SessionResetter>(conns[1])->ResetSession(bg));
    results.push_back(As<driver::SessionResetter>(conns[0])->ResetSession(bg));
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_EQ(Summary(results), "ok ErrBadConn ErrBadConn");
  EXPECT_EQ(d->log().entries().back().fault_rule, 0);
}

TEST(FaultRules, ValidConnectionFalseFromNthCall) {
  // Shows "ValidConnection from 5th" answers true to the first four calls (one per conn)
  // and false from the 5th on, and that a conn answered false is marked failed.
  FakeDriverOptions o;
  o.faults.Add(FaultRule::FromNth(CallKind::kValidConnection, 5));
  auto d = FakeDriver::Create(o);
  std::string answers;
  sim::RunResult r = RunSim([&] {
    for (auto& c : OpenConns(*d, 6)) {
      answers += As<driver::ConnectionValidator>(c)->ValidConnection() ? 'T' : 'F';
    }
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_EQ(answers, "TTTTFF");
  EXPECT_FALSE(d->log().conn(4).failed_by_driver);
  EXPECT_TRUE(d->log().conn(5).failed_by_driver);
}

TEST(FaultRules, OpenFailsNTimesThenConnIdsStartAtOne) {
  // Shows "Open 1st..3rd -> error" fails three open attempts with the injected error (not
  // ErrBadConn), and that conn ids count only successful opens: the 4th attempt is conn 1.
  FakeDriverOptions o;
  o.faults.Add(FaultRule::FirstN(CallKind::kOpen, 3).Returns(FaultAction::kError));
  auto d = FakeDriver::Create(o);
  std::vector<absl::Status> results;
  sim::RunResult r = RunSim([&] {
    for (int i = 0; i < 5; ++i) results.push_back(d->Open("").status());
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_EQ(Summary(results),
            "fakedb: injected error in Open fakedb: injected error in Open "
            "fakedb: injected error in Open ok ok");
  EXPECT_EQ(d->log().counts().open_attempts, 5u);
  EXPECT_EQ(d->log().counts().conns_opened, 2u);
  EXPECT_EQ(d->log().call(4).conn, 1u);
  EXPECT_EQ(d->log().call(5).conn, 2u);
  EXPECT_EQ(d->log().call(3).conn, kNoConn);
}

TEST(FaultRules, OpenCanFailWithBadConnThroughTheConnector) {
  // Shows an Open rule applies to Connector.Connect too, returning ErrBadConn there.
  FakeDriverOptions o;
  o.faults.Add(FaultRule::Nth(CallKind::kOpen, 2));
  auto d = FakeDriver::Create(o);
  std::vector<absl::Status> results;
  sim::RunResult r = RunSim([&] {
    auto connector = d->NewConnector();
    for (int i = 0; i < 3; ++i) {
      results.push_back(connector->Connect(sim::Context::Background()).status());
    }
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_EQ(Summary(results), "ok ErrBadConn ok");
  EXPECT_EQ(d->log().counts().conns_opened, 2u);
}

TEST(FaultRules, InjectedErrorLeavesTheConnHealthy) {
  // Shows a kError fault fails one call with an ordinary error and, unlike ErrBadConn,
  // does not mark the conn: the next Exec succeeds and ValidConnection stays true.
  FakeDriverOptions o;
  o.faults.Add(FaultRule::Nth(CallKind::kExec, 1).Returns(FaultAction::kError));
  auto d = FakeDriver::Create(o);
  std::vector<absl::Status> results;
  bool valid = false;
  sim::RunResult r = RunSim([&] {
    auto c = OpenConns(*d, 1)[0];
    results.push_back(Exec(c, "NOOP"));
    results.push_back(Exec(c, "NOOP"));
    valid = As<driver::ConnectionValidator>(c)->ValidConnection();
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_EQ(Summary(results), "fakedb: injected error in Exec ok");
  EXPECT_TRUE(valid);
  EXPECT_FALSE(d->log().conn(1).failed_by_driver);
}

TEST(FaultRules, DelayRuleAddsVirtualTimeAndFirstFailingRuleWins) {
  // Shows delay rules add up on top of the call latency (5ms + 10ms + 1ms on the 1st Exec)
  // while the call still fails by the first firing failure rule (rule 3, an error, not
  // rule 4's ErrBadConn), and that the 2nd Exec takes only the base latency.
  FakeDriverOptions o;
  o.call_latency = sim::Duration::Milliseconds(5);
  o.faults.Add(FaultRule::Always(CallKind::kExec).Delays(sim::Duration::Milliseconds(10)))
      .Add(FaultRule::Nth(CallKind::kExec, 1).Delays(sim::Duration::Milliseconds(1)))
      .Add(FaultRule::Nth(CallKind::kExec, 1).Returns(FaultAction::kError))
      .Add(FaultRule::Nth(CallKind::kExec, 1));
  auto d = FakeDriver::Create(o);
  std::vector<absl::Status> results;
  sim::Duration first, second;
  sim::RunResult r = RunSim([&] {
    auto c = OpenConns(*d, 1)[0];
    sim::Instant t0 = sim::Now();
    results.push_back(Exec(c, "NOOP"));
    first = sim::Since(t0);
    t0 = sim::Now();
    results.push_back(Exec(c, "NOOP"));
    second = sim::Since(t0);
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_EQ(Summary(results), "fakedb: injected error in Exec ok");
  EXPECT_EQ(first, sim::Duration::Milliseconds(16));
  EXPECT_EQ(second, sim::Duration::Milliseconds(15));
  EXPECT_EQ(d->log().call(2).fault_rule, 2);
}

TEST(FaultRules, BlockUntilDoneReturnsDeadlineExceededAtTheDeadline) {
  // Shows a "block until ctx done" Exec returns DeadlineExceeded exactly when its 30ms
  // timeout passes in virtual time, and that the log's end time is that instant.
  FakeDriverOptions o;
  o.faults.Add(FaultRule::Nth(CallKind::kExec, 1).Returns(FaultAction::kBlockUntilDone));
  auto d = FakeDriver::Create(o);
  absl::Status result;
  sim::Instant deadline, returned;
  sim::RunResult r = RunSim([&] {
    auto c = OpenConns(*d, 1)[0];
    auto [ctx, cancel] = sim::WithTimeout(sim::Context::Background(), sim::Duration::Milliseconds(30));
    deadline = *ctx.Deadline();
    result = Exec(c, "NOOP", ctx);
    returned = sim::Now();
    cancel();
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_EQ(result.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(returned, deadline);
  EXPECT_EQ(d->log().call(2).end, deadline);
  EXPECT_FALSE(d->log().conn(1).failed_by_driver);
}

TEST(FaultRules, BlockUntilDoneReturnsCanceledWhenCancelled) {
  // Shows the blocked call returns ctx.Err() = Canceled when another goroutine cancels its
  // context after 7ms of virtual time.
  FakeDriverOptions o;
  o.faults.Add(FaultRule::Always(CallKind::kPing).Returns(FaultAction::kBlockUntilDone));
  auto d = FakeDriver::Create(o);
  absl::Status result;
  sim::Duration waited;
  sim::RunResult r = RunSim([&] {
    auto c = OpenConns(*d, 1)[0];
    auto [ctx, cancel] = sim::WithCancel(sim::Context::Background());
    sim::Go("canceller", [cancel = cancel] {
      sim::Sleep(sim::Duration::Milliseconds(7));
      cancel();
    });
    const sim::Instant t0 = sim::Now();
    result = As<driver::Pinger>(c)->Ping(ctx);
    waited = sim::Since(t0);
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_EQ(result.code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(waited, sim::Duration::Milliseconds(7));
}

TEST(FaultRules, BlockWithoutAContextNeverReturns) {
  // Shows a block fault on a call without a context (Conn.Close) hangs the caller, which
  // the runtime reports as a deadlock: a hung driver is a finding, not a silent pass.
  FakeDriverOptions o;
  o.faults.Add(FaultRule::Always(CallKind::kClose).Returns(FaultAction::kBlockUntilDone));
  auto d = FakeDriver::Create(o);
  sim::RunResult r = RunSim([&] { (void)OpenConns(*d, 1)[0]->Close(); });
  EXPECT_TRUE(r.failed());
  EXPECT_EQ(r.failure.Name(), "deadlock");
}

}  // namespace
}  // namespace model::fakedb
