// Tests of the workload interpreter: each op kind makes the database/sql calls it names
// (seen in the fake driver's call log), each top-level op is logged once with its first
// error, contexts time out and are cancelled on the virtual clock, and main closes the DB.
#include <memory>

#include "gtest/gtest.h"
#include "model/fakedb/fake_driver.h"
#include "model/sql/errors.h"
#include "scenarios/ops.h"
#include "scenarios/workload_run.h"
#include "sim/strategy_registry.h"

namespace scenarios {
namespace {

using model::fakedb::CallKind;
using sim::Duration;

struct Interpreted {
  sim::RunResult result;
  std::shared_ptr<model::fakedb::FakeDriver> driver;
  properties::ClientLog log;
};

// Runs `w` once under a seeded random strategy, without invariant checkers.
std::unique_ptr<Interpreted> Interpret(const Workload& w, uint64_t seed = 1) {
  auto out = std::make_unique<Interpreted>();
  out->driver = model::fakedb::FakeDriver::Create(w.driver);
  WorkloadEnv env;
  env.driver = out->driver;
  env.log = &out->log;
  std::unique_ptr<sim::Strategy> strategy = *sim::MakeStrategy("random");
  out->result = sim::RunProgram(*strategy, seed, sim::RunOptions{}, WorkloadMain(w, env));
  return out;
}

size_t Calls(const Interpreted& run, CallKind kind) {
  size_t n = 0;
  for (const auto& call : run.driver->log().entries()) n += call.kind == kind ? 1 : 0;
  return n;
}

Workload OneClient(std::vector<Op> client_ops) {
  Workload w;
  w.pool.max_open = 2;
  Client c;
  c.ops = std::move(client_ops);
  w.clients = {c};
  return w;
}

TEST(Interpreter, LogsEachTopLevelOpOnceWithItsLabel) {
  // Shows every top-level op of every client is logged once, in order per client, with
  // its Show() label, completed and OK, and that a start delay holds the client back.
  Workload w = OneClient({ops::Exec(), ops::Query("COUNT")});
  Client late;
  late.start_delay = Duration::Milliseconds(3);
  late.ops = {ops::Ping()};
  w.clients.push_back(late);
  auto run = Interpret(w);
  ASSERT_FALSE(run->result.failed()) << run->result.message;
  ASSERT_EQ(run->log.ops().size(), 3u);
  for (const properties::ClientOp& op : run->log.ops()) {
    EXPECT_TRUE(op.done) << op.label;
    EXPECT_TRUE(op.status.ok()) << op.label << ": " << op.status;
    EXPECT_EQ(op.label, w.clients[op.client].ops[op.op_index].Show());
    if (op.client == 1) {
      EXPECT_GE(op.started, sim::Instant::Epoch().Add(Duration::Milliseconds(3)));
    }
  }
}

TEST(Interpreter, StatementOpsMakeTheirDriverCalls) {
  // Shows Exec, Query (Next until EOF, then Close), QueryRow and Prepare with repeat=3
  // reach the driver as the calls database/sql makes for them, by counting call kinds.
  auto run = Interpret(OneClient({ops::Exec(), ops::Query("COUNT"), ops::QueryRow("COUNT"),
                                  ops::Prepare("NOOP", 3)}));
  ASSERT_FALSE(run->result.failed()) << run->result.message;
  EXPECT_EQ(Calls(*run, CallKind::kExec), 1u);
  EXPECT_EQ(Calls(*run, CallKind::kQuery), 2u);     // Query and QueryRow
  EXPECT_EQ(Calls(*run, CallKind::kRowsClose), 2u);
  EXPECT_GE(Calls(*run, CallKind::kRowsNext), 3u);  // Query: row + EOF; QueryRow: row
  EXPECT_EQ(Calls(*run, CallKind::kPrepare), 1u);
  EXPECT_EQ(Calls(*run, CallKind::kStmtExec), 3u);
  EXPECT_EQ(Calls(*run, CallKind::kStmtClose), 1u);
}

TEST(Interpreter, TxCommitsOrRollsBackAndConnKeepsOneDriverConn) {
  // Shows a Tx op begins, runs its statements and commits (or rolls back when asked), and
  // that every call of a Conn op lands on one driver conn.
  auto committed = Interpret(OneClient({ops::Tx({ops::Exec(), ops::Query("COUNT")})}));
  EXPECT_EQ(Calls(*committed, CallKind::kBegin), 1u);
  EXPECT_EQ(Calls(*committed, CallKind::kCommit), 1u);
  EXPECT_EQ(Calls(*committed, CallKind::kRollback), 0u);
  auto rolled_back = Interpret(OneClient({ops::Tx({ops::Exec()}, /*rollback=*/true)}));
  EXPECT_EQ(Calls(*rolled_back, CallKind::kCommit), 0u);
  EXPECT_EQ(Calls(*rolled_back, CallKind::kRollback), 1u);

  auto conn = Interpret(OneClient({ops::Conn({ops::Exec(), ops::Ping(), ops::Exec(),
                                              ops::Tx({ops::Exec()})})}));
  ASSERT_FALSE(conn->result.failed()) << conn->result.message;
  std::set<model::fakedb::ConnId> used;
  for (const auto& call : conn->driver->log().entries()) {
    if (call.kind == CallKind::kExec || call.kind == CallKind::kBegin) used.insert(call.conn);
  }
  EXPECT_EQ(used.size(), 1u);
  EXPECT_EQ(Calls(*conn, CallKind::kExec), 3u);
}

TEST(Interpreter, TimeoutAndCancelEndABlockedCallOnTheVirtualClock) {
  // Shows an op's own context: with a driver whose Exec blocks until its context is done,
  // timeout=5ms ends the op with DeadlineExceeded after exactly 5ms of virtual time and
  // cancel_after=3ms ends it with Canceled after exactly 3ms.
  Workload w = OneClient({ops::WithTimeout(ops::Exec(), Duration::Milliseconds(5)),
                          ops::CancelAfter(ops::Exec(), Duration::Milliseconds(3))});
  w.driver.faults.Add(model::fakedb::FaultRule::Always(CallKind::kExec)
                          .Returns(model::fakedb::FaultAction::kBlockUntilDone));
  auto run = Interpret(w);
  ASSERT_FALSE(run->result.failed()) << run->result.message;
  ASSERT_EQ(run->log.ops().size(), 2u);
  const properties::ClientOp& timed_out = run->log.ops()[0];
  const properties::ClientOp& cancelled = run->log.ops()[1];
  EXPECT_EQ(timed_out.status.code(), absl::StatusCode::kDeadlineExceeded) << timed_out.status;
  EXPECT_EQ(timed_out.finished.Sub(timed_out.started), Duration::Milliseconds(5));
  EXPECT_EQ(cancelled.status.code(), absl::StatusCode::kCancelled) << cancelled.status;
  EXPECT_EQ(cancelled.finished.Sub(cancelled.started), Duration::Milliseconds(3));
}

TEST(Interpreter, AnOpTheReceiverLacksIsThatOpsError) {
  // Shows a Ping nested in a Tx (Tx has no Ping) fails that op with InvalidArgument, and
  // the tx is rolled back rather than left open.
  auto run = Interpret(OneClient({ops::Tx({ops::Exec(), ops::Ping()})}));
  ASSERT_FALSE(run->result.failed()) << run->result.message;
  ASSERT_EQ(run->log.ops().size(), 1u);
  EXPECT_EQ(run->log.ops()[0].status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Calls(*run, CallKind::kRollback), 1u);
  EXPECT_EQ(Calls(*run, CallKind::kCommit), 0u);
}

TEST(Interpreter, MainClosesTheDbUnlessToldNot) {
  // Shows close_db_at_end: with it every driver conn is closed when the run ends; without
  // it the idle conns stay open; and a client op after a client's CloseDB gets the
  // "database is closed" error.
  Workload w = OneClient({ops::Exec(), ops::Exec()});
  w.clients.push_back(w.clients[0]);
  auto closed = Interpret(w);
  const auto& counts = closed->driver->log().counts();
  EXPECT_GT(counts.conns_opened, 0u);
  EXPECT_EQ(counts.live_conns(), 0u);

  w.close_db_at_end = false;
  auto open = Interpret(w);
  EXPECT_GT(open->driver->log().counts().live_conns(), 0u);

  auto after_close = Interpret(OneClient({ops::CloseDB(), ops::Exec()}));
  ASSERT_EQ(after_close->log.ops().size(), 2u);
  EXPECT_TRUE(after_close->log.ops()[0].status.ok());
  EXPECT_TRUE(model::sql::IsError(after_close->log.ops()[1].status, model::sql::ErrDBClosed()))
      << after_close->log.ops()[1].status;
}

}  // namespace
}  // namespace scenarios

namespace scenarios {
namespace {

// The seq of the first call of `kind` after seq `after` (0 if none).
uint64_t FirstCallAfter(const Interpreted& run, CallKind kind, uint64_t after) {
  for (const auto& call : run.driver->log().entries()) {
    if (call.kind == kind && call.seq > after) return call.seq;
  }
  return 0;
}

TEST(Interpreter, RowsAndStmtsLeftOpenAreUsedAfterTheTxEnds) {
  // Shows a Query and a Prepare left open in a Tx outlive the op: the Commit goes ahead
  // with them open (database/sql closes the rows as it cancels the tx), the statement is
  // closed at the driver after the Commit, its use after the end never reaches the driver
  // (no Stmt.Exec after Commit), and the op reports the error of a use after the end.
  auto run = Interpret(OneClient({ops::Tx({ops::LeftOpen(ops::Query("SELECT", 0)),
                                           ops::LeftOpen(ops::Prepare("NOOP", 1))})}));
  ASSERT_FALSE(run->result.failed()) << run->result.message;
  const uint64_t commit = FirstCallAfter(*run, CallKind::kCommit, 0);
  ASSERT_NE(commit, 0u);
  EXPECT_EQ(Calls(*run, CallKind::kRowsClose), 1u);
  EXPECT_NE(FirstCallAfter(*run, CallKind::kStmtClose, commit), 0u);
  EXPECT_EQ(FirstCallAfter(*run, CallKind::kStmtExec, commit), 0u);
  ASSERT_EQ(run->log.ops().size(), 1u);
  EXPECT_FALSE(run->log.ops()[0].status.ok());
}

TEST(Interpreter, TxStmtRawAndLifetimeSettingsMakeTheirCalls) {
  // Shows TxStmt prepares on the DB (a second conn: the tx holds the first) and runs the
  // statement through the tx, which re-prepares it on the tx's conn (two Prepares), then
  // on the DB once (three Stmt.Execs in all); Conn.Raw and SetConnMaxLifetime/IdleTime
  // mid-run complete without error.
  auto run = Interpret(OneClient(
      {ops::Tx({ops::TxStmt("NOOP", 2)}), ops::Conn({ops::Raw(Duration::Milliseconds(1))}),
       ops::SetConnMaxLifetime(Duration::Milliseconds(1)),
       ops::SetConnMaxIdleTime(Duration::Milliseconds(1)), ops::Sleep(Duration::Seconds(3))}));
  ASSERT_FALSE(run->result.failed()) << run->result.message;
  for (const properties::ClientOp& op : run->log.ops()) {
    EXPECT_TRUE(op.status.ok()) << op.label << ": " << op.status;
  }
  EXPECT_EQ(Calls(*run, CallKind::kPrepare), 2u);
  EXPECT_EQ(Calls(*run, CallKind::kStmtExec), 3u);  // 2 through the tx, 1 on the DB
  EXPECT_EQ(Calls(*run, CallKind::kCommit), 1u);
  EXPECT_EQ(run->log.ops().size(), 5u);
}

TEST(Interpreter, NewOpsAreRejectedWhereTheyCannotRun) {
  // Shows ValidateWorkload names Raw and TxStmt at top level, TxStmt in a Conn and Raw in
  // a Tx as not allowed, and accepts them where they run.
  EXPECT_FALSE(ValidateWorkload(OneClient({ops::Raw()})).ok());
  EXPECT_FALSE(ValidateWorkload(OneClient({ops::TxStmt()})).ok());
  EXPECT_FALSE(ValidateWorkload(OneClient({ops::Conn({ops::TxStmt()})})).ok());
  EXPECT_FALSE(ValidateWorkload(OneClient({ops::Tx({ops::Raw()})})).ok());
  EXPECT_TRUE(ValidateWorkload(OneClient({ops::Conn({ops::Raw(), ops::Tx({ops::TxStmt()})})})).ok());
}

}  // namespace
}  // namespace scenarios
