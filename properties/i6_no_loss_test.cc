// Shows I6 (no loss) failing and passing, on the shipped pool. The first half (no healthy
// conn discarded) fails on the real async-reset pool (golang/go#31480) and holds on sync-reset.
// The second half (no caller gets ErrBadConn unless enough conns really failed during its
// operation) is judged on hand-made histories: a ClientLog with one Exec that returned
// ErrBadConn and a CallLog with n driver failures during it, checked by the I6 checker at
// the end of a run (the program-level test trips the first half first); and, on the real
// fixed pool, by a program whose callers get ErrBadConn only from expired conns the pool
// closed itself, which is no excuse (a real bug of both versions, scenarios/FINDINGS.md).
#include <memory>

#include "gtest/gtest.h"
#include "model/driver/driver.h"
#include "model/fakedb/call_log.h"
#include "properties/i6_no_loss.h"
#include "properties/testing/expect.h"
#include "properties/testing/invariant_programs.h"
#include "sim/run.h"
#include "sim/testing/test_strategies.h"

namespace properties {
namespace {

using model::fakedb::CallKind;

sim::Instant Ms(int64_t ms) { return sim::Instant::Epoch().Add(sim::Duration::Milliseconds(ms)); }

// A driver history with `failures` Execs on distinct conns returning ErrBadConn within
// 1..3ms, and one more failing at 10ms, after the client op ended.
model::fakedb::CallLog History(int failures) {
  model::fakedb::CallLog log;
  for (int i = 0; i <= failures; ++i) {
    model::fakedb::DriverCall open;
    open.kind = CallKind::kOpen;
    const uint64_t open_seq = log.StartCall(open);
    log.FinishCall(open_seq, absl::OkStatus(), Ms(0));
    const model::fakedb::ConnId conn = log.AddConn(open_seq, Ms(0));
    model::fakedb::DriverCall exec;
    exec.kind = CallKind::kExec;
    exec.conn = conn;
    exec.start = i < failures ? Ms(1 + i) : Ms(10);
    const uint64_t seq = log.StartCall(exec);
    log.FinishCall(seq, model::driver::ErrBadConn(), exec.start);
  }
  return log;
}

// Runs I6's end-of-run check (and its call-end hook for each logged call) on `log` and a
// ClientLog where client 0's `label` op ran 0..5ms and returned ErrBadConn.
sim::RunResult Judge(const model::fakedb::CallLog& log, const std::string& label) {
  ClientLog clients;
  ClientOp op;
  op.label = label;
  op.started = Ms(0);
  const size_t index = clients.Start(op);
  clients.Finish(index, model::driver::ErrBadConn(), Ms(5));
  I6NoLoss checker;
  const Observation obs(nullptr, log, clients);
  sim::RunHooks hooks;
  hooks.at_end = [&] {
    for (const auto& call : log.entries()) checker.OnDriverCallEnd(call, obs);
    checker.AtEnd(obs, EndState{});
  };
  sim::testing::CooperativeStrategy strategy;
  return sim::RunProgram(strategy, 0, {}, [] {}, hooks);
}

// I6 on the real async-reset pool: with resetterCh of capacity 1, three clients returning
// conns at once overflow it, and putConn marks a healthy conn bad (golang/go#31480); the
// next conn() closes it. The same workload passes on sync-reset, and on async-reset with Go's
// capacity of 50.
TEST(I6NoLoss, CatchesHealthyConnDiscardedOnAsyncReset) {
  using model::sql::PoolVersion;
  const auto sweep = testing::ExpectCaught(testing::Busy(PoolVersion::kAsyncReset, 1, 3, 3),
                                           InvariantId::kI6, 10);
  ASSERT_TRUE(sweep.first_failure.has_value());
  EXPECT_NE(sweep.first_failure->result.message.find("healthy driver conn"), std::string::npos)
      << sweep.first_failure->result.message;
  testing::ExpectClean(testing::Busy(PoolVersion::kSyncReset, 1, 3, 3));
  testing::ExpectClean(testing::Busy(PoolVersion::kAsyncReset, 50, 3, 3));
}

// I6 (b) on the real fixed pool: conn() closes an expired conn handed to a waiter and
// answers ErrBadConn whatever the retry strategy, so at maxOpen 1 with a 1ms lifetime a
// Query's three attempts, the last (alwaysNewConn) included, can all get expired conns
// and the caller sees ErrBadConn for conns the pool retired itself. Later Go checks
// expiry there only for cachedOrNewConn. The close of an expired conn is no excuse.
TEST(I6NoLoss, CatchesErrBadConnForExpiredConnsOnTheFixedPool) {
  const auto sweep = testing::ExpectCaught(
      testing::ExpiredHandoffs(model::sql::PoolVersion::kSyncReset), InvariantId::kI6, 5);
  ASSERT_TRUE(sweep.first_failure.has_value());
  EXPECT_NE(sweep.first_failure->result.message.find("got ErrBadConn, but only 0 conn"),
            std::string::npos)
      << sweep.first_failure->result.message;
}

// The same workload on Go 1.19.8 (go1.19), strict: its conn() checks a handed-over conn's
// expiry only for cachedOrNewConn (expiry_checked_only_when_cached), so the last retry
// uses the conn and no caller sees ErrBadConn; I6 passes every run of the sweep.
TEST(I6NoLoss, Go119GivesNoErrBadConnForExpiredConns) {
  testing::ExpectClean(testing::ExpiredHandoffs(model::sql::PoolVersion::kGo119));
}

// An Exec (retried by Go on fresh conns) may give up only after 3 failures during it; the
// failure at 10ms, after it ended, does not count.
TEST(I6NoLoss, BadConnToCallerAfterExecNeedsThreeFailures) {
  for (int failures = 0; failures <= 3; ++failures) {
    SCOPED_TRACE(failures);
    const sim::RunResult r = Judge(History(failures), "Exec NOOP");
    if (failures < 3) {
      EXPECT_EQ(r.failure.Name(), "I6") << r.message;
      EXPECT_NE(r.message.find("got ErrBadConn"), std::string::npos) << r.message;
    } else {
      EXPECT_FALSE(r.failed()) << r.message;
    }
  }
}

// A Tx statement returns the driver's ErrBadConn as it is: one failure suffices, none
// does not.
TEST(I6NoLoss, BadConnToCallerInTxNeedsOneFailure) {
  EXPECT_EQ(Judge(History(0), "Tx{Exec NOOP; Commit}").failure.Name(), "I6");
  EXPECT_FALSE(Judge(History(1), "Tx{Exec NOOP; Commit}").failed());
  EXPECT_EQ(RequiredFailuresForBadConn("Ping"), 1);
  EXPECT_EQ(RequiredFailuresForBadConn("Prepare NOOP repeat=2"), 3);
}

// maxOpen 1, lifetime 5ms, every call 1ms: client 0 holds the only conn in a Conn for 8ms,
// client 1's Exec waits for it from 1ms (its conn() reads the 5ms lifetime before it
// waits), and client 2 turns the lifetime off at 2ms. The conn handed to client 1 at about
// 9ms is expired by the lifetime conn() read, so Go closes it and retries on a new conn.
scenarios::Workload LifetimeTurnedOffWhileWaiting() {
  namespace ops = scenarios::ops;
  scenarios::Workload w;
  w.pool.version = model::sql::PoolVersion::kSyncReset;
  w.pool.max_open = 1;
  w.pool.max_lifetime = sim::Duration::Milliseconds(5);
  w.driver.call_latency = sim::Duration::Milliseconds(1);
  w.clients.resize(3);
  w.clients[0].ops = {ops::Hold(ops::Conn({ops::Exec()}), sim::Duration::Milliseconds(8))};
  w.clients[1].start_delay = sim::Duration::Milliseconds(1);
  w.clients[1].ops = {ops::Exec()};
  w.clients[2].start_delay = sim::Duration::Milliseconds(5);
  w.clients[2].ops = {ops::SetConnMaxLifetime(sim::Duration::Zero())};
  w.main_wait_limit = sim::Duration::Seconds(10);
  return w;
}

// I6 (a) judges a close by a client's conn() by any lifetime in force since the client's
// op began, not only the current one: the close above is policy (the lifetime client 1's
// conn() read), though the lifetime is off by then. Judged by the current lifetime, every run of the sweep failed (a) at that close;
// this was the I6 the fuzzer's harness crash hid (scenarios/FINDINGS.md).
TEST(I6NoLoss, AcceptsAnExpiryByTheLifetimeAWaiterReadBeforeItWasTurnedOff) {
  const explore::SweepSummary sweep = testing::SweepOf(explore::WorkloadTarget(
      LifetimeTurnedOffWhileWaiting(), InvariantSet::Only(InvariantId::kI6), {}));
  EXPECT_TRUE(sweep.failures.empty()) << sweep.Summary();
  EXPECT_GT(sweep.runs, 0u);
}

// A sweep of `target` under random and PCT schedules that also advance the clock to the
// next timer while goroutines can run (time as an adversary), 2,000 runs each.
explore::SweepSummary SweepWithClockAdvances(const explore::Target& target) {
  return testing::SweepUnder(target, {"random:advance=0.1", "pct:depth=2,advance=0.1"}, 2000);
}

// maxOpen 1, no latency, every Open after the first fails with ErrBadConn, and the first
// Exec too. Client 0 holds conn 1 in a Conn for 3ms, then its Exec fails and the Conn
// discards the conn; client 1's Exec has waited for a conn since 0 under a 4ms timeout,
// so connectionOpener opens for it at 3ms, and fails. Client 2 starts its Exec at 4ms.
scenarios::Workload OpenerFailsForLateWaiter() {
  namespace ops = scenarios::ops;
  using model::fakedb::FaultRule;
  scenarios::Workload w;
  w.pool.version = model::sql::PoolVersion::kSyncReset;
  w.pool.max_open = 1;
  w.driver.faults.Add(FaultRule::FromNth(CallKind::kOpen, 2));
  w.driver.faults.Add(FaultRule::Nth(CallKind::kExec, 1));
  w.clients.resize(3);
  w.clients[0].ops = {ops::Conn({ops::Sleep(sim::Duration::Milliseconds(3)), ops::Exec()})};
  w.clients[1].ops = {ops::WithTimeout(ops::Exec(), sim::Duration::Milliseconds(4))};
  w.clients[2].start_delay = sim::Duration::Milliseconds(4);
  w.clients[2].ops = {ops::Exec()};
  return w;
}

// I6 (b) counts connectionOpener's failed open as lasting until the opener has handed it
// to a waiter under db.mu. With a clock advance between the driver's return and that
// hand-over, the waiter served can be one whose op began after the driver returned
// (client 2 above); its ErrBadConn then follows three real failures. Counted only to the
// driver's return (the old rule), the sweep failed I6 in 6 of its 4,000 runs; the fuzzer's
// ten-minute run found it twice (scenarios/FINDINGS.md).
TEST(I6NoLoss, CountsAnOpenersFailureUntilItIsHandedToAWaiter) {
  const explore::SweepSummary sweep = SweepWithClockAdvances(explore::WorkloadTarget(
      OpenerFailsForLateWaiter(), InvariantSet::Only(InvariantId::kI6), {}));
  EXPECT_TRUE(sweep.failures.empty()) << sweep.Summary();
  EXPECT_EQ(sweep.runs, 4000u);
}

// One conn, put back at 0 and never used again; the connectionCleaner's first tick comes
// at 1s (Go's minimum interval), when it finds the conn past a 2ms limit (maxLifetime,
// or maxIdleTime with `idle`) and closes it after unlocking db.mu. The client turns that
// limit off at 1.001s: a clock advance can bring that between the cleaner's decision and
// its Close.
scenarios::Workload LimitTurnedOffUnderTheCleaner(bool idle) {
  namespace ops = scenarios::ops;
  const sim::Duration limit = sim::Duration::Milliseconds(2);
  scenarios::Workload w;
  w.pool.version = model::sql::PoolVersion::kSyncReset;
  // Both limits set: in 971f8a2 the cleaner stops if either is zero (shortestIdleTimeLocked).
  w.pool.max_lifetime = idle ? sim::Duration::Seconds(3600) : limit;
  w.pool.max_idle_time = idle ? limit : sim::Duration::Seconds(3600);
  w.clients.resize(1);
  w.clients[0].ops = {ops::Exec(),
                      ops::Sleep(sim::Duration::Seconds(1) + sim::Duration::Milliseconds(1)),
                      idle ? ops::SetConnMaxIdleTime(sim::Duration::Zero())
                           : ops::SetConnMaxLifetime(sim::Duration::Zero())};
  return w;
}

// I6 (a) judges the connectionCleaner's close by any limit in force since the conn was
// put back, when the cleaner may have read it, not only by the limit at the Close: the
// close above is policy though the limit is off by then. Judged by the limit at the
// Close only (the old rule for the cleaner), the sweep failed I6 in 614 of its 4,000 runs
// for each limit; the fuzzer's ten-minute run found the lifetime case once, after a clock
// advance (scenarios/FINDINGS.md).
TEST(I6NoLoss, AcceptsTheCleanersCloseByALimitTurnedOffBeforeItsClose) {
  for (bool idle : {false, true}) {
    SCOPED_TRACE(idle ? "maxIdleTime" : "maxLifetime");
    const explore::SweepSummary sweep = SweepWithClockAdvances(explore::WorkloadTarget(
        LimitTurnedOffUnderTheCleaner(idle), InvariantSet::Only(InvariantId::kI6), {}));
    EXPECT_TRUE(sweep.failures.empty()) << sweep.Summary();
    EXPECT_EQ(sweep.runs, 4000u);
  }
}

}  // namespace
}  // namespace properties
