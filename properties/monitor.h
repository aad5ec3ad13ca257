// The Monitor: owns one checker per enabled invariant (I1..I12) and feeds them what they
// may read. The runner builds it before a run with the run's fake driver and client log,
// installs Hooks() in sim::RunProgram, and the workload's main goroutine calls Attach(db)
// right after OpenDB. Driver calls reach it as a DriverObserver on the calling goroutine;
// steps and the end of the run reach it through the hooks, on the scheduler's stack.
//
//   properties::ClientLog clients;
//   auto driver = model::fakedb::FakeDriver::Create(opts);
//   properties::Monitor monitor(driver, clients);
//   sim::RunResult r = sim::RunProgram(strategy, seed, run_opts, [&] {
//     auto db = model::sql::OpenDB(driver->NewConnector(), db_opts);
//     monitor.Attach(db);
//     ...
//   }, monitor.Hooks());
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "model/fakedb/call_log.h"
#include "model/fakedb/fake_driver.h"
#include "properties/client_log.h"
#include "properties/invariant.h"
#include "sim/run.h"

namespace model::sql {
class DB;
}

namespace properties {

struct MonitorOptions {
  InvariantSet enabled = InvariantSet::All();
  // Run the per-step checks (I1, I2, I3, I6's limit watch, I9) after every step, all on
  // one DB::InspectState (the pool's counters and free list, not every conn), so a step
  // costs O(len(freeConn)), not O(live conns): bench/check_bench.cc measures it at 500
  // clients. Off: I1, I3 and I9 are checked only at the end of the run (a violation that
  // heals before then is missed), I2 and I6 watch maxOpen only at driver calls.
  bool per_step_checks = true;
  // Reference mode: every check reads the whole pool view (DB::Inspect, O(live conns)),
  // as all checks did before the per-step ones read only the pool state. Same verdicts,
  // slower; for the check benchmark and the agreement test.
  bool full_scan = false;
  // Known bugs of the modelled versions to look past (see KnownBugAllowances); none by
  // default.
  KnownBugAllowances allow;
};

// Counters for measuring what checking costs.
struct MonitorCounters {
  uint64_t steps_seen = 0;       // after_step calls
  uint64_t step_checks = 0;      // steps on which the per-step checkers ran
  uint64_t pool_views = 0;       // DB::Inspect calls
  uint64_t pool_states = 0;      // DB::InspectState calls
  uint64_t driver_calls = 0;     // driver calls observed (start)
  uint64_t driver_call_ends = 0; // driver calls observed (end)
  uint64_t ends_checked = 0;     // end-of-run checks run (0 or 1)
};

class Monitor : public model::fakedb::DriverObserver {
 public:
  // Registers itself as an observer of `driver`; both `driver` and `clients` must outlive
  // the run. One Monitor per run.
  Monitor(std::shared_ptr<model::fakedb::FakeDriver> driver, const ClientLog& clients,
          MonitorOptions options = {});
  ~Monitor() override;
  Monitor(const Monitor&) = delete;
  Monitor& operator=(const Monitor&) = delete;

  // Called by the run's main goroutine right after OpenDB. The Monitor keeps the DB alive
  // until the end-of-run checks have run.
  void Attach(std::shared_ptr<model::sql::DB> db);

  // after_step -> per-step checks; at_end -> end-of-run checks. The hooks refer to this
  // Monitor, which must outlive the run.
  sim::RunHooks Hooks();

  // DriverObserver.
  void OnCallStart(const model::fakedb::DriverCall& call) override;
  void OnCallEnd(const model::fakedb::DriverCall& call) override;

  const MonitorCounters& counters() const { return counters_; }
  // The allowed known bug whose tolerated state held after the run's last step (see
  // Invariant::KnownBugHolding): a deadlock then is its consequence. "" if none.
  std::string KnownBugHolding() const;
  const MonitorOptions& options() const { return options_; }

 private:
  void AfterStep();
  void AtEnd();
  Observation Observe() const;
  void CountReads(const Observation& obs);

  std::shared_ptr<model::fakedb::FakeDriver> driver_;
  const ClientLog& clients_;
  MonitorOptions options_;
  std::shared_ptr<model::sql::DB> db_;
  std::vector<std::unique_ptr<Invariant>> checkers_;
  MonitorCounters counters_;
  // Lent to each Observation in turn (their lifetimes never overlap: one check at a time,
  // and checkers make no driver calls), so reading the pool state allocates nothing.
  mutable model::sql::PoolState state_buffer_;
};

}  // namespace properties
