// Tests of transactions on both versions: Commit and Rollback end a Tx once and give its
// conn back; a cancelled context makes awaitDone roll back and discard the conn; rows and
// statements of a Tx run on its conn and are closed with it. Checked against the fake
// driver's call log (which calls, on which conn) and the pool's Inspect() view.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/sql/db.h"
#include "model/sql/errors.h"
#include "model/sql/testing/pool.h"
#include "model/sql/result.h"
#include "model/sql/rows.h"
#include "model/sql/stmt.h"
#include "model/sql/tx.h"

namespace model::sql {
namespace {

using testing::Bg;
using testing::FakePool;
using testing::OpenFakePool;

class Transactions : public ::testing::TestWithParam<PoolVersion> {};

INSTANTIATE_TEST_SUITE_P(EveryVersion, Transactions, testing::EveryVersion(), testing::VersionName);

// The kinds of the driver's calls, in order, skipping Open, ResetSession, ValidConnection
// and Close (pool housekeeping), as "Begin@1 Exec@1 Commit@1" (kind@conn).
std::string TxCalls(const fakedb::CallLog& log) {
  std::string out;
  for (const fakedb::DriverCall& c : log.entries()) {
    if (c.kind == fakedb::CallKind::kOpen || c.kind == fakedb::CallKind::kResetSession ||
        c.kind == fakedb::CallKind::kValidConnection || c.kind == fakedb::CallKind::kClose) {
      continue;
    }
    absl::StrAppend(&out, out.empty() ? "" : " ", std::string(fakedb::CallKindName(c.kind)), "@",
                    c.conn);
  }
  return out;
}

TEST_P(Transactions, CommitEndsTheTxOnceAndReturnsItsConn) {
  // Shows a Tx's statements and its Commit run on its one conn, the write is visible
  // after, a second Commit (and any later use) fails with ErrTxDone, and the conn is idle.
  absl::Status second_commit, exec_after;
  std::string calls;
  size_t table_rows = 0;
  PoolView view;
  sim::RunResult r = testing::RunSeeded(11, [&] {
    FakePool p = OpenFakePool(GetParam());
    auto tx = *p.db->BeginTx(Bg());
    EXPECT_TRUE(tx->ExecContext(Bg(), "INSERT|1|ann").ok());
    EXPECT_TRUE(tx->Commit().ok());
    second_commit = tx->Commit();
    exec_after = tx->ExecContext(Bg(), "NOOP").status();
    testing::LetOthersRun();  // awaitDone sees the cancelled context and finds the Tx done
    view = p.db->Inspect();
    calls = TxCalls(p.driver->log());
    table_rows = p.driver->table().size();
    EXPECT_TRUE(p.db->Close().ok());
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_EQ(calls, "Begin@1 Exec@1 Commit@1");
  EXPECT_EQ(table_rows, 1u);
  EXPECT_TRUE(IsError(second_commit, ErrTxDone())) << second_commit;
  EXPECT_TRUE(IsError(exec_after, ErrTxDone())) << exec_after;
  EXPECT_EQ(view.free_conn.size(), 1u);
}

TEST_P(Transactions, CancelledContextRollsBackAndDiscardsTheConn) {
  // Shows awaitDone: cancelling the BeginTx context makes the pool roll the Tx back in the
  // driver and discard its conn (closed although the driver never failed it, as Go does;
  // a version with keeps_conn_on_rollback keeps this driver's resettable conn instead);
  // Commit afterwards finds the Tx done (ErrTxDone, as Go's Commit checks done first once
  // the context is done).
  absl::Status commit;
  std::string calls;
  fakedb::DriverCounts counts;
  sim::RunResult r = testing::RunSeeded(12, [&] {
    FakePool p = OpenFakePool(GetParam());
    auto [ctx, cancel] = sim::WithCancel(Bg());
    auto tx = *p.db->BeginTx(ctx);
    EXPECT_TRUE(tx->ExecContext(Bg(), "INSERT|2|bo").ok());
    cancel();
    testing::LetOthersRun();
    commit = tx->Commit();
    calls = TxCalls(p.driver->log());
    counts = p.driver->log().counts();
    EXPECT_TRUE(p.db->Close().ok());
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_EQ(calls, "Begin@1 Exec@1 Rollback@1");
  EXPECT_TRUE(IsError(commit, ErrTxDone())) << commit;
  EXPECT_EQ(counts.conns_closed, FeaturesOf(GetParam()).keeps_conn_on_rollback ? 0u : 1u);
}

TEST_P(Transactions, RowsAndStatementsOfATxUseItsConnAndCloseWithIt) {
  // Shows a Tx's Query reads through its conn while another conn is busy elsewhere, a
  // statement prepared on the Tx runs there too, and Rollback closes that statement in the
  // driver before the conn goes back.
  std::vector<int64_t> ids;
  std::string calls;
  sim::RunResult r = testing::RunSeeded(13, [&] {
    FakePool p = OpenFakePool(GetParam());
    EXPECT_TRUE(p.db->ExecContext(Bg(), "INSERT|5|cy").ok());
    auto tx = *p.db->BeginTx(Bg());
    auto rows = *tx->QueryContext(Bg(), "SELECT");
    while (rows->Next()) {
      int64_t id = 0;
      driver::Value name;
      EXPECT_TRUE(rows->Scan(&id, &name).ok());
      ids.push_back(id);
    }
    EXPECT_TRUE(rows->Close().ok());
    auto stmt = *tx->PrepareContext(Bg(), "INSERT|?|?");
    EXPECT_TRUE(stmt->ExecContext(Bg(), {int64_t{6}, "di"}).ok());
    EXPECT_TRUE(tx->Rollback().ok());
    EXPECT_TRUE(IsError(stmt->ExecContext(Bg(), {int64_t{7}, "ed"}).status(), ErrStmtClosed()));
    calls = TxCalls(p.driver->log());
    EXPECT_TRUE(p.db->Close().ok());
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_EQ(ids, std::vector<int64_t>{5});
  EXPECT_EQ(calls,
            "Exec@1 Begin@1 Query@1 Rows.Next@1 Rows.Next@1 Rows.Close@1 Prepare@1 Stmt.Exec@1 "
            "Rollback@1 Stmt.Close@1");
}

TEST_P(Transactions, StmtContextReusesTheParentsStatementOnTheTxConn) {
  // Shows Tx.StmtContext: a DB statement already prepared on the Tx's conn is reused (one
  // Prepare in the driver), the Tx copy runs in the Tx, and closing the parent after the
  // Tx ends closes the driver statement exactly once.
  size_t prepares = 0, stmt_closes = 0;
  sim::RunResult r = testing::RunSeeded(14, [&] {
    FakePool p = OpenFakePool(GetParam());
    auto stmt = *p.db->PrepareContext(Bg(), "INSERT|?|?");
    auto tx = *p.db->BeginTx(Bg());
    auto txs = tx->StmtContext(Bg(), stmt);
    EXPECT_TRUE(txs->ExecContext(Bg(), {int64_t{8}, "fay"}).ok());
    EXPECT_TRUE(tx->Commit().ok());
    EXPECT_TRUE(stmt->Close().ok());
    for (const fakedb::DriverCall& c : p.driver->log().entries()) {
      prepares += c.kind == fakedb::CallKind::kPrepare;
      stmt_closes += c.kind == fakedb::CallKind::kStmtClose;
    }
    EXPECT_TRUE(p.db->Close().ok());
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_EQ(prepares, 1u);
  EXPECT_EQ(stmt_closes, 1u);
}

}  // namespace
}  // namespace model::sql
