// Go 1.19.8's pool tests that 971f8a2's sql_test.go does not have, ported (model/gotest/
// PORTED.md, "From Go 1.19.8"). A test of a behaviour only Go 1.19 has runs on the versions
// whose PoolFeatures have it; one that every version should pass runs on every version.
#include <memory>
#include <vector>

#include "gtest/gtest.h"
#include "model/gotest/run_go_test.h"
#include "model/gotest/test_db.h"
#include "model/sql/rows.h"
#include "model/sql/stmt.h"
#include "model/sql/tx.h"

namespace model::gotest {
namespace {

using fakedb::CallKind;
using fakedb::FaultAction;
using fakedb::FaultRule;

// The versions of the table whose features say `has` (e.g. &PoolFeatures::x).
GoTestOptions VersionsWith(bool sql::PoolFeatures::*has) {
  GoTestOptions options;
  options.versions.clear();
  for (sql::PoolVersion v : sql::AllPoolVersions()) {
    if (sql::FeaturesOf(v).*has) options.versions.push_back(v);
  }
  return options;
}

TEST(GoSqlTest, RowsCloseError) {
  // Follows TestRowsCloseError (Go 1.19): the driver's Rows.Close fails (Go sets the
  // cursor's closeErr; here a fault rule on Rows.Close), the rows are read to the end, and
  // Rows.Err then returns that close error. Runs where rows_close_records_error.
  ASSERT_FALSE(VersionsWith(&sql::PoolFeatures::rows_close_records_error).versions.empty());
  RunGoTest(
      [](GoT& t) {
        TestDBConfig config;
        config.driver.faults.Add(
            FaultRule::Nth(CallKind::kRowsClose, 1).Returns(FaultAction::kError));
        TestDB db = NewTestDB(t, "people", config);
        std::shared_ptr<sql::Rows> rows = t.Must(db->QueryContext(Background(), "SELECT"), "Query");
        size_t got = 0;
        while (rows->Next()) {
          int64_t age = 0;
          std::string name;
          t.NoError(rows->Scan(&age, &name), "Scan");
          got++;
        }
        t.Check(got > 0, "no rows read");
        t.ErrorIs(rows->Err(), fakedb::InjectedError(CallKind::kRowsClose), "rows.Err()");
        CloseDB(t, db);
      },
      VersionsWith(&sql::PoolFeatures::rows_close_records_error));
}

TEST(GoSqlTest, TxStmtDeadlock) {
  // Follows TestTxStmtDeadlock (Go 1.19): a statement prepared on a Tx whose context is
  // then cancelled is queried repeatedly (Go: 1e3 times; here 50, each a different race
  // with awaitDone's rollback) until it fails; the rows are never closed; Rollback and
  // closing the DB must still finish: no deadlock, on every version.
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    auto [ctx, cancel] = sim::WithCancel(Background());
    std::shared_ptr<sql::Tx> tx = t.Must(db->BeginTx(ctx), "BeginTx");
    std::shared_ptr<sql::Stmt> stmt =
        t.Must(tx->PrepareContext(Background(), "SELECT|?"), "Prepare");
    cancel();
    std::vector<std::shared_ptr<sql::Rows>> leaked;  // Go drops them unclosed
    for (int i = 0; i < 50; i++) {
      absl::StatusOr<std::shared_ptr<sql::Rows>> rows = stmt->QueryContext(Background(), {int64_t{1}});
      if (!rows.ok()) break;  // ErrTxDone or a closed statement, as Go expects
      leaked.push_back(*rows);
    }
    tx->Rollback().IgnoreError();
    CloseDB(t, db);
  });
}

}  // namespace
}  // namespace model::gotest
