// Row.Scan closes its Rows on the way out (Go's `defer r.rows.Close()`), here from a
// destructor. A run that ends while that deferred Close waits on the driver must tear the
// goroutine down without killing the process: the harness crash the fuzzer hit about once
// in 15,000 cases was this (a Release build inlines the destructor, and its landing pad
// calls std::terminate directly).
#include <gtest/gtest.h>

#include <cstdint>

#include "model/sql/rows.h"
#include "model/sql/testing/pool.h"
#include "sim/go.h"
#include "sim/run.h"
#include "sim/testing/test_strategies.h"

namespace model::sql {
namespace {

using testing::Bg;
using testing::FakePool;
using testing::OpenFakePool;

bool RowsCloseStarted(const fakedb::FakeDriver& driver) {
  for (const fakedb::DriverCall& call : driver.log().entries()) {
    if (call.kind == fakedb::CallKind::kRowsClose) return true;
  }
  return false;
}

// A scanner whose Scan fails (one destination for COUNT's one column is right; two are
// not), so only the deferred Close closes the Rows, and every driver call takes 1ms. Main
// returns as soon as that Rows.Close has started: the run ends with the scanner asleep in
// the driver inside the destructor.
sim::RunResult RunEndingInsideScansDeferredClose(PoolVersion version, bool* close_started) {
  sim::testing::CooperativeStrategy strategy;
  return sim::RunProgram(strategy, 0, sim::RunOptions{}, [version, close_started] {
    fakedb::FakeDriverOptions fake;
    fake.call_latency = sim::Duration::Milliseconds(1);
    FakePool p = OpenFakePool(version, fake);
    sim::Go("scanner", [db = p.db] {
      int64_t a = 0, b = 0;
      db->QueryRowContext(Bg(), "COUNT")->Scan(&a, &b).IgnoreError();
    });
    for (int i = 0; i < 100 && !RowsCloseStarted(*p.driver); i++) {
      sim::Sleep(sim::Duration::Microseconds(100));
    }
    *close_started = RowsCloseStarted(*p.driver);
  });
}

TEST(RowScanTeardown, ARunEndingInsideScansDeferredCloseTearsDownCleanly) {
  // Shows, on every pool version, that the run reaches the state (the driver's Rows.Close
  // has started and not finished when main returns), ends with the scanner's goroutine
  // leaked (main returned before it finished) rather than a process crash, and that the
  // next run in this process is unaffected.
  for (PoolVersion version : AllPoolVersions()) {
    bool close_started = false;
    sim::RunResult r = RunEndingInsideScansDeferredClose(version, &close_started);
    EXPECT_TRUE(close_started) << PoolVersionName(version);
    EXPECT_FALSE(r.failed()) << r.message;
    bool again = false;
    sim::RunResult next = RunEndingInsideScansDeferredClose(version, &again);
    EXPECT_TRUE(again);
    EXPECT_EQ(next.steps, r.steps);
  }
}

}  // namespace
}  // namespace model::sql
