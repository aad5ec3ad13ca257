// The Monitor (see monitor.h): routes steps, driver calls and the end of the run to the
// enabled checkers, with one lazily taken pool view per check.
#include "properties/monitor.h"

#include <utility>

#include "model/sql/db.h"
#include "properties/checkers.h"

namespace properties {

Monitor::Monitor(std::shared_ptr<model::fakedb::FakeDriver> driver, const ClientLog& clients,
                 MonitorOptions options)
    : driver_(std::move(driver)),
      clients_(clients),
      options_(options),
      checkers_(MakeCheckers(options.enabled, options.allow)) {
  driver_->AddObserver(this);
}

Monitor::~Monitor() = default;

void Monitor::Attach(std::shared_ptr<model::sql::DB> db) { db_ = std::move(db); }

sim::RunHooks Monitor::Hooks() {
  sim::RunHooks hooks;
  hooks.after_step = [this] { AfterStep(); };
  hooks.at_end = [this] { AtEnd(); };
  return hooks;
}

Observation Monitor::Observe() const {
  return Observation(db_.get(), driver_->log(), clients_, &state_buffer_, options_.full_scan);
}

// Runs `check` on each checker until one of them fails the run.
template <typename Check>
static void ForEachUntilFailure(const std::vector<std::unique_ptr<Invariant>>& checkers,
                                Check check) {
  for (const auto& checker : checkers) {
    check(*checker);
    if (checker->failed()) return;
  }
}

void Monitor::AfterStep() {
  ++counters_.steps_seen;
  // Any step may change the pool (a goroutine ran pool code, or a timer fired), and
  // PoolView offers no cheaper signal of change, so every step is checked.
  if (db_ == nullptr || !options_.per_step_checks) return;
  ++counters_.step_checks;
  const Observation obs = Observe();
  ForEachUntilFailure(checkers_, [&](Invariant& c) { c.AfterStep(obs); });
  CountReads(obs);
}

void Monitor::CountReads(const Observation& obs) {
  if (obs.pool_taken()) ++counters_.pool_views;
  if (obs.state_taken()) ++counters_.pool_states;
}

std::string Monitor::KnownBugHolding() const {
  for (const std::unique_ptr<Invariant>& c : checkers_) {
    if (std::string bug = c->KnownBugHolding(); !bug.empty()) return bug;
  }
  return "";
}

void Monitor::OnCallStart(const model::fakedb::DriverCall& call) {
  ++counters_.driver_calls;
  const Observation obs = Observe();
  ForEachUntilFailure(checkers_, [&](Invariant& c) { c.OnDriverCallStart(call, obs); });
  CountReads(obs);
}

void Monitor::OnCallEnd(const model::fakedb::DriverCall& call) {
  ++counters_.driver_call_ends;
  const Observation obs = Observe();
  ForEachUntilFailure(checkers_, [&](Invariant& c) { c.OnDriverCallEnd(call, obs); });
  CountReads(obs);
}

void Monitor::AtEnd() {
  ++counters_.ends_checked;
  EndState end;
  end.live_goroutines = sim::LiveGoroutines();
  const Observation obs = Observe();
  ForEachUntilFailure(checkers_, [&](Invariant& c) { c.AtEnd(obs, end); });
  db_.reset();  // the DB dies inside the run, as it would without a Monitor
}

}  // namespace properties
