// Go's tests of conn expiry (SetConnMaxLifetime, SetConnMaxIdleTime), ported from
// sql_test.go. Go fakes the clock by replacing nowFunc; here the clock is virtual, so the
// tests simply sleep, and the pool's own cleaner goroutine does what Go's test called
// directly (connectionCleanerRunLocked).
#include <memory>

#include "gtest/gtest.h"
#include "model/gotest/run_go_test.h"
#include "model/gotest/test_db.h"
#include "model/sql/tx.h"

namespace model::gotest {
namespace {

using sim::Duration;

TEST(GoSqlTest, ConnMaxLifetime) {
  // Follows TestConnMaxLifetime: two conns opened 1s apart are both kept; at 11s, with a
  // 10s lifetime, the first (11s old) is closed when next taken and the second (exactly
  // 10s old) is still good, so two more txs cost one new open and one close.
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "magicquery");
    db->SetMaxIdleConns(0);  // Go's clearAllConns
    t.Equal(NumFreeConns(db), 0u, "free conns");
    const uint64_t opens0 = db.log().counts().conns_opened;
    const uint64_t closes0 = db.log().counts().conns_closed;
    db->SetMaxIdleConns(10);
    db->SetMaxOpenConns(10);

    std::shared_ptr<sql::Tx> tx = t.Must(db->BeginTx(Background()), "Begin");
    sim::Sleep(Duration::Seconds(1));
    std::shared_ptr<sql::Tx> tx2 = t.Must(db->BeginTx(Background()), "Begin");
    t.NoError(tx->Commit(), "Commit");
    t.NoError(tx2->Commit(), "Commit");
    t.Equal(db.log().counts().conns_opened - opens0, 2u, "opens");
    t.Equal(db.log().counts().conns_closed - closes0, 0u, "closes");
    t.Equal(NumFreeConns(db), 2u, "free conns");

    sim::Sleep(Duration::Seconds(10));  // Go: offset = 11 * time.Second
    db->SetConnMaxLifetime(Duration::Seconds(10));
    tx = t.Must(db->BeginTx(Background()), "Begin");
    tx2 = t.Must(db->BeginTx(Background()), "Begin");
    t.NoError(tx->Commit(), "Commit");
    t.NoError(tx2->Commit(), "Commit");
    t.Equal(db.log().counts().conns_opened - opens0, 3u, "opens");
    t.Equal(db.log().counts().conns_closed - closes0, 1u, "closes");
    CloseDB(t, db);
  });
}

// One case of Go's TestMaxIdleTime table.
struct MaxIdleTimeCase {
  Duration max_idle_time;
  int64_t want_idle_closed;
};

// TestMaxIdleTime's body: a conn left idle by Ping is closed by the cleaner iff it has
// been idle longer than max_idle_time when the cleaner next runs. Go moves nowFunc 10ms
// and runs the cleaner's pass (connectionCleanerRunLocked, private) by hand; here the test
// sleeps past the cleaner's first tick (its interval is never below 1s) plus Go's 10ms.
// Go's test sets the lifetime to 0; this Go version's shortestIdleTimeLocked then returns
// 0 and the real cleaner stops at its first tick (the pass Go calls by hand would never
// run), so the port sets a lifetime longer than both idle limits instead.
void RunMaxIdleTimeCase(GoT& t, const MaxIdleTimeCase& item) {
  TestDB db = NewTestDB(t, "people");
  db->SetMaxOpenConns(1);
  db->SetMaxIdleConns(1);
  db->SetConnMaxIdleTime(item.max_idle_time);
  db->SetConnMaxLifetime(Duration::Seconds(2 * 3600));
  const int64_t pre = db->Stats().MaxIdleTimeClosed;
  const uint64_t closes0 = db.log().counts().conns_closed;
  t.NoError(db->PingContext(Background()), "Ping");
  sim::Sleep(Duration::Seconds(1) + Duration::Milliseconds(10));
  const int64_t closed = static_cast<int64_t>(db.log().counts().conns_closed - closes0);
  t.Equal(closed, item.want_idle_closed, "closed conns");
  t.Equal(db->Stats().MaxIdleTimeClosed - pre, item.want_idle_closed, "max idle time closed conns");
  CloseDB(t, db);
}

TEST(GoSqlTest, MaxIdleTime) {
  // Follows TestMaxIdleTime: with a 1ns idle limit the idle conn is closed and counted in
  // Stats().MaxIdleTimeClosed; with a 1h limit it is kept.
  for (const MaxIdleTimeCase& item : {MaxIdleTimeCase{Duration::Nanoseconds(1), 1},
                                      MaxIdleTimeCase{Duration::Seconds(3600), 0}}) {
    SCOPED_TRACE(absl::StrCat("max idle time ", item.max_idle_time.ToString()));
    RunGoTest([item](GoT& t) { RunMaxIdleTimeCase(t, item); });
  }
}

}  // namespace
}  // namespace model::gotest
