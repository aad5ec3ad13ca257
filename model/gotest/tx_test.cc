// Go's tests of transactions and their statements (Begin/Commit/Rollback, Tx.Prepare,
// Tx.Stmt and how often it prepares, queries in a Tx, a bad conn at Begin), ported from
// sql_test.go. Go's checks of Stmt.closed become the error a closed Stmt returns.
#include "model/sql/tx.h"

#include <memory>

#include "gtest/gtest.h"
#include "model/gotest/run_go_test.h"
#include "model/gotest/test_db.h"
#include "model/sql/rows.h"
#include "model/sql/stmt.h"

namespace model::gotest {
namespace {

using fakedb::CallKind;
using fakedb::FaultAction;
using fakedb::FaultRule;

// Go's INSERT|t1|name=?,age=?: our INSERT|<id>|<name> with the age as id.
constexpr char kInsert[] = "INSERT|?|?";

sql::Args Person(int64_t age, const char* name) { return {age, std::string(name)}; }

std::shared_ptr<sql::Tx> Begin(GoT& t, const TestDB& db) {
  return t.Must(db->BeginTx(Background()), "Begin");
}

std::shared_ptr<sql::Stmt> Prepare(GoT& t, const TestDB& db, const std::string& query) {
  return t.Must(db->PrepareContext(Background(), query), "Prepare");
}

// The start Go's Tx.Stmt tests share: a DB with one idle conn (holding the DB's only
// connection if max_open is 1), its Prepare count so far, a DB statement, then a Tx.
struct StmtThenTx {
  TestDB db;
  uint64_t prepares0 = 0;
  std::shared_ptr<sql::Stmt> stmt;
  std::shared_ptr<sql::Tx> tx;
};

StmtThenTx PrepareThenBegin(GoT& t, int max_open = 0) {
  StmtThenTx f;
  f.db = NewTestDB(t, "");
  if (max_open > 0) f.db->SetMaxOpenConns(max_open);
  f.prepares0 = NumPrepares(t, f.db);
  f.stmt = Prepare(t, f.db, kInsert);
  f.tx = Begin(t, f.db);
  return f;
}

// Go's `if !stmt.closed { t.Fatal("Stmt not closed after Commit") }`, seen from outside.
void ExpectStmtClosed(GoT& t, sql::Stmt& stmt) {
  t.ErrorIs(stmt.ExecContext(Background(), Person(99, "late")).status(), sql::ErrStmtClosed(),
            "Exec on a statement of a committed Tx");
}

TEST(GoSqlTest, TxRollbackCommitErr) {
  // Follows TestTxRollbackCommitErr: after Rollback, Commit is ErrTxDone; after Commit,
  // Rollback is ErrTxDone.
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    std::shared_ptr<sql::Tx> tx = Begin(t, db);
    t.NoError(tx->Rollback(), "Rollback");
    t.ErrorIs(tx->Commit(), sql::ErrTxDone(), "Commit after Rollback");
    tx = Begin(t, db);
    t.NoError(tx->Commit(), "Commit");
    t.ErrorIs(tx->Rollback(), sql::ErrTxDone(), "Rollback after Commit");
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, TxPrepare) {
  // Follows TestTxPrepare: a statement prepared on a Tx runs in it, and Commit closes it.
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "");
    std::shared_ptr<sql::Tx> tx = Begin(t, db);
    std::shared_ptr<sql::Stmt> stmt = t.Must(tx->PrepareContext(Background(), kInsert), "Stmt");
    t.Must(stmt->ExecContext(Background(), Person(7, "Bobby")), "Exec");
    t.NoError(tx->Commit(), "Commit");
    ExpectStmtClosed(t, *stmt);
    t.NoError(stmt->Close(), "stmt.Close");
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, TxStmt) {
  // Follows TestTxStmt: Tx.Stmt of a DB statement runs in the Tx and is closed by Commit.
  RunGoTest([](GoT& t) {
    auto [db, prepares0, stmt, tx] = PrepareThenBegin(t);
    std::shared_ptr<sql::Stmt> txs = tx->StmtContext(Background(), stmt);
    t.Must(txs->ExecContext(Background(), Person(7, "Bobby")), "Exec");
    t.NoError(tx->Commit(), "Commit");
    ExpectStmtClosed(t, *txs);
    t.NoError(txs->Close(), "txs.Close");
    t.NoError(stmt->Close(), "stmt.Close");
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, TxStmtPreparedOnce) {
  // Follows TestTxStmtPreparedOnce: two Tx.Stmt of one DB statement, on the conn it is
  // already prepared on, reuse that preparation: one Prepare in all.
  RunGoTest([](GoT& t) {
    auto [db, prepares0, stmt, tx] = PrepareThenBegin(t);
    std::shared_ptr<sql::Stmt> txs1 = tx->StmtContext(Background(), stmt);
    std::shared_ptr<sql::Stmt> txs2 = tx->StmtContext(Background(), stmt);
    t.Must(txs1->ExecContext(Background(), Person(7, "Go")), "Exec");
    t.NoError(txs1->Close(), "txs1.Close");
    t.Must(txs2->ExecContext(Background(), Person(8, "Gopher")), "Exec");
    t.NoError(txs2->Close(), "txs2.Close");
    t.NoError(tx->Commit(), "Commit");
    t.Equal(NumPrepares(t, db) - prepares0, 1u, "Prepare statements executed");
    t.NoError(stmt->Close(), "stmt.Close");
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, TxStmtClosedRePrepares) {
  // Follows TestTxStmtClosedRePrepares: Tx.Stmt of a closed DB statement prepares again
  // (two Prepares in all) and works. (Go's stickyErr/parentStmt checks read private
  // fields; the working Exec and the Prepare count show the same.)
  RunGoTest([](GoT& t) {
    auto [db, prepares0, stmt, tx] = PrepareThenBegin(t);
    t.NoError(stmt->Close(), "stmt.Close");
    std::shared_ptr<sql::Stmt> txs = tx->StmtContext(Background(), stmt);
    t.Must(txs->ExecContext(Background(), Person(82, "Eric")), "txs.Exec");
    t.NoError(txs->Close(), "txs.Close");
    t.NoError(tx->Rollback(), "Rollback");
    t.Equal(NumPrepares(t, db) - prepares0, 2u, "Prepare statements executed");
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, ParentStmtOutlivesTxStmt) {
  // Follows TestParentStmtOutlivesTxStmt: on a one-conn pool, closing a Tx.Stmt and
  // rolling back leaves the Tx statement unusable but the DB statement working, without a
  // second Prepare.
  RunGoTest([](GoT& t) {
    auto [db, prepares0, stmt, tx] = PrepareThenBegin(t, /*max_open=*/1);
    std::shared_ptr<sql::Stmt> txs = tx->StmtContext(Background(), stmt);
    t.NoError(txs->Close(), "txs.Close");
    t.NoError(tx->Rollback(), "tx.Rollback");
    t.Check(!txs->ExecContext(Background(), Person(30, "Suzan")).ok(), "txs.Exec: want error");
    t.Must(stmt->ExecContext(Background(), Person(25, "Janina")), "stmt.Exec");
    t.Equal(NumPrepares(t, db) - prepares0, 1u, "Prepare statements executed");
    t.NoError(stmt->Close(), "stmt.Close");
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, TxStmtFromTxStmtRePrepares) {
  // Follows TestTxStmtFromTxStmtRePrepares: Tx.Stmt of a statement that already belongs to
  // the Tx prepares again (two Prepares in all), and the new one works.
  RunGoTest([](GoT& t) {
    auto [db, prepares0, stmt, tx] = PrepareThenBegin(t);
    std::shared_ptr<sql::Stmt> txs1 = tx->StmtContext(Background(), stmt);
    std::shared_ptr<sql::Stmt> txs2 = tx->StmtContext(Background(), txs1);
    t.Must(txs2->ExecContext(Background(), Person(82, "Eric")), "txs2.Exec");
    t.NoError(txs1->Close(), "txs1.Close");
    t.NoError(txs2->Close(), "txs2.Close");
    t.NoError(tx->Rollback(), "tx.Rollback");
    t.Equal(NumPrepares(t, db) - prepares0, 2u, "Prepare statements executed");
    t.NoError(stmt->Close(), "stmt.Close");
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, TxQuery) {
  // Follows TestTxQuery (issue 2784): a row inserted before the Tx is read in it.
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "");
    Exec(t, *db.db, "INSERT|1|Alice");
    std::shared_ptr<sql::Tx> tx = Begin(t, db);
    std::shared_ptr<sql::Rows> r = t.Must(tx->QueryContext(Background(), "SELECT"), "Query");
    if (!r->Next()) {
      t.NoError(r->Err(), "rows.Err");
      t.Fatal("expected one row");
    }
    int64_t id = 0;
    std::string x;
    t.NoError(r->Scan(&id, &x), "Scan");
    t.Equal(x, "Alice", "name");
    t.NoError(r->Close(), "rows.Close");
    t.NoError(tx->Rollback(), "Rollback");
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, TxQueryInvalid) {
  // Follows TestTxQueryInvalid: a query the driver cannot prepare fails in the Tx.
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "");
    std::shared_ptr<sql::Tx> tx = Begin(t, db);
    t.Check(!tx->QueryContext(Background(), "SELECT|t1|name|").ok(), "Query: error expected");
    t.NoError(tx->Rollback(), "Rollback");
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, TxErrBadConn) {
  // Follows TestTxErrBadConn (issue 4433): when Begin gets driver.ErrBadConn (Go's badConn
  // DSN; here the first Begin), the pool retries on another conn, and a Tx.Stmt of a
  // statement prepared on the bad conn is prepared again on the new one and works.
  RunGoTest([](GoT& t) {
    TestDBConfig config;
    config.driver.faults.Add(FaultRule::Nth(CallKind::kBegin, 1).Returns(FaultAction::kBadConn));
    TestDB db = NewTestDB(t, "", config);
    std::shared_ptr<sql::Stmt> stmt = Prepare(t, db, kInsert);
    std::shared_ptr<sql::Tx> tx = Begin(t, db);
    std::shared_ptr<sql::Stmt> txs = tx->StmtContext(Background(), stmt);
    t.Must(txs->ExecContext(Background(), Person(7, "Bobby")), "Exec");
    t.NoError(tx->Commit(), "Commit");
    t.Equal(CountCalls(db, CallKind::kBegin), 2u, "Begin calls (one failed, one retried)");
    t.Check(db.log().conn(1).failed_by_driver, "the first conn was failed by the driver");
    t.NoError(txs->Close(), "txs.Close");
    t.NoError(stmt->Close(), "stmt.Close");
    CloseDB(t, db);
  });
}

}  // namespace
}  // namespace model::gotest
