// Test support: short ways to name an exploration target and its options, and the check
// that a failure's token replays to it, shared by the scenario and explore test files.
// Header-only, so it is not part of the library.
#pragma once

#include <string>
#include <utility>

#include "explore/runner.h"
#include "gtest/gtest.h"

namespace explore::testing {

inline Target MakeTarget(const std::string& scenario, model::sql::PoolVersion pool,
                         model::sql::Mutation mutation = model::sql::Mutation::kNone,
                         scenarios::Params params = {}) {
  Target t;
  t.scenario = scenario;
  t.pool = pool;
  t.mutation = mutation;
  t.params = std::move(params);
  return t;
}

// A scenario on the fixed pool (sync-reset) as the "passes on the fixed pool" checks run
// it: looking past its two known upstream bugs (explore/known_bugs_explore_test.cc keeps
// both found), and with the per-Exec deadline bad_conn_on_reuse needs for that (without one, the last-retry bug hangs the
// caller for good, which a deadlock report shows).
inline Target CleanOnFixedPool(const std::string& scenario) {
  Target t = MakeTarget(scenario, model::sql::PoolVersion::kSyncReset);
  t.allow = properties::KnownBugAllowances::AllKnownBugs();
  if (scenario == "bad_conn_on_reuse") t.params["timeout_ms"] = "100";
  return t;
}

inline ExploreOptions Options(const std::string& strategy, uint64_t runs, uint64_t seed = 1,
                              uint32_t jobs = 1) {
  ExploreOptions o;
  o.strategy = strategy;
  o.runs = runs;
  o.seed = seed;
  o.jobs = jobs;
  return o;
}

// Replays a failure's token and expects the same failure.
inline void ExpectReplayReproduces(const RunReport& failure) {
  absl::StatusOr<RunReport> replay = Replay(failure.token, false);
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_EQ(replay->result.failure.Name(), failure.result.failure.Name()) << replay->result.message;
  EXPECT_EQ(replay->result.fingerprint, failure.result.fingerprint);
}

}  // namespace explore::testing
