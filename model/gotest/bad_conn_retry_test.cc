// Go's tests of single bad-conn events: one call failing with driver.ErrBadConn must be
// retried on a fresh conn without leaking the bad one (TestErrBadConnReconnect), a Tx that
// ends on a bad conn must report it (TestTxEndBadConn), and Rows whose close reports a bad
// conn must get the conn discarded (TestIssue6081). Go's one-shot hooks become fault rules
// on the first such call after each test's setup.
#include <functional>
#include <memory>
#include <vector>

#include "gtest/gtest.h"
#include "model/gotest/faults_after_setup.h"
#include "model/gotest/run_go_test.h"
#include "model/gotest/test_db.h"
#include "model/sql/rows.h"
#include "model/sql/stmt.h"
#include "model/sql/tx.h"

namespace model::gotest {
namespace {

using fakedb::CallKind;

// Rows of a query, read to the end and closed (Go: rows.Close() after the query).
absl::Status CloseRows(absl::StatusOr<std::shared_ptr<sql::Rows>> rows) {
  if (!rows.ok()) return rows.status();
  return (*rows)->Close();
}

// One of TestErrBadConnReconnect's simulateBadConn calls.
struct ReconnectCase {
  const char* name;
  CallKind bad;            // the kind whose next call fails once (Go's hook)
  const char* stmt_query;  // a statement the setup prepares (then forces to re-prepare)
  std::function<absl::Status(SetUpDB&)> op;
};

const std::vector<ReconnectCase>& ReconnectCases() {
  static const std::vector<ReconnectCase> cases = {
      {"db.Exec prepare", CallKind::kPrepare, nullptr,
       [](SetUpDB& s) { return s.db->ExecContext(Background(), "INSERT|3|Gordon").status(); }},
      {"db.Exec exec", CallKind::kStmtExec, nullptr,
       [](SetUpDB& s) { return s.db->ExecContext(Background(), "INSERT|3|Gordon").status(); }},
      {"db.Query prepare", CallKind::kPrepare, nullptr,
       [](SetUpDB& s) { return CloseRows(s.db->QueryContext(Background(), "SELECT")); }},
      {"db.Query query", CallKind::kStmtQuery, nullptr,
       [](SetUpDB& s) { return CloseRows(s.db->QueryContext(Background(), "SELECT")); }},
      {"db.Prepare", CallKind::kPrepare, nullptr,
       [](SetUpDB& s) {
         absl::StatusOr<std::shared_ptr<sql::Stmt>> stmt =
             s.db->PrepareContext(Background(), "INSERT|?|?");
         return stmt.ok() ? (*stmt)->Close() : stmt.status();
       }},
      {"stmt.Exec prepare", CallKind::kPrepare, "INSERT|3|Gopher",
       [](SetUpDB& s) { return s.held.stmt->ExecContext(Background()).status(); }},
      {"stmt.Exec exec", CallKind::kStmtExec, "INSERT|3|Gopher",
       [](SetUpDB& s) { return s.held.stmt->ExecContext(Background()).status(); }},
      {"stmt.Query prepare", CallKind::kPrepare, "SELECT",
       [](SetUpDB& s) { return CloseRows(s.held.stmt->QueryContext(Background())); }},
      {"stmt.Query exec", CallKind::kStmtQuery, "SELECT",
       [](SetUpDB& s) { return CloseRows(s.held.stmt->QueryContext(Background())); }},
  };
  return cases;
}

// Go prepares the statement and empties its css (forcePrepare, a private field) so the
// next use must prepare again. Here the statement's conn is closed instead, by dropping
// the idle limit to 0: every use then takes a new conn and prepares on it.
Held ReconnectSetup(GoT& t, const TestDB& db, const char* stmt_query) {
  Held held;
  if (stmt_query == nullptr) return held;
  held.stmt = t.Must(db->PrepareContext(Background(), stmt_query), "prepare");
  db->SetMaxIdleConns(0);
  return held;
}

// Go's "broken and retried": the rule fired once, and a later call of the same kind
// succeeded.
void ExpectBrokenAndRetried(GoT& t, const TestDB& db, CallKind kind) {
  uint64_t failed_seq = 0;
  for (const fakedb::DriverCall& call : db.log().entries()) {
    if (call.fault_rule == 0) failed_seq = call.seq;
  }
  t.Check(failed_seq != 0, "Failed to simulate broken connection");
  bool retried = false;
  for (const fakedb::DriverCall& call : db.log().entries()) {
    retried |= call.seq > failed_seq && call.kind == kind && call.status.ok();
  }
  t.Check(retried, "the failed call was not retried");
}

TEST(GoSqlTest, ErrBadConnReconnect) {
  // Follows TestErrBadConnReconnect (issue 5718): when the next Prepare, Exec or Query
  // call returns ErrBadConn, db.Exec, db.Query, db.Prepare, Stmt.Exec and Stmt.Query still
  // succeed by retrying on a new conn, and numOpen is what it was: the bad conn is not
  // leaked.
  for (const ReconnectCase& c : ReconnectCases()) {
    SCOPED_TRACE(c.name);
    RunGoTest([&c](GoT& t) {
      SetUpDB s = NewTestDBWithFaultsAfterSetup(
          t, "foo", [&c](GoT& t, const TestDB& db) { return ReconnectSetup(t, db, c.stmt_query); },
          [&c](const fakedb::CallLog& log, fakedb::FaultPlan& plan) {
            plan.Add(NextCall(log, c.bad).Returns(fakedb::FaultAction::kBadConn));
          });
      const int num_open = NumOpenConns(s.db);
      t.NoError(c.op(s), c.name);
      ExpectBrokenAndRetried(t, s.db, c.bad);
      t.Equal(NumOpenConns(s.db), num_open, "open conns (a leak if more)");
      CloseSetUpDB(t, s);
    });
  }
}

// One of TestTxEndBadConn's simulateBadConn calls: a Tx with an Exec or a Query in it,
// ended by Commit or Rollback, whose driver call fails with ErrBadConn.
struct TxEndCase {
  const char* name;
  bool query;   // Tx.Query (else Tx.Exec)
  bool commit;  // Commit (else Rollback)
};

absl::Status RunTxEnd(GoT& t, const TestDB& db, const TxEndCase& c) {
  std::shared_ptr<sql::Tx> tx = t.Must(db->BeginTx(Background()), "Begin");
  if (c.query) {
    t.NoError(CloseRows(tx->QueryContext(Background(), "SELECT")), "Tx.Query");
  } else {
    t.Must(tx->ExecContext(Background(), "INSERT|3|Gordon"), "Tx.Exec");
  }
  return c.commit ? tx->Commit() : tx->Rollback();
}

TEST(GoSqlTest, TxEndBadConn) {
  // Follows TestTxEndBadConn (issue 11264): when the driver's Commit or Rollback returns
  // ErrBadConn, Tx.Commit/Rollback return ErrBadConn (no retry is possible), and the bad
  // conn is closed, not leaked: numOpen is back to what it was (0, as the setup leaves no
  // idle conn).
  for (const TxEndCase& c :
       {TxEndCase{"db.Tx.Exec commit", false, true}, TxEndCase{"db.Tx.Exec rollback", false, false},
        TxEndCase{"db.Tx.Query commit", true, true},
        TxEndCase{"db.Tx.Query rollback", true, false}}) {
    SCOPED_TRACE(c.name);
    RunGoTest([c](GoT& t) {
      SetUpDB s = NewTestDBWithFaultsAfterSetup(
          t, "foo",
          [](GoT& t, const TestDB& db) {
            db->SetMaxIdleConns(0);
            Exec(t, *db.db, "NOOP");
            db->SetMaxIdleConns(1);
            return Held{};
          },
          [c](const fakedb::CallLog& log, fakedb::FaultPlan& plan) {
            plan.Add(NextCall(log, c.commit ? CallKind::kCommit : CallKind::kRollback)
                         .Returns(fakedb::FaultAction::kBadConn));
          });
      const int num_open = NumOpenConns(s.db);
      t.ErrorIs(RunTxEnd(t, s.db, c), driver::ErrBadConn(), c.name);
      t.Equal(NumOpenConns(s.db), num_open, "open conns (a leak if more)");
      CloseSetUpDB(t, s);
    });
  }
}

TEST(GoSqlTest, Issue6081) {
  // Follows TestIssue6081: when closing a statement's Rows reports ErrBadConn (Go's
  // rowsCloseHook; here the DB's rows_close hook), each Stmt.Query's conn is discarded, so
  // ten queries open and close (at least) nine conns, and the statement still closes.
  RunGoTest([](GoT& t) {
    TestDBConfig config;
    config.hooks.rows_close = [](sql::Rows&, absl::Status* err) { *err = driver::ErrBadConn(); };
    TestDB db = NewTestDB(t, "people", config);
    const fakedb::DriverCounts counts0 = db.log().counts();
    std::shared_ptr<sql::Stmt> stmt = t.Must(db->PrepareContext(Background(), "SELECT"), "Prepare");
    for (int i = 0; i < 10; ++i) {
      std::shared_ptr<sql::Rows> rows = t.Must(stmt->QueryContext(Background()), "stmt.Query");
      rows->Close().IgnoreError();
    }
    t.NoError(stmt->Close(), "stmt.Close");
    const uint64_t opens = db.log().counts().conns_opened - counts0.conns_opened;
    const uint64_t closes = db.log().counts().conns_closed - counts0.conns_closed;
    t.Check(opens >= 9, absl::StrCat("opens = ", opens, "; want >= 9"));
    t.Check(closes >= 9, absl::StrCat("closes = ", closes, "; want >= 9"));
    CloseDB(t, db);
  });
}

}  // namespace
}  // namespace model::gotest
