// Tests of the PoolFeatures Go 1.19.8 added over 971f8a2 (pool_version.h): for each
// feature, one small program runs on every version of the table and the observable outcome
// (the free list, Stats, the driver's call log, an error) is compared with what that
// version's feature says, so the go1.19 row must do the new thing and the others the old.
// The cleaner's tracking of the next expiry is tested in cleaner_test.cc.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "model/sql/conn.h"
#include "model/sql/db.h"
#include "model/sql/result.h"
#include "model/sql/rows.h"
#include "model/sql/testing/pool.h"
#include "model/sql/tx.h"

namespace model::sql {
namespace {

using testing::Bg;
using testing::FakePool;
using testing::OpenFakePool;

class Go119Features : public ::testing::TestWithParam<PoolVersion> {
 protected:
  const PoolFeatures& features() const { return FeaturesOf(GetParam()); }
};

INSTANTIATE_TEST_SUITE_P(EveryVersion, Go119Features, testing::EveryVersion(),
                         testing::VersionName);

void ExpectClean(const sim::RunResult& r) {
  EXPECT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
}

// The position of the first call of `kind` in the driver's log, or -1.
int FirstCall(const fakedb::CallLog& log, fakedb::CallKind kind) {
  const std::vector<fakedb::DriverCall>& calls = log.entries();
  auto it = std::find_if(calls.begin(), calls.end(),
                         [&](const fakedb::DriverCall& c) { return c.kind == kind; });
  return it == calls.end() ? -1 : static_cast<int>(it - calls.begin());
}

TEST_P(Go119Features, ConnReusesTheNewestOrTheOldestFreeConn) {
  // Shows reuses_newest_free_conn: two conns are returned one after the other (freeConn
  // [first, second]); the next Conn takes the second (Go 1.19's LIFO) or the first (the
  // older FIFO), seen in which id is left in the free list.
  std::vector<uint64_t> before, after;
  ExpectClean(testing::RunSeeded(3, [&] {
    FakePool p = OpenFakePool(GetParam());
    auto c1 = *p.db->Conn(Bg());
    auto c2 = *p.db->Conn(Bg());
    EXPECT_TRUE(c1->Close().ok());
    EXPECT_TRUE(c2->Close().ok());
    before = p.db->Inspect().free_conn;
    auto c3 = *p.db->Conn(Bg());
    after = p.db->Inspect().free_conn;
    EXPECT_TRUE(c3->Close().ok());
    EXPECT_TRUE(p.db->Close().ok());
  }));
  ASSERT_EQ(before.size(), 2u);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0], features().reuses_newest_free_conn ? before[0] : before[1]);
}

TEST_P(Go119Features, PutConnDiscardsAConnPastItsLifetime) {
  // Shows counts_and_discards_expired_on_use in putConn: a conn held past its 2s lifetime
  // and then returned is closed and counted in MaxLifetimeClosed (Go 1.19), or pooled.
  PoolView view;
  uint64_t closed = 0;
  ExpectClean(testing::RunSeeded(5, [&] {
    FakePool p = OpenFakePool(GetParam());
    p.db->SetConnMaxLifetime(sim::Duration::Seconds(2));
    auto c = *p.db->Conn(Bg());
    sim::Sleep(sim::Duration::Seconds(3));
    EXPECT_TRUE(c->Close().ok());
    view = p.db->Inspect();
    closed = p.driver->log().counts().conns_closed;
    EXPECT_TRUE(p.db->Close().ok());
  }));
  const bool discards = features().counts_and_discards_expired_on_use;
  EXPECT_EQ(view.free_conn.size(), discards ? 0u : 1u);
  EXPECT_EQ(view.stats.MaxLifetimeClosed, discards ? 1 : 0);
  EXPECT_EQ(closed, discards ? 1u : 0u);
}

TEST_P(Go119Features, ConnCountsTheExpiredFreeConnItCloses) {
  // Shows counts_and_discards_expired_on_use in conn(): an idle conn found expired by the
  // next Exec (at 2.5s of a 2s lifetime, before any cleaner closes it) is closed either
  // way, and counted in MaxLifetimeClosed only by Go 1.19.
  DBStats stats;
  uint64_t closed = 0;
  ExpectClean(testing::RunSeeded(7, [&] {
    FakePool p = OpenFakePool(GetParam());
    p.db->SetConnMaxLifetime(sim::Duration::Seconds(2));
    EXPECT_TRUE(p.db->ExecContext(Bg(), "NOOP").ok());
    sim::Sleep(sim::Duration::Milliseconds(2500));
    EXPECT_TRUE(p.db->ExecContext(Bg(), "NOOP").ok());
    stats = p.db->Stats();
    closed = p.driver->log().counts().conns_closed;
    EXPECT_TRUE(p.db->Close().ok());
  }));
  EXPECT_EQ(closed, 1u);
  EXPECT_EQ(stats.MaxLifetimeClosed, features().counts_and_discards_expired_on_use ? 1 : 0);
}

TEST_P(Go119Features, CommitClosesTheTxRowsBeforeTheDriverCommits) {
  // Shows tx_quiesces_before_end (the golang/go#34775 fix): Commit with a Tx's Rows still
  // open cancels the Tx and waits for closemu first, so the driver sees Rows.Close before
  // Commit (Go 1.19); before the fix the driver commits first and the rows close after.
  int rows_close = -1, commit = -1;
  ExpectClean(testing::RunSeeded(9, [&] {
    FakePool p = OpenFakePool(GetParam());
    auto tx = *p.db->BeginTx(Bg());
    auto rows = *tx->QueryContext(Bg(), "SELECT");
    EXPECT_TRUE(tx->Commit().ok());
    testing::LetOthersRun();
    EXPECT_TRUE(rows->Close().ok());
    rows_close = FirstCall(p.driver->log(), fakedb::CallKind::kRowsClose);
    commit = FirstCall(p.driver->log(), fakedb::CallKind::kCommit);
    EXPECT_TRUE(p.db->Close().ok());
  }));
  ASSERT_GE(rows_close, 0);
  ASSERT_GE(commit, 0);
  EXPECT_EQ(rows_close < commit, features().tx_quiesces_before_end);
}

// Begins a Tx on a cancellable context, cancels it and lets awaitDone roll back; returns
// whether the conn went back to the free list (kept) rather than being closed.
bool ConnKeptAfterCancelRollback(PoolVersion version, bool resetter, bool validator) {
  bool kept = false;
  fakedb::FakeDriverOptions fake;
  fake.session_resetter = resetter;
  fake.connection_validator = validator;
  ExpectClean(testing::RunSeeded(13, [&] {
    FakePool p = OpenFakePool(version, fake);
    auto [ctx, cancel] = sim::WithCancel(Bg());
    auto tx = *p.db->BeginTx(ctx);
    cancel();
    testing::LetOthersRun();
    EXPECT_EQ(FirstCall(p.driver->log(), fakedb::CallKind::kRollback) >= 0, true);
    kept = p.db->Inspect().free_conn.size() == 1 && p.driver->log().counts().conns_closed == 0;
    EXPECT_TRUE(p.db->Close().ok());
  }));
  return kept;
}

TEST_P(Go119Features, CancelRollbackKeepsAConnThatCanResetItsSession) {
  // Shows keeps_conn_on_rollback: after awaitDone's rollback of a cancelled Tx, Go 1.19
  // keeps the conn when the driver conn is a SessionResetter and a Validator, and discards
  // it otherwise; older versions always discard it.
  const bool keeps = features().keeps_conn_on_rollback;
  EXPECT_EQ(ConnKeptAfterCancelRollback(GetParam(), true, true), keeps);
  EXPECT_FALSE(ConnKeptAfterCancelRollback(GetParam(), true, false));
  EXPECT_FALSE(ConnKeptAfterCancelRollback(GetParam(), false, true));
}

TEST_P(Go119Features, RowsCloseErrorBecomesErr) {
  // Shows rows_close_records_error: when the driver's Rows.Close fails, Rows.Close returns
  // the error on every version, and afterwards Rows.Err reports it only on Go 1.19.
  absl::Status close_err, err_after;
  fakedb::FakeDriverOptions fake;
  fake.faults.Add(fakedb::FaultRule::Nth(fakedb::CallKind::kRowsClose, 1)
                      .Returns(fakedb::FaultAction::kError));
  ExpectClean(testing::RunSeeded(17, [&] {
    FakePool p = OpenFakePool(GetParam(), fake);
    auto rows = *p.db->QueryContext(Bg(), "SELECT");
    close_err = rows->Close();
    err_after = rows->Err();
    EXPECT_TRUE(p.db->Close().ok());
  }));
  EXPECT_FALSE(close_err.ok());
  if (features().rows_close_records_error) {
    EXPECT_EQ(err_after, close_err);
  } else {
    EXPECT_TRUE(err_after.ok()) << err_after;
  }
}

}  // namespace
}  // namespace model::sql
