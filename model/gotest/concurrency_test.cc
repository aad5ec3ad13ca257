// Go's TestConcurrency (doConcurrentTest with each concurrentTest), ported from
// sql_test.go: many requests, served by a few worker goroutines, each running one kind of
// operation against one DB (plain queries and execs, statements, a shared Tx, and a random
// mix). Go runs it to find races and deadlocks with the race detector; here each run is
// one of the strategies' schedules and the fake driver checks every call.
#include <functional>
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

// Go's short-mode sizes: 50 requests over 8 workers (maxProcs 4, two workers each).
constexpr int kRequests = 50;
constexpr int kWorkers = 8;

// What a concurrentTest's init made: a Tx and a statement (on the Tx if there is one).
struct Fixture {
  std::shared_ptr<sql::Tx> tx;
  std::shared_ptr<sql::Stmt> stmt;
};

// Reads every row of a query and closes it (Go: for rows.Next() { rows.Scan(&name) }).
absl::Status ReadAll(absl::StatusOr<std::shared_ptr<sql::Rows>> rows) {
  if (!rows.ok()) return rows.status();
  int64_t id = 0;
  std::string name;
  while ((*rows)->Next()) (*rows)->Scan(&id, &name).IgnoreError();
  return (*rows)->Close();
}

// One of Go's concurrentTest types. Go's NOSERT (prepare like INSERT, change nothing) is
// the fake's NOOP.
struct ConcurrentKind {
  const char* name;
  bool uses_tx;
  const char* stmt_query;  // prepared by init (on the Tx if uses_tx), or nullptr
  std::function<absl::Status(const TestDB&, Fixture&)> test;
};

const std::vector<ConcurrentKind>& ConcurrentKinds() {
  static const std::vector<ConcurrentKind> kinds = {
      {"Query", false, nullptr,
       [](const TestDB& db, Fixture&) {
         return ReadAll(db->QueryContext(Background(), "SELECT"));
       }},
      {"Exec", false, nullptr,
       [](const TestDB& db, Fixture&) { return db->ExecContext(Background(), "NOOP").status(); }},
      {"StmtQuery", false, "SELECT",
       [](const TestDB&, Fixture& f) { return ReadAll(f.stmt->QueryContext(Background())); }},
      {"StmtExec", false, "NOOP",
       [](const TestDB&, Fixture& f) { return f.stmt->ExecContext(Background()).status(); }},
      // Go's concurrentTxQueryTest begins a Tx but queries the DB; so does the port.
      {"TxQuery", true, nullptr,
       [](const TestDB& db, Fixture&) {
         return ReadAll(db->QueryContext(Background(), "SELECT"));
       }},
      {"TxExec", true, nullptr,
       [](const TestDB&, Fixture& f) { return f.tx->ExecContext(Background(), "NOOP").status(); }},
      {"TxStmtQuery", true, "SELECT",
       [](const TestDB&, Fixture& f) { return ReadAll(f.stmt->QueryContext(Background())); }},
      {"TxStmtExec", true, "NOOP",
       [](const TestDB&, Fixture& f) { return f.stmt->ExecContext(Background()).status(); }},
  };
  return kinds;
}

// Go's init of one concurrentTest.
Fixture Init(GoT& t, const TestDB& db, const ConcurrentKind& kind) {
  Fixture f;
  if (kind.uses_tx) f.tx = t.Must(db->BeginTx(Background()), "Begin");
  if (kind.stmt_query != nullptr) {
    f.stmt = t.Must(kind.uses_tx ? f.tx->PrepareContext(Background(), kind.stmt_query)
                                 : db->PrepareContext(Background(), kind.stmt_query),
                    "Prepare");
  }
  return f;
}

// Go's finish: close the statement, roll the Tx back.
void Finish(GoT& t, Fixture& f) {
  if (f.stmt != nullptr) t.NoError(f.stmt->Close(), "stmt.Close");
  if (f.tx != nullptr) t.NoError(f.tx->Rollback(), "tx.Rollback");
}

// Go's doConcurrentTest: kRequests requests handed to kWorkers workers over an unbuffered
// channel; each request runs `test`, which must not fail.
void DoConcurrentTest(GoT& t, const TestDB& db, const std::function<absl::Status()>& test) {
  sim::WaitGroup wg;
  wg.Add(kRequests);
  auto reqs = sim::Chan<bool>::Make();
  for (int i = 0; i < kWorkers; ++i) {
    sim::Go("concurrent worker", [&t, &wg, &test, reqs] {
      bool req = false;
      while (reqs.RecvOk(&req)) {
        t.NoError(test(), "concurrent request");
        wg.Done();
      }
    });
  }
  for (int i = 0; i < kRequests; ++i) reqs.Send(true);
  wg.Wait();
  reqs.Close();
}

TEST(GoSqlTest, Concurrency) {
  // Follows TestConcurrency: for each kind of operation (and a random mix of all eight,
  // the mix chosen by the strategy where Go uses math/rand), 50 requests on 8 workers all
  // succeed, and the DB closes clean after the kind's statement and Tx are finished.
  for (const ConcurrentKind& kind : ConcurrentKinds()) {
    SCOPED_TRACE(kind.name);
    RunGoTest([&kind](GoT& t) {
      TestDB db = NewTestDB(t, "people");
      Fixture f = Init(t, db, kind);
      DoConcurrentTest(t, db, [&] { return kind.test(db, f); });
      Finish(t, f);
      CloseDB(t, db);
    });
  }
  SCOPED_TRACE("Random");
  RunGoTest([](GoT& t) {
    TestDB db = NewTestDB(t, "people");
    const std::vector<ConcurrentKind>& kinds = ConcurrentKinds();
    std::vector<Fixture> fixtures;
    for (const ConcurrentKind& kind : kinds) fixtures.push_back(Init(t, db, kind));
    DoConcurrentTest(t, db, [&] {
      const size_t i = sim::ChooseIndex(kinds.size(), "concurrent test");
      return kinds[i].test(db, fixtures[i]);
    });
    for (Fixture& f : fixtures) Finish(t, f);
    CloseDB(t, db);
  });
}

}  // namespace
}  // namespace model::gotest
