// Shows POOLCHECK_GOTEST_MUTATION fails loudly in model_tests, which links the shipped pool
// (where mutations compile to nothing, so the ported tests would silently pass): a run
// asked for a mutant is one gtest failure naming model_mutant_tests, and the body never
// runs. model_mutant_tests shows the knob working (gotest_mutation_env_mutant_test.cc).
#include <cstdlib>

#include "gtest/gtest-spi.h"
#include "gtest/gtest.h"
#include "sim/sweep.h"
#include "model/gotest/run_go_test.h"

namespace model::gotest {
namespace {

TEST(GoTestMutationEnv, FailsLoudlyOnTheShippedPool) {
  // Shows a mutation asked for on the shipped pool is exactly one failure that says which
  // binary to use, that the runner reports the refusal, and that the body never ran.
  ASSERT_EQ(setenv("POOLCHECK_GOTEST_MUTATION", "ignore-max-open", 1), 0);
  int runs = 0;
  GoTestRunSummary summary;
  EXPECT_NONFATAL_FAILURE(summary = RunGoTestQuietly([&runs](GoT&) { ++runs; }, {}),
                          "run model_mutant_tests instead");
  unsetenv("POOLCHECK_GOTEST_MUTATION");
  EXPECT_TRUE(summary.refused);
  EXPECT_EQ(summary.runs, 0u);
  EXPECT_EQ(runs, 0);
}

TEST(GoTestMutationEnv, NoneStillRunsOnTheShippedPool) {
  // Shows the check refuses only real mutations: "none" runs the grid as usual.
  ASSERT_EQ(setenv("POOLCHECK_GOTEST_MUTATION", "none", 1), 0);
  int runs = 0;
  GoTestOptions options;
  options.seeds = 1;
  GoTestRunSummary summary = RunGoTestQuietly([&runs](GoT&) { ++runs; }, options);
  unsetenv("POOLCHECK_GOTEST_MUTATION");
  EXPECT_FALSE(summary.refused);
  // One run per (version, default sweep strategy).
  const size_t grid = model::sql::AllPoolVersions().size() * sim::DefaultSweepStrategies().size();
  EXPECT_EQ(summary.runs, grid);
  EXPECT_EQ(runs, static_cast<int>(grid));
}

}  // namespace
}  // namespace model::gotest
