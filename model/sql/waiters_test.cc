// Tests of the pool at its open-conn limit on both versions: waiters in connRequests are
// served by returned conns, failed opens and DB.Close, and the driver never has more live
// conns than maxOpen. Deterministic programs use the cooperative strategy (run the current
// goroutine until it blocks); the concurrent one runs under many random seeds.
#include <gtest/gtest.h>

#include <vector>

#include "model/sql/conn.h"
#include "model/sql/db.h"
#include "model/sql/errors.h"
#include "model/sql/testing/pool.h"
#include "model/sql/result.h"
#include "sim/sync.h"

namespace model::sql {
namespace {

using testing::Bg;
using testing::LetOthersRun;
using testing::FakePool;
using testing::OpenFakePool;

class PoolWaiters : public ::testing::TestWithParam<PoolVersion> {};

INSTANTIATE_TEST_SUITE_P(EveryVersion, PoolWaiters, testing::EveryVersion(), testing::VersionName);

// At maxOpen 1, takes the only conn with DB.Conn and starts a goroutine whose Exec waits
// for it; returns once the waiter is blocked. The Exec's outcome goes to *exec.
std::shared_ptr<Conn> HoldConnWithAWaiter(FakePool& p, sim::WaitGroup& wg, absl::Status* exec,
                                          sim::Context ctx = Bg()) {
  p.db->SetMaxOpenConns(1);
  auto held = *p.db->Conn(Bg());
  wg.Add(1);
  sim::Go("waiter", [&p, &wg, exec, ctx] {
    *exec = p.db->ExecContext(ctx, "NOOP").status();
    wg.Done();
  });
  LetOthersRun();
  return held;
}

TEST_P(PoolWaiters, ReturnedConnIsHandedToTheWaiter) {
  // Shows putConnDBLocked serving a waiter: at maxOpen 1 an Exec waits (one entry in
  // connRequests) while a Conn holds the conn; closing the Conn hands that same driver conn
  // to the waiter, whose Exec succeeds; one conn opened in all, WaitCount 1.
  PoolView while_waiting;
  absl::Status exec;
  DBStats stats;
  uint64_t opened = 0;
  sim::RunResult r = testing::RunCooperative([&] {
    FakePool p = OpenFakePool(GetParam());
    sim::WaitGroup wg;
    auto held = HoldConnWithAWaiter(p, wg, &exec);
    while_waiting = p.db->Inspect();
    EXPECT_TRUE(held->Close().ok());
    wg.Wait();
    stats = p.db->Stats();
    opened = p.driver->log().counts().conns_opened;
    EXPECT_TRUE(p.db->Close().ok());
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_EQ(while_waiting.conn_requests, 1u);
  EXPECT_EQ(while_waiting.num_open, 1);
  EXPECT_TRUE(exec.ok()) << exec;
  EXPECT_EQ(opened, 1u);
  EXPECT_EQ(stats.WaitCount, 1);
}

TEST_P(PoolWaiters, CloseTellsWaitersTheDatabaseIsClosed) {
  // Shows DB.Close closing the waiters' request channels: the waiting Exec returns
  // "sql: database is closed", and the held conn is closed in the driver when returned.
  absl::Status exec;
  fakedb::DriverCounts counts;
  sim::RunResult r = testing::RunCooperative([&] {
    FakePool p = OpenFakePool(GetParam());
    sim::WaitGroup wg;
    auto held = HoldConnWithAWaiter(p, wg, &exec);
    EXPECT_TRUE(p.db->Close().ok());
    wg.Wait();
    EXPECT_TRUE(held->Close().ok());
    counts = p.driver->log().counts();
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_TRUE(IsError(exec, ErrDBClosed())) << exec;
  EXPECT_EQ(counts.conns_opened, 1u);
  EXPECT_EQ(counts.conns_closed, 1u);
}

TEST_P(PoolWaiters, CancelledWaiterLeavesConnRequests) {
  // Shows a waiter whose context is cancelled returns "context canceled" and removes its
  // request, so the conn returned later goes to the free list, not to a dead waiter.
  absl::Status exec;
  PoolView after;
  sim::RunResult r = testing::RunCooperative([&] {
    FakePool p = OpenFakePool(GetParam());
    auto [ctx, cancel] = sim::WithCancel(Bg());
    sim::WaitGroup wg;
    auto held = HoldConnWithAWaiter(p, wg, &exec, ctx);
    cancel();
    wg.Wait();
    EXPECT_TRUE(held->Close().ok());
    after = p.db->Inspect();
    EXPECT_TRUE(p.db->Close().ok());
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_TRUE(IsError(exec, sim::Canceled())) << exec;
  EXPECT_EQ(after.conn_requests, 0u);
  EXPECT_EQ(after.free_conn.size(), 1u);
}

TEST_P(PoolWaiters, FailedOpenIsPassedToTheWaiter) {
  // Shows openNewConnection's error path: at maxOpen 1, when the only conn is discarded as
  // bad, the pool asks the opener for a conn for the waiter; that open fails and the
  // waiter receives the driver's error instead of waiting forever; numOpen returns to 0.
  fakedb::FakeDriverOptions fake;
  fake.faults.Add(fakedb::FaultRule::Nth(fakedb::CallKind::kOpen, 2).Returns(
      fakedb::FaultAction::kError));
  absl::Status exec;
  PoolView after;
  sim::RunResult r = testing::RunCooperative([&] {
    FakePool p = OpenFakePool(GetParam(), fake);
    sim::WaitGroup wg;
    auto held = HoldConnWithAWaiter(p, wg, &exec);
    // Returning the conn as bad closes it; the freed capacity goes to the opener.
    held->Raw([](driver::Conn&) { return driver::ErrBadConn(); }).IgnoreError();
    wg.Wait();
    after = p.db->Inspect();
    EXPECT_TRUE(p.db->Close().ok());
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_TRUE(IsError(exec, fakedb::InjectedError(fakedb::CallKind::kOpen))) << exec;
  EXPECT_EQ(after.num_open, 0);
  EXPECT_EQ(after.conn_requests, 0u);
}

TEST_P(PoolWaiters, ConcurrentExecsNeverExceedMaxOpen) {
  // Shows the open limit under many schedules: 6 goroutines x 3 Execs at maxOpen 2, over
  // 30 random seeds; every Exec succeeds, the driver never opens more than 2 conns, and at
  // least one seed makes some caller wait.
  int64_t max_wait_count = 0;
  for (uint64_t seed = 1; seed <= 30; seed++) {
    int failures = 0;
    uint64_t opened = 0;
    DBStats stats;
    sim::RunResult r = testing::RunSeeded(seed, [&] {
      FakePool p = OpenFakePool(GetParam());
      p.db->SetMaxOpenConns(2);
      sim::WaitGroup wg;
      for (int w = 0; w < 6; w++) {
        wg.Add(1);
        sim::Go("worker", [&] {
          for (int k = 0; k < 3; k++) failures += !p.db->ExecContext(Bg(), "NOOP").ok();
          wg.Done();
        });
      }
      wg.Wait();
      stats = p.db->Stats();
      opened = p.driver->log().counts().conns_opened;
      EXPECT_TRUE(p.db->Close().ok());
    });
    ASSERT_FALSE(r.failed()) << "seed " << seed << ": " << r.failure.Name() << ": " << r.message;
    EXPECT_EQ(failures, 0) << "seed " << seed;
    EXPECT_LE(opened, 2u) << "seed " << seed;
    max_wait_count = std::max(max_wait_count, stats.WaitCount);
  }
  EXPECT_GT(max_wait_count, 0);
}

}  // namespace
}  // namespace model::sql
