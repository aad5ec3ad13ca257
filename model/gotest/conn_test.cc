// Go's tests of sql.Conn, a single conn taken from the pool (queries, Raw, a Tx on it,
// statements prepared on it), ported from sql_test.go. Go marks the conn's fakeConn with
// skipDirtySession because its fake checks sessions are reset between uses; poolcheck's
// fake has no such check, so the ports simply leave that line out.
#include "model/fakedb/conn.h"

#include <memory>

#include "gtest/gtest.h"
#include "model/gotest/run_go_test.h"
#include "model/gotest/test_db.h"
#include "model/sql/conn.h"
#include "model/sql/rows.h"
#include "model/sql/stmt.h"
#include "model/sql/tx.h"

namespace model::gotest {
namespace {

using fakedb::CallKind;

std::shared_ptr<sql::Conn> TakeConn(GoT& t, const TestDB& db, const sim::Context& ctx) {
  return t.Must(db->Conn(ctx), "db.Conn");
}

TEST(GoSqlTest, ConnQuery) {
  // Follows TestConnQuery: QueryRow and Ping through a sql.Conn work.
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    auto [ctx, cancel] = sim::WithCancel(Background());
    std::shared_ptr<sql::Conn> conn = TakeConn(t, db, ctx);
    int64_t age = 0;
    std::string name;
    t.NoError(conn->QueryRowContext(ctx, "SELECT|?", {int64_t{3}})->Scan(&age, &name), "QueryRow");
    t.Equal(name, "Chris", "name");
    t.NoError(conn->PingContext(ctx), "Ping");
    t.NoError(conn->Close(), "conn.Close");
    cancel();
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, ConnRaw) {
  // Follows TestConnRaw: Raw hands the function the driver's own conn (a fake conn) and
  // returns its result. (Go's second half, a panic inside Raw, ends a simulated run.)
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    auto [ctx, cancel] = sim::WithCancel(Background());
    std::shared_ptr<sql::Conn> conn = TakeConn(t, db, ctx);
    bool saw_func = false;
    absl::Status err = conn->Raw([&saw_func](driver::Conn& dc) {
      saw_func = true;
      if (dynamic_cast<fakedb::FakeConn*>(&dc) == nullptr) {
        return absl::InternalError("Raw got something other than the fake conn");
      }
      return absl::OkStatus();
    });
    t.NoError(err, "Raw");
    t.Check(saw_func, "Raw func not called");
    t.NoError(conn->Close(), "conn.Close");
    cancel();
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, ConnTx) {
  // Follows TestConnTx: a Tx begun on a sql.Conn commits, and the Conn then sees its row.
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    auto [ctx, cancel] = sim::WithCancel(Background());
    std::shared_ptr<sql::Conn> conn = TakeConn(t, db, ctx);
    std::shared_ptr<sql::Tx> tx = t.Must(conn->BeginTx(ctx), "BeginTx");
    const int64_t insert_age = 33;
    t.Must(tx->ExecContext(ctx, "INSERT|?|?", {insert_age, std::string("Nancy")}), "Tx.Exec");
    t.NoError(tx->Commit(), "Commit");
    int64_t age = 0;
    std::string select_name;
    t.NoError(conn->QueryRowContext(ctx, "SELECT|?", {insert_age})->Scan(&age, &select_name),
              "QueryRow");
    t.Equal(select_name, "Nancy", "name");
    t.NoError(conn->Close(), "conn.Close");
    cancel();
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, QueryExecContextOnly) {
  // Follows TestQueryExecContextOnly: a driver whose conns run queries through
  // ExecContext/QueryContext (Go's ctxOnlyConn; here the fake with its conn-level Exec and
  // Query answering instead of ErrSkip) serves a sql.Conn's Exec and Query without any
  // Prepare, and the inserted value reads back.
  RunGoTest([](GoT& t) {
    TestDBConfig config;
    config.driver.execer_returns_skip = false;
    TestDB db = OpenTestDB(t, config);
    auto [ctx, cancel] = sim::WithCancel(Background());
    std::shared_ptr<sql::Conn> conn = TakeConn(t, db, ctx);
    t.Must(conn->ExecContext(ctx, "NOOP"), "exec wipe");
    const std::string expected_value = "value1";
    t.Must(conn->ExecContext(ctx, "INSERT|1|?", {expected_value}), "exec insert");
    std::shared_ptr<sql::Rows> rows = t.Must(conn->QueryContext(ctx, "SELECT"), "query select");
    int64_t id = 0;
    std::string v1;
    while (rows->Next()) t.NoError(rows->Scan(&id, &v1), "rows scan");
    t.NoError(rows->Close(), "rows.Close");
    t.Equal(v1, expected_value, "value");
    t.Equal(CountCalls(db, CallKind::kExec), 2u, "ExecContext calls");
    t.Equal(CountCalls(db, CallKind::kQuery), 1u, "QueryContext calls");
    t.Equal(CountCalls(db, CallKind::kPrepare), 0u, "Prepare calls");
    t.NoError(conn->Close(), "conn.Close");
    cancel();
    CloseDB(t, db);
  });
}

// The conn of each Stmt.Query call in the driver's log, in order.
std::vector<fakedb::ConnId> StmtQueryConns(const TestDB& db) {
  std::vector<fakedb::ConnId> conns;
  for (const fakedb::DriverCall& call : db.log().entries()) {
    if (call.kind == CallKind::kStmtQuery) conns.push_back(call.conn);
  }
  return conns;
}

TEST(GoSqlTest, Issue20647) {
  // Follows TestIssue20647: a statement prepared on a sql.Conn runs both of its queries on
  // that one conn, even with the first Rows still open (Go compares rows1.dc and rows2.dc;
  // here the driver's log says which conn each query ran on).
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    auto [ctx, cancel] = sim::WithCancel(Background());
    std::shared_ptr<sql::Conn> conn = TakeConn(t, db, ctx);
    std::shared_ptr<sql::Stmt> stmt = t.Must(conn->PrepareContext(ctx, "SELECT"), "Prepare");
    std::shared_ptr<sql::Rows> rows1 = t.Must(stmt->QueryContext(ctx), "rows1");
    std::shared_ptr<sql::Rows> rows2 = t.Must(stmt->QueryContext(ctx), "rows2");
    const std::vector<fakedb::ConnId> conns = StmtQueryConns(db);
    t.Equal(conns.size(), 2u, "Stmt.Query calls");
    t.Check(conns[0] == conns[1], "stmt prepared on Conn does not use same connection");
    t.NoError(rows2->Close(), "rows2.Close");
    t.NoError(rows1->Close(), "rows1.Close");
    t.NoError(stmt->Close(), "stmt.Close");
    t.NoError(conn->Close(), "conn.Close");
    cancel();
    CloseDB(t, db);
  });
}

}  // namespace
}  // namespace model::gotest
