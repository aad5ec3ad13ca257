// Fault rules that start right after a test's setup. Go's tests switch a fault hook on
// (hookPrepareBadConn, stickyBad, ...) once the setup is done; the fake driver's fault plan
// is fixed when the driver is made, and its rules count calls from the start. So the setup
// runs twice in the same simulated run: first on a scratch DB, whose call log says how
// many calls of each kind the setup makes on each conn, then for real on a DB whose rules
// are placed after those calls. The second setup must make exactly the calls the first
// did (checked), so no rule fires early.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "model/gotest/test_db.h"
#include "model/sql/stmt.h"

namespace model::gotest {

// What a setup leaves for the test: a statement it prepared (or null), and how to give
// back whatever else it holds (rows, conns) before the DB is closed.
struct Held {
  std::shared_ptr<sql::Stmt> stmt;
  std::function<void()> release;
};

using SetupFn = std::function<Held(GoT& t, const TestDB& db)>;
// Adds the rules to `plan`, from the log of the scratch setup.
using PlanFn = std::function<void(const fakedb::CallLog& after_setup, fakedb::FaultPlan& plan)>;

// A DB after its setup, with the faults armed.
struct SetUpDB {
  TestDB db;
  Held held;
};

// Go's "the next call of this kind fails": a rule on the first call of `kinds` (on `conn`,
// or any) after those the setup made.
inline fakedb::FaultRule NextCall(const fakedb::CallLog& after_setup, fakedb::CallKindSet kinds,
                                  fakedb::ConnId conn = fakedb::kAnyConn) {
  uint64_t made = 0;
  for (const fakedb::DriverCall& call : after_setup.entries()) {
    made += kinds.Contains(call.kind) && (conn == fakedb::kAnyConn || call.conn == conn);
  }
  fakedb::FaultRule rule = fakedb::FaultRule::Nth(kinds, made + 1);
  if (conn != fakedb::kAnyConn) rule.OnConn(conn);
  return rule;
}

// Go's stickyBad: every call of `kinds` on `conn` after the setup's fails.
inline fakedb::FaultRule EveryCallFromNow(const fakedb::CallLog& after_setup,
                                          fakedb::CallKindSet kinds, fakedb::ConnId conn) {
  fakedb::FaultRule rule = NextCall(after_setup, kinds, conn);
  rule.count = 0;
  return rule;
}

namespace detail {

// Lets every background goroutine (async-reset's resetter above all) finish what the
// setup started: virtual time moves only once no goroutine can run.
inline void Quiesce() { sim::Sleep(sim::Duration::Milliseconds(1)); }

// "conn 1: Exec x4, Prepare x4; conn 2: ..." for every conn and call kind of a log.
inline std::string CallsByConn(const fakedb::CallLog& log) {
  std::map<std::pair<fakedb::ConnId, int>, uint64_t> counts;
  for (const fakedb::DriverCall& call : log.entries()) {
    ++counts[{call.conn, static_cast<int>(call.kind)}];
  }
  std::string text;
  for (const auto& [key, n] : counts) {
    absl::StrAppend(&text, "conn ", key.first, " ",
                    fakedb::CallKindName(static_cast<fakedb::CallKind>(key.second)), " x", n, "; ");
  }
  return text;
}

inline void Release(Held& held, GoT& t) {
  if (held.release) held.release();
  if (held.stmt != nullptr) t.NoError(held.stmt->Close(), "closing the setup's statement");
}

}  // namespace detail

// Go's newTestDB(t, name) + the test's setup, with the faults of `plan` starting after it.
inline SetUpDB NewTestDBWithFaultsAfterSetup(GoT& t, absl::string_view name, const SetupFn& setup,
                                             const PlanFn& plan) {
  TestDB scratch = NewTestDB(t, name);
  Held scratch_held = setup(t, scratch);
  detail::Quiesce();
  const std::string scratch_calls = detail::CallsByConn(scratch.log());
  TestDBConfig config;
  plan(scratch.log(), config.driver.faults);
  detail::Release(scratch_held, t);
  CloseDB(t, scratch);

  SetUpDB real{NewTestDB(t, name, config), {}};
  real.held = setup(t, real.db);
  detail::Quiesce();
  t.Equal(detail::CallsByConn(real.db.log()), scratch_calls,
          "driver calls of the setup (they must repeat exactly for the fault rules to fit)");
  return real;
}

// Releases what the setup held, then Go's closeDB.
inline void CloseSetUpDB(GoT& t, SetUpDB& s) {
  detail::Release(s.held, t);
  CloseDB(t, s.db);
}

}  // namespace model::gotest
