// The fixtures Go's sql_test.go shares between its tests (newTestDB, closeDB, exec,
// numPrepares, waitCondition, waitForFree, ...), rebuilt on poolcheck's fake driver. Go's
// tables become rows of the fake's one (id, name) table: "people" is Go's people table
// with age as id, so Go's SELECT|people|age,name| is our SELECT, and age=? is SELECT|?.
// Go reads pool internals under db.mu; here DB::Inspect() gives the same fields without
// a lock (one OS thread runs the whole simulation, so nothing can tear).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "model/fakedb/conn.h"
#include "model/fakedb/fake_driver.h"
#include "model/gotest/go_t.h"
#include "model/sql/db.h"
#include "model/sql/result.h"
#include "sim/go.h"

namespace model::gotest {

// Go's fakeConn answers ExecContext/QueryContext with driver.ErrSkip, so the pool always
// prepares; the numPrepares counts in Go's tests depend on that.
inline fakedb::FakeDriverOptions GoFakeDriverOptions() {
  fakedb::FakeDriverOptions options;
  options.execer_returns_skip = true;
  return options;
}

// How NewTestDB makes its driver and DB.
struct TestDBConfig {
  fakedb::FakeDriverOptions driver = GoFakeDriverOptions();
  sql::TestHooks hooks;
  int resetter_capacity = 50;  // async-reset's resetterCh, as in Go
};

// Go's *DB of a test, with the fake driver behind it.
struct TestDB {
  std::shared_ptr<fakedb::FakeDriver> driver;
  std::shared_ptr<sql::DB> db;

  sql::DB* operator->() const { return db.get(); }
  const fakedb::CallLog& log() const { return driver->log(); }
};

inline const sim::Context& Background() {
  static const sim::Context background = sim::Context::Background();
  return background;
}

// Go's exec(t, db, query, args...): an Exec that must succeed.
inline void Exec(GoT& t, sql::DB& db, const std::string& query, const sql::Args& args = {},
                 std::source_location loc = std::source_location::current()) {
  t.Must(db.ExecContext(Background(), query, args), absl::StrCat("Exec of ", query), loc);
}

// The rows of Go's "people" table: (age, name).
inline constexpr std::pair<int64_t, absl::string_view> kPeople[] = {
    {1, "Alice"}, {2, "Bob"}, {3, "Chris"}};

// Prepare calls NewTestDB(t, "people") makes: its first exec and three INSERTs each
// prepare once (the fake answers the conn-level Exec with ErrSkip). Fault rules that
// target the test's own Prepare count from here; tests check it so a change is loud.
inline constexpr uint64_t kPeoplePrepares = 4;

// Go's Open("test", fakeDBName): a DB on a new fake driver, with no query run yet.
inline TestDB OpenTestDB(GoT& t, const TestDBConfig& config = {}) {
  TestDB tdb;
  tdb.driver = fakedb::FakeDriver::Create(config.driver);
  sql::DBOptions options;
  options.version = t.version();
  options.resetter_capacity = config.resetter_capacity;
  options.hooks = config.hooks;
  options.mutation = t.mutation();
  tdb.db = sql::OpenDB(tdb.driver->NewConnector(), options);
  return tdb;
}

// Go's newTestDB: OpenTestDB, then a first exec (Go's WIPE, which leaves one idle conn),
// and for "people" Go's three people.
inline TestDB NewTestDB(GoT& t, absl::string_view name, const TestDBConfig& config = {}) {
  TestDB tdb = OpenTestDB(t, config);
  Exec(t, *tdb.db, "NOOP");
  if (name == "people") {
    for (const auto& [age, person] : kPeople) {
      Exec(t, *tdb.db, absl::StrCat("INSERT|", age, "|", person));
    }
  }
  return tdb;
}

// Driver calls of the given kinds, on `conn` (kAnyConn: on any conn).
inline uint64_t CountCalls(const TestDB& tdb, fakedb::CallKindSet kinds,
                           fakedb::ConnId conn = fakedb::kAnyConn) {
  uint64_t n = 0;
  for (const fakedb::DriverCall& call : tdb.log().entries()) {
    n += kinds.Contains(call.kind) && (conn == fakedb::kAnyConn || call.conn == conn);
  }
  return n;
}

// Go's newTestDB(t, "people") for a test whose next query is Go's WAIT|<long>|: the
// first Prepare after the setup blocks until its context is done and returns the
// context's error, as Go's fake does when the wait outlasts the context.
inline TestDB NewPeopleDBWithBlockingPrepare(GoT& t) {
  TestDBConfig config;
  config.driver.faults.Add(fakedb::FaultRule::Nth(fakedb::CallKind::kPrepare, kPeoplePrepares + 1)
                               .Returns(fakedb::FaultAction::kBlockUntilDone));
  TestDB db = NewTestDB(t, "people", config);
  t.Equal(CountCalls(db, fakedb::CallKind::kPrepare), kPeoplePrepares, "setup Prepares");
  return db;
}

// Go's waitCondition on the virtual clock: polls fn every check_every until it holds or
// wait_for has passed.
inline bool WaitCondition(sim::Duration wait_for, sim::Duration check_every,
                          const std::function<bool()>& fn) {
  const sim::Instant deadline = sim::Now().Add(wait_for);
  while (sim::Now().Before(deadline)) {
    if (fn()) return true;
    sim::Sleep(check_every);
  }
  return false;
}

// Go's stress-test pattern: `n` goroutines running `work`, at most `at_once` at a time (a
// semaphore channel), all waited for (a WaitGroup).
inline void RunWorkers(int n, int at_once, const std::string& name,
                       const std::function<void()>& work) {
  auto sem = sim::Chan<bool>::Make(static_cast<size_t>(at_once));
  sim::WaitGroup wg;
  for (int i = 0; i < n; ++i) {
    sem.Send(true);
    wg.Add(1);
    sim::Go(name, [&wg, &work, sem] {
      work();
      sem.Recv();
      wg.Done();
    });
  }
  wg.Wait();
}

// Go's time.Duration(rand.Intn(n)) * time.Millisecond, the number chosen by the strategy.
inline sim::Duration RandomMillis(uint64_t n, std::string_view what) {
  return sim::Duration::Milliseconds(static_cast<int64_t>(sim::ChooseIndex(n, what)));
}

// Go's WAIT|<random>| queries of the stress tests: every driver call takes 0, 10, 20 or
// 30ms, as the strategy chooses (the fake's latency jitter).
inline TestDBConfig RandomLatencyConfig() {
  TestDBConfig config;
  config.driver.latency_jitter = sim::Duration::Milliseconds(30);
  config.driver.jitter_buckets = 4;
  return config;
}

inline size_t NumFreeConns(const TestDB& tdb) { return tdb->Inspect().free_conn.size(); }
inline int NumOpenConns(const TestDB& tdb) { return tdb->Inspect().num_open; }

// Go's waitForFree.
inline void WaitForFree(GoT& t, const TestDB& tdb, sim::Duration max_wait, size_t want,
                        std::source_location loc = std::source_location::current()) {
  if (!WaitCondition(max_wait, sim::Duration::Milliseconds(5),
                     [&] { return NumFreeConns(tdb) == want; })) {
    t.Fatal(absl::StrCat("free conns = ", NumFreeConns(tdb), "; want ", want), loc);
  }
}

// The driver conn behind the one idle pooled conn (Go: db.freeConn[0].ci); fatal unless
// exactly one conn is idle.
inline fakedb::ConnId OnlyFreeDriverConn(
    GoT& t, const TestDB& tdb, std::source_location loc = std::source_location::current()) {
  const sql::PoolView view = tdb->Inspect();
  if (view.free_conn.size() != 1)
    t.Fatal(absl::StrCat("free conns = ", view.free_conn.size(), "; want 1"), loc);
  for (const sql::ConnView& c : view.conns) {
    if (c.id != view.free_conn[0]) continue;
    const auto* fake = dynamic_cast<const fakedb::FakeConn*>(c.driver_conn);
    if (fake == nullptr) t.Fatal("idle conn has no fake driver conn", loc);
    return fake->id();
  }
  t.Fatal("idle conn not among the live conns", loc);
}

// Go's numPrepares: Prepare calls so far on the one idle conn.
inline uint64_t NumPrepares(GoT& t, const TestDB& tdb,
                            std::source_location loc = std::source_location::current()) {
  return CountCalls(tdb, fakedb::CallKind::kPrepare, OnlyFreeDriverConn(t, tdb, loc));
}

// Go's closeDB: idle conns hold no statements, Close succeeds, and every conn is closed
// soon after (numOpen reaches 0; here also: the driver saw every conn closed).
inline void CloseDB(GoT& t, const TestDB& tdb,
                    std::source_location loc = std::source_location::current()) {
  for (const sql::ConnView& c : tdb->Inspect().conns) {
    if (c.in_free_list && c.open_stmts > 0) {
      t.Fatal(absl::StrCat("while closing db, idle conn#", c.id, " had ", c.open_stmts,
                           " open stmts; want 0"),
              loc);
    }
  }
  t.NoError(tdb->Close(), "error closing DB", loc);
  const bool closed = WaitCondition(sim::Duration::Seconds(5), sim::Duration::Milliseconds(5), [&] {
    return NumOpenConns(tdb) == 0 && tdb.log().counts().live_conns() == 0;
  });
  if (!closed) {
    t.Fatal(absl::StrCat(NumOpenConns(tdb), " connections still open after closing DB (driver: ",
                         tdb.log().counts().live_conns(), " live)"),
            loc);
  }
}

}  // namespace model::gotest
