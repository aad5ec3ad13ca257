// Go's tests of transactions whose context ends while they work (the rollback awaitDone
// does racing the caller's own Commit/Rollback, rows left open, a cancel right after the
// conn is grabbed), ported from sql_test.go. Go relies on the race detector and luck for
// several of these; here every schedule the strategies pick is a different race, and the
// fake driver fails the run on any overlapping or post-close driver call.
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

TEST(GoSqlTest, TxContextWait) {
  // Follows TestTxContextWait: a Tx query whose Prepare outlasts the Tx's 15ms context
  // (Go's WAIT|1s|; the fake blocks until the context is done) fails with
  // context.DeadlineExceeded, and the rollback discards the conn: no conn is left idle.
  RunGoTest([](GoT& t) {
    TestDB db = NewPeopleDBWithBlockingPrepare(t);
    auto [ctx, cancel] = sim::WithTimeout(Background(), Duration::Milliseconds(15));
    absl::StatusOr<std::shared_ptr<sql::Tx>> tx = db->BeginTx(ctx);
    if (!tx.ok() && sql::IsError(tx.status(), sim::DeadlineExceeded())) {
      CloseDB(t, db);  // Go skips: the context ended before BeginTx completed
      return;
    }
    t.NoError(tx.status(), "BeginTx");
    t.ErrorIs((*tx)->QueryContext(ctx, "SELECT").status(), sim::DeadlineExceeded(), "QueryContext");
    WaitForFree(t, db, Duration::Seconds(5), 0);
    cancel();
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, SimultaneousQueries) {
  // Follows TestSimultaneousQueries (issue 3857): two open Rows in one Tx, closed in
  // Go's defer order, then Rollback: no deadlock, and every close succeeds.
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    std::shared_ptr<sql::Tx> tx = t.Must(db->BeginTx(Background()), "Begin");
    std::shared_ptr<sql::Rows> r1 = t.Must(tx->QueryContext(Background(), "SELECT"), "Query");
    std::shared_ptr<sql::Rows> r2 = t.Must(tx->QueryContext(Background(), "SELECT"), "Query");
    t.NoError(r2->Close(), "r2.Close");
    t.NoError(r1->Close(), "r1.Close");
    t.NoError(tx->Rollback(), "Rollback");
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, Issue20575) {
  // Follows TestIssue20575: Rows left open do not block Rollback. On the virtual clock a
  // Rollback that waited for the 3s query context would let it expire, so the context
  // still being live afterwards shows the Rollback did not wait.
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    std::shared_ptr<sql::Tx> tx = t.Must(db->BeginTx(Background()), "Begin");
    auto [ctx, cancel] = sim::WithTimeout(Background(), Duration::Seconds(3));
    t.Must(tx->QueryContext(ctx, "SELECT"), "Query");  // the Rows are not closed
    t.NoError(tx->Rollback(), "Rollback");
    t.NoError(ctx.Err(), "timeout: failed to rollback query without closing rows");
    cancel();
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, Issue20622) {
  // Follows TestIssue20622: cancelling a Tx's context while its Rows are being read (then
  // sleeping 100ms as Go does) closes the Rows, so the loop ends after the first row; Go
  // needs the race detector to see the bug, here the driver's guards see any overlap. The
  // context already rolled the Tx back, so Commit is ErrTxDone.
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    auto [ctx, cancel] = sim::WithCancel(Background());
    std::shared_ptr<sql::Tx> tx = t.Must(db->BeginTx(ctx), "BeginTx");
    std::shared_ptr<sql::Rows> rows = t.Must(tx->QueryContext(Background(), "SELECT"), "Query");
    int count = 0;
    while (rows->Next()) {
      ++count;
      int64_t age = 0;
      std::string name;
      t.NoError(rows->Scan(&age, &name), "scan failed");
      if (count == 1) cancel();
      sim::Sleep(Duration::Milliseconds(100));
    }
    t.Equal(count, 1, "rows read before the cancel closed them");
    t.NoError(rows->Close(), "rows.Close");
    t.ErrorIs(tx->Commit(), sql::ErrTxDone(), "Commit after the context rolled back");
    CloseDB(t, db);
  });
}

// What TestIssue18719's hookTxGrabConn needs: the Tx to watch and the cancel to call.
struct GrabConnHook {
  bool armed = false;
  std::shared_ptr<sql::Tx> tx;
  sim::CancelFunc cancel;
};

TEST(GoSqlTest, Issue18719) {
  // Follows TestIssue18719: the Tx's context is cancelled right after a query grabbed the
  // Tx's conn (Go's hookTxGrabConn; here the DB's tx_grab_conn hook), and the hook waits
  // until the Tx is done. The query must still complete without error on the grabbed conn
  // (before the CL 35550 fix it used a conn the rollback had already released).
  RunGoTest([](GoT& t) {
    auto hook = std::make_shared<GrabConnHook>();
    TestDBConfig config;
    config.hooks.tx_grab_conn = [hook] {
      if (!hook->armed) return;
      hook->armed = false;
      hook->cancel();
      while (!hook->tx->DoneForInspect()) sim::Sleep(Duration::Milliseconds(3));
    };
    TestDB db = NewTestDB(t, "people", config);
    auto [ctx, cancel] = sim::WithCancel(Background());
    hook->tx = t.Must(db->BeginTx(ctx), "BeginTx");
    hook->cancel = cancel;
    hook->armed = true;
    t.Must(hook->tx->QueryContext(ctx, "SELECT"), "QueryContext");
    cancel();  // the rollback happens from the cancelled context; the Rows close with it
    hook->tx = nullptr;
    CloseDB(t, db);
  });
}

// One of TestIssue18429's workers: a Tx with a random timeout (0..29ms, chosen by the
// strategy where Go uses math/rand) whose query takes random time in the driver (Go's
// WAIT|<random>|; here the fake's latency jitter), then an explicit Rollback that races
// the context's own rollback.
void RollbackRacingCancel(const TestDB& db) {
  auto [ctx, cancel] = sim::WithTimeout(Background(), RandomMillis(30, "timeout ms"));
  absl::StatusOr<std::shared_ptr<sql::Tx>> tx = db->BeginTx(ctx);
  if (tx.ok()) {
    absl::StatusOr<std::shared_ptr<sql::Rows>> rows = (*tx)->QueryContext(ctx, "SELECT");
    if (rows.ok()) {
      int64_t id = 0;
      std::string name;
      while ((*rows)->Next()) (*rows)->Scan(&id, &name).IgnoreError();
      (*rows)->Close().IgnoreError();
    }
    (*tx)->Rollback().IgnoreError();
  }
  cancel();
}

TEST(GoSqlTest, Issue18429) {
  // Follows TestIssue18429 (and 21117): many Txs whose contexts expire mid-query, each
  // rolled back explicitly while the context's rollback may run too. Go looks for a panic
  // or a race report; here every worker must finish (no deadlock), the driver must never
  // see overlapping calls, a call after Close or a double Close (guards), and closing the
  // DB must close every conn. Go's numbers: 100 workers, 20 at a time.
  constexpr int kWorkers = 100;
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people", RandomLatencyConfig());
    RunWorkers(kWorkers, 20, "Issue18429 worker", [db] { RollbackRacingCancel(db); });
    CloseDB(t, db);
  });
}

}  // namespace
}  // namespace model::gotest
