// (Mutant build: links the pool compiled with its mutations.)
// Shows that the per-step checks, which read only the pool state (DB::InspectState: the
// pool's counters and its free list, O(len(freeConn))), judge exactly as the full-scan
// reference (MonitorOptions::full_scan: every check reads the whole DB::Inspect view):
// (1) after every step of runs of the invariant demonstrations' workloads on their
// mutants and on the real pool, and of a 40-client issue31480 load on both versions,
// InspectState() equals the state part of Inspect(), and each free-list entry's view
// equals that conn's entry in the full conn list; (2) those runs, made once per mode with
// the same strategy and seed, end alike: same failure id, message, step count and choice
// fingerprint, and the runs include failures of every per-step invariant (I1, I2, I3, I9)
// and of I12 (whose held-conn lookup reads the pool's index, or the full view in the
// reference mode), so agreement covers catching as well as passing; (3) in the same runs,
// after every step and as every driver call starts, the two incremental indexes the
// per-call checks read agree with the scans they replace, for every goroutine id the run
// has had: DB::InspectHeldBy(g) lists exactly the conns of Inspect() held by g, in the same
// order, and ClientLog::CurrentOp(g) is the op a backward scan of the log finds.
#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "explore/runner.h"
#include "explore/target.h"
#include "gtest/gtest.h"
#include "model/sql/db.h"
#include "properties/testing/invariant_programs.h"
#include "scenarios/workload_run.h"
#include "sim/strategy_registry.h"

namespace properties {
namespace {

using model::sql::ConnView;
using model::sql::Mutation;
using model::sql::PoolState;
using model::sql::PoolVersion;

std::vector<scenarios::Workload> Workloads() {
  std::vector<scenarios::Workload> w = {
      testing::FailedOpens(Mutation::kForgetNumOpenDecrement, 1),
      testing::FailedOpens(Mutation::kForgetNumOpenDecrement, 0),
      testing::Contended(Mutation::kIgnoreMaxOpen, 3),
      testing::Contended(Mutation::kDropWaiterWakeup, 3),
      testing::Contended(Mutation::kDoubleRelease, 2),
      testing::LoweredWhileHeld(Mutation::kPoolAboveMaxOpen),
      testing::LoweredWhileHeld(Mutation::kNone),
      testing::BusyUnclosed(Mutation::kDropWaiterWakeup),
      testing::BadExec(PoolVersion::kSyncReset, Mutation::kSkipNeedReset),
      testing::Busy(PoolVersion::kAsyncReset, 1, 4, 2),
      testing::ExpiredHandoffs(PoolVersion::kSyncReset),
      testing::StmtsAcrossConns(Mutation::kStmtOnOtherConn),
  };
  for (PoolVersion v : {PoolVersion::kAsyncReset, PoolVersion::kSyncReset}) {
    explore::Target t;
    t.scenario = "issue31480";
    t.pool = v;
    t.params["clients"] = "40";
    t.params["max_open"] = "12";
    t.params["max_idle"] = "4";
    t.params["capacity"] = "3";
    w.push_back(explore::BuildTarget(t).value().workload);
  }
  return w;
}

bool SameConn(const ConnView& a, const ConnView& b) {
  return a.id == b.id && a.driver_conn == b.driver_conn && a.in_use == b.in_use &&
         a.held == b.held && a.held_by == b.held_by && a.in_free_list == b.in_free_list &&
         a.closed == b.closed && a.final_closed == b.final_closed &&
         a.dbmu_closed == b.dbmu_closed && a.need_reset == b.need_reset &&
         a.last_err == b.last_err && a.pending_reset == b.pending_reset &&
         a.open_stmts == b.open_stmts && a.created_at == b.created_at &&
         a.returned_at == b.returned_at;
}

// "" if the cheap state matches the full view, else what differs.
std::string StateMismatch(const model::sql::DB& db) {
  const PoolState s = db.InspectState();
  const model::sql::PoolView v = db.Inspect();
  if (s.closed != v.closed || s.num_open != v.num_open || s.max_open != v.max_open ||
      s.max_idle != v.max_idle || s.conn_requests != v.conn_requests ||
      s.opener_backlog != v.opener_backlog || s.resetter_backlog != v.resetter_backlog ||
      s.num_closed != v.num_closed || s.free_conn != v.free_conn ||
      s.max_idle_closed != v.max_idle_closed || s.max_lifetime_closed != v.max_lifetime_closed ||
      s.max_idle_time_closed != v.max_idle_time_closed ||
      s.stats.OpenConnections != v.stats.OpenConnections || s.stats.Idle != v.stats.Idle) {
    return "a pool-level field differs";
  }
  if (s.free_conns.size() != s.free_conn.size()) return "free_conns and free_conn differ";
  for (size_t i = 0; i < s.free_conns.size(); ++i) {
    const ConnView& f = s.free_conns[i];
    if (f.id != s.free_conn[i]) return "free_conns is not in freeConn order";
    bool found = false;
    for (const ConnView& c : v.conns) found |= c.id == f.id && SameConn(c, f);
    if (!found) return "a free conn's view differs from its entry in the conn list";
  }
  return "";
}

TEST(FullScanAgreement, PoolStateEqualsTheFullViewAfterEveryStep) {
  // (1) above: 20 random-walk and 20 PCT runs of each workload, compared after every step.
  uint64_t compared = 0, with_free_conns = 0;
  for (const scenarios::Workload& w : Workloads()) {
    for (const char* spec : {"random", "pct"}) {
      for (uint64_t seed = 0; seed < 20; ++seed) {
        std::unique_ptr<sim::Strategy> strategy = *sim::MakeStrategy(spec);
        properties::ClientLog log;
        scenarios::WorkloadEnv env;
        env.driver = model::fakedb::FakeDriver::Create(w.driver);
        env.log = &log;
        std::shared_ptr<model::sql::DB> db;
        env.on_open = [&db](const std::shared_ptr<model::sql::DB>& d) { db = d; };
        std::string mismatch;
        sim::RunHooks hooks;
        hooks.after_step = [&] {
          if (db == nullptr || !mismatch.empty()) return;
          mismatch = StateMismatch(*db);
          ++compared;
          if (!db->InspectState().free_conn.empty()) ++with_free_conns;
        };
        sim::RunOptions options;
        options.max_steps = 2'000'000;
        sim::RunProgram(*strategy, sim::RunStart(seed), options,
                        scenarios::WorkloadMain(w, env), hooks);
        ASSERT_EQ(mismatch, "") << spec << " seed " << seed << "\n" << w.Show();
      }
    }
  }
  EXPECT_GT(compared, 100'000u);
  EXPECT_GT(with_free_conns, 10'000u);
}

TEST(FullScanAgreement, RunsEndAlikeInBothModes) {
  // (2) above: 20 random-walk and 20 PCT runs of each workload in each mode.
  std::set<std::string> caught;
  for (const scenarios::Workload& w : Workloads()) {
    for (const char* spec : {"random", "pct"}) {
      for (uint64_t seed = 0; seed < 20; ++seed) {
        explore::RunReport r[2];
        for (int mode = 0; mode < 2; ++mode) {
          std::unique_ptr<sim::Strategy> strategy = *sim::MakeStrategy(spec);
          MonitorOptions monitor;
          monitor.full_scan = mode == 1;
          sim::RunOptions options;
          options.max_steps = 2'000'000;
          r[mode] = explore::RunWorkload(w, *strategy, sim::RunStart(seed), options, monitor);
        }
        ASSERT_EQ(r[0].result.failure.Name(), r[1].result.failure.Name()) << w.Show();
        ASSERT_EQ(r[0].result.message, r[1].result.message);
        ASSERT_EQ(r[0].result.steps, r[1].result.steps);
        ASSERT_EQ(r[0].result.fingerprint, r[1].result.fingerprint);
        if (r[0].result.failed()) caught.insert(r[0].result.failure.Name());
      }
    }
  }
  for (const char* id : {"I1", "I2", "I3", "I9", "I12"}) EXPECT_EQ(caught.count(id), 1u) << id;
}

// The reference for ClientLog::CurrentOp: the latest op of `g` in the log, -1 if done.
int64_t CurrentOpByScan(const ClientLog& clients, sim::GoroutineId g) {
  const std::vector<ClientOp>& ops = clients.ops();
  for (size_t i = ops.size(); i > 0; --i) {
    if (ops[i - 1].goroutine != g) continue;
    return ops[i - 1].done ? -1 : static_cast<int64_t>(i - 1);
  }
  return -1;
}

// "" if both indexes agree with their scans for goroutines 0..max_goroutine, else what
// differs. Counts the held conns it compared in *held_seen.
std::string IndexMismatch(const model::sql::DB& db, const ClientLog& clients,
                          uint32_t max_goroutine, uint64_t* held_seen) {
  const model::sql::PoolView view = db.Inspect();
  std::vector<ConnView> indexed;
  for (uint32_t g = 0; g <= max_goroutine; ++g) {
    if (clients.CurrentOp(g) != CurrentOpByScan(clients, g)) return "CurrentOp differs";
    std::vector<ConnView> scanned;
    for (const ConnView& c : view.conns) {
      if (c.held && c.held_by == g) scanned.push_back(c);
    }
    db.InspectHeldBy(g, &indexed);
    if (indexed.size() != scanned.size()) return "InspectHeldBy lists another number of conns";
    for (size_t i = 0; i < scanned.size(); ++i) {
      if (!SameConn(indexed[i], scanned[i])) return "InspectHeldBy differs from Inspect";
    }
    *held_seen += scanned.size();
  }
  return "";
}

// Runs the comparison as each driver call starts (on the calling goroutine).
class IndexChecker : public model::fakedb::DriverObserver {
 public:
  explicit IndexChecker(const ClientLog& clients) : clients_(clients) {}
  void OnCallStart(const model::fakedb::DriverCall& call) override { Compare(); }
  void Compare() {
    if (db == nullptr || !mismatch.empty()) return;
    for (const sim::GoroutineReport& g : sim::LiveGoroutines()) {
      max_goroutine = std::max(max_goroutine, g.id);
    }
    mismatch = IndexMismatch(*db, clients_, max_goroutine, &held_seen);
    ++compared;
  }
  std::shared_ptr<model::sql::DB> db;
  std::string mismatch;
  uint32_t max_goroutine = 0;  // the highest goroutine id seen live: ids are dense
  uint64_t compared = 0, held_seen = 0;

 private:
  const ClientLog& clients_;
};

TEST(FullScanAgreement, IndexesEqualTheirScansAtEveryStepAndCall) {
  // (3) above: 5 random-walk and 5 PCT runs of each workload.
  uint64_t compared = 0, held_seen = 0;
  for (const scenarios::Workload& w : Workloads()) {
    for (const char* spec : {"random", "pct"}) {
      for (uint64_t seed = 0; seed < 5; ++seed) {
        std::unique_ptr<sim::Strategy> strategy = *sim::MakeStrategy(spec);
        properties::ClientLog log;
        IndexChecker checker(log);
        scenarios::WorkloadEnv env;
        env.driver = model::fakedb::FakeDriver::Create(w.driver);
        env.driver->AddObserver(&checker);
        env.log = &log;
        env.on_open = [&checker](const std::shared_ptr<model::sql::DB>& d) { checker.db = d; };
        sim::RunHooks hooks;
        hooks.after_step = [&checker] { checker.Compare(); };
        sim::RunOptions options;
        options.max_steps = 2'000'000;
        sim::RunProgram(*strategy, sim::RunStart(seed), options,
                        scenarios::WorkloadMain(w, env), hooks);
        ASSERT_EQ(checker.mismatch, "") << spec << " seed " << seed << "\n" << w.Show();
        compared += checker.compared;
        held_seen += checker.held_seen;
      }
    }
  }
  EXPECT_GT(compared, 10'000u);
  EXPECT_GT(held_seen, 10'000u);
}

}  // namespace
}  // namespace properties
