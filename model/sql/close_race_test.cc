// A race the port exposes in async-reset's code (not the #31480 bug): putConn hands a
// conn to a waiter, releases db.mu, and only then sends the conn to resetterCh; if DB.Close
// runs in between and connectionResetter sees the DB's context done first, it closes
// resetterCh, and putConn's send panics ("send on closed channel"). sync-reset (971f8a2) has
// no resetterCh. The tests explore one small program under a seeded random strategy.
#include <gtest/gtest.h>

#include "model/sql/conn.h"
#include "model/sql/testing/pool.h"
#include "model/sql/result.h"
#include "sim/sync.h"

namespace model::sql {
namespace {

using testing::Bg;
using testing::FakePool;
using testing::OpenFakePool;

// maxOpen 1: a Conn holds the only conn, a waiter's Exec waits for it, and the Conn's
// Close races with DB.Close.
sim::RunResult RunReturnRacingClose(PoolVersion version, uint64_t seed) {
  sim::testing::SeededRandomStrategy strategy;
  return sim::RunProgram(strategy, seed, sim::RunOptions{}, [version] {
    FakePool p = OpenFakePool(version);
    p.db->SetMaxOpenConns(1);
    auto held = *p.db->Conn(Bg());
    sim::WaitGroup wg;
    wg.Add(3);
    sim::Go("waiter", [&] {
      p.db->ExecContext(Bg(), "NOOP").status().IgnoreError();
      wg.Done();
    });
    sim::Go("returner", [&] {
      held->Close().IgnoreError();
      wg.Done();
    });
    sim::Go("closer", [&] {
      p.db->Close().IgnoreError();
      wg.Done();
    });
    wg.Wait();
  });
}

constexpr uint64_t kSeeds = 50;

TEST(CloseRace, AsyncResetPutConnCanSendOnTheClosedResetterChannel) {
  // Shows the async-reset panic is reachable: among 50 seeds at least one run fails with
  // a Go panic "send on closed channel" raised by putConn's resetterCh send.
  int panics = 0;
  for (uint64_t seed = 1; seed <= kSeeds; seed++) {
    sim::RunResult r = RunReturnRacingClose(PoolVersion::kAsyncReset, seed);
    if (!r.failed()) continue;
    EXPECT_EQ(r.failure.Name(), "panic") << r.message;
    EXPECT_NE(r.message.find("send on closed channel"), std::string::npos) << r.message;
    EXPECT_NE(r.location.find("db_conn.cc"), std::string::npos) << r.location;
    panics++;
  }
  EXPECT_GT(panics, 0);
  RecordProperty("panicking_seeds", panics);
}

TEST(CloseRace, SyncResetSurvivesTheSameRace) {
  // Shows the same program on sync-reset never fails over the same 50 seeds.
  for (uint64_t seed = 1; seed <= kSeeds; seed++) {
    sim::RunResult r = RunReturnRacingClose(PoolVersion::kSyncReset, seed);
    EXPECT_FALSE(r.failed()) << "seed " << seed << ": " << r.failure.Name() << ": " << r.message;
  }
}

}  // namespace
}  // namespace model::sql
