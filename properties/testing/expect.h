// Test support: the two assertions every invariant demonstration makes, over the default
// sweep (sim/sweep.h) through the one run path (explore::RunTarget). The broken workload
// must fail with the invariant's id (and, with only that invariant checked, with nothing
// else); the same workload on the real pool, with every invariant checked, must pass in
// every run. A failure message ends with the first failing run's replay token and the
// `poolcheck replay` command for it. Header-only.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "explore/sweep.h"
#include "explore/workload_target.h"
#include "gtest/gtest.h"
#include "properties/invariant.h"
#include "scenarios/ops.h"
#include "scenarios/workload.h"

namespace properties::testing {

inline constexpr uint64_t kRunsPerStrategy = 25;

// The default sweep with kRunsPerStrategy runs per strategy.
inline sim::SweepPlan DemoPlan() {
  sim::SweepPlan plan;
  plan.runs_per_strategy = kRunsPerStrategy;
  return plan;
}

// Runs `runs_per_strategy` runs of `target` under each of `strategies` (specs, e.g. with
// clock advances); a target that cannot run is a test failure.
inline explore::SweepSummary SweepUnder(const explore::Target& target,
                                        std::vector<std::string> strategies,
                                        uint64_t runs_per_strategy) {
  sim::SweepPlan plan;
  plan.strategies = std::move(strategies);
  plan.runs_per_strategy = runs_per_strategy;
  absl::StatusOr<explore::SweepSummary> sweep = explore::SweepTarget(target, plan);
  EXPECT_TRUE(sweep.ok()) << sweep.status();
  return sweep.ok() ? *std::move(sweep) : explore::SweepSummary{};
}

// Runs every run of DemoPlan() on `target`; a target that cannot run is a test failure.
inline explore::SweepSummary SweepOf(const explore::Target& target) {
  absl::StatusOr<explore::SweepSummary> sweep = explore::SweepTarget(target, DemoPlan());
  EXPECT_TRUE(sweep.ok()) << sweep.status();
  return sweep.ok() ? *std::move(sweep) : explore::SweepSummary{};
}

// Runs `broken` with only `id` checked and expects it to fail with `id` in at least
// `min_hits` runs (and no run to fail otherwise); returns the sweep for more checks.
inline explore::SweepSummary ExpectCaught(scenarios::Workload broken, InvariantId id,
                                          uint64_t min_hits, KnownBugAllowances allow = {}) {
  const std::string name(InvariantName(id));
  explore::SweepSummary sweep =
      SweepOf(explore::WorkloadTarget(std::move(broken), InvariantSet::Only(id), allow));
  EXPECT_GE(sweep.count(name), min_hits) << sweep.Summary();
  EXPECT_EQ(sweep.count(name), sweep.failed_runs())
      << "only " << name << " may fail: " << sweep.Summary();
  if (sweep.first_failure) EXPECT_FALSE(sweep.first_failure->result.message.empty());
  return sweep;
}

// Runs `real` with every invariant checked (looking past `allow`) and expects no run to
// fail.
inline void ExpectClean(scenarios::Workload real, KnownBugAllowances allow = {}) {
  const explore::SweepSummary sweep =
      SweepOf(explore::WorkloadTarget(std::move(real), InvariantSet::All(), allow));
  EXPECT_TRUE(sweep.failures.empty()) << sweep.Summary();
  EXPECT_EQ(sweep.runs, kRunsPerStrategy * DemoPlan().strategies.size());
}

// `n` clients that each run `ops`.
inline std::vector<scenarios::Client> Clients(int n, const std::vector<scenarios::Op>& ops) {
  return std::vector<scenarios::Client>(n, scenarios::Client{sim::Duration::Zero(), ops});
}

}  // namespace properties::testing
