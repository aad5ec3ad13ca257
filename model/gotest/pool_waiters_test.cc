// Go's tests of callers waiting for a conn (at the open limit, behind a slow or failing
// open, with a cancelled context), ported from sql_test.go. Go's driver hooks that block
// or fail opens become fault rules of the fake driver; Go's real sleeps are virtual.
#include <memory>

#include "gtest/gtest.h"
#include "model/gotest/run_go_test.h"
#include "model/gotest/test_db.h"
#include "model/sql/rows.h"

namespace model::gotest {
namespace {

using fakedb::CallKind;
using fakedb::FaultAction;
using fakedb::FaultRule;
using sim::Duration;

// TestPendingConnsAfterErr: each of the `try_open` Execs must fail with the open error,
// and none may be left waiting (Go's 5s timer `to`); the errors arrive on `errs`.
void ExpectEveryOpenError(GoT& t, const sim::Chan<absl::Status>& errs, int try_open,
                          const sim::Timer& to) {
  for (int i = 0; i < try_open; ++i) {
    absl::Status err;
    sim::Select sel;
    sel.Recv(errs, &err);
    sel.Recv(to.C());
    if (sel.Wait() == 1) t.Fatal("orphaned connection request(s), still waiting after 5s");
    t.Check(fakedb::IsInjectedError(err),
            absl::StrCat("unexpected err: got ", err.ToString(), ", want the open error"));
  }
}

// TestPendingConnsAfterErr's last wait: polls (every 3ms) until numOpen is 0 or `to` fires;
// on timeout closeDB reports the conns still counted open.
void WaitForNoOpenConns(const TestDB& db, const sim::Timer& to) {
  sim::Timer tick = sim::NewTimer(Duration::Milliseconds(3));
  for (;;) {
    sim::Select sel;
    sel.Recv(tick.C());
    sel.Recv(to.C());
    if (sel.Wait() == 1 || NumOpenConns(db) == 0) break;
    tick.Reset(Duration::Milliseconds(3));
  }
  tick.Stop();
}

TEST(GoSqlTest, PendingConnsAfterErr) {
  // Follows TestPendingConnsAfterErr (issue 10886): with maxOpen 2 and six callers, every
  // open fails after all six are queued (Go's hook waits for them; here each open takes
  // 10ms first), and every caller still returns the open's error; then, before the DB is
  // closed, numOpen drains to 0 (checked by CloseDB). The wait matters: the opener may
  // still hold a queued request, and Go's connectionOpener drops it (and its numOpen
  // count) if the DB is closed first.
  constexpr int kMaxOpen = 2;
  constexpr int kTryOpen = kMaxOpen * 2 + 2;
  RunGoTest([](GoT& t) {
    TestDBConfig config;
    config.driver.faults.Add(FaultRule::Always(CallKind::kOpen).Delays(Duration::Milliseconds(10)));
    config.driver.faults.Add(FaultRule::Always(CallKind::kOpen).Returns(FaultAction::kError));
    TestDB db = OpenTestDB(t, config);
    db->SetMaxOpenConns(kMaxOpen);
    db->SetMaxIdleConns(0);
    auto errs = sim::Chan<absl::Status>::Make(kTryOpen);
    sim::WaitGroup opening;
    opening.Add(kTryOpen);
    for (int i = 0; i < kTryOpen; ++i) {
      sim::Go("Exec", [&opening, db = db.db, errs] {
        opening.Done();
        errs.Send(db->ExecContext(Background(), "NOOP").status());
      });
    }
    opening.Wait();
    sim::Timer to = sim::NewTimer(Duration::Seconds(5));
    ExpectEveryOpenError(t, errs, kTryOpen, to);
    WaitForNoOpenConns(db, to);
    to.Stop();
    CloseDB(t, db);
  });
}

TEST(GoSqlTest, ConnectionLeak) {
  // Follows TestConnectionLeak: with both idle slots' conns busy, a third query opens a
  // conn slowly (Go blocks it on drv.waitCh; here the 3rd open takes 1s); meanwhile the
  // busy conns come back and fill the idle list, so the late conn is useless. It must be
  // closed, not leaked: afterwards 2 conns are open, both idle, and the driver agrees.
  RunGoTest([](GoT& t) {
    TestDBConfig config;
    config.driver.faults.Add(FaultRule::Nth(CallKind::kOpen, 3).Delays(Duration::Seconds(1)));
    TestDB db = NewTestDB(t, "people", config);
    std::shared_ptr<sql::Rows> rows[sql::kDefaultMaxIdleConns];
    db->SetMaxOpenConns(sql::kDefaultMaxIdleConns + 1);
    for (auto& r : rows) {
      r = t.Must(db->QueryContext(Background(), "SELECT"), "Query");
      r->Next();
      t.NoError(r->Err(), "rows.Err");
    }
    sim::WaitGroup wg;
    wg.Add(1);
    sim::Go("late query", [&t, &wg, db = db.db] {
      std::shared_ptr<sql::Rows> r = t.Must(db->QueryContext(Background(), "SELECT"), "Query");
      t.NoError(r->Close(), "rows.Close");
      wg.Done();
    });
    const bool opening = WaitCondition(Duration::Milliseconds(500), Duration::Milliseconds(1),
                                       [&] { return db.log().counts().opens_in_flight == 1; });
    t.Check(opening, "the late query never started its open");
    for (auto& r : rows) t.NoError(r->Close(), "rows.Close");
    wg.Wait();
    t.Equal(NumOpenConns(db), 2, "open conns");
    t.Equal(NumFreeConns(db), 2u, "free conns");
    t.Equal(db.log().counts().live_conns(), 2u, "driver conns open");
    CloseDB(t, db);
  });
}

// TestPoolExhaustOnCancel's saturation: `max` goroutines each hold a query's conn until
// donePing is closed. Go holds them inside the driver; holding the open Rows is the same
// for the pool (the conn is in use).
void SaturatePool(GoT& t, const TestDB& db, int max, sim::WaitGroup& saturate,
                  sim::WaitGroup& saturate_done, const sim::Chan<sim::Unit>& done_ping) {
  for (int i = 0; i < max; ++i) {
    sim::Go("saturating query", [&, db = db.db, done_ping] {
      std::shared_ptr<sql::Rows> rows = t.Must(db->QueryContext(Background(), "SELECT"), "Query");
      saturate.Done();
      done_ping.Recv();
      t.NoError(rows->Close(), "rows.Close");
      saturate_done.Done();
    });
  }
  saturate.Wait();
}

TEST(GoSqlTest, PoolExhaustOnCancel) {
  // Follows TestPoolExhaustOnCancel: with all 3 conns in use, three Pings wait for a conn
  // and are cancelled after 100ms; each returns context.Canceled, and the cancelled waits
  // cost the pool nothing: once the conns come back, a normal Ping succeeds.
  constexpr int kMax = 3;
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    db->SetMaxOpenConns(kMax);
    sim::WaitGroup saturate, saturate_done;
    saturate.Add(kMax);
    saturate_done.Add(kMax);
    auto done_ping = sim::Chan<sim::Unit>::Make();
    SaturatePool(t, db, kMax, saturate, saturate_done, done_ping);

    auto [ctx, cancel] = sim::WithTimeout(Background(), Duration::Seconds(2));
    for (int i = 0; i < kMax; ++i) {
      auto [ctx_req, cancel_req] = sim::WithCancel(ctx);
      sim::Go("cancel ping", [cancel_req = cancel_req] {
        sim::Sleep(Duration::Milliseconds(100));
        cancel_req();
      });
      t.ErrorIs(db->PingContext(ctx_req), sim::Canceled(), "PingContext (Exhaust)");
    }
    done_ping.Close();
    saturate_done.Wait();
    t.NoError(db->PingContext(ctx), "PingContext (Normal)");
    cancel();
    CloseDB(t, db);
  });
}

}  // namespace
}  // namespace model::gotest
