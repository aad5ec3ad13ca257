// The workload interpreter: turns a Workload (plain data) into the main goroutine of a
// simulated run. Main opens a DB on the given fake driver with the workload's pool config,
// lets the caller attach its checkers, applies the pool settings, starts one goroutine per
// client, waits for them all and closes the DB. Every top-level client op is recorded in
// the ClientLog with the first error it saw, which the end-of-run invariants judge.
#pragma once

#include <functional>
#include <memory>

#include "model/fakedb/fake_driver.h"
#include "model/sql/db.h"
#include "properties/client_log.h"
#include "scenarios/workload.h"

namespace scenarios {

// What a run of the interpreter works with. Everything must outlive the run.
struct WorkloadEnv {
  std::shared_ptr<model::fakedb::FakeDriver> driver;  // built from workload.driver
  properties::ClientLog* log = nullptr;                // receives one entry per client op
  // Called in main right after OpenDB, before any setting is applied or client started
  // (the place to attach invariant monitors). May be empty.
  std::function<void(const std::shared_ptr<model::sql::DB>&)> on_open;
};

// The `main` of a simulated run executing `workload`, which must outlive the run.
std::function<void()> WorkloadMain(const Workload& workload, WorkloadEnv env);

// Runs one op (a top-level op or one nested in a Tx or Conn) against the DB from the
// running goroutine, under its own context derived from `parent`; returns the first error
// it saw. For tests of single ops and for the interpreter itself.
absl::Status RunDbOp(model::sql::DB& db, const sim::Context& parent, const Op& op);

}  // namespace scenarios
