// Generated workloads: a whole case (pool version, pool configuration, client workload,
// driver latency, fault plan, and the schedule strategy) drawn from one 64-bit seed with the
// project's own PRNG (sim/strategies/prng.h), so a seed means the same case on any machine.
// `poolcheck fuzz` runs these; tests and other tools call Generate directly. The choice
// tables below (GenTables) are the generator's vocabulary: every op kind of the workload
// language, every pool setting changed mid-run, DB.Close in flight, contexts cancelled or
// expiring, and a fault at every driver entry point (model/fakedb/call_kind.h).
// Its random draws come through DrawSource: `poolcheck fuzz` feeds it the seeded PRNG, the
// RapidCheck property (properties/testing/rc_draw_source.h) feeds it RapidCheck's picks, so
// both run this one generator and RapidCheck can still shrink what it draws.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "model/fakedb/call_kind.h"
#include "model/sql/mutation.h"
#include "model/sql/pool_version.h"
#include "scenarios/workload.h"
#include "sim/strategies/prng.h"

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
  // Called at most once or twice in most cases (Commit, Rollback, Ping, ...): drawn twice
  // as often, and its rule fires from the first call, so a planned fault mostly fires.
  bool rarely_called = false;
};

// The driver entry points a generated fault plan may hit, in a fixed order: Open/Connect,
// Prepare, Exec (conn and stmt), Query (conn and stmt), Rows.Next, Rows.Close, Stmt.Close,
// Begin, Commit, Rollback, ResetSession, the validator, Conn.Close, Ping.
std::span<const FaultTarget> FaultTargets();

// Where the generator's random draws come from. Each draw is a choice among the rows of
// a table listed most common (and simplest) first, so a source that shrinks a draw towards
// 0 (RapidCheck's) shrinks the workload towards the first rows.
class DrawSource {
 public:
  virtual ~DrawSource() = default;
  // A number in [0, bound), bound >= 1.
  virtual uint64_t Uniform(uint64_t bound) = 0;
  // True with probability percent/100.
  virtual bool Percent(int percent) = 0;
};

// The draws of `seed`, from the project's PRNG.
class SeededDrawSource final : public DrawSource {
 public:
  explicit SeededDrawSource(uint64_t seed);
  uint64_t Uniform(uint64_t bound) override;
  bool Percent(int percent) override;

 private:
  sim::Prng prng_;
};

// The case of `seed`: its workload (valid: ValidateWorkload is OK).
Workload Generate(uint64_t seed, const GenOptions& options);
// The workload of the draws `source` gives.
Workload Generate(DrawSource& source, const GenOptions& options);

// The strategy specs a case may run under: PCT of depth 1 (the simplest schedule), then
// the default sweep's (sim/sweep.h).
std::span<const std::string> ScheduleStrategies();

// The schedule strategy spec case `seed` runs under, one of ScheduleStrategies(), drawn
// independently of the workload; a quarter of the cases add clock advances (advance=0.1:
// time as an adversary).
std::string GenerateStrategy(uint64_t seed);

}  // namespace scenarios
