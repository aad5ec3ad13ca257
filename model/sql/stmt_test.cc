// Tests of prepared statements on every version: a DB statement follows the pool,
// preparing itself again on whichever conn a use gets and closing every copy when it is
// closed; a Conn's statement stays on the Conn's conn; argument counts are checked; and
// Go's Stmt.Close of a Tx's (or Conn's) statement closes the driver statement at once,
// even while rows of its Query are open, where a DB statement waits for its rows.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/sql/conn.h"
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

class Statements : public ::testing::TestWithParam<PoolVersion> {};

INSTANTIATE_TEST_SUITE_P(EveryVersion, Statements, testing::EveryVersion(), testing::VersionName);

// "Prepare@1" etc. for the calls of `kind` in the driver log, with their conn.
std::vector<std::string> CallsOf(const fakedb::CallLog& log, fakedb::CallKind kind) {
  std::vector<std::string> out;
  for (const fakedb::DriverCall& c : log.entries()) {
    if (c.kind == kind) out.push_back(absl::StrCat(std::string(fakedb::CallKindName(kind)), "@", c.conn));
  }
  return out;
}

TEST_P(Statements, DBStatementPreparesAgainOnAnotherConnAndClosesEveryCopy) {
  // Shows connStmt: the statement is prepared on conn 1; while a Conn holds conn 1, an
  // Exec of the statement gets conn 2 and prepares there; Stmt.Close closes the copy on
  // idle conn 2 at once and the one on conn 1 when the Conn gives conn 1 back (onPut).
  std::vector<std::string> prepares, closes_while_held, closes_after;
  sim::RunResult r = testing::RunSeeded(21, [&] {
    FakePool p = OpenFakePool(GetParam());
    auto stmt = *p.db->PrepareContext(Bg(), "INSERT|?|?");
    auto held = *p.db->Conn(Bg());  // takes conn 1 from the free list
    EXPECT_TRUE(stmt->ExecContext(Bg(), {int64_t{1}, "gus"}).ok());
    EXPECT_TRUE(stmt->Close().ok());
    closes_while_held = CallsOf(p.driver->log(), fakedb::CallKind::kStmtClose);
    EXPECT_TRUE(held->Close().ok());
    prepares = CallsOf(p.driver->log(), fakedb::CallKind::kPrepare);
    closes_after = CallsOf(p.driver->log(), fakedb::CallKind::kStmtClose);
    EXPECT_TRUE(p.db->Close().ok());
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_EQ(prepares, (std::vector<std::string>{"Prepare@1", "Prepare@2"}));
  EXPECT_EQ(closes_while_held, (std::vector<std::string>{"Stmt.Close@2"}));
  EXPECT_EQ(closes_after, (std::vector<std::string>{"Stmt.Close@2", "Stmt.Close@1"}));
}

TEST_P(Statements, ConnStatementStaysOnTheConnsConn) {
  // Shows a statement prepared on a Conn runs only on that Conn's driver conn, and that
  // after the Conn is closed the statement fails with ErrConnDone.
  std::vector<std::string> execs;
  absl::Status after_close;
  sim::RunResult r = testing::RunSeeded(22, [&] {
    FakePool p = OpenFakePool(GetParam());
    auto other = *p.db->Conn(Bg());  // conn 1, held elsewhere
    auto c = *p.db->Conn(Bg());      // conn 2
    auto stmt = *c->PrepareContext(Bg(), "INSERT|?|?");
    EXPECT_TRUE(stmt->ExecContext(Bg(), {int64_t{1}, "hal"}).ok());
    EXPECT_TRUE(other->Close().ok());
    EXPECT_TRUE(stmt->ExecContext(Bg(), {int64_t{2}, "ida"}).ok());
    EXPECT_TRUE(c->Close().ok());
    after_close = stmt->ExecContext(Bg(), {int64_t{3}, "jo"}).status();
    EXPECT_TRUE(stmt->Close().ok());
    execs = CallsOf(p.driver->log(), fakedb::CallKind::kStmtExec);
    EXPECT_TRUE(p.db->Close().ok());
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_EQ(execs, (std::vector<std::string>{"Stmt.Exec@2", "Stmt.Exec@2"}));
  EXPECT_TRUE(IsError(after_close, ErrConnDone())) << after_close;
}

// Rows open on `stmt` (a Stmt.Query's rows, made by `query_on`) when the user closes the
// statement, then reads and closes the rows: the open-rows count the driver saw at the
// statement's Close (-1 if the driver statement was not closed before the rows).
int OpenRowsAtStmtClose(PoolVersion version, bool on_tx) {
  int seen = -1;
  sim::RunResult r = testing::RunSeeded(23, [&] {
    FakePool p = OpenFakePool(version);
    std::shared_ptr<Tx> tx = on_tx ? *p.db->BeginTx(Bg()) : nullptr;
    auto stmt = on_tx ? *tx->PrepareContext(Bg(), "COUNT") : *p.db->PrepareContext(Bg(), "COUNT");
    auto rows = *stmt->QueryContext(Bg());
    EXPECT_TRUE(stmt->Close().ok());
    for (const fakedb::DriverCall& c : p.driver->log().entries()) {
      if (c.kind == fakedb::CallKind::kStmtClose) seen = static_cast<int>(c.stmt_open_rows);
    }
    while (rows->Next()) {
    }
    EXPECT_TRUE(rows->Close().ok());
    if (tx) EXPECT_TRUE(tx->Commit().ok());
    EXPECT_TRUE(p.db->Close().ok());
  });
  EXPECT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  return seen;
}

TEST_P(Statements, TxStatementIsClosedUnderItsOpenRowsButADBStatementWaits) {
  // Shows the driver contract Go's Tx statements break (invariant I8 reports it): a DB
  // statement's Close waits for its open rows (removeDep), so the driver sees no Stmt.Close
  // before the rows close; a Tx statement's Close calls the driver statement's Close at
  // once, with one of its rows open (driver.Stmt: "a Stmt will not be closed if it's in use
  // by any queries"). The driver's guards are on and do not object: I8 judges this (known bug
  // tx-stmt-closed-under-rows, confirmed on Go 1.19.8 by confirm/stmt_closed_under_rows).
  EXPECT_EQ(OpenRowsAtStmtClose(GetParam(), /*on_tx=*/false), -1);
  EXPECT_EQ(OpenRowsAtStmtClose(GetParam(), /*on_tx=*/true), 1);
}

TEST_P(Statements, ArgumentCountIsCheckedAgainstNumInput) {
  // Shows driverArgsConnLocked: a statement with two placeholders given one argument
  // fails with "sql: expected 2 arguments, got 1" without reaching Stmt.Exec; the query
  // form works and scans into a driver::Value.
  absl::Status err;
  size_t stmt_execs = 0;
  driver::Value name;
  sim::RunResult r = testing::RunSeeded(23, [&] {
    FakePool p = OpenFakePool(GetParam());
    auto insert = *p.db->PrepareContext(Bg(), "INSERT|?|?");
    err = insert->ExecContext(Bg(), {int64_t{1}}).status();
    EXPECT_TRUE(insert->ExecContext(Bg(), {int64_t{1}, "kim"}).ok());
    auto select = *p.db->PrepareContext(Bg(), "SELECT|?");
    int64_t id = 0;
    EXPECT_TRUE(select->QueryRowContext(Bg(), {int64_t{1}})->Scan(&id, &name).ok());
    EXPECT_TRUE(insert->Close().ok());
    EXPECT_TRUE(select->Close().ok());
    stmt_execs = CallsOf(p.driver->log(), fakedb::CallKind::kStmtExec).size();
    EXPECT_TRUE(p.db->Close().ok());
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_TRUE(IsError(err, ErrArgCount(2, 1))) << err;
  EXPECT_EQ(stmt_execs, 1u);
  EXPECT_EQ(name, driver::Value(std::string("kim")));
}

}  // namespace
}  // namespace model::sql
