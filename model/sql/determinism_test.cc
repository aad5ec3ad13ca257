// Tests that the pool adds no nondeterminism of its own: a busy program (waiters, the
// resetter, conn hand-offs) run twice with the same seed gives the same choice stream,
// fingerprint and pool trace; and that mutations are inert in the production build.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/sql/conn.h"
#include "model/sql/db.h"
#include "model/sql/testing/pool.h"
#include "model/sql/result.h"
#include "model/sql/rows.h"
#include "model/sql/tx.h"
#include "sim/sync.h"

namespace model::sql {
namespace {

using testing::Bg;
using testing::FakePool;
using testing::OpenFakePool;

// 5 workers mixing Exec, QueryRow and transactions at maxOpen 2, then DB.Close.
sim::RunResult RunBusyPool(PoolVersion version, uint64_t seed) {
  return testing::RunSeeded(
      seed,
      [version] {
        FakePool p = OpenFakePool(version);
        p.db->SetMaxOpenConns(2);
        sim::WaitGroup wg;
        for (int w = 0; w < 5; w++) {
          wg.Add(1);
          sim::Go("worker", [&p, &wg, w] {
            for (int k = 0; k < 3; k++) {
              p.db->ExecContext(Bg(), "INSERT|?|x", {int64_t{w * 10 + k}}).status().IgnoreError();
              int64_t count = 0;
              p.db->QueryRowContext(Bg(), "COUNT")->Scan(&count).IgnoreError();
              if (auto tx = p.db->BeginTx(Bg()); tx.ok()) (*tx)->Rollback().IgnoreError();
            }
            wg.Done();
          });
        }
        wg.Wait();
        p.db->Close().IgnoreError();
      },
      /*record_trace=*/true);
}

std::vector<std::string> PoolLines(const sim::RunResult& r) {
  std::vector<std::string> lines;
  for (const sim::TraceEvent& e : r.trace.events) {
    if (e.kind == sim::TraceEvent::Kind::kAnnotation && e.category == "pool") {
      lines.push_back(absl::StrCat(e.step, " g", e.goroutine, " ", e.text));
    }
  }
  return lines;
}

TEST(Determinism, SameSeedGivesTheSameRunOnEveryVersion) {
  // Shows replayability of the pool: for 5 seeds and every version, a second run with the
  // same seed has the same choices, fingerprint and pool trace lines (and the pool made
  // choices and trace lines worth comparing).
  for (PoolVersion v : AllPoolVersions()) {
    for (uint64_t seed = 1; seed <= 5; seed++) {
      sim::RunResult a = RunBusyPool(v, seed);
      sim::RunResult b = RunBusyPool(v, seed);
      ASSERT_FALSE(a.failed()) << a.failure.Name() << ": " << a.message;
      EXPECT_EQ(a.fingerprint, b.fingerprint);
      EXPECT_EQ(a.choices, b.choices);
      EXPECT_EQ(PoolLines(a), PoolLines(b));
      EXPECT_GT(PoolLines(a).size(), 10u);
    }
  }
}

TEST(Determinism, MutationsAreInertInTheProductionBuild) {
  // Shows MUTANT() is the constant false in poolcheck_model: a DB asking for each mutation
  // behaves like the real pool (one idle conn listed once, numOpen 1 after an Exec, and
  // at maxOpen 1 a second Conn is not opened while the first is held).
  ASSERT_FALSE(kMutationsCompiled);
  for (Mutation m : kAllMutations) {
    PoolView view;
    uint64_t opened = 0;
    sim::RunResult r = testing::RunCooperative([&] {
      DBOptions options;
      options.mutation = m;
      FakePool p = OpenFakePool(PoolVersion::kSyncReset, {}, options);
      p.db->SetMaxOpenConns(1);
      EXPECT_TRUE(p.db->ExecContext(Bg(), "NOOP").ok());
      view = p.db->Inspect();
      auto held = *p.db->Conn(Bg());
      auto [ctx, cancel] = sim::WithCancel(Bg());
      cancel();
      EXPECT_FALSE(p.db->Conn(ctx).ok());
      opened = p.driver->log().counts().conns_opened;
      EXPECT_TRUE(held->Close().ok());
      EXPECT_TRUE(p.db->Close().ok());
    });
    ASSERT_FALSE(r.failed()) << MutationName(m) << ": " << r.failure.Name() << ": " << r.message;
    EXPECT_EQ(view.free_conn.size(), 1u) << MutationName(m);
    EXPECT_EQ(view.num_open, 1) << MutationName(m);
    EXPECT_EQ(opened, 1u) << MutationName(m);
  }
}

}  // namespace
}  // namespace model::sql
