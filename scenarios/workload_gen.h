// Generated workloads: a whole case (pool version, pool configuration, client workload,
// driver latency, fault plan, and the schedule strategy) drawn from one 64-bit seed with the
// project's own PRNG (sim/strategies/prng.h), so a seed means the same case on any machine.
// `poolcheck fuzz` runs these; tests and other tools call Generate directly. The choice
// tables below (GenTables) are the generator's vocabulary: every op kind of the workload
// language, every pool setting changed mid-run, DB.Close in flight, contexts cancelled or
// expiring, and a fault at every driver entry point (model/fakedb/call_kind.h).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "model/fakedb/call_kind.h"
#include "model/sql/mutation.h"
#include "model/sql/pool_version.h"
#include "scenarios/workload.h"

namespace scenarios {

struct GenOptions {
  // The pool versions a case may run on; empty: every row of the version table.
  std::vector<model::sql::PoolVersion> versions;
  // The pool every case runs on: the real one, or a mutant (mutant builds only).
  model::sql::Mutation mutation = model::sql::Mutation::kNone;
  // Every op that may wait for a conn runs under a deadline (50ms if it drew none), so a
  // waiter the pool never serves (a known bug's hang) ends with an error, not a deadlock.
  bool deadline_every_op = true;
};

// One driver entry point the generator faults: the call kinds a rule on it matches.
struct FaultTarget {
  const char* name;                   // "Exec", "validator", ... (the reach histogram's)
  model::fakedb::CallKindSet calls;
};

// The driver entry points a generated fault plan may hit, in a fixed order: Open/Connect,
// Prepare, Exec (conn and stmt), Query (conn and stmt), Rows.Next, Rows.Close, Stmt.Close,
// Begin, Commit, Rollback, ResetSession, the validator, Conn.Close, Ping.
std::span<const FaultTarget> FaultTargets();

// The case of `seed`: its workload (valid: ValidateWorkload is OK).
Workload Generate(uint64_t seed, const GenOptions& options);

// The schedule strategy spec case `seed` runs under: one of the default sweep's
// (sim/sweep.h) or PCT of depth 1, drawn independently of the workload; a quarter of the
// cases add clock advances (advance=0.1: time as an adversary).
std::string GenerateStrategy(uint64_t seed);

}  // namespace scenarios
