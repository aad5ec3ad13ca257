// Go's tests of the pool's size limits (SetMaxIdleConns, SetMaxOpenConns) and of Stats,
// ported from sql_test.go: each runs inside the simulator on both pool versions under many
// random and PCT schedules (RunGoTest), with Go's real sleeps turned into virtual time.
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
using fakedb::FaultRule;
using sim::Duration;

// Go's db.Begin + tx.Commit, both of which must succeed.
void BeginCommit(GoT& t, const TestDB& db) {
  std::shared_ptr<sql::Tx> tx = t.Must(db->BeginTx(Background()), "Begin");
  t.NoError(tx->Commit(), "Commit");
}

// Go's db.Query(q) + rows.Close(), both of which must succeed.
void QueryClose(GoT& t, const TestDB& db, const std::string& query = "SELECT") {
  std::shared_ptr<sql::Rows> rows = t.Must(db->QueryContext(Background(), query), "Query");
  t.NoError(rows->Close(), "rows.Close");
}

TEST(GoSqlTest, MaxIdleConns) {
  // Follows TestMaxIdleConns: a committed tx leaves its conn idle; SetMaxIdleConns(0)
  // closes it at once, and a later tx's conn is closed instead of kept.
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    BeginCommit(t, db);
    t.Equal(NumFreeConns(db), 1u, "freeConns");
    db->SetMaxIdleConns(0);
    t.Equal(NumFreeConns(db), 0u, "freeConns after set to zero");
    BeginCommit(t, db);
    t.Equal(NumFreeConns(db), 0u, "freeConns");
    CloseDB(t, db);
  });
}

// Go's magicquery table: a query that sleeps for sleepMillis inside the driver.
constexpr Duration kMagicQuerySleep = Duration::Milliseconds(25);
TestDBConfig MagicQueryConfig() {
  TestDBConfig config;
  config.driver.faults.Add(FaultRule::Always(CallKind::kStmtQuery).Delays(kMagicQuerySleep));
  return config;
}

// Go's db.clearAllConns: SetMaxIdleConns(0) empties the idle list.
void ClearAllConns(GoT& t, const TestDB& db) {
  db->SetMaxIdleConns(0);
  t.Equal(NumFreeConns(db), 0u, "free conns");
}

// TestMaxOpenConns' two batches of 50 slow QueryRow calls on one Stmt, 50ms apart.
void RunSlowQueryBatches(GoT& t, const std::shared_ptr<sql::Stmt>& stmt) {
  constexpr int kQueries = 50;
  constexpr int kBatches = 2;
  sim::WaitGroup wg;
  for (int batch = 0; batch < kBatches; ++batch) {
    for (int i = 0; i < kQueries; ++i) {
      wg.Add(1);
      sim::Go("slow QueryRow", [&t, &wg, stmt] {
        int64_t id = 0;
        std::string name;
        absl::Status err = stmt->QueryRowContext(Background(), {int64_t{1}})->Scan(&id, &name);
        if (!err.ok() && !sql::IsError(err, sql::ErrNoRows())) t.NoError(err, "QueryRow");
        wg.Done();
      });
    }
    sim::Sleep(kMagicQuerySleep * 2);
  }
  wg.Wait();
}

TEST(GoSqlTest, MaxOpenConns) {
  // Follows TestMaxOpenConns: 100 slow queries through a pool of at most 10 conns open at
  // most 10 driver conns and leave 10 idle; lowering the limit to 5 closes 5 idle conns,
  // and lifting it keeps 5. (Go's numDeps checks need db.dep, which is private here.)
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "magicquery", MagicQueryConfig());
    ClearAllConns(t, db);
    const uint64_t opens0 = db.log().counts().conns_opened;
    db->SetMaxIdleConns(10);
    db->SetMaxOpenConns(10);
    std::shared_ptr<sql::Stmt> stmt =
        t.Must(db->PrepareContext(Background(), "SELECT|?"), "Prepare");
    RunSlowQueryBatches(t, stmt);
    t.Equal(NumFreeConns(db), 10u, "free conns");
    const uint64_t opens = db.log().counts().conns_opened - opens0;
    t.Check(opens <= 10, absl::StrCat("db connections opened = ", opens, "; want <= 10"));
    t.NoError(stmt->Close(), "stmt.Close");
    t.Equal(NumFreeConns(db), 10u, "free conns");
    db->SetMaxOpenConns(5);
    t.Equal(NumFreeConns(db), 5u, "free conns");
    db->SetMaxOpenConns(0);
    t.Equal(NumFreeConns(db), 5u, "free conns");
    ClearAllConns(t, db);
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, StmtCloseDeps) {
  // Follows TestStmtCloseDeps (issue 5323): the same 100 slow queries with no open limit
  // and the default 2 idle slots leave 2 idle conns and at most 2 more driver conns open
  // than before; closing the statement keeps the 2 idle conns. (Go's numDeps and css
  // checks read private fields; the driver's log shows conns and statements instead: after
  // the statement's Close none of its driver statements is left open.)
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "magicquery", MagicQueryConfig());
    const uint64_t open_delta0 = db.log().counts().live_conns();
    std::shared_ptr<sql::Stmt> stmt =
        t.Must(db->PrepareContext(Background(), "SELECT|?"), "Prepare");
    RunSlowQueryBatches(t, stmt);
    t.Equal(NumFreeConns(db), 2u, "free conns");
    const uint64_t open_delta = db.log().counts().live_conns() - open_delta0;
    t.Check(open_delta <= 2, absl::StrCat("db connections opened = ", open_delta, "; want <= 2"));
    t.NoError(stmt->Close(), "stmt.Close");
    t.Equal(NumFreeConns(db), 2u, "free conns");
    for (const fakedb::ConnSummary& c : db.log().conns()) {
      t.Equal(c.open_stmts, 0u, absl::StrCat("open driver statements on conn ", c.id));
    }
    db->SetMaxIdleConns(0);  // Go's clearAllConns
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, MaxOpenConnsOnBusy) {
  // Follows TestMaxOpenConnsOnBusy (issue 9453): SetMaxOpenConns can be lowered while all
  // conns are busy, and the excess is closed as they come back. Go takes conns with the
  // private db.conn; a sql.Conn takes one the same way (cachedOrNewConn) and Close gives
  // it back with a nil error as Go's releaseConn(nil) does.
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "magicquery");
    db->SetMaxOpenConns(3);
    std::shared_ptr<sql::Conn> conns[3];
    for (auto& conn : conns) conn = t.Must(db->Conn(Background()), "db open conn");
    t.Equal(NumOpenConns(db), 3, "open conns");
    db->SetMaxOpenConns(2);
    t.Equal(NumOpenConns(db), 3, "open conns");
    t.NoError(conns[0]->Close(), "conn0.Close");
    t.NoError(conns[1]->Close(), "conn1.Close");
    t.Equal(NumOpenConns(db), 2, "open conns");
    t.NoError(conns[2]->Close(), "conn2.Close");
    t.Equal(NumOpenConns(db), 2, "open conns");
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, SingleOpenConn) {
  // Follows TestSingleOpenConn: with one conn allowed, a query whose rows were closed
  // leaves the conn free for the next query (no deadlock).
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    db->SetMaxOpenConns(1);
    QueryClose(t, db);
    QueryClose(t, db);
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, Stats) {
  // Follows TestStats: Stats().OpenConnections counts the setup's idle conn, and is 0
  // once the DB is closed.
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    t.Equal(db->Stats().OpenConnections, 1, "stats.OpenConnections");
    BeginCommit(t, db);
    CloseDB(t, db);
    t.Equal(db->Stats().OpenConnections, 0, "stats.OpenConnections");
  });
}

// TestStatsMaxIdleClosedZero/Ten: ten queries through one conn with `max_idle` idle slots;
// returns how many conns the idle limit closed meanwhile.
int64_t MaxIdleClosedOverTenQueries(GoT& t, const TestDB& db, int max_idle) {
  db->SetMaxOpenConns(1);
  db->SetMaxIdleConns(max_idle);
  db->SetConnMaxLifetime(Duration::Zero());
  const int64_t pre = db->Stats().MaxIdleClosed;
  for (int i = 0; i < 10; ++i) QueryClose(t, db);
  return db->Stats().MaxIdleClosed - pre;
}

TEST(GoSqlTest, StatsMaxIdleClosedZero) {
  // Follows TestStatsMaxIdleClosedZero: with one idle slot, ten queries reuse the conn and
  // the idle limit closes none.
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    t.Equal(MaxIdleClosedOverTenQueries(t, db, 1), 0, "max idle closed conns");
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, StatsMaxIdleClosedTen) {
  // Follows TestStatsMaxIdleClosedTen: with no idle slot, each of ten queries' conns is
  // closed on return, and Stats().MaxIdleClosed counts all ten.
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    t.Equal(MaxIdleClosedOverTenQueries(t, db, 0), 10, "max idle closed conns");
    CloseDB(t, db);
  });
}

}  // namespace
}  // namespace model::gotest
