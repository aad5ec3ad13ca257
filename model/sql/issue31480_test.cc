// The golang/go#31480 demonstration. async-reset resets sessions on a background goroutine
// fed by a bounded channel (resetterCh); when the channel is full, putConn marks the
// returned conn bad although the driver never failed it, and callers can end up with
// "driver: bad connection". sync-reset (the fix, 971f8a2) resets synchronously and has no such channel.
// The tests keep connectionResetter from running while any other goroutine can (a
// starving strategy) and shrink the channel to 1, so the channel fills as it did in
// production with 50 and a busy pool.
#include <gtest/gtest.h>

#include <string>

#include "model/sql/conn.h"
#include "model/sql/db.h"
#include "model/sql/testing/pool.h"
#include "model/sql/result.h"
#include "sim/sync.h"

namespace model::sql {
namespace {

using testing::Bg;
using testing::FakePool;
using testing::OpenFakePool;
using testing::StarvingStrategy;

// OpenDB is the first thing each program below does, so goroutine 0 is main, 1 the
// connectionOpener and 2 async-reset's connectionResetter. Each test checks this.
constexpr sim::GoroutineId kResetterId = 2;

// The name of live goroutine `id` of the current run ("" if none); call inside a run.
std::string LiveGoroutineName(sim::GoroutineId id) {
  for (const sim::GoroutineReport& g : sim::LiveGoroutines()) {
    if (g.id == id) return g.name;
  }
  return "";
}

bool TraceMentions(const sim::RunResult& r, const std::string& text) {
  for (const sim::TraceEvent& e : r.trace.events) {
    if (e.kind == sim::TraceEvent::Kind::kAnnotation && e.text.find(text) != std::string::npos) {
      return true;
    }
  }
  return false;
}

// What the scripted program saw: the view after two conns came back while the resetter
// could not run, and the driver's log after one more Exec.
struct ScriptOutcome {
  sim::RunResult run;
  std::string starved_name;
  PoolView after_returns;
  fakedb::CallLog log;
  absl::Status exec1, exec2;
};

// Two conns are taken with DB.Conn and given back one after the other; then two Execs.
ScriptOutcome RunTwoReturnsThenExecs(PoolVersion version) {
  ScriptOutcome out;
  StarvingStrategy strategy({kResetterId});
  sim::RunOptions options;
  options.record_trace = true;
  out.run = sim::RunProgram(strategy, 1, options, [&] {
    DBOptions db_options;
    db_options.resetter_capacity = 1;
    FakePool p = OpenFakePool(version, {}, db_options);
    out.starved_name = LiveGoroutineName(kResetterId);
    auto c1 = *p.db->Conn(Bg());
    auto c2 = *p.db->Conn(Bg());
    EXPECT_TRUE(c1->Close().ok());
    EXPECT_TRUE(c2->Close().ok());
    out.after_returns = p.db->Inspect();
    out.exec1 = p.db->ExecContext(Bg(), "NOOP").status();
    out.exec2 = p.db->ExecContext(Bg(), "NOOP").status();
    out.log = p.driver->log();
    EXPECT_TRUE(p.db->Close().ok());
  });
  return out;
}

TEST(Issue31480, AsyncResetMarksAHealthyConnBadWhenResetterChannelIsFull) {
  // Shows the mechanism of #31480 step by step: with resetterCh of capacity 1 and the
  // resetter not yet run, conn 1's return fills the channel and conn 2's return finds it
  // full, so conn 2 is marked ErrBadConn in lastErr (Inspect, and the pool's trace line)
  // although the driver never failed it. The next use of conn 2 discards it: the driver
  // is told to Close a conn it never failed, before DB.Close.
  ScriptOutcome out = RunTwoReturnsThenExecs(PoolVersion::kAsyncReset);
  ASSERT_FALSE(out.run.failed()) << out.run.failure.Name() << ": " << out.run.message;
  ASSERT_EQ(out.starved_name, "connectionResetter");
  ASSERT_EQ(out.after_returns.conns.size(), 2u);
  const ConnView& first = out.after_returns.conns[0];
  const ConnView& second = out.after_returns.conns[1];
  EXPECT_TRUE(first.pending_reset);
  EXPECT_TRUE(first.last_err.ok());
  EXPECT_FALSE(second.pending_reset);
  EXPECT_TRUE(driver::IsBadConn(second.last_err)) << second.last_err;
  EXPECT_TRUE(TraceMentions(out.run, "marked bad by full resetterCh"));
  EXPECT_TRUE(out.exec1.ok() && out.exec2.ok());  // the retry hides it from these callers
  EXPECT_FALSE(out.log.conn(2).failed_by_driver);
  EXPECT_TRUE(out.log.conn(2).closed);  // discarded while healthy
}

TEST(Issue31480, SyncResetKeepsBothConnsAndResetsThemBeforeReuse) {
  // Shows the same script on sync-reset: both returned conns are only marked for
  // reset (needReset), nothing is marked bad, the Execs reset the session synchronously
  // (ResetSession calls in the driver log) and no conn is closed before DB.Close.
  ScriptOutcome out = RunTwoReturnsThenExecs(PoolVersion::kSyncReset);
  ASSERT_FALSE(out.run.failed()) << out.run.failure.Name() << ": " << out.run.message;
  ASSERT_EQ(out.after_returns.conns.size(), 2u);
  for (const ConnView& c : out.after_returns.conns) {
    EXPECT_TRUE(c.need_reset);
    EXPECT_TRUE(c.last_err.ok());
  }
  EXPECT_FALSE(TraceMentions(out.run, "marked bad"));
  EXPECT_TRUE(out.exec1.ok() && out.exec2.ok());
  EXPECT_EQ(out.log.counts().conns_closed, 0u);
  size_t resets = 0;
  for (const fakedb::DriverCall& c : out.log.entries()) {
    resets += c.kind == fakedb::CallKind::kResetSession;
  }
  EXPECT_GE(resets, 1u);
}

// Busy pool: 8 workers, 4 Execs each, maxOpen = maxIdle = 3, resetterCh capacity 1, the
// resetter starved. Returns how many Execs failed with ErrBadConn; *healthy_closed counts
// driver conns closed before DB.Close although the driver never failed one.
int BadConnsSeenByCallers(PoolVersion version, uint64_t seed, sim::RunResult* run,
                          uint64_t* healthy_closed, std::string* starved_name = nullptr) {
  int bad = 0;
  StarvingStrategy strategy({kResetterId});
  *run = sim::RunProgram(strategy, seed, sim::RunOptions{}, [&] {
    DBOptions db_options;
    db_options.resetter_capacity = 1;
    FakePool p = OpenFakePool(version, {}, db_options);
    if (starved_name != nullptr) *starved_name = LiveGoroutineName(kResetterId);
    p.db->SetMaxOpenConns(3);
    p.db->SetMaxIdleConns(3);
    sim::WaitGroup wg;
    for (int w = 0; w < 8; w++) {
      wg.Add(1);
      sim::Go("worker", [&] {
        for (int k = 0; k < 4; k++) {
          bad += driver::IsBadConn(p.db->ExecContext(Bg(), "NOOP").status());
        }
        wg.Done();
      });
    }
    wg.Wait();
    *healthy_closed = 0;
    for (const fakedb::ConnSummary& c : p.driver->log().conns()) {
      EXPECT_FALSE(c.failed_by_driver);  // the fake driver has no faults here
      *healthy_closed += c.closed;
    }
    EXPECT_TRUE(p.db->Close().ok());
  });
  return bad;
}

constexpr uint64_t kSeeds = 20;

TEST(Issue31480, AsyncResetCallersGetErrBadConnFromHealthyConns) {
  // Shows the user-visible bug: under schedules where the resetter lags, callers of
  // ExecContext receive "driver: bad connection" (after all of Go's retries) although the
  // driver never failed a conn. It must happen in at least one of 20 seeds, and replaying
  // that seed must give the same run (fingerprint) and the same number of failed Execs.
  int seeds_with_bad = 0;
  uint64_t first_bad_seed = 0;
  int first_bad_count = 0;
  sim::RunResult first_run;
  for (uint64_t seed = 1; seed <= kSeeds; seed++) {
    sim::RunResult run;
    uint64_t healthy_closed = 0;
    std::string starved;
    int bad =
        BadConnsSeenByCallers(PoolVersion::kAsyncReset, seed, &run, &healthy_closed, &starved);
    ASSERT_FALSE(run.failed()) << run.failure.Name() << ": " << run.message;
    ASSERT_EQ(starved, "connectionResetter");
    if (bad > 0 && seeds_with_bad++ == 0) {
      first_bad_seed = seed;
      first_bad_count = bad;
      first_run = run;
      EXPECT_GT(healthy_closed, 0u);
    }
  }
  ASSERT_GT(seeds_with_bad, 0) << "no caller got ErrBadConn in " << kSeeds << " seeds";
  sim::RunResult again;
  uint64_t healthy_closed = 0;
  EXPECT_EQ(BadConnsSeenByCallers(PoolVersion::kAsyncReset, first_bad_seed, &again,
                                  &healthy_closed),
            first_bad_count);
  EXPECT_EQ(again.fingerprint, first_run.fingerprint);
  RecordProperty("seeds_with_bad_conn", seeds_with_bad);
}

TEST(Issue31480, SyncResetNeverGivesCallersErrBadConnUnderTheSameSchedules) {
  // Shows the fix: the same busy program and strategy on sync-reset, over the same
  // 20 seeds, never gives a caller ErrBadConn and never closes a healthy conn early.
  for (uint64_t seed = 1; seed <= kSeeds; seed++) {
    sim::RunResult run;
    uint64_t healthy_closed = 0;
    int bad = BadConnsSeenByCallers(PoolVersion::kSyncReset, seed, &run, &healthy_closed);
    ASSERT_FALSE(run.failed()) << run.failure.Name() << ": " << run.message;
    EXPECT_EQ(bad, 0) << "seed " << seed;
    EXPECT_EQ(healthy_closed, 0u) << "seed " << seed;
  }
}

}  // namespace
}  // namespace model::sql
