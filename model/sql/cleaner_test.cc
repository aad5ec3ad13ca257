// Tests of the connection cleaner on virtual time. As in the Go source modelled,
// shortestIdleTimeLocked takes the smaller of maxIdleTime and maxLifetime even when one is
// zero, so the cleaner only closes conns when both limits are set; with a lifetime alone
// it exits at its first tick and expired conns are closed lazily, when next taken.
#include <gtest/gtest.h>

#include "model/sql/db.h"
#include "model/sql/testing/pool.h"
#include "model/sql/result.h"

namespace model::sql {
namespace {

using testing::Bg;
using testing::FakePool;
using testing::OpenFakePool;

struct CleanerOutcome {
  sim::RunResult run;
  DBStats stats_after_wait;
  PoolView view_after_wait;
  uint64_t closed_after_wait = 0;
  uint64_t opened_after_reuse = 0;
};

// One Exec leaves one idle conn; then 5s of virtual time pass; then one more Exec.
CleanerOutcome RunIdleConnPastLimits(sim::Duration lifetime, sim::Duration idle_time) {
  CleanerOutcome out;
  out.run = testing::RunSeeded(31, [&] {
    FakePool p = OpenFakePool(PoolVersion::kSyncReset);
    p.db->SetConnMaxLifetime(lifetime);
    p.db->SetConnMaxIdleTime(idle_time);
    EXPECT_TRUE(p.db->ExecContext(Bg(), "NOOP").ok());
    sim::Sleep(sim::Duration::Seconds(5));
    out.stats_after_wait = p.db->Stats();
    out.view_after_wait = p.db->Inspect();
    out.closed_after_wait = p.driver->log().counts().conns_closed;
    EXPECT_TRUE(p.db->ExecContext(Bg(), "NOOP").ok());
    out.opened_after_reuse = p.driver->log().counts().conns_opened;
    EXPECT_TRUE(p.db->Close().ok());
  });
  return out;
}

TEST(Cleaner, ClosesConnsPastTheirLifetimeWhenBothLimitsAreSet) {
  // Shows connectionCleaner on the virtual clock: with lifetime 2s and idle time 3s, the
  // idle conn is closed by the cleaner within 5s (MaxLifetimeClosed 1, free list empty),
  // and the next Exec opens a new conn.
  CleanerOutcome out = RunIdleConnPastLimits(sim::Duration::Seconds(2), sim::Duration::Seconds(3));
  ASSERT_FALSE(out.run.failed()) << out.run.failure.Name() << ": " << out.run.message;
  EXPECT_EQ(out.stats_after_wait.MaxLifetimeClosed, 1);
  EXPECT_TRUE(out.view_after_wait.free_conn.empty());
  EXPECT_EQ(out.closed_after_wait, 1u);
  EXPECT_EQ(out.opened_after_reuse, 2u);
}

TEST(Cleaner, LifetimeAloneLeavesTheConnForLazyExpiry) {
  // Shows the modelled Go behaviour with only a lifetime: the cleaner stops at its first
  // tick (shortest idle time 0), so after 5s the expired conn is still idle and nothing
  // is counted; the next Exec finds it expired, discards it and opens a new one.
  CleanerOutcome out = RunIdleConnPastLimits(sim::Duration::Seconds(2), sim::Duration::Zero());
  ASSERT_FALSE(out.run.failed()) << out.run.failure.Name() << ": " << out.run.message;
  EXPECT_EQ(out.stats_after_wait.MaxLifetimeClosed, 0);
  EXPECT_EQ(out.view_after_wait.free_conn.size(), 1u);
  EXPECT_FALSE(out.view_after_wait.cleaner_running);
  EXPECT_EQ(out.closed_after_wait, 0u);
  EXPECT_EQ(out.opened_after_reuse, 2u);
}

}  // namespace
}  // namespace model::sql
