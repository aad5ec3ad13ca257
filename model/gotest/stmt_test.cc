// Go's tests of prepared statements on a DB (use after close, QueryRow, concurrent use,
// closing a statement before its rows or after the DB, the order in which statements and
// conns close), ported from sql_test.go. Go's setStrictFakeConnClose is always on here:
// the fake driver fails the run when a conn is closed with statements still open on it.
#include "model/sql/stmt.h"

#include <memory>

#include "gtest/gtest.h"
#include "model/gotest/run_go_test.h"
#include "model/gotest/test_db.h"
#include "model/sql/rows.h"
#include "model/sql/tx.h"

namespace model::gotest {
namespace {

using fakedb::CallKind;
using fakedb::FaultAction;
using fakedb::FaultRule;
using sim::Duration;

std::shared_ptr<sql::Stmt> Prepare(GoT& t, const TestDB& db, const std::string& query) {
  return t.Must(db->PrepareContext(Background(), query), "Prepare");
}

TEST(GoSqlTest, StatementErrorAfterClose) {
  // Follows TestStatementErrorAfterClose: QueryRow on a closed statement fails.
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    std::shared_ptr<sql::Stmt> stmt = Prepare(t, db, "SELECT|?");
    t.NoError(stmt->Close(), "Close");
    int64_t id = 0;
    std::string name;
    absl::Status err = stmt->QueryRowContext(Background(), {int64_t{1}})->Scan(&id, &name);
    t.Check(!err.ok(), "expected error from QueryRow.Scan after Stmt.Close");
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, StatementQueryRow) {
  // Follows TestStatementQueryRow: one statement answers three QueryRow calls correctly
  // (Go looks up the age by name; the fake looks up the name by age).
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    std::shared_ptr<sql::Stmt> stmt = Prepare(t, db, "SELECT|?");
    for (const auto& [age, want] : kPeople) {
      int64_t id = 0;
      std::string name;
      t.NoError(stmt->QueryRowContext(Background(), {age})->Scan(&id, &name), "QueryRow/Scan");
      t.Equal(name, want, absl::StrCat("name of ", age));
    }
    t.NoError(stmt->Close(), "stmt.Close");
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, StatementClose) {
  // Follows TestStatementClose (issue 12798): Close returns a statement's sticky error,
  // and a Tx statement returns its driver statement's Close error (Go uses a stub driver
  // statement; here the fake's Stmt.Close fails by a fault rule, after which the fake
  // counts the statement closed, so the DB still closes clean).
  RunGoTest([](GoT& t) {
    const absl::Status want = absl::UnknownError("STMT ERROR");
    t.ErrorIs(sql::Stmt::WithStickyErr(want)->Close(), want, "stickyErr not propagated");
    TestDBConfig config;
    config.driver.faults.Add(
        FaultRule::Nth(CallKind::kStmtClose, kPeoplePrepares + 1).Returns(FaultAction::kError));
    TestDB db = NewTestDB(t, "people", config);
    std::shared_ptr<sql::Tx> tx = t.Must(db->BeginTx(Background()), "Begin");
    std::shared_ptr<sql::Stmt> stmt = t.Must(tx->PrepareContext(Background(), "SELECT"), "Prepare");
    t.ErrorIs(stmt->Close(), fakedb::InjectedError(CallKind::kStmtClose),
              "driverStmt.Close() error not propagated");
    t.NoError(tx->Rollback(), "Rollback");
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, StatementQueryRowConcurrent) {
  // Follows TestStatementQueryRowConcurrent (issue 3734): ten goroutines use one statement
  // at once, and each gets Alice's row.
  constexpr int kN = 10;
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    std::shared_ptr<sql::Stmt> stmt = Prepare(t, db, "SELECT|?");
    auto ch = sim::Chan<absl::Status>::Make(kN);
    for (int i = 0; i < kN; ++i) {
      sim::Go("QueryRow", [stmt, ch] {
        int64_t age = 0;
        std::string name;
        absl::Status err = stmt->QueryRowContext(Background(), {int64_t{1}})->Scan(&age, &name);
        if (err.ok() && name != "Alice") err = absl::InternalError("unexpected name " + name);
        ch.Send(err);
      });
    }
    for (int i = 0; i < kN; ++i) t.NoError(ch.Recv(), "QueryRow");
    t.NoError(stmt->Close(), "stmt.Close");
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, CloseStmtBeforeRows) {
  // Follows TestCloseStmtBeforeRows (issue 3865): a statement closed while its Rows are
  // open closes cleanly, and so do the Rows after it.
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    std::shared_ptr<sql::Stmt> s = Prepare(t, db, "SELECT");
    std::shared_ptr<sql::Rows> r = t.Must(s->QueryContext(Background()), "Query");
    t.NoError(s->Close(), "stmt.Close");
    t.NoError(r->Close(), "rows.Close");
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, Issue4902) {
  // Follows TestIssue4902: ten Prepare+Close pairs reuse the idle conn: at most one open.
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    const uint64_t opens0 = db.log().counts().conns_opened;
    for (int i = 0; i < 10; ++i) t.NoError(Prepare(t, db, "SELECT")->Close(), "stmt.Close");
    const uint64_t opens = db.log().counts().conns_opened - opens0;
    t.Check(opens <= 1, absl::StrCat("opens = ", opens, "; want <= 1"));
    CloseDB(t, db);
  });
}

// The pool's view of its conn with id `id`, or a failed run.
sql::ConnView PoolConn(GoT& t, const TestDB& db, uint64_t id) {
  for (const sql::ConnView& c : db->Inspect().conns) {
    if (c.id == id) return c;
  }
  t.Fatal(absl::StrCat("conn#", id, " is gone"));
}

TEST(GoSqlTest, CloseConnBeforeStmts) {
  // Follows TestCloseConnBeforeStmts (issue 5046): closing the DB while a statement is
  // open on its idle conn closes the conn and its driver statement at once (the fake would
  // fail the run otherwise); closing the statement afterwards still succeeds, and the
  // driver conn was closed exactly once.
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    std::shared_ptr<sql::Stmt> stmt = Prepare(t, db, "SELECT");
    sql::PoolView view = db->Inspect();
    t.Equal(view.free_conn.size(), 1u, "freeConn");
    const uint64_t id = view.free_conn[0];
    t.Check(!PoolConn(t, db, id).closed, "conn shouldn't be closed");
    t.Equal(PoolConn(t, db, id).open_stmts, 1u, "driverConn num openStmt");
    t.NoError(db->Close(), "db Close");
    t.Check(PoolConn(t, db, id).closed, "after db.Close, driverConn should be closed");
    t.Equal(PoolConn(t, db, id).open_stmts, 0u, "driverConn num openStmt");
    t.NoError(stmt->Close(), "Stmt close");
    t.Check(db.log().conn(1).closed, "the driver conn should be closed");
    t.Equal(db.log().conn(1).close_calls, 1u, "driver Close calls");
    CloseDB(t, db);
  });
}

// TestRowsCloseOrder/TestStmtCloseOrder: with no idle slot, each query's conn is closed as
// soon as it is released; the fake checks the query's statement was closed first.
TEST(GoSqlTest, RowsCloseOrder) {
  // Follows TestRowsCloseOrder (issue 5283): Rows.Close closes the statement before the
  // conn is released (and, with no idle slot, closed).
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    db->SetMaxIdleConns(0);
    std::shared_ptr<sql::Rows> rows = t.Must(db->QueryContext(Background(), "SELECT"), "Query");
    t.NoError(rows->Close(), "rows.Close");
    t.Equal(db.log().counts().live_conns(), 0u, "driver conns open");
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, StmtCloseOrder) {
  // Follows TestStmtCloseOrder: a query that fails (the fake, like Go's, rejects it at
  // Prepare) leaves nothing open when its conn is closed at once (no idle slot).
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    db->SetMaxIdleConns(0);
    t.Check(!db->QueryContext(Background(), "SELECT|non_existent|name|").ok(),
            "Querying non-existent table should fail");
    t.Equal(db.log().counts().live_conns(), 0u, "driver conns open");
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, Issue20160) {
  // Follows TestIssue20160: many Stmt.Query calls with contexts of random short lifetime
  // (0..29ms, chosen by the strategy) on one statement, while the driver takes random time
  // (the fake's latency jitter). Go looks for races; here every query must finish, the
  // driver must see no overlapping call or use after close, and the DB must close clean.
  // Go's numbers: 100 queries, 20 at a time.
  constexpr int kQueries = 100;
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people", RandomLatencyConfig());
    std::shared_ptr<sql::Stmt> stmt = Prepare(t, db, "SELECT");
    RunWorkers(kQueries, 20, "Issue20160 query", [stmt] {
      auto [ctx, cancel] = sim::WithTimeout(Background(), RandomMillis(30, "timeout ms"));
      absl::StatusOr<std::shared_ptr<sql::Rows>> rows = stmt->QueryContext(ctx);
      if (rows.ok()) (*rows)->Close().IgnoreError();
      cancel();
    });
    t.NoError(stmt->Close(), "stmt.Close");
    CloseDB(t, db);
  });
}

}  // namespace
}  // namespace model::gotest
