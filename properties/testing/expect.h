// Test support: the two assertions every invariant demonstration makes. The broken
// program must fail with the invariant's id (and, with only that invariant enabled, with
// nothing else); the same program on the real pool, with every invariant enabled, must
// pass in every run. Header-only.
#pragma once

#include <string>

#include "gtest/gtest.h"
#include "properties/testing/program.h"

namespace properties::testing {

inline constexpr uint64_t kRunsPerStrategy = 25;

// Runs `broken` with only `id` enabled and expects it to fail with `id` in at least
// `min_hits` runs (and no run to fail otherwise); returns the sweep for more checks.
inline Sweep ExpectCaught(Program broken, InvariantId id, uint64_t min_hits) {
  broken.monitor.enabled = InvariantSet::Only(id);
  const std::string name(InvariantName(id));
  Sweep sweep = RunSweep(broken, DefaultStrategies(), kRunsPerStrategy);
  EXPECT_GE(sweep.count(name), min_hits) << sweep.Summary();
  EXPECT_EQ(sweep.count(name), [&] {
    uint64_t all = 0;
    for (const auto& [fid, n] : sweep.failures) all += n;
    return all;
  }()) << "only " << name << " may fail: " << sweep.Summary();
  if (sweep.first_failure) {
    EXPECT_FALSE(sweep.first_failure->result.message.empty());
  }
  return sweep;
}

// Runs `real` with every invariant enabled and expects no run to fail.
inline void ExpectClean(Program real) {
  real.monitor.enabled = InvariantSet::All();
  const Sweep sweep = RunSweep(real, DefaultStrategies(), kRunsPerStrategy);
  EXPECT_TRUE(sweep.failures.empty()) << sweep.Summary();
  EXPECT_EQ(sweep.runs, kRunsPerStrategy * DefaultStrategies().size());
}

}  // namespace properties::testing
