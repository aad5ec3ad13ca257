// Go's tests of DB.Query, QueryRow, Exec and Rows, ported from sql_test.go. Go's query
// language maps onto the fake's (see test_db.h); Go's rowsCursorNextHook, rowsCloseHook
// and WAIT| queries become fault rules and the pool's per-DB test hooks.
#include <memory>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
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
using sim::Duration;

// A row of Go's people table as Scan fills it.
struct Person {
  int64_t age = 0;
  std::string name;
  bool operator==(const Person&) const = default;
};

std::string PeopleText(const std::vector<Person>& people) {
  std::string text = "[";
  for (const Person& p : people) absl::StrAppend(&text, "{", p.age, " ", p.name, "}");
  return text + "]";
}

// The first `n` rows of Go's people table.
std::vector<Person> FirstPeople(size_t n) {
  std::vector<Person> people;
  for (size_t i = 0; i < n; ++i)
    people.push_back({kPeople[i].first, std::string(kPeople[i].second)});
  return people;
}

TEST(GoSqlTest, Query) {
  // Follows TestQuery: SELECT returns Go's three people in order; the Next that hits EOF
  // closes the rows, giving the conn back (one idle conn); the query prepared once.
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    const uint64_t prepares0 = NumPrepares(t, db);
    std::shared_ptr<sql::Rows> rows = t.Must(db->QueryContext(Background(), "SELECT"), "Query");
    std::vector<Person> got;
    while (rows->Next()) {
      Person p;
      t.NoError(rows->Scan(&p.age, &p.name), "Scan");
      got.push_back(p);
    }
    t.NoError(rows->Err(), "Err");
    t.Equal(PeopleText(got), PeopleText(FirstPeople(3)), "rows");
    t.Equal(NumFreeConns(db), 1u, "free conns after query hitting EOF");
    t.Equal(NumPrepares(t, db) - prepares0, 1u, "Prepare statements executed");
    CloseDB(t, db);
  });
}

// Go's waitForRowsClose, observed at the driver: the query's driver rows were closed.
void WaitForDriverRowsClose(GoT& t, const TestDB& db, uint64_t closes_before) {
  const bool closed = WaitCondition(Duration::Seconds(5), Duration::Milliseconds(5), [&] {
    return CountCalls(db, CallKind::kRowsClose) > closes_before;
  });
  t.Check(closed, "failed to close rows");
}

TEST(GoSqlTest, QueryContext) {
  // Follows TestQueryContext: cancelling the query's context while scanning its third row
  // closes the rows; that Scan returns context.Canceled, only two rows were read, and the
  // conn goes back to the pool after one Prepare.
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    const uint64_t prepares0 = NumPrepares(t, db);
    auto [ctx, cancel] = sim::WithCancel(Background());
    std::shared_ptr<sql::Rows> rows = t.Must(db->QueryContext(ctx, "SELECT"), "Query");
    const uint64_t rows_closes0 = CountCalls(db, CallKind::kRowsClose);
    std::vector<Person> got;
    while (rows->Next()) {
      if (got.size() == 2) {
        cancel();
        WaitForDriverRowsClose(t, db, rows_closes0);
      }
      Person p;
      absl::Status err = rows->Scan(&p.age, &p.name);
      if (got.size() == 2) {
        t.ErrorIs(err, sim::Canceled(), "Scan after cancel");
        break;
      }
      t.NoError(err, "Scan");
      got.push_back(p);
    }
    t.ErrorIs(ctx.Err(), sim::Canceled(), "context err");
    t.Equal(PeopleText(got), PeopleText(FirstPeople(2)), "rows");
    WaitForFree(t, db, Duration::Seconds(5), 1);
    t.Equal(NumPrepares(t, db) - prepares0, 1u, "Prepare statements executed");
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, QueryContextWait) {
  // Follows TestQueryContextWait: a query whose Prepare outlasts its context (Go's
  // WAIT|1s| with a 300ms timeout: the fake blocks until the context is done) fails with
  // context.DeadlineExceeded and the conn goes back to the pool.
  RunGoTest([](GoT& t) {
    TestDB db = NewPeopleDBWithBlockingPrepare(t);
    auto [ctx, cancel] = sim::WithTimeout(Background(), Duration::Milliseconds(300));
    t.ErrorIs(db->QueryContext(ctx, "SELECT").status(), sim::DeadlineExceeded(), "QueryContext");
    WaitForFree(t, db, Duration::Seconds(5), 1);
    cancel();
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, RowsColumns) {
  // Follows TestRowsColumns: Columns() names the query's columns (the fake's id, name for
  // Go's age, name) and the rows close cleanly.
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    std::shared_ptr<sql::Rows> rows = t.Must(db->QueryContext(Background(), "SELECT"), "Query");
    std::vector<std::string> cols = t.Must(rows->Columns(), "Columns");
    t.Equal(absl::StrJoin(cols, ","), "id,name", "columns");
    t.NoError(rows->Close(), "closing rows");
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, QueryRow) {
  // Follows TestQueryRow: Scan with fewer destinations than columns is an error; by-id
  // lookups with a bound or literal id return the right person; a text column scans into
  // []byte. (Go's datetime column has no counterpart in the fake.)
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    int64_t age = 0;
    std::string name;
    absl::Status err = db->QueryRowContext(Background(), "SELECT|?", {int64_t{3}})->Scan(&age);
    t.Check(!err.ok() && absl::StrContains(err.message(), "expected 2 destination arguments"),
            absl::StrCat("expected error from wrong number of arguments; got ", err.ToString()));
    t.NoError(db->QueryRowContext(Background(), "SELECT|?", {int64_t{2}})->Scan(&age, &name),
              "age QueryRow+Scan");
    t.Equal(name, "Bob", "name");
    t.Equal(age, 2, "age");
    t.NoError(db->QueryRowContext(Background(), "SELECT|1")->Scan(&age, &name),
              "literal QueryRow+Scan");
    t.Equal(name, "Alice", "name");
    t.Equal(age, 1, "age");
    driver::Bytes photo;
    t.NoError(db->QueryRowContext(Background(), "SELECT|1")->Scan(&age, &photo),
              "bytes QueryRow+Scan");
    t.Equal(photo.data, "Alice", "name as []byte");
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, Exec) {
  // Follows TestExec: a prepared INSERT runs with the right arguments and reports Go's
  // exact errors for the wrong number of them. (Go's conversion cases need the fake's
  // typed columns, which poolcheck's fake does not have.)
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "foo");
    std::shared_ptr<sql::Stmt> stmt =
        t.Must(db->PrepareContext(Background(), "INSERT|?|?"), "Prepare");
    t.Must(stmt->ExecContext(Background(), {int64_t{31}, std::string("Brad")}), "Exec");
    t.Must(stmt->ExecContext(Background(), {int64_t{7}, driver::Bytes{"Bob"}}), "Exec");
    t.ErrorIs(stmt->ExecContext(Background(), {}).status(), sql::ErrArgCount(2, 0), "Exec");
    t.ErrorIs(stmt->ExecContext(Background(), {int64_t{1}, int64_t{2}, int64_t{3}}).status(),
              sql::ErrArgCount(2, 3), "Exec");
    t.Equal(db.driver->table().size(), 2u, "rows in the table");
    t.NoError(stmt->Close(), "stmt.Close");
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, QueryRowClosingStmt) {
  // Follows TestQueryRowClosingStmt: after QueryRow's Scan the one idle conn has closed
  // every statement it prepared (Go's stmtsMade == stmtsClosed, from the driver's log).
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    int64_t age = 0;
    std::string name;
    t.NoError(db->QueryRowContext(Background(), "SELECT|?", {int64_t{3}})->Scan(&age, &name),
              "QueryRow");
    const fakedb::ConnId conn = OnlyFreeDriverConn(t, db);
    t.Equal(CountCalls(db, CallKind::kStmtClose, conn), CountCalls(db, CallKind::kPrepare, conn),
            "statements closed vs made");
    t.Equal(db.log().conn(conn).open_stmts, 0u, "open statements on the idle conn");
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, Issue6651) {
  // Follows TestIssue6651: an error from the driver's Rows.Next (Go's rowsCursorNextHook;
  // here a fault rule) and an error from closing the rows (Go's rowsCloseHook, here the
  // DB's rows_close hook, switched on half-way) are what QueryRow's Scan returns.
  RunGoTest([](GoT& t) {
    auto close_fails = std::make_shared<bool>(false);
    TestDBConfig config;
    config.driver.faults.Add(FaultRule::Nth(CallKind::kRowsNext, 1).Returns(FaultAction::kError));
    config.hooks.rows_close = [close_fails](sql::Rows&, absl::Status* err) {
      if (*close_fails) *err = absl::UnknownError("error in rows.Close");
    };
    TestDB db = NewTestDB(t, "people", config);
    int64_t id = 0;
    std::string v;
    t.ErrorIs(db->QueryRowContext(Background(), "SELECT")->Scan(&id, &v),
              fakedb::InjectedError(CallKind::kRowsNext), "QueryRow with failing Next");
    *close_fails = true;
    absl::Status err = db->QueryRowContext(Background(), "SELECT")->Scan(&id, &v);
    t.Equal(std::string(err.message()), "error in rows.Close", "QueryRow with failing Close");
    *close_fails = false;
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, RowsImplicitClose) {
  // Follows TestRowsImplicitClose: when the driver's Next fails at the third row (Go sets
  // the cursor's errPos; here a fault rule), Next stops after two rows, Err reports the
  // driver's error, and the driver rows have been closed.
  RunGoTest([](GoT& t) {
    TestDBConfig config;
    config.driver.faults.Add(FaultRule::Nth(CallKind::kRowsNext, 3).Returns(FaultAction::kError));
    TestDB db = NewTestDB(t, "people", config);
    std::shared_ptr<sql::Rows> rows = t.Must(db->QueryContext(Background(), "SELECT"), "Query");
    int got = 0;
    while (rows->Next()) ++got;
    t.Equal(got, 2, "rows");
    t.ErrorIs(rows->Err(), fakedb::InjectedError(CallKind::kRowsNext), "rows.Err");
    t.Equal(CountCalls(db, CallKind::kRowsClose), 1u, "driver Rows.Close calls");
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, Issue2542Deadlock) {
  // Follows TestIssue2542Deadlock: querying a closed DB fails, twice, without deadlock.
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    CloseDB(t, db);
    for (int i = 0; i < 2; ++i) {
      t.ErrorIs(db->QueryContext(Background(), "SELECT").status(), sql::ErrDBClosed(), "Query");
    }
  });
}

TEST(GoSqlTest, OpenDB) {
  // Follows TestOpenDB: a DB opened on a connector reports that connector's driver.
  RunGoTest([](GoT& t) {
    TestDB db = OpenTestDB(t);
    t.Check(db->Driver() == db.driver, "OpenDB should return the driver of the Connector");
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, Ping) {
  // Follows TestPing: Ping succeeds while the driver's Ping does, and returns the driver's
  // error once it fails (Go's pingDriver.fails; here a fault rule from the second Ping).
  RunGoTest([](GoT& t) {
    TestDBConfig config;
    config.driver.faults.Add(FaultRule::FromNth(CallKind::kPing, 2).Returns(FaultAction::kError));
    TestDB db = OpenTestDB(t, config);
    t.NoError(db->PingContext(Background()), "Ping");
    t.ErrorIs(db->PingContext(Background()), fakedb::InjectedError(CallKind::kPing), "Ping");
    CloseDB(t, db);
  });
}

}  // namespace
}  // namespace model::gotest
