// Long explorations (label "long", run with `ctest -L long`): the fixed pool (seed) passes
// the #31480 workload for 10,000 PCT and 10,000 random runs, and every other scenario
// passes 10,000 runs of each strategy. Runs go to two worker processes; the results are
// the same as in one process (explore_test shows that).
#include <chrono>
#include <cstdio>

#include "gtest/gtest.h"
#include "scenarios/runner.h"

namespace scenarios {
namespace {

constexpr uint64_t kLongRuns = 10'000;

void ExpectPasses(const std::string& scenario, const std::string& strategy, Params params = {}) {
  Target target;
  target.scenario = scenario;
  target.pool = model::sql::PoolVersion::kSeed;
  target.params = std::move(params);
  ExploreOptions options;
  options.strategy = strategy;
  options.runs = kLongRuns;
  options.seed = 2019;
  options.jobs = 2;
  const auto start = std::chrono::steady_clock::now();
  absl::StatusOr<ExploreSummary> s = Explore(target, options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->runs_done, kLongRuns) << scenario << " " << strategy;
  EXPECT_FALSE(s->first_failure.has_value())
      << scenario << " " << strategy << " run " << s->first_failure->run_index << ": "
      << s->first_failure->result.failure_id << " " << s->first_failure->result.message;
  std::printf("[long] %s on seed, %s: %lu runs in %.1fs (%.0f runs/s, 2 processes), %lu distinct\n",
              scenario.c_str(), strategy.c_str(), s->runs_done, seconds, s->runs_done / seconds,
              s->distinct_interleavings);
}

TEST(Issue31480Long, FixedPoolTenThousandPctRuns) {
  // Shows seed passes the reporter's workload for 10,000 PCT runs.
  ExpectPasses("issue31480", "pct");
}

TEST(Issue31480Long, FixedPoolTenThousandRandomRuns) {
  // Shows seed passes the reporter's workload for 10,000 random-walk runs.
  ExpectPasses("issue31480", "random");
}

TEST(ScenarioLong, EveryOtherScenarioPassesTenThousandRunsOnSeed) {
  // Shows each scenario other than issue31480 passes 10,000 random and 10,000 PCT runs on
  // the fixed pool.
  for (const Scenario& s : AllScenarios()) {
    if (s.name == "issue31480") continue;
    for (const char* strategy : {"random", "pct"}) ExpectPasses(s.name, strategy);
  }
}

}  // namespace
}  // namespace scenarios
