// Tests of the pool's basic path on both versions: Exec/Query/Scan through pooled conns,
// QueryRow, the idle limit, bad-conn retries, Conn, and DB.Close closing every driver conn.
// Each test runs a small program in a simulated run against the fake driver and checks
// what the caller got, the pool's Inspect() view and the driver's own call log.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/sql/conn.h"
#include "model/sql/db.h"
#include "model/sql/errors.h"
#include "model/sql/testing/pool.h"
#include "model/sql/result.h"
#include "model/sql/rows.h"

namespace model::sql {
namespace {

using testing::Bg;
using testing::FakePool;
using testing::OpenFakePool;
using testing::RunSeeded;

class PoolBasics : public ::testing::TestWithParam<PoolVersion> {};

INSTANTIATE_TEST_SUITE_P(EveryVersion, PoolBasics, testing::EveryVersion(), testing::VersionName);

TEST_P(PoolBasics, ExecThenQueryScansRowsAndReusesOneConn) {
  // Shows rows inserted with ExecContext are read back by QueryContext + Next/Scan, that
  // the conn goes back to the free list after Rows.Close and is reused (the driver opened
  // one conn for three operations), and that DB.Close closes it in the driver.
  std::vector<std::string> rows_read;
  PoolView after_query, after_close;
  fakedb::DriverCounts counts;
  sim::RunResult r = RunSeeded(1, [&] {
    FakePool p = OpenFakePool(GetParam());
    ASSERT_TRUE(p.db->ExecContext(Bg(), "INSERT|1|alice").ok());
    ASSERT_TRUE(p.db->ExecContext(Bg(), "INSERT|?|?", {int64_t{2}, "bob"}).ok());
    auto rows = p.db->QueryContext(Bg(), "SELECT");
    ASSERT_TRUE(rows.ok()) << rows.status();
    while ((*rows)->Next()) {
      int64_t id = 0;
      std::string name;
      ASSERT_TRUE((*rows)->Scan(&id, &name).ok());
      rows_read.push_back(absl::StrCat(id, ":", name));
    }
    EXPECT_TRUE((*rows)->Err().ok());
    EXPECT_TRUE((*rows)->Close().ok());
    after_query = p.db->Inspect();
    EXPECT_TRUE(p.db->Close().ok());
    after_close = p.db->Inspect();
    counts = p.driver->log().counts();
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_EQ(rows_read, (std::vector<std::string>{"1:alice", "2:bob"}));
  EXPECT_EQ(after_query.num_open, 1);
  EXPECT_EQ(after_query.free_conn.size(), 1u);
  EXPECT_EQ(counts.conns_opened, 1u);
  EXPECT_EQ(counts.conns_closed, 1u);
  EXPECT_TRUE(after_close.closed);
  EXPECT_EQ(after_close.num_open, 0);
  EXPECT_TRUE(after_close.free_conn.empty());
}

TEST_P(PoolBasics, QueryRowScansOneRowOrReportsErrNoRows) {
  // Shows QueryRowContext's Scan reads the matching row, and returns ErrNoRows (by value,
  // as Go's err == sql.ErrNoRows) when nothing matches; both release their conn.
  std::string name;
  absl::Status missing;
  PoolView view;
  sim::RunResult r = RunSeeded(2, [&] {
    FakePool p = OpenFakePool(GetParam());
    ASSERT_TRUE(p.db->ExecContext(Bg(), "INSERT|7|carol").ok());
    int64_t id = 0;
    EXPECT_TRUE(p.db->QueryRowContext(Bg(), "SELECT|7")->Scan(&id, &name).ok());
    missing = p.db->QueryRowContext(Bg(), "SELECT|8")->Scan(&id, &name);
    view = p.db->Inspect();
    EXPECT_TRUE(p.db->Close().ok());
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_EQ(name, "carol");
  EXPECT_TRUE(IsError(missing, ErrNoRows())) << missing;
  EXPECT_EQ(view.free_conn.size(), 1u);
  ASSERT_EQ(view.conns.size(), 1u);
  EXPECT_FALSE(view.conns[0].in_use);
}

TEST_P(PoolBasics, IdleLimitClosesConnsReturnedBeyondIt) {
  // Shows SetMaxIdleConns(1): of three conns held at once through DB.Conn and then
  // returned, one stays idle and two are closed, counted in MaxIdleClosed.
  DBStats stats;
  PoolView view;
  fakedb::DriverCounts counts;
  sim::RunResult r = RunSeeded(3, [&] {
    FakePool p = OpenFakePool(GetParam());
    p.db->SetMaxIdleConns(1);
    std::vector<std::shared_ptr<Conn>> held;
    for (int i = 0; i < 3; i++) held.push_back(*p.db->Conn(Bg()));
    for (auto& c : held) EXPECT_TRUE(c->Close().ok());
    stats = p.db->Stats();
    view = p.db->Inspect();
    counts = p.driver->log().counts();
    EXPECT_TRUE(p.db->Close().ok());
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_EQ(stats.MaxIdleClosed, 2);
  EXPECT_EQ(stats.Idle, 1);
  EXPECT_EQ(stats.OpenConnections, 1);
  EXPECT_EQ(view.free_conn.size(), 1u);
  EXPECT_EQ(counts.conns_opened, 3u);
  EXPECT_EQ(counts.conns_closed, 2u);
}

TEST_P(PoolBasics, ExecRetriesOnAFreshConnAfterErrBadConn) {
  // Shows the bad-conn retry: the driver fails the first Exec with ErrBadConn, the pool
  // discards that conn (the driver closes conn 1) and the caller's Exec succeeds on conn 2.
  fakedb::FakeDriverOptions fake;
  fake.faults.Add(fakedb::FaultRule::Nth(fakedb::CallKind::kExec, 1));
  absl::Status err;
  fakedb::CallLog log;
  sim::RunResult r = RunSeeded(4, [&] {
    FakePool p = OpenFakePool(GetParam(), fake);
    err = p.db->ExecContext(Bg(), "INSERT|1|dave").status();
    EXPECT_TRUE(p.db->Close().ok());
    log = p.driver->log();
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_TRUE(err.ok()) << err;
  ASSERT_EQ(log.counts().conns_opened, 2u);
  EXPECT_TRUE(log.conn(1).failed_by_driver);
  EXPECT_TRUE(log.conn(1).closed);
  EXPECT_FALSE(log.conn(2).failed_by_driver);
}

TEST_P(PoolBasics, ExecGivesUpWithErrBadConnAfterThreeBadConns) {
  // Shows maxBadConnRetries: when every Exec fails with ErrBadConn, the caller gets
  // "driver: bad connection" after exactly three attempts, each on its own new conn.
  fakedb::FakeDriverOptions fake;
  fake.faults.Add(fakedb::FaultRule::Always(fakedb::CallKind::kExec));
  absl::Status err;
  fakedb::CallLog log;
  sim::RunResult r = RunSeeded(5, [&] {
    FakePool p = OpenFakePool(GetParam(), fake);
    err = p.db->ExecContext(Bg(), "NOOP").status();
    EXPECT_TRUE(p.db->Close().ok());
    log = p.driver->log();
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_TRUE(driver::IsBadConn(err)) << err;
  size_t execs = 0;
  for (const fakedb::DriverCall& c : log.entries()) execs += c.kind == fakedb::CallKind::kExec;
  EXPECT_EQ(execs, 3u);
  EXPECT_EQ(log.counts().conns_opened, 3u);
  EXPECT_EQ(log.counts().conns_closed, 3u);
}

TEST_P(PoolBasics, ConnKeepsOneDriverConnUntilClosedOnce) {
  // Shows a Conn runs all its operations on one driver conn, that Close returns it to the
  // pool, and that a second Close and any later use fail with ErrConnDone.
  std::vector<fakedb::ConnId> used;
  absl::Status second_close, after_close;
  PoolView view;
  sim::RunResult r = RunSeeded(6, [&] {
    FakePool p = OpenFakePool(GetParam());
    auto c = *p.db->Conn(Bg());
    EXPECT_TRUE(c->ExecContext(Bg(), "INSERT|1|eve").ok());
    EXPECT_TRUE(c->PingContext(Bg()).ok());
    int64_t count = 0;
    EXPECT_TRUE(c->QueryRowContext(Bg(), "COUNT")->Scan(&count).ok());
    EXPECT_EQ(count, 1);
    EXPECT_TRUE(c->Close().ok());
    second_close = c->Close();
    after_close = c->ExecContext(Bg(), "NOOP").status();
    view = p.db->Inspect();
    for (const fakedb::DriverCall& call : p.driver->log().entries()) {
      if (call.kind != fakedb::CallKind::kOpen) used.push_back(call.conn);
    }
    EXPECT_TRUE(p.db->Close().ok());
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  ASSERT_FALSE(used.empty());
  for (fakedb::ConnId id : used) EXPECT_EQ(id, 1u);
  EXPECT_TRUE(IsError(second_close, ErrConnDone())) << second_close;
  EXPECT_TRUE(IsError(after_close, ErrConnDone())) << after_close;
  EXPECT_EQ(view.free_conn.size(), 1u);
}

TEST_P(PoolBasics, OperationsAfterCloseFailWithErrDBClosed) {
  // Shows DB.Close is idempotent and that a later Exec fails with "sql: database is
  // closed" without reaching the driver.
  absl::Status second_close, exec;
  uint64_t opens = 0;
  sim::RunResult r = RunSeeded(7, [&] {
    FakePool p = OpenFakePool(GetParam());
    EXPECT_TRUE(p.db->Close().ok());
    second_close = p.db->Close();
    exec = p.db->ExecContext(Bg(), "NOOP").status();
    opens = p.driver->log().counts().open_attempts;
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_TRUE(second_close.ok());
  EXPECT_TRUE(IsError(exec, ErrDBClosed())) << exec;
  EXPECT_EQ(opens, 0u);
}

}  // namespace
}  // namespace model::sql
