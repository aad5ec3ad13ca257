// Tests of the connection cleaner on virtual time. As in 971f8a2, shortestIdleTimeLocked
// takes the smaller of maxIdleTime and maxLifetime even when one is zero, so the cleaner
// only closes conns when both limits are set; with a lifetime alone it exits at its first
// tick and expired conns are closed lazily, when next taken. Go 1.19's cleaner
// (cleaner_tracks_next_expiry) ignores an unset limit and reruns when the next conn is due.
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

// One Exec leaves one idle conn; then `wait` (5s) of virtual time pass; then one more Exec.
CleanerOutcome RunIdleConnPastLimits(sim::Duration lifetime, sim::Duration idle_time,
                                     PoolVersion version = PoolVersion::kSyncReset,
                                     sim::Duration wait = sim::Duration::Seconds(5)) {
  CleanerOutcome out;
  out.run = testing::RunSeeded(31, [&] {
    FakePool p = OpenFakePool(version);
    p.db->SetConnMaxLifetime(lifetime);
    p.db->SetConnMaxIdleTime(idle_time);
    EXPECT_TRUE(p.db->ExecContext(Bg(), "NOOP").ok());
    sim::Sleep(wait);
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

class CleanerByVersion : public ::testing::TestWithParam<PoolVersion> {};

INSTANTIATE_TEST_SUITE_P(EveryVersion, CleanerByVersion, testing::EveryVersion(),
                         testing::VersionName);

TEST_P(CleanerByVersion, ALimitSetAloneIsCleanedOnlyByTheTrackingCleaner) {
  // Shows cleaner_tracks_next_expiry's shortestIdleTimeLocked: with only a lifetime (2s) or
  // only an idle time (3s), Go 1.19's cleaner closes the idle conn within 5s and counts it;
  // the older cleaner stops at its first tick and leaves the conn in the free list.
  const bool tracks = FeaturesOf(GetParam()).cleaner_tracks_next_expiry;
  CleanerOutcome life = RunIdleConnPastLimits(sim::Duration::Seconds(2), sim::Duration::Zero(),
                                              GetParam());
  ASSERT_FALSE(life.run.failed()) << life.run.failure.Name() << ": " << life.run.message;
  EXPECT_EQ(life.stats_after_wait.MaxLifetimeClosed, tracks ? 1 : 0);
  EXPECT_EQ(life.view_after_wait.free_conn.size(), tracks ? 0u : 1u);
  CleanerOutcome idle = RunIdleConnPastLimits(sim::Duration::Zero(), sim::Duration::Seconds(3),
                                              GetParam());
  ASSERT_FALSE(idle.run.failed()) << idle.run.failure.Name() << ": " << idle.run.message;
  EXPECT_EQ(idle.stats_after_wait.MaxIdleTimeClosed, tracks ? 1 : 0);
  EXPECT_EQ(idle.view_after_wait.free_conn.size(), tracks ? 0u : 1u);
}

TEST_P(CleanerByVersion, TheTrackingCleanerRerunsWhenTheNextConnIsDue) {
  // Shows connectionCleanerRunLocked(d) shortening its delay: idle time 10s, lifetime 60s.
  // The first sweep (at 10s) finds the conn exactly at the limit, not past it; Go 1.19
  // reruns 1s later (minInterval) and closes it by 15s, the older cleaner waits another 10s.
  const bool tracks = FeaturesOf(GetParam()).cleaner_tracks_next_expiry;
  CleanerOutcome out = RunIdleConnPastLimits(sim::Duration::Seconds(60),
                                             sim::Duration::Seconds(10), GetParam(),
                                             sim::Duration::Seconds(15));
  ASSERT_FALSE(out.run.failed()) << out.run.failure.Name() << ": " << out.run.message;
  EXPECT_EQ(out.stats_after_wait.MaxIdleTimeClosed, tracks ? 1 : 0);
  EXPECT_EQ(out.closed_after_wait, tracks ? 1u : 0u);
}

}  // namespace
}  // namespace model::sql
