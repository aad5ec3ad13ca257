// The named scenarios against the shipped pool: each passes on the fixed pool (sync-reset) under
// random and PCT exploration, and the one real upstream bug the scenarios find on both
// versions (golang/go#34775) is found and replayed from its token. That each scenario also
// catches a deliberately broken pool is in scenario_checks_mutant_test.cc (mutant build).
#include <string>

#include "gtest/gtest.h"
#include "explore/runner.h"
#include "explore/target.h"
#include "explore/testing/targets.h"

namespace scenarios {
namespace {
namespace testing = ::explore::testing;
using ::explore::Explore;
using ::explore::ExploreSummary;

using model::sql::Mutation;
using model::sql::PoolVersion;

// Runs per strategy in the default suite; the long test runs 10,000.
constexpr uint64_t kPassRuns = 300;
// Runs an exploration may take to find a bug.
constexpr uint64_t kFindRuns = 200;

using testing::ExpectReplayReproduces;
using testing::MakeTarget;
using testing::Options;

TEST(ScenarioChecks, EveryScenarioPassesOnTheFixedPool) {
  // Shows each scenario other than issue31480 (which has its own tests) runs kPassRuns
  // random and kPassRuns PCT explorations on sync-reset with every invariant holding, looking
  // past the two known upstream bugs of the fixed pool (see testing::CleanOnFixedPool).
  for (const Scenario& s : AllScenarios()) {
    if (s.name == "issue31480") continue;
    for (const char* strategy : {"random", "pct"}) {
      absl::StatusOr<ExploreSummary> summary =
          Explore(testing::CleanOnFixedPool(s.name), Options(strategy, kPassRuns, 11));
      ASSERT_TRUE(summary.ok()) << s.name << ": " << summary.status();
      EXPECT_EQ(summary->runs_done, kPassRuns) << s.name << " " << strategy;
      EXPECT_FALSE(summary->first_failure.has_value())
          << s.name << " " << strategy << ": " << summary->first_failure->result.failure.Name()
          << " " << summary->first_failure->result.message;
      EXPECT_GT(summary->distinct_interleavings, 1u) << s.name << " " << strategy;
    }
  }
}

TEST(ScenarioChecks, RowsInACancelledTxReachTheDriverAfterRollback) {
  // Shows a real upstream bug both modelled versions share (golang/go#34775, fixed in Go
  // after them): with a Query inside each cancelled tx (tx_cancel tx_ops=2), Tx.awaitDone's
  // Rollback does not wait for the tx's open Rows, so Rows.Next reaches the driver after
  // the Rollback (I11). Found on every pool version without Go 1.19's fix
  // (tx_quiesces_before_end), and replayed from its token; go1.19 passes the same runs.
  for (PoolVersion pool : model::sql::AllPoolVersions()) {
    absl::StatusOr<ExploreSummary> summary =
        Explore(MakeTarget("tx_cancel", pool, Mutation::kNone, {{"tx_ops", "2"}}),
                Options("pct", kFindRuns, 2));
    ASSERT_TRUE(summary.ok()) << summary.status();
    if (model::sql::FeaturesOf(pool).tx_quiesces_before_end) {
      EXPECT_FALSE(summary->first_failure.has_value()) << model::sql::PoolVersionName(pool);
      continue;
    }
    ASSERT_TRUE(summary->first_failure.has_value()) << model::sql::PoolVersionName(pool);
    const sim::RunResult& r = summary->first_failure->result;
    EXPECT_EQ(r.failure.Name(), "I11") << r.message;
    EXPECT_NE(r.message.find("Rows.Next after"), std::string::npos) << r.message;
    ExpectReplayReproduces(*summary->first_failure);
  }
}

}  // namespace
}  // namespace scenarios
