// Shows the second half of I6 (no caller gets ErrBadConn unless enough conns really
// failed during its operation) failing and passing on hand-made histories: a ClientLog
// with one Exec that returned ErrBadConn and a CallLog with n driver failures during it,
// judged by the I6 checker at the end of a run. (The program-level I6 test, on
// async-reset, trips the first half first.)
#include <memory>

#include "gtest/gtest.h"
#include "model/driver/driver.h"
#include "model/fakedb/call_log.h"
#include "properties/i6_no_loss.h"
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

// An Exec (retried by Go on fresh conns) may give up only after 3 failures during it; the
// failure at 10ms, after it ended, does not count.
TEST(BadConnToCaller, ExecNeedsThreeFailures) {
  for (int failures = 0; failures <= 3; ++failures) {
    SCOPED_TRACE(failures);
    const sim::RunResult r = Judge(History(failures), "Exec NOOP");
    if (failures < 3) {
      EXPECT_EQ(r.failure_id, "I6") << r.message;
      EXPECT_NE(r.message.find("got ErrBadConn"), std::string::npos) << r.message;
    } else {
      EXPECT_FALSE(r.failed) << r.message;
    }
  }
}

// A Tx statement returns the driver's ErrBadConn as it is: one failure suffices, none
// does not.
TEST(BadConnToCaller, TxNeedsOneFailure) {
  EXPECT_EQ(Judge(History(0), "Tx{Exec NOOP; Commit}").failure_id, "I6");
  EXPECT_FALSE(Judge(History(1), "Tx{Exec NOOP; Commit}").failed);
  EXPECT_EQ(RequiredFailuresForBadConn("Ping"), 1);
  EXPECT_EQ(RequiredFailuresForBadConn("Prepare NOOP repeat=2"), 3);
}

}  // namespace
}  // namespace properties
